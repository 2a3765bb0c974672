// Validates electron-builder.yml offline against electron-builder's own schema (it throws on
// unknown or mistyped properties) and checks that the security fuses are set as design.md §4 asks.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import yaml from 'js-yaml';

const require = createRequire(import.meta.url);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config');
const { DebugLogger } = require('builder-util/out/DebugLogger');

const config = yaml.load(readFileSync(new URL('../electron-builder.yml', import.meta.url), 'utf8'));
await validateConfiguration(config, new DebugLogger(false));

const required = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
};
const wrong = Object.entries(required).filter(([fuse, value]) => config.electronFuses?.[fuse] !== value);
if (config.asar !== true) wrong.push(['asar', true]);
if (wrong.length) {
  console.error(`electron-builder.yml: required settings missing or wrong: ${wrong.map(([k, v]) => `${k}=${v}`).join(', ')}`);
  process.exit(1);
}
console.log('electron-builder.yml: valid against the schema; fuses and asar integrity set');

// Runs @doyensec/electronegativity through its API (its CLI always exits 0) over the shell and
// preload sources, and fails on any HIGH or MEDIUM finding that is not a "review required" note.
import { cpSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const electronegativity = require('@doyensec/electronegativity');
const run = electronegativity.default ?? electronegativity;
const electronVersion = require('electron/package.json').version;

// What the app runs: the main-process sources and the renderer's HTML (which carries the CSP).
const input = mkdtempSync(join(tmpdir(), 'custodia-electronegativity-'));
cpSync(fileURLToPath(new URL('../main', import.meta.url)), join(input, 'main'), { recursive: true });
cpSync(fileURLToPath(new URL('../renderer/index.html', import.meta.url)), join(input, 'index.html'));
cpSync(fileURLToPath(new URL('../package.json', import.meta.url)), join(input, 'package.json'));

const result = await run(
  {
    input,
    electronVersionOverride: electronVersion,
    // Needs the network (it fetches Electron's release list); our version is pinned in package.json.
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
  },
  false,
);

const issues = result?.issues ?? [];
const blocking = issues.filter((i) => ['HIGH', 'MEDIUM'].includes(i.severity?.name ?? i.severity) && !i.manualReview);
for (const i of issues) {
  const where = i.file ? `${i.file}:${i.location?.line ?? '?'}` : 'global';
  console.log(`${(i.severity?.name ?? i.severity).padEnd(13)} ${i.id.padEnd(36)} ${i.manualReview ? 'review' : 'finding'}  ${where}`);
}
console.log(`electronegativity ${electronVersion}: ${issues.length} notes, ${blocking.length} blocking (HIGH/MEDIUM)`);
process.exit(blocking.length ? 1 : 0);

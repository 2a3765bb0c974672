// `npm start`: build, make sure Electron's binary is present (electron's own install.js fetches
// it on a connected machine), build better-sqlite3 for Electron's ABI into .electron-native/
// (node_modules stays built for Node, which `npm test` uses), then launch the desktop app.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
export const NATIVE_DIR = join(root, '.electron-native');
const binding = join(NATIVE_DIR, 'better_sqlite3.node');
const stamp = join(NATIVE_DIR, 'electron-version.txt');

/** What has to happen before launch, given what is on disk (see currentState). */
export function plan({ electronPresent, nativeStamp, expectedStamp }) {
  const steps = ['build'];
  if (!electronPresent) steps.push('fetch-electron');
  if (nativeStamp !== expectedStamp) steps.push('build-sqlite-for-electron');
  steps.push('launch');
  return steps;
}

export function currentState() {
  const nativeStamp = existsSync(binding) && existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : null;
  return { electronPresent: existsSync(join(electronDir, 'path.txt')), nativeStamp, expectedStamp: `${electronVersion} ${process.arch}` };
}

const run = (command, args, cwd = root) => execFileSync(command, args, { cwd, stdio: 'inherit' });

function buildSqliteForElectron() {
  const work = join(NATIVE_DIR, 'better-sqlite3');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(NATIVE_DIR, { recursive: true });
  const source = dirname(require.resolve('better-sqlite3/package.json'));
  cpSync(source, work, { recursive: true, filter: (path) => !path.startsWith(join(source, 'build')) });
  const target = [`--runtime=electron`, `--target=${electronVersion}`, `--arch=${process.arch}`];
  try {
    run(process.execPath, [require.resolve('prebuild-install/bin.js'), ...target], work);
  } catch {
    run('npx', ['--yes', 'node-gyp', 'rebuild', '--release', ...target, '--dist-url=https://electronjs.org/headers'], work);
  }
  cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), binding);
  writeFileSync(stamp, `${currentState().expectedStamp}\n`);
}

async function main() {
  const steps = plan(currentState());
  if (process.argv.includes('--plan')) {
    console.log(JSON.stringify(steps));
    return;
  }
  for (const step of steps) {
    if (step === 'build') run('npm', ['run', 'build']);
    if (step === 'fetch-electron') run(process.execPath, [join(electronDir, 'install.js')], electronDir);
    if (step === 'build-sqlite-for-electron') buildSqliteForElectron();
  }
  const electronBinary = require('electron');
  const child = spawn(electronBinary, [root], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();

// `npm start`: make sure Electron's binary is present (electron's own install.js fetches it on a
// connected machine), build better-sqlite3 for Electron's ABI into .electron-native/ (node_modules
// stays built for Node, which `npm test` uses), build the app, then launch it. What needs the
// network comes first: a machine that cannot fetch Electron is told so in a second, in one
// paragraph, not after a one-minute build and a stack trace.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
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

/** A failure already explained to the person: its message is printed as is, without a stack. */
class StartFailure extends Error {}

/** What has to happen before launch, given what is on disk (see currentState): downloads first. */
export function plan({ electronPresent, nativeStamp, expectedStamp }) {
  const steps = [];
  if (!electronPresent) steps.push('fetch-electron');
  if (nativeStamp !== expectedStamp) steps.push('build-sqlite-for-electron');
  steps.push('build', 'launch');
  return steps;
}

/**
 * Where Electron's binary is, or would be: electron's path.txt names it inside its dist/ folder,
 * and ELECTRON_OVERRIDE_DIST_PATH replaces that folder, as in electron's own index.js.
 */
function electronExecutable() {
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
  return relative ? join(electronDir, 'dist', relative) : null;
}

export function currentState() {
  const executable = electronExecutable();
  const nativeStamp = existsSync(binding) && existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : null;
  return { electronPresent: executable !== null && existsSync(executable), nativeStamp, expectedStamp: `${electronVersion} ${process.arch}` };
}

const run = (command, args, cwd = root) => execFileSync(command, args, { cwd, stdio: 'inherit' });

/** Words wrapped at `width` columns (never inside `backticks`): one paragraph on any terminal. */
const wrap = (text, width = 100) =>
  text
    .match(/(?:`[^`]*`|\S)+/g)
    .reduce((lines, word) => {
      const last = lines[lines.length - 1];
      if (last && `${last} ${word}`.length <= width) lines[lines.length - 1] = `${last} ${word}`;
      else lines.push(word);
      return lines;
    }, [])
    .join('\n');

/** The paragraph a person reads when the binary is missing and could not be downloaded. */
export function electronMissingMessage(cause) {
  const target = `Electron ${electronVersion} for ${process.platform}-${process.arch}`;
  return wrap(
    `Custodia cannot start: the Electron binary (${target}), which runs the desktop app, is not in ` +
      `node_modules/electron/dist/ and could not be downloaded${cause ? ` (${cause})` : ''}. ` +
      '`npm install` does not fetch it on these machines (package.json sets "allowScripts": {"electron": false}); ' +
      '`npm start` tries, from GitHub or from ELECTRON_MIRROR when it is set. To get it: run `npm start` once on a ' +
      'machine with internet access; or set ELECTRON_MIRROR to a reachable mirror of Electron releases (an internal ' +
      'one, for example) and run `npm start` again; or copy node_modules/electron/dist/ and node_modules/electron/path.txt ' +
      `in from a machine where \`npm start\` works (same Electron version, operating system and architecture). ` +
      'Without Electron, `npm test` still runs every test (unit, component, and end-to-end in Chromium), and ' +
      '`npm run demo` shows the app in Chromium on a throwaway sample vault.',
  );
}

/** Runs electron's install.js, keeping its stack trace off the terminal; explains a failure in one paragraph. */
function fetchElectron() {
  const from = process.env.npm_config_electron_mirror || process.env.ELECTRON_MIRROR || 'GitHub';
  console.log(`Fetching the Electron ${electronVersion} binary from ${from}…`);
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  const executable = electronExecutable();
  if (result.status === 0 && executable && existsSync(executable)) return;
  // The error's first line (e.g. "TypeError: fetch failed"), never its stack.
  const cause = `${result.stderr ?? ''}\n${result.error?.message ?? ''}`
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line && !line.startsWith('at '));
  throw new StartFailure(electronMissingMessage(cause));
}

function buildSqliteForElectron() {
  const work = join(NATIVE_DIR, 'better-sqlite3');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(NATIVE_DIR, { recursive: true });
  const source = dirname(require.resolve('better-sqlite3/package.json'));
  cpSync(source, work, { recursive: true, filter: (path) => !path.startsWith(join(source, 'build')) });
  const target = [`--runtime=electron`, `--target=${electronVersion}`, `--arch=${process.arch}`];
  try {
    try {
      run(process.execPath, [require.resolve('prebuild-install/bin.js'), ...target], work);
    } catch {
      run('npx', ['--yes', 'node-gyp', 'rebuild', '--release', ...target, '--dist-url=https://electronjs.org/headers'], work);
    }
  } catch {
    throw new StartFailure(
      wrap(
        `Custodia cannot start: better-sqlite3 could not be built for Electron ${electronVersion} (a prebuilt binary or ` +
          "Electron's headers are downloaded for it). Run `npm start` once on a machine with internet access, or copy " +
          '.electron-native/ in from one (same Electron version, operating system and architecture). `npm test` does not need it.',
      ),
    );
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
    if (step === 'fetch-electron') fetchElectron();
    if (step === 'build-sqlite-for-electron') buildSqliteForElectron();
    if (step === 'build') run('npm', ['run', 'build']);
  }
  const child = spawn(electronExecutable(), [root], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await main();
  } catch (error) {
    // Whatever failed has said why above (a build's own output) or in the message: no stack trace.
    console.error(error instanceof StartFailure ? error.message : `npm start stopped: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

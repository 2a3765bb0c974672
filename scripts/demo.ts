// `npm run demo [-- FOLDER] [--headless]`: the real app where Electron cannot run. The production
// renderer (dist/renderer, built by `npm run build:renderer`) in Chromium, through the real
// preload and the real handler table (scripts/browser-shell, the bridge of the end-to-end tests),
// on a throwaway sample vault written through the real services in a fresh temporary folder,
// deleted on exit. Never on a real vault: a folder that holds one is refused, untouched.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { KeyholderRole } from '../shared/domain';
import { createServices, type Services } from '../main/services';
import { VAULT_FILE_NAME } from '../main/services/vault/vault-file';
import { buildDemoVault, DEMO, type DemoVault } from '../test/fixtures/demo-vault';
import { findChromium, openBrowserShell, type BrowserShell } from './browser-shell';
import { bundlePreload } from './browser-shell/bundle';

export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../dist/renderer', import.meta.url));

/** A reason not to start, said in one message; the process exits with status 2 and touches nothing. */
export class DemoRefusal extends Error {
  override readonly name = 'DemoRefusal';
}

/**
 * The demo's own folder: a fresh `custodia-demo-*` folder made with mkdtemp inside `parent` (the
 * system's temporary folder when none is given). A parent that holds a vault file is refused
 * before anything is written, so a demo never runs on, beside or over a real vault.
 */
export function demoFolder(parent?: string): string {
  assertNoVault(parent);
  return mkdtempSync(join(parent === undefined ? tmpdir() : resolve(parent), 'custodia-demo-'));
}

/** Reads, never writes: refuses a given folder that holds a vault file, or that is not a folder. */
export function assertNoVault(parent: string | undefined): void {
  if (parent === undefined) return;
  const folder = resolve(parent);
  if (existsSync(join(folder, VAULT_FILE_NAME))) {
    throw new DemoRefusal(
      `Refused: ${folder} holds a Custodia vault (${VAULT_FILE_NAME}). The demo never runs on a real vault's folder, and nothing in it was touched. ` +
        'Run `npm run demo` without a folder (it makes a temporary one), or give it an empty folder.',
    );
  }
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new DemoRefusal(`Refused: ${folder} is not a folder.`);
}

export interface DemoOptions {
  /** Where to make the demo's temporary folder; the system's temporary folder by default. */
  parent?: string;
  headless: boolean;
  /** The built renderer; dist/renderer by default. */
  rendererDir?: string;
}

export interface Demo {
  /** The demo's temporary folder (the sample vault and its last-seen records). */
  dir: string;
  vault: DemoVault;
  page: Page;
  shell: BrowserShell;
  /** Closes Chromium and the vault, then deletes the folder. Safe to call more than once. */
  close(): Promise<void>;
}

/** Builds the sample vault and opens the app on it, on its unlock screen. */
export async function startDemo(options: DemoOptions): Promise<Demo> {
  assertNoVault(options.parent);
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new DemoRefusal(`The built renderer is missing from ${rendererDir}: run \`npm run build:renderer\` (\`npm run demo\` does it first).`);
  }
  if (!findChromium()) throw new DemoRefusal('Chromium was not found: install it with `apt-get install -y chromium` (never `npx playwright install`).');
  const dir = demoFolder(options.parent);
  let services: Services | undefined;
  let shell: BrowserShell | undefined;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      try {
        await shell?.close();
        await services?.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    })());
  try {
    const vault = await buildDemoVault(dir);
    services = await createServices({ dataDir: dir });
    shell = await openBrowserShell({
      services,
      rendererDir,
      preload: await bundlePreload(),
      headless: options.headless,
      demo: true,
      viewport: options.headless ? { width: 1200, height: 900 } : null,
      handleSignals: false,
    });
    await shell.page.goto(shell.url);
    return { dir, vault, page: shell.page, shell, close };
  } catch (error) {
    await close();
    throw error;
  }
}

const ROLE_LABELS: Record<KeyholderRole, string> = {
  administrator: 'Administrador de Cuentas',
  head: 'Jefe de la Oficina',
  backup_administrator: 'Administrador de respaldo',
};

/** What the terminal shows once the demo is up: where it runs, and every keyholder's passphrase. */
export function describeDemo(demo: Pick<Demo, 'dir' | 'vault'>, headless: boolean): string {
  const { vault } = demo;
  const pad = (text: string, width: number) => text.padEnd(width);
  const nameWidth = Math.max(...vault.keyholders.map((k) => k.name.length)) + 2;
  return [
    'Custodia demo: a sample vault in a temporary folder, shown in Chromium without the desktop shell’s protections.',
    'Never type real credentials into it.',
    `  folder (deleted on exit): ${demo.dir}`,
    `  institution: ${DEMO.institution}`,
    `  ${vault.accounts} accounts on ${vault.platforms} platforms, ${vault.people} people, ${vault.pendingRequests} requests waiting for the head’s co-signature`,
    '',
    'Keyholders of this sample vault (pick one on the unlock screen and type their passphrase):',
    ...vault.keyholders.map((k) => `  ${pad(ROLE_LABELS[k.role], 27)}${pad(k.name, nameWidth)}${k.passphrase}`),
    'The head’s passphrase also authorizes the pending requests in the co-sign dialog.',
    '',
    headless
      ? 'Chromium runs headless (no display, or --headless): there is no window to look at.'
      : 'Chromium opens a window on this display; closing it ends the demo.',
    'Demo ready. Ctrl+C ends it and deletes the folder.',
  ].join('\n');
}

const USAGE = `Usage: npm run demo [-- [FOLDER] [--headless]]
  FOLDER       where to make the demo's temporary folder (default: the system's temporary folder;
               CUSTODIA_DATA_DIR is used when set). A folder that holds a vault is refused.
  --headless   no window (also CUSTODIA_DEMO_HEADLESS=1; the default where there is no display)`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const unknown = args.filter((a) => a.startsWith('-') && a !== '--headless');
  const folders = args.filter((a) => !a.startsWith('-'));
  if (unknown.length > 0 || folders.length > 1) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const parent = folders[0] ?? (process.env.CUSTODIA_DATA_DIR || undefined);
  const hasDisplay = !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const headless = args.includes('--headless') || process.env.CUSTODIA_DEMO_HEADLESS === '1' || !hasDisplay;
  const rendererDir = process.env.CUSTODIA_DEMO_RENDERER_DIR || DEFAULT_RENDERER_DIR;

  // Signals are caught from the start, so that a Ctrl+C at any moment still closes the vault and
  // deletes the folder (during the build, once the demo is up).
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => stop());

  let demo: Demo;
  try {
    assertNoVault(parent);
    console.log('Custodia demo: building a sample vault (Argon2id for each keyholder: a few seconds)…');
    demo = await startDemo({ parent, headless, rendererDir });
  } catch (error) {
    if (!(error instanceof DemoRefusal)) throw error;
    console.error(error.message);
    process.exit(2);
  }
  // A last resort if the process ends some other way: the folder goes with it.
  process.on('exit', () => rmSync(demo.dir, { recursive: true, force: true }));
  demo.shell.browser.once('disconnected', () => stop());
  demo.page.once('close', () => stop());
  console.log(describeDemo(demo, headless));

  await stopped;
  await demo.close();
  console.log('Demo ended; its folder was deleted.');
  process.exit(0);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(`Custodia demo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

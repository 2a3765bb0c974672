import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appEs } from '../../renderer/src/app/strings.es';
import { DEMO } from '../fixtures/demo-vault';
import { goldenVault, removeDir, tempDir } from '../fixtures/vault';
import { describeDemo, DemoRefusal, startDemo, type Demo } from '../../scripts/demo';
import { RENDERER_DIR } from './global-setup';
import { SCREENSHOTS } from './harness';

/**
 * `npm run demo`, as the e2e suite runs the app: real Chromium (headless), real SQLite, real
 * libsodium, the real preload and handler table. In process for the screens; as a child process
 * (`node --import tsx scripts/demo.ts`, what `npm run demo` runs after building the renderer) for
 * what the terminal shows, Ctrl+C, and refusing a real vault's folder.
 */
const script = fileURLToPath(new URL('../../scripts/demo.ts', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

/** The keyholders' lines the terminal prints: role label, name, passphrase. */
function printedKeyholders(output: string): Map<string, { name: string; passphrase: string }> {
  const lines = [...output.matchAll(/^ {2}(Administrador de Cuentas|Jefe de la Oficina|Administrador de respaldo) +(.+?) {2,}(\S+)$/gm)];
  return new Map(lines.map((m) => [m[1]!, { name: m[2]!, passphrase: m[3]! }]));
}

function runDemo(args: string[], env: NodeJS.ProcessEnv = {}, onStdout?: (text: string, child: ReturnType<typeof spawn>) => void) {
  const base = { ...process.env };
  for (const key of ['CUSTODIA_DATA_DIR', 'CUSTODIA_DEMO_HEADLESS', 'DISPLAY', 'WAYLAND_DISPLAY']) delete base[key];
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    env: { ...base, CUSTODIA_DEMO_RENDERER_DIR: RENDERER_DIR, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    onStdout?.(stdout, child);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run demo: the sample vault in Chromium', () => {
  let demo: Demo;
  let printed: string;
  beforeAll(async () => {
    demo = await startDemo({ headless: true, rendererDir: RENDERER_DIR });
    printed = describeDemo(demo, true);
  });
  afterAll(() => demo?.close());

  it('runs on a fresh temporary folder holding only the sample vault', () => {
    expect(dirname(demo.dir)).toBe(tmpdir());
    expect(basename(demo.dir)).toMatch(/^custodia-demo-/);
    expect(existsSync(join(demo.dir, 'vault.sqlite'))).toBe(true);
    expect(demo.vault.accounts).toBeGreaterThanOrEqual(8);
    expect(demo.vault.platforms).toBeGreaterThanOrEqual(6);
    expect(demo.vault.people).toBeGreaterThanOrEqual(3);
    expect(demo.vault.pendingRequests).toBe(2);
  });

  it('prints each keyholder’s role, name and passphrase', () => {
    const keyholders = printedKeyholders(printed);
    expect([...keyholders.keys()]).toEqual(['Administrador de Cuentas', 'Jefe de la Oficina', 'Administrador de respaldo']);
    for (const k of demo.vault.keyholders) {
      expect(printed).toContain(k.passphrase);
      expect(k.passphrase.length).toBeGreaterThanOrEqual(12);
    }
    expect(keyholders.get('Jefe de la Oficina')!.name).toBe(DEMO.keyholders.find((k) => k.role === 'head')!.name);
    expect(printed).toContain(demo.dir);
  });

  it('shows the unlock screen in Spanish with the demonstration banner, marked read-only by the bridge', async () => {
    const { page } = demo;
    await page.getByRole('heading', { name: 'Desbloquear la bóveda' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    await expect.poll(() => page.getByRole('note').textContent()).toBe(appEs.demo.banner);
    expect(await page.getByRole('radio').count()).toBe(3);
    const flag = await page.evaluate(() => {
      try {
        (window as unknown as { custodiaDemo: boolean }).custodiaDemo = false;
      } catch {
        // strict mode in some contexts: the assignment throws instead of being ignored
      }
      return window.custodiaDemo;
    });
    expect(flag).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}demo-01-desbloqueo.png`, fullPage: true });
  });

  it('unlocking with the head’s printed passphrase reaches the home screen, with the pending requests and the banner', async () => {
    const { page } = demo;
    await page.getByRole('radio', { name: /Jefe de la Oficina/ }).check();
    await page.getByLabel('Frase de acceso').fill(printedKeyholders(printed).get('Jefe de la Oficina')!.passphrase);
    await page.getByRole('button', { name: 'Desbloquear' }).click();
    await page.getByRole('heading', { level: 1, name: DEMO.institution }).waitFor({ timeout: 30_000 });
    const pending = page.getByRole('region', { name: 'Solicitudes pendientes de autorización' });
    await expect.poll(() => pending.getByRole('button', { name: /^Autorizar… / }).count()).toBe(2);
    expect(await page.getByRole('note').textContent()).toBe(appEs.demo.banner);
    await page.screenshot({ path: `${SCREENSHOTS}demo-02-inicio.png`, fullPage: true });
  });

  it('deletes its folder when it ends', async () => {
    await demo.close();
    expect(existsSync(demo.dir)).toBe(false);
  });
});

describe('npm run demo on the command line', () => {
  it('prints the passphrases, and on Ctrl+C closes and deletes its folder', async () => {
    let interrupted = false;
    const { code, stdout, stderr } = await runDemo(['--headless'], {}, (text, child) => {
      if (!interrupted && text.includes('Demo ready.')) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    expect(interrupted).toBe(true);
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(printedKeyholders(stdout).size).toBe(3);
    const dir = /folder \(deleted on exit\): (.+)$/m.exec(stdout)![1]!;
    expect(basename(dir)).toMatch(/^custodia-demo-/);
    expect(stdout).toContain('Demo ended; its folder was deleted.');
    expect(existsSync(dir)).toBe(false);
  });
});

describe('npm run demo never runs on a real vault', () => {
  let vaultDir: string;
  let before: { entries: string[]; bytes: Buffer; mtimeMs: number };
  const snapshot = () => ({
    entries: readdirSync(vaultDir).sort(),
    bytes: readFileSync(join(vaultDir, 'vault.sqlite')),
    mtimeMs: statSync(join(vaultDir, 'vault.sqlite')).mtimeMs,
  });
  beforeAll(async () => {
    vaultDir = tempDir('custodia-real-vault-');
    copyFileSync(await goldenVault(false), join(vaultDir, 'vault.sqlite'));
    before = snapshot();
  });
  afterAll(() => removeDir(vaultDir));

  const refusal = () =>
    `Refused: ${vaultDir} holds a Custodia vault (vault.sqlite). The demo never runs on a real vault's folder, and nothing in it was touched. ` +
    'Run `npm run demo` without a folder (it makes a temporary one), or give it an empty folder.';

  it('refuses a folder holding a vault given as an argument, with a message and a non-zero exit, and leaves it untouched', async () => {
    const { code, stdout, stderr } = await runDemo(['--headless', vaultDir]);
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(refusal());
    expect(stdout).toBe('');
    expect(snapshot()).toEqual(before);
  });

  it("refuses it given in CUSTODIA_DATA_DIR (the app's own setting) the same way", async () => {
    const { code, stdout, stderr } = await runDemo(['--headless'], { CUSTODIA_DATA_DIR: vaultDir });
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(refusal());
    expect(stdout).toBe('');
    expect(snapshot()).toEqual(before);
  });

  it('refuses it in process too, before making anything', async () => {
    await expect(startDemo({ parent: vaultDir, headless: true, rendererDir: RENDERER_DIR })).rejects.toThrow(DemoRefusal);
    expect(snapshot()).toEqual(before);
  });
});

import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { createServices, type Services } from '../../main/services';
import type { BackupFilesPort } from '../../main/services/backup/backups';
import type { SavePathPort } from '../../main/services/handover/handovers';
import { openBrowserShell } from '../../scripts/browser-shell';
import { KNOWN, tempDir } from '../fixtures/vault';
import { PRELOAD_BUNDLE, RENDERER_DIR } from './global-setup';

export const SCREENSHOTS = fileURLToPath(new URL('../../test-artifacts/e2e/', import.meta.url));

export interface Harness {
  page: Page;
  services: Services;
  origin: string;
  cspViolations: string[];
  /** Every file the browser was served from the renderer's origin (page.on('response')): path, status, content type, bytes. */
  served: ServedFile[];
  screenshot(name: string): Promise<void>;
  checkAccessibility(screen: string): Promise<void>;
  /** From the lock screen: picks the keyholder by role, types the passphrase, waits for the home screen. */
  unlockAs(role: RegExp, passphrase: string): Promise<void>;
  /** From any unlocked screen: back home, then "Bloquear". */
  lock(): Promise<void>;
  close(): Promise<void>;
}

export interface ServedFile {
  path: string;
  status: number;
  contentType: string;
  bytes: number;
}

/**
 * The app's save dialog as a test answers it: every document goes to a temporary folder of the
 * test's own (`prefix`), and `saved` lists the paths in the order they were asked for.
 */
export function savedDocuments(prefix: string): { saved: string[]; savePath: SavePathPort } {
  const dir = tempDir(prefix);
  const saved: string[] = [];
  return {
    saved,
    savePath: async (name) => {
      const path = join(dir, name);
      saved.push(path);
      return path;
    },
  };
}

/**
 * One headless browser page wired to a fresh vault folder through the production handler table
 * (scripts/browser-shell, shared with `npm run demo`).
 */
export async function openHarness(
  options: { clock?: () => Date; savePath?: SavePathPort; backupFiles?: BackupFilesPort; dataDir?: string } = {},
): Promise<Harness> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const services = await createServices({
    dataDir: options.dataDir ?? tempDir('custodia-e2e-'),
    ...(options.clock ? { clock: options.clock } : {}),
    // The app's save dialog (the acta): a test answers with a path of its own.
    ...(options.savePath ? { savePath: options.savePath } : {}),
    // The app's backup dialogs (issue 18): a test answers with files of its own.
    ...(options.backupFiles ? { backupFiles: options.backupFiles } : {}),
  });
  const shell = await openBrowserShell({ services, rendererDir: RENDERER_DIR, preload: readFileSync(PRELOAD_BUNDLE, 'utf8'), headless: true });
  const { page, origin } = shell;
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  // Every violation the page sees, not only those Chromium prints (a caught `new Function` is reported but not printed).
  await page.addInitScript({
    content:
      "document.addEventListener('securitypolicyviolation', (e) => console.error('Content Security Policy violation: ' + e.violatedDirective + ' at ' + e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber));",
  });
  const served: ServedFile[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin !== origin) return;
    void response.body().then(
      (body) => served.push({ path: url.pathname, status: response.status(), contentType: response.headers()['content-type'] ?? '', bytes: body.length }),
      () => served.push({ path: url.pathname, status: response.status(), contentType: response.headers()['content-type'] ?? '', bytes: -1 }),
    );
  });
  await page.goto(shell.url);

  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return {
    page,
    services,
    origin,
    cspViolations,
    served,
    screenshot: async (name) => {
      await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
    },
    checkAccessibility: async (screen) => {
      // evaluate() runs outside the page's CSP, so axe needs no weakening of the policy.
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe.run();
        return result.violations.map((v) => ({ id: v.id, impact: v.impact }));
      });
      expect(
        violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
        screen,
      ).toEqual([]);
    },
    unlockAs: async (role, passphrase) => {
      await page.getByRole('heading', { name: 'Desbloquear la bóveda' }).waitFor();
      await page.getByRole('radio', { name: role }).check();
      await page.getByLabel('Frase de acceso').fill(passphrase);
      await page.getByRole('button', { name: 'Desbloquear' }).click();
      await page.getByRole('heading', { level: 1, name: new RegExp(KNOWN.institution) }).waitFor({ timeout: 30_000 });
    },
    lock: async () => {
      await page.getByRole('button', { name: 'Inicio' }).click();
      await page.getByRole('button', { name: 'Bloquear' }).click();
    },
    close: async () => {
      await shell.close();
      await services.close();
    },
  };
}

import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ElementHandle, Page } from 'playwright-core';
import { build as viteBuild } from 'vite';
import type { Services } from '../../main/services';
import { bundlePreload } from '../../scripts/browser-shell/bundle';
import { findChromium, openBrowserShell } from '../../scripts/browser-shell';
import { median } from './measure';

/**
 * list_keystroke (design.md §7): in Chromium, the production renderer bundle over the real
 * handler table (scripts/browser-shell, as the e2e tests), one character typed in the account
 * search, from the key's keydown in the page to the first frame painted after the list shows the
 * filtered result. The search box and the count are found by their roles and labels, not by file.
 */
const BUILD = fileURLToPath(new URL('../../test-artifacts/bench-build/', import.meta.url));

export interface KeystrokeResult {
  runs: number[];
  firstPaintMs: number;
}

declare global {
  interface Window {
    __benchKeystroke?: Promise<number>;
  }
}

export async function listKeystroke(
  services: Services,
  unlock: { role: RegExp; passphrase: string },
  log: (text: string) => void,
): Promise<KeystrokeResult | null> {
  if (!findChromium()) {
    log('list_keystroke skipped: no Chromium (apt-get install -y chromium)');
    return null;
  }
  const started = performance.now();
  await viteBuild({
    configFile: fileURLToPath(new URL('../../renderer/vite.config.ts', import.meta.url)),
    build: { outDir: `${BUILD}renderer`, emptyOutDir: true },
    logLevel: 'error',
  });
  mkdirSync(BUILD, { recursive: true });
  const preload = await bundlePreload();
  log(`renderer built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const shell = await openBrowserShell({ services, rendererDir: `${BUILD}renderer`, preload, headless: true, handleSignals: false });
  try {
    const { page } = shell;
    await page.goto(shell.url);
    // The vault is unlocked in main already when the window opens after unlock; else unlock as a person would.
    const passphrase = page.getByLabel('Frase de acceso');
    const nav = page
      .getByRole('link', { name: /^cuentas$/i })
      .or(page.getByRole('button', { name: /^cuentas$/i }))
      .first();
    await passphrase.or(nav).first().waitFor({ timeout: 60_000 });
    if (await passphrase.isVisible()) {
      await page.getByRole('radio', { name: unlock.role }).check();
      await passphrase.fill(unlock.passphrase);
      await page.getByRole('button', { name: 'Desbloquear' }).click();
    }
    await nav.waitFor({ timeout: 60_000 });
    const total = services.accounts.list('').length;
    const box = page.getByRole('searchbox', { name: /buscar/i });
    const navStart = await page.evaluate(() => performance.now());
    await nav.click();
    await box.waitFor();
    const status = page
      .getByRole('status')
      .filter({ hasText: /cuentas?$/i })
      .first();
    await waitForCount(page, await status.elementHandle(), total);
    const firstPaintMs =
      (await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0))))) - navStart;

    const runs: number[] = [];
    // One character each time, after the full list: a broad filter (most rows stay) and narrow ones.
    const keys = ['a', 'p', 'y', '7', 'z', 'e', 'n', 'x', 'q', '3'];
    // A key that leaves the count as it was changes no text to wait for: those are not typed.
    const typed = keys.filter((key) => services.accounts.list(key).length !== total);
    for (const key of [...typed, ...typed]) {
      await box.fill('');
      await waitForCount(page, await status.elementHandle(), total);
      const expected = services.accounts.list(key).length;
      await box.evaluate((input, want) => {
        (window as unknown as { __benchInput: unknown; __benchWant: number }).__benchInput = input;
        (window as unknown as { __benchWant: number }).__benchWant = want;
      }, expected);
      await status.evaluate((counter) => void ((window as unknown as { __benchCounter: unknown }).__benchCounter = counter));
      await page.evaluate(ARM_KEYSTROKE);
      await box.press(key);
      runs.push(await page.evaluate(() => window.__benchKeystroke!));
    }
    log(`list_keystroke runs (ms): ${runs.map((r) => r.toFixed(1)).join(' ')}; median ${median(runs).toFixed(1)}`);
    return { runs, firstPaintMs };
  } finally {
    await shell.close();
  }
}

/**
 * Armed before the key is pressed: keydown starts the clock; when the count shows the filtered
 * number, requestAnimationFrame runs before that frame is painted and a task queued from it runs
 * after: the time then is the keystroke's. Given as source, so the bundler's helpers stay out of it.
 */
const ARM_KEYSTROKE = `(() => {
  const input = window.__benchInput, counter = window.__benchCounter, want = String(window.__benchWant);
  window.__benchKeystroke = new Promise((resolve) => {
    let start = 0;
    const observer = new MutationObserver(() => {
      if (!start || (counter.textContent || '').replace(/\\D/g, '') !== want) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    input.addEventListener('keydown', () => { start = performance.now(); }, { once: true, capture: true });
  });
})()`;

async function waitForCount(page: Page, status: ElementHandle | null, count: number): Promise<void> {
  if (!status) throw new Error('list_keystroke: no account count on the page');
  await page.waitForFunction(([counter, want]) => (counter.textContent ?? '').replace(/\D/g, '') === String(want), [status, count] as const, {
    timeout: 60_000,
  });
}

import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { EVENTS } from '../../shared/channels';
import { serveRendererFile } from '../../main/app/renderer-files';
import { createHandlerTable, dispatch } from '../../main/ipc/handlers';
import type { Services } from '../../main/services';

/**
 * The desktop shell's stand-in where Electron cannot run (the end-to-end tests, `npm run demo`):
 * the built renderer in Chromium, served on loopback with the app's own CSP headers, the real
 * preload (bundled by ./bundle.ts against ./electron-shim.ts) defining `window.custodia`, and its
 * calls answered by the same handler table that main.ts registers with `ipcMain.handle`. What it
 * does not have: the sandboxed window, the navigation and permission guards, the custom protocol,
 * content protection, the OS clipboard and the idle/suspend lock.
 */

/** Loopback only, no background traffic (the machines' closed network refuses it, noisily). */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Debian's Chromium, else the one playwright-core knows of, if it is on disk; null when neither is. */
export function findChromium(): string | null {
  let playwrights: string | undefined;
  try {
    playwrights = chromium.executablePath();
  } catch {
    // no browser of playwright's own for this platform
  }
  return ['/usr/bin/chromium', playwrights].find((path): path is string => !!path && existsSync(path)) ?? null;
}

export interface BrowserShellOptions {
  services: Services;
  /** A folder holding the built renderer (index.html and assets/). */
  rendererDir: string;
  /** The bundled preload's source (./bundle.ts). */
  preload: string;
  headless: boolean;
  /** Marks the page as `npm run demo`: a read-only `window.custodiaDemo = true`, which shows the renderer's banner. */
  demo?: boolean;
  /** null: the window's own size (headed). */
  viewport?: { width: number; height: number } | null;
  /** Playwright closes Chromium on Ctrl+C, SIGTERM and SIGHUP unless the caller does it. */
  handleSignals?: boolean;
}

export interface BrowserShell {
  browser: Browser;
  page: Page;
  /** The renderer's address on loopback; `page.goto(shell.url)` loads the app. */
  url: string;
  origin: string;
  /** Closes Chromium and the server. The services stay the caller's. */
  close(): Promise<void>;
}

/** One Chromium page wired to `services` as the desktop shell wires its window. Not yet navigated. */
export async function openBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found: install it with `apt-get install -y chromium` (never `npx playwright install`).');
  const { services } = options;
  const table = createHandlerTable(services);

  const server = createServer((request, response) => {
    void serveRendererFile(options.rendererDir, new URL(request.url ?? '/', 'http://localhost').pathname).then((served) => {
      response.writeHead(served.status, served.headers);
      response.end(served.body ?? undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const closeServer = () => new Promise((resolve) => server.close(resolve));

  let browser: Browser;
  try {
    const signals = options.handleSignals ?? true;
    browser = await chromium.launch({
      executablePath,
      headless: options.headless,
      args: options.headless ? ['--headless', ...CHROMIUM_FLAGS] : CHROMIUM_FLAGS,
      handleSIGINT: signals,
      handleSIGTERM: signals,
      handleSIGHUP: signals,
    });
  } catch (error) {
    await closeServer();
    throw error;
  }
  let page: Page;
  try {
    page = await browser.newPage({ viewport: options.viewport === undefined ? { width: 1200, height: 900 } : options.viewport, locale: 'es-PE' });
    if (options.demo) {
      await page.addInitScript({
        content: "Object.defineProperty(window, 'custodiaDemo', { value: true, writable: false, configurable: false, enumerable: true });",
      });
    }
    await page.exposeFunction('__custodiaInvoke', (channel: unknown, payload: unknown) => dispatch(table, channel, payload));
    await page.addInitScript({ content: options.preload });
  } catch (error) {
    await browser.close();
    await closeServer();
    throw error;
  }
  // As main.ts does: a lock decided in main reaches the renderer as an event.
  const forward = (event: string, payload: unknown) =>
    page
      .evaluate(([name, value]) => window.__custodiaEmit(name, value), [event, payload] as const)
      .catch(() => {
        // the page is gone (closed or navigating): it reads the locked state when it loads again
      });
  const stopLock = services.sessions.onLock((locked) => void forward(EVENTS.locked, locked));
  // And a revocation's re-key reports its progress (HAND-1), as main.ts forwards it.
  const stopRekey = services.rekey.onProgress((progress) => void forward(EVENTS.rekey, progress));
  const stopForwarding = () => {
    stopLock();
    stopRekey();
  };

  return {
    browser,
    page,
    origin,
    url: `${origin}/index.html`,
    close: async () => {
      stopForwarding();
      await browser.close();
      await closeServer();
    },
  };
}

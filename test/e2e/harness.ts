import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { EVENTS } from '../../shared/channels';
import { serveRendererFile } from '../../main/app/renderer-files';
import { createHandlerTable, dispatch } from '../../main/ipc/handlers';
import { createServices, type Services } from '../../main/services';
import { KNOWN, tempDir } from '../fixtures/vault';
import { PRELOAD_BUNDLE, RENDERER_DIR } from './global-setup';

export const SCREENSHOTS = fileURLToPath(new URL('../../test-artifacts/e2e/', import.meta.url));

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The built renderer over HTTP on loopback, with the same CSP headers as the app's protocol. */
async function startServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    void serveRendererFile(RENDERER_DIR, new URL(request.url ?? '/', 'http://localhost').pathname).then((served) => {
      response.writeHead(served.status, served.headers);
      response.end(served.body ?? undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export interface Harness {
  page: Page;
  services: Services;
  origin: string;
  cspViolations: string[];
  screenshot(name: string): Promise<void>;
  checkAccessibility(screen: string): Promise<void>;
  /** From the lock screen: picks the keyholder by role, types the passphrase, waits for the home screen. */
  unlockAs(role: RegExp, passphrase: string): Promise<void>;
  /** From any unlocked screen: back home, then "Bloquear". */
  lock(): Promise<void>;
  close(): Promise<void>;
}

/** One browser page wired to a fresh vault folder through the production handler table. */
export async function openHarness(options: { clock?: () => Date } = {}): Promise<Harness> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const services = await createServices({ dataDir: tempDir('custodia-e2e-'), ...(options.clock ? { clock: options.clock } : {}) });
  const table = createHandlerTable(services);
  const { server, origin } = await startServer();
  const browser: Browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, locale: 'es-PE' });
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  await page.exposeFunction('__custodiaInvoke', (channel: unknown, payload: unknown) => dispatch(table, channel, payload));
  await page.addInitScript({ content: readFileSync(PRELOAD_BUNDLE, 'utf8') });
  // As main.ts does: a lock decided in main reaches the renderer as an event.
  const stopForwarding = services.sessions.onLock((reason) => {
    void page.evaluate(([event, payload]) => window.__custodiaEmit(event, payload), [EVENTS.locked, { reason }] as const);
  });
  await page.goto(`${origin}/index.html`);

  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return {
    page,
    services,
    origin,
    cspViolations,
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
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), screen).toEqual([]);
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
      stopForwarding();
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await services.close();
    },
  };
}

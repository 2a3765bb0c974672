import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundlePreload } from '../../scripts/browser-shell/bundle';

/**
 * Builds what the browser loads: the renderer exactly as `npm run build:renderer` does, and the
 * real preload, bundled with an 'electron' shim (scripts/browser-shell/). Output goes to
 * git-ignored folders.
 */
export const E2E_BUILD = fileURLToPath(new URL('../../test-artifacts/e2e-build/', import.meta.url));
export const RENDERER_DIR = `${E2E_BUILD}renderer`;
export const PRELOAD_BUNDLE = `${E2E_BUILD}preload.js`;

export default async function setup(): Promise<void> {
  // In its own process, as npm runs it: vitest sets NODE_ENV=test, under which Vite would keep
  // React's development build (jsxDEV, the dev warnings) instead of the one the app ships.
  const { NODE_ENV: _test, ...env } = process.env;
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');
  const config = fileURLToPath(new URL('../../renderer/vite.config.ts', import.meta.url));
  execFileSync(process.execPath, [vite, 'build', '--config', config, '--outDir', RENDERER_DIR, '--emptyOutDir', '--logLevel', 'error'], {
    env,
    stdio: 'inherit',
  });
  mkdirSync(E2E_BUILD, { recursive: true });
  writeFileSync(PRELOAD_BUNDLE, await bundlePreload());
}

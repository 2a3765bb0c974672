import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';
import { bundlePreload } from '../../scripts/browser-shell/bundle';

/**
 * Builds what the browser loads: the renderer (as `npm run build` does) and the real preload,
 * bundled with an 'electron' shim (scripts/browser-shell/). Output goes to git-ignored folders.
 */
export const E2E_BUILD = fileURLToPath(new URL('../../test-artifacts/e2e-build/', import.meta.url));
export const RENDERER_DIR = `${E2E_BUILD}renderer`;
export const PRELOAD_BUNDLE = `${E2E_BUILD}preload.js`;

export default async function setup(): Promise<void> {
  await viteBuild({
    configFile: fileURLToPath(new URL('../../renderer/vite.config.ts', import.meta.url)),
    build: { outDir: RENDERER_DIR, emptyOutDir: true },
    logLevel: 'error',
  });
  mkdirSync(E2E_BUILD, { recursive: true });
  writeFileSync(PRELOAD_BUNDLE, await bundlePreload());
}

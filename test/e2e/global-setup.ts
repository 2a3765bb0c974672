import { build as esbuild } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';

/**
 * Builds what the browser loads: the renderer (as `npm run build` does) and the real preload,
 * bundled with an 'electron' shim. Output goes to git-ignored folders.
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
  await esbuild({
    entryPoints: [fileURLToPath(new URL('../../main/preload/preload.ts', import.meta.url))],
    outfile: PRELOAD_BUNDLE,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    alias: { electron: fileURLToPath(new URL('./electron-shim.ts', import.meta.url)) },
    logLevel: 'warning',
  });
}

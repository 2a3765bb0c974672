import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

/**
 * The real preload (main/preload/preload.ts), bundled for a plain browser page: 'electron' is
 * replaced by ./electron-shim.ts, so the preload's own code runs unchanged and its calls reach
 * the handler table through Playwright. Returns the script's source, for `addInitScript`.
 */
export async function bundlePreload(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../../main/preload/preload.ts', import.meta.url))],
    write: false,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    alias: { electron: fileURLToPath(new URL('./electron-shim.ts', import.meta.url)) },
    logLevel: 'warning',
  });
  return result.outputFiles[0]!.text;
}

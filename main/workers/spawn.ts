import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread on one of main's entry files. The bundled app ships each entry as its own
 * file beside main.js (scripts/build-main.mjs writes them; electron-builder.yml unpacks them); from
 * the TypeScript sources (tests, benches) the entry runs through tsx's loader, registered inside
 * the worker.
 */
export function spawnWorker(source: URL, bundled: string, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const tsx = pathToFileURL(join(dirname(createRequire(here).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
    return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(source.href)}); })`, {
      ...options,
      eval: true,
    });
  }
  return new Worker(new URL(`./${bundled}`, here), options);
}

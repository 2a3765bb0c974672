// Bundles the main process (ESM) and the sandboxed preload (one CommonJS file: a sandboxed
// preload cannot require anything but 'electron'). Dependencies stay external: electron-builder
// packs node_modules, and better-sqlite3 is native.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

await build({
  ...common,
  entryPoints: ['main/app/main.ts'],
  outfile: 'dist/main/main.js',
  format: 'esm',
  packages: 'external',
});

// The full integrity verification runs in a worker thread (main/vault/integrity/run-worker.ts).
await build({
  ...common,
  entryPoints: ['main/vault/integrity/worker.ts'],
  outfile: 'dist/main/integrity-worker.js',
  format: 'esm',
  packages: 'external',
});

// A restore's verification reads and digests the rows in a second thread (main/vault/integrity/parallel.ts).
await build({
  ...common,
  entryPoints: ['main/vault/integrity/rows-worker.ts'],
  outfile: 'dist/main/integrity-rows-worker.js',
  format: 'esm',
  packages: 'external',
});

// An import's POL-1/2 checks run in worker threads (main/services/import/strength-pool.ts).
await build({
  ...common,
  entryPoints: ['main/services/import/strength-worker.ts'],
  outfile: 'dist/main/strength-worker.js',
  format: 'esm',
  packages: 'external',
});

// A restore decrypts a backup's body in a worker thread while main digests it (main/services/backup/decrypt.ts).
await build({
  ...common,
  entryPoints: ['main/services/backup/decrypt-worker.ts'],
  outfile: 'dist/main/backup-decrypt-worker.js',
  format: 'esm',
  packages: 'external',
});

// A backup encrypts its body in a worker thread while main digests it (main/services/backup/encrypt.ts).
await build({
  ...common,
  entryPoints: ['main/services/backup/encrypt-worker.ts'],
  outfile: 'dist/main/backup-encrypt-worker.js',
  format: 'esm',
  packages: 'external',
});

// QR screenshots are decoded in a worker thread with a time bound (main/services/two-step/qr-image.ts).
// Pure JavaScript, so its decoders are bundled in: the file needs nothing from node_modules.
await build({
  ...common,
  entryPoints: ['main/services/two-step/qr-worker.ts'],
  outfile: 'dist/main/qr-worker.cjs',
  format: 'cjs',
});

await build({
  ...common,
  entryPoints: ['main/preload/preload.ts'],
  outfile: 'dist/preload/preload.cjs',
  format: 'cjs',
  external: ['electron'],
});

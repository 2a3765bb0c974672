import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from 'electron';

/** The vault's folder: CUSTODIA_DATA_DIR when set (tests, a second vault), else the OS's per-user app data. */
export function dataDirectory(app: Pick<App, 'getPath'>, env: NodeJS.ProcessEnv = process.env): string {
  return env.CUSTODIA_DATA_DIR || join(app.getPath('userData'), 'vault');
}

/**
 * In development, `npm start` builds better-sqlite3 for Electron's ABI into .electron-native/,
 * leaving node_modules built for Node (the tests' runtime). Packaged builds are rebuilt by
 * electron-builder and need no override.
 */
export function electronSqliteBinding(app: Pick<App, 'isPackaged' | 'getAppPath'>): string | undefined {
  if (app.isPackaged) return undefined;
  const candidate = join(app.getAppPath(), '.electron-native', 'better_sqlite3.node');
  return existsSync(candidate) ? candidate : undefined;
}

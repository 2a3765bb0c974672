import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));
const { dataDirectory, electronSqliteBinding } = await import('../../../main/app/paths');

describe('shell paths', () => {
  const app = { getPath: () => '/home/ana/.config/Custodia', isPackaged: false, getAppPath: () => '/nonexistent/app' };

  it('keeps the vault under the per-user app data folder unless CUSTODIA_DATA_DIR says otherwise', () => {
    expect(dataDirectory(app, {})).toBe('/home/ana/.config/Custodia/vault');
    expect(dataDirectory(app, { CUSTODIA_DATA_DIR: '/srv/boveda' })).toBe('/srv/boveda');
  });

  it('uses an Electron-ABI better-sqlite3 only in development and only when built', () => {
    expect(electronSqliteBinding(app)).toBeUndefined();
    expect(electronSqliteBinding({ ...app, isPackaged: true })).toBeUndefined();
  });
});

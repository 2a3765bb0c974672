import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, Dialog } from 'electron';
import { electronExportFiles } from '../../../main/app/export-dialogs';

/** Exports are saved where the person chooses in the system's save dialog (issue 18): the renderer never names a path. */
describe('the export dialog', () => {
  it('offers the KeePass or CSV filter, attached to our window; a cancel is null', async () => {
    const win = {} as BrowserWindow;
    const showSaveDialog = vi
      .fn()
      .mockResolvedValueOnce({ canceled: false, filePath: '/media/usb/auditor.kdbx' })
      .mockResolvedValueOnce({ canceled: false, filePath: '/media/usb/inventario.csv' })
      .mockResolvedValueOnce({ canceled: true });
    const save = electronExportFiles({ showSaveDialog } as unknown as Dialog, () => win);
    expect(await save('custodia-OCZQX-2026-11-28.kdbx', 'kdbx')).toBe('/media/usb/auditor.kdbx');
    expect(showSaveDialog).toHaveBeenLastCalledWith(
      win,
      expect.objectContaining({ defaultPath: 'custodia-OCZQX-2026-11-28.kdbx', filters: [{ name: 'KeePass (KDBX 4)', extensions: ['kdbx'] }] }),
    );
    expect(await save('inventario-OCZQX-2026-11-28.csv', 'csv')).toBe('/media/usb/inventario.csv');
    expect(showSaveDialog).toHaveBeenLastCalledWith(win, expect.objectContaining({ filters: [{ name: 'CSV', extensions: ['csv'] }] }));
    expect(await save('x.csv', 'csv')).toBeNull();
  });
});

import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, Dialog } from 'electron';
import { electronBackupFiles } from '../../../main/app/backup-dialogs';

/** Backups are saved and chosen in the system's dialogs (issue 18): the renderer never names a path. */
describe('the backup dialogs', () => {
  const win = {} as BrowserWindow;

  it('saves where the person chose, filtered to backups, attached to our window; a cancel is null', async () => {
    const showSaveDialog = vi
      .fn()
      .mockResolvedValueOnce({ canceled: false, filePath: '/media/usb/respaldo.custodia' })
      .mockResolvedValueOnce({ canceled: true });
    const files = electronBackupFiles({ showSaveDialog, showOpenDialog: vi.fn() } as unknown as Dialog, () => win);
    expect(await files.saveTo('custodia-respaldo-2026-11-22.custodia')).toBe('/media/usb/respaldo.custodia');
    expect(showSaveDialog).toHaveBeenCalledWith(
      win,
      expect.objectContaining({ defaultPath: 'custodia-respaldo-2026-11-22.custodia', filters: [{ name: 'Custodia', extensions: ['custodia'] }] }),
    );
    expect(await files.saveTo('x.custodia')).toBeNull();
  });

  it('opens one file the person chose; a cancel or no file is null', async () => {
    const showOpenDialog = vi
      .fn()
      .mockResolvedValueOnce({ canceled: false, filePaths: ['/media/usb/respaldo.custodia'] })
      .mockResolvedValueOnce({ canceled: false, filePaths: [] })
      .mockResolvedValueOnce({ canceled: true, filePaths: [] });
    const files = electronBackupFiles({ showSaveDialog: vi.fn(), showOpenDialog } as unknown as Dialog, () => undefined);
    expect(await files.openFrom()).toBe('/media/usb/respaldo.custodia');
    expect(showOpenDialog).toHaveBeenCalledWith(expect.objectContaining({ properties: ['openFile'] }));
    expect(await files.openFrom()).toBeNull();
    expect(await files.openFrom()).toBeNull();
  });
});

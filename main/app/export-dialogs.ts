import type { BrowserWindow, Dialog } from 'electron';
import type { ExportFilesPort } from '../services/export/exports';

/**
 * Where an export is saved (issue 18): the KeePass file or the inventory CSV, in the system's save
 * dialog attached to our window. The renderer never names a path; a cancelled dialog writes nothing.
 */
export function electronExportFiles(dialog: Pick<Dialog, 'showSaveDialog'>, window: () => BrowserWindow | undefined): ExportFilesPort {
  return async (suggestedName, extension) => {
    const name = extension === 'kdbx' ? 'KeePass (KDBX 4)' : 'CSV';
    const options = { defaultPath: suggestedName, filters: [{ name, extensions: [extension] }], properties: ['createDirectory' as const] };
    const win = window();
    const { canceled, filePath } = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return canceled || !filePath ? null : filePath;
  };
}

import type { BrowserWindow, Dialog } from 'electron';
import { BACKUP_EXTENSION } from '../../shared/backup';
import type { BackupFilesPort } from '../services/backup/backups';

/**
 * Where a backup is saved and which one is restored (issue 18): the person chooses in the system's
 * dialogs, attached to our window. The renderer never names a path; a cancelled dialog does nothing.
 */
export function electronBackupFiles(dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>, window: () => BrowserWindow | undefined): BackupFilesPort {
  const filters = [{ name: 'Custodia', extensions: [BACKUP_EXTENSION] }];
  return {
    async saveTo(suggestedName) {
      const options = { defaultPath: suggestedName, filters, properties: ['createDirectory' as const] };
      const win = window();
      const { canceled, filePath } = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return canceled || !filePath ? null : filePath;
    },
    async openFrom() {
      const options = { filters, properties: ['openFile' as const] };
      const win = window();
      const { canceled, filePaths } = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return canceled || !filePaths[0] ? null : filePaths[0];
    },
  };
}

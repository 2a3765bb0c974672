import type { BrowserWindow, Dialog } from 'electron';
import type { SavePathPort } from '../services/handover/handovers';

/**
 * Where a document is saved (the acta de entrega): the person chooses in the system's save dialog,
 * attached to our window. The renderer never names a path; a cancelled dialog saves nothing.
 */
export function electronSavePath(dialog: Pick<Dialog, 'showSaveDialog'>, window: () => BrowserWindow | undefined): SavePathPort {
  return async (suggestedName) => {
    const options = { defaultPath: suggestedName, filters: [{ name: 'PDF', extensions: ['pdf'] }], properties: ['createDirectory' as const] };
    const win = window();
    const { canceled, filePath } = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return canceled || !filePath ? null : filePath;
  };
}

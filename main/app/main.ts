import { BrowserWindow, app, dialog, ipcMain, powerMonitor, protocol, session } from 'electron';
import { fileURLToPath } from 'node:url';
import { EVENTS } from '../../shared/channels';
import { createHandlerTable } from '../ipc/handlers';
import { createServices } from '../services';
import { chromiumLocale, storedLanguage } from '../services/settings/language';
import { electronClipboard } from './clipboard';
import { guardAllWebContents, lockDownSession } from './guards';
import { registerIpc } from './ipc';
import { electronSavePath } from './save-dialog';
import { electronBackupFiles } from './backup-dialogs';
import { electronExportFiles } from './export-dialogs';
import { startLockTriggers } from './lock-triggers';
import { installMenu } from './menu';
import { dataDirectory, electronSqliteBinding } from './paths';
import { handleRendererProtocol, registerRendererScheme } from './protocol';
import { createMainWindow } from './window';

/** Entry point of the desktop app: wires the shell to the same handler table the tests use. */
const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));
const preloadPath = `${here}../preload/preload.cjs`;

registerRendererScheme(protocol);
guardAllWebContents(app);
// Chromium's own widgets (the file chooser's button, date and number inputs) speak the language last chosen (Spanish first).
app.commandLine.appendSwitch('lang', chromiumLocale(storedLanguage(dataDirectory(app))));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win?.isMinimized()) win.restore();
    win?.focus();
  });
  app.whenReady().then(start, () => app.quit());
}

async function start(): Promise<void> {
  lockDownSession(session.defaultSession);
  handleRendererProtocol(protocol, rendererDir);
  installMenu();
  const services = await createServices({
    dataDir: dataDirectory(app),
    nativeBinding: electronSqliteBinding(app),
    clipboard: electronClipboard,
    // The acta is saved where the person chooses (the one window's save dialog).
    savePath: electronSavePath(dialog, () => BrowserWindow.getAllWindows()[0]),
    // Backups (issue 18): saved and restored where the person chooses.
    backupFiles: electronBackupFiles(dialog, () => BrowserWindow.getAllWindows()[0]),
    // Exports (issue 18): the KeePass file and the inventory, saved where the person chooses.
    exportFiles: electronExportFiles(dialog, () => BrowserWindow.getAllWindows()[0]),
  });
  // Only the channel and the error's class name: never a payload or message.
  const table = createHandlerTable(services, (channel, error) =>
    process.stderr.write(`custodia: ${channel} failed (${error instanceof Error ? error.name : 'unknown'})\n`),
  );
  const win = createMainWindow(preloadPath, !app.isPackaged);
  registerIpc(ipcMain, table, () => (win.isDestroyed() ? undefined : win.webContents));
  services.sessions.onLock((event) => {
    if (!win.isDestroyed()) win.webContents.send(EVENTS.locked, event);
  });
  // A revocation's re-key tells the co-sign dialog how far it is (HAND-1).
  services.rekey.onProgress((progress) => {
    if (!win.isDestroyed()) win.webContents.send(EVENTS.rekey, progress);
  });
  const stopTriggers = startLockTriggers(powerMonitor, {
    lock: (reason) => {
      // An emergency kit's recovery session (issue 18) holds the vault key too: dropped by the same triggers.
      services.kitRecovery.cancel();
      services.sessions.lock(reason);
    },
    idleLockMinutes: () => services.setup.idleLockMinutes(),
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    stopTriggers();
    void services.close();
  });
}

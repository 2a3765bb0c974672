import type { App, Session, WebContents } from 'electron';
import { RENDERER_ORIGIN, RENDERER_SCHEME } from './renderer-files';

/** No navigation away from our page, no new windows, no webviews. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Applies the same guards to any web contents created later (devtools excepted by Electron). */
export function guardAllWebContents(app: Pick<App, 'on'>): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}

/**
 * Denies every permission (camera, notifications, clipboard-read, …) and cancels any request
 * that is not for our own scheme: the app never talks to the network.
 */
export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = details.url.startsWith(`${RENDERER_SCHEME}:`) || details.url.startsWith('devtools:');
    callback({ cancel: !allowed });
  });
  guardDownloads(session);
}

/**
 * The one download the app makes is the audit log's CSV, a blob: of our own page, saved where the
 * person chooses (a save dialog, never a silent path). Any other download is cancelled.
 */
export function guardDownloads(session: Pick<Session, 'on'>): void {
  session.on('will-download', (_event, item) => {
    if (!item.getURL().startsWith(`blob:${RENDERER_ORIGIN}/`) || !/^[\w.-]+\.csv$/.test(item.getFilename())) {
      item.cancel();
      return;
    }
    item.setSaveDialogOptions({ defaultPath: item.getFilename(), filters: [{ name: 'CSV', extensions: ['csv'] }] });
  });
}

export function isOwnRendererUrl(url: string | undefined): boolean {
  return typeof url === 'string' && (url === RENDERER_ORIGIN || url.startsWith(`${RENDERER_ORIGIN}/`));
}

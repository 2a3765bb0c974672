import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNELS } from '../../shared/channels';
import { fail } from '../../shared/result';
import type { HandlerTable } from '../ipc/handlers';
import { isOwnRendererUrl } from './guards';

/** A message is ours only if it comes from our window's main frame showing our own page. */
export function isTrustedSender(event: IpcMainInvokeEvent, trusted: () => WebContents | undefined): boolean {
  const own = trusted();
  if (!own || event.sender !== own) return false;
  const frame = event.senderFrame;
  return frame !== null && frame === own.mainFrame && isOwnRendererUrl(frame.url);
}

export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, table: HandlerTable, trusted: () => WebContents | undefined): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => (isTrustedSender(event, trusted) ? table[channel](payload) : fail({ code: 'FORBIDDEN_SENDER' })));
  }
}

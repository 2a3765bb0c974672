import { clipboard } from 'electron';
import type { ClipboardPort } from '../services/accounts/clipboard';

/** The system clipboard (asynchronous since Electron 45), for copied secrets cleared later by ClipboardGuard. */
export const electronClipboard: ClipboardPort = {
  writeText: (text) => clipboard.writeText(text),
  readText: () => clipboard.readText(),
  clear: () => clipboard.clear(),
};

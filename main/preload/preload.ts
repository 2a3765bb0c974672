import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildBridge } from '../../shared/bridge';

/**
 * Exposes named functions built from the contract, never ipcRenderer itself. Bundled into one
 * CommonJS file because a sandboxed preload cannot load other modules.
 */
const api = buildBridge(
  (channel, payload) => ipcRenderer.invoke(channel, payload),
  (event, listener) => {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
);

contextBridge.exposeInMainWorld('custodia', api);

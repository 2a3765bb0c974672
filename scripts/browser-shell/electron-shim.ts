/**
 * Stands in for 'electron' when the real preload is bundled for a plain browser page (the e2e tests,
 * `npm run demo`): the preload's own code runs unchanged; invoke goes to Playwright's exposed
 * function, which calls the same handler table as ipcMain in the app.
 */
type Listener = (event: unknown, payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

declare global {
  interface Window {
    __custodiaInvoke(channel: string, payload: unknown): Promise<unknown>;
    __custodiaEmit(event: string, payload: unknown): void;
  }
}

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown) {
    Object.defineProperty(window, key, { value: api, writable: false, configurable: false });
  },
};

export const ipcRenderer = {
  invoke: (channel: string, payload: unknown) => window.__custodiaInvoke(channel, payload),
  on(event: string, listener: Listener) {
    if (!listeners.has(event)) listeners.set(event, new Set());
    listeners.get(event)!.add(listener);
  },
  removeListener(event: string, listener: Listener) {
    listeners.get(event)?.delete(listener);
  },
};

window.__custodiaEmit = (event, payload) => {
  for (const listener of listeners.get(event) ?? []) listener({}, payload);
};

export type IpcRendererEvent = unknown;

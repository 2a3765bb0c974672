import { describe, expect, it, vi } from 'vitest';
import { FakeWebContents, emitPreventable } from './electron-fake';

const windows = vi.hoisted(
  () => [] as { options: Record<string, unknown>; webContents: unknown; setContentProtection: ReturnType<typeof vi.fn>; loadURL: ReturnType<typeof vi.fn> }[],
);

vi.mock('electron', async () => {
  const { FakeWebContents: Contents } = await import('./electron-fake');
  class BrowserWindow {
    webContents = new Contents();
    setContentProtection = vi.fn();
    loadURL = vi.fn(async () => {});
    once = vi.fn();
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this as never);
    }
  }
  return { BrowserWindow };
});

const { createMainWindow } = await import('../../../main/app/window');

describe('main window', () => {
  it('isolates and sandboxes the renderer, with every hardening option set', () => {
    createMainWindow('/app/preload.cjs', false);
    const prefs = windows.at(-1)!.options.webPreferences;
    expect(prefs).toEqual({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
  });

  it('protects its content from capture and loads only our scheme', () => {
    createMainWindow('/app/preload.cjs', false);
    const win = windows.at(-1)!;
    expect(win.setContentProtection).toHaveBeenCalledWith(true);
    expect(win.loadURL).toHaveBeenCalledWith('custodia://app/index.html');
    expect(win.options.show).toBe(false);
  });

  it('blocks navigation, redirects, webviews and new windows', () => {
    createMainWindow('/app/preload.cjs', false);
    const contents = windows.at(-1)!.webContents as FakeWebContents;
    expect(emitPreventable(contents, 'will-navigate', 'https://example.org')).toBe(true);
    expect(emitPreventable(contents, 'will-redirect', 'https://example.org')).toBe(true);
    expect(emitPreventable(contents, 'will-attach-webview', {}, {})).toBe(true);
    expect(contents.windowOpenHandler?.()).toEqual({ action: 'deny' });
  });
});

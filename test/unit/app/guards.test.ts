import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { FakeWebContents, emitPreventable } from './electron-fake';

vi.mock('electron', () => ({}));
const { guardAllWebContents, isOwnRendererUrl, lockDownSession } = await import('../../../main/app/guards');

function fakeSession() {
  const handlers: Record<string, (...args: never[]) => unknown> = {};
  return {
    handlers,
    setPermissionRequestHandler: (h: never) => (handlers.request = h),
    setPermissionCheckHandler: (h: never) => (handlers.check = h),
    setDevicePermissionHandler: (h: never) => (handlers.device = h),
    webRequest: { onBeforeRequest: (h: never) => (handlers.beforeRequest = h) },
    on: (event: string, h: never) => (handlers[event] = h),
  };
}

describe('session lock-down', () => {
  it('denies every permission request and check', () => {
    const session = fakeSession();
    lockDownSession(session as never);
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation']) {
      const callback = vi.fn();
      (session.handlers.request as (...a: unknown[]) => void)({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect((session.handlers.check as () => boolean)()).toBe(false);
    expect((session.handlers.device as () => boolean)()).toBe(false);
  });

  it.each([
    ['https://graph.facebook.com/v1', true],
    ['http://127.0.0.1:8080/', true],
    ['file:///etc/passwd', true],
    ['custodia://app/index.html', false],
  ])('request to %s cancelled: %s', (url, cancel) => {
    const session = fakeSession();
    lockDownSession(session as never);
    const callback = vi.fn();
    (session.handlers.beforeRequest as (...a: unknown[]) => void)({ url }, callback);
    expect(callback).toHaveBeenCalledWith({ cancel });
  });
});

describe('web contents created later', () => {
  it('get the same navigation and window guards', () => {
    const app = new EventEmitter();
    guardAllWebContents(app as never);
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(emitPreventable(contents, 'will-navigate', 'https://example.org')).toBe(true);
    expect(contents.windowOpenHandler?.()).toEqual({ action: 'deny' });
  });
});

describe('own renderer URL', () => {
  it.each([
    ['custodia://app/index.html', true],
    ['custodia://app', true],
    ['custodia://application/index.html', false],
    ['custodia://app.evil/index.html', false],
    ['http://127.0.0.1/index.html', false],
    [undefined, false],
  ])('%s → %s', (url, expected) => {
    expect(isOwnRendererUrl(url)).toBe(expected);
  });
});

describe('downloads', () => {
  const item = (url: string, filename: string) => ({ getURL: () => url, getFilename: () => filename, cancel: vi.fn(), setSaveDialogOptions: vi.fn() });
  it.each([
    ['blob:custodia://app/5f0c1d2e-aaaa-4bbb-8ccc-123456789abc', 'audit-oczqx-2026-11-24.csv', false],
    ['blob:custodia://app.evil/5f0c1d2e', 'audit.csv', true],
    ['blob:https://example.org/5f0c1d2e', 'audit.csv', true],
    ['https://example.org/audit.csv', 'audit.csv', true],
    ['blob:custodia://app/5f0c1d2e', 'vault.sqlite', true],
    ['blob:custodia://app/5f0c1d2e', '../../.bashrc.csv', true],
  ])('a download of %s named %s is cancelled: %s', (url, filename, cancelled) => {
    const session = fakeSession();
    lockDownSession(session as never);
    const download = item(url, filename);
    (session.handlers['will-download'] as (...a: unknown[]) => void)({}, download);
    expect(download.cancel).toHaveBeenCalledTimes(cancelled ? 1 : 0);
    if (!cancelled) expect(download.setSaveDialogOptions).toHaveBeenCalledWith({ defaultPath: filename, filters: [{ name: 'CSV', extensions: ['csv'] }] });
    else expect(download.setSaveDialogOptions).not.toHaveBeenCalled();
  });
});

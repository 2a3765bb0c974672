import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({
  lockObtained: true,
  quit: undefined as unknown,
  whenReady: undefined as unknown,
  privileged: undefined as unknown,
  appendSwitch: undefined as unknown,
  userData: '',
  windows: [] as unknown[],
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const app = Object.assign(new Emitter(), {
    requestSingleInstanceLock: () => fake.lockObtained,
    quit: (fake.quit = vi.fn()),
    whenReady: (fake.whenReady = vi.fn(() => new Promise(() => {}))),
    isPackaged: false,
    commandLine: { appendSwitch: (fake.appendSwitch = vi.fn()) },
    getPath: () => fake.userData,
  });
  return {
    app,
    BrowserWindow: { getAllWindows: () => fake.windows },
    ipcMain: {},
    powerMonitor: {},
    session: {},
    protocol: { registerSchemesAsPrivileged: (fake.privileged = vi.fn()), handle: vi.fn() },
  };
});

beforeEach(() => {
  vi.resetModules();
  fake.userData = mkdtempSync(join(tmpdir(), 'custodia-userdata-'));
});

describe('app entry', () => {
  it('quits at once when another instance holds the single-instance lock', async () => {
    fake.lockObtained = false;
    await import('../../../main/app/main');
    expect(fake.quit).toHaveBeenCalled();
    expect(fake.whenReady).not.toHaveBeenCalled();
  });

  it('registers the privileged scheme and the web-contents guard before the app is ready', async () => {
    fake.lockObtained = true;
    const { app } = (await import('electron')) as unknown as { app: EventEmitter };
    await import('../../../main/app/main');
    expect(fake.privileged).toHaveBeenCalled();
    expect(fake.appendSwitch).toHaveBeenCalledWith('lang', 'es-PE');
    expect(app.listenerCount('web-contents-created')).toBeGreaterThan(0);
    expect(app.listenerCount('second-instance')).toBeGreaterThan(0);
    expect(fake.whenReady).toHaveBeenCalled();
  });

  it('starts Chromium in the interface language last chosen (settings.language keeps it beside the vault)', async () => {
    fake.lockObtained = true;
    const { LanguageService } = await import('../../../main/services/settings/language');
    mkdirSync(join(fake.userData, 'vault'), { recursive: true });
    new LanguageService(join(fake.userData, 'vault')).choose('en');
    await import('../../../main/app/main');
    expect((fake.appendSwitch as ReturnType<typeof vi.fn>).mock.lastCall).toEqual(['lang', 'en-GB']);
  });

  it('a second launch brings the running window forward (restored if minimized) instead of opening the vault twice', async () => {
    fake.lockObtained = true;
    const win = { isMinimized: vi.fn(() => true), restore: vi.fn(), focus: vi.fn() };
    fake.windows = [win];
    const { app } = (await import('electron')) as unknown as { app: EventEmitter };
    app.removeAllListeners('second-instance');
    await import('../../../main/app/main');
    app.emit('second-instance');
    expect(win.restore).toHaveBeenCalledTimes(1);
    expect(win.focus).toHaveBeenCalledTimes(1);
    fake.windows = [];
  });
});

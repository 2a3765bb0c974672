import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../shared/channels';
import type { HandlerTable } from '../../../main/ipc/handlers';
import { FakeWebContents } from './electron-fake';

vi.mock('electron', () => ({}));
const { registerIpc } = await import('../../../main/app/ipc');

function setup() {
  const registered = new Map<string, (event: unknown, payload: unknown) => unknown>();
  const ipcMain = { handle: (channel: string, listener: never) => registered.set(channel, listener) };
  const table = Object.fromEntries(CHANNELS.map((c) => [c, vi.fn(async () => ({ ok: true, value: c }))])) as unknown as HandlerTable;
  const own = new FakeWebContents();
  registerIpc(ipcMain as never, table, () => own as never);
  return { registered, table, own };
}

describe('IPC registration', () => {
  it('registers exactly the contract’s channels', () => {
    expect([...setup().registered.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('passes our own window’s main frame through to the handler table', async () => {
    const { registered, table, own } = setup();
    const result = await registered.get('vault.status')!({ sender: own, senderFrame: own.mainFrame }, {});
    expect(result).toEqual({ ok: true, value: 'vault.status' });
    expect(table['vault.status']).toHaveBeenCalledWith({});
  });

  it.each([
    ['another window', () => ({ sender: new FakeWebContents(), senderFrame: { url: 'custodia://app/index.html' } })],
    ['a subframe of our window', (own: FakeWebContents) => ({ sender: own, senderFrame: { url: 'custodia://app/index.html' } })],
    [
      'our window navigated elsewhere',
      (own: FakeWebContents) => ((own.mainFrame = { url: 'https://evil.example/' }), { sender: own, senderFrame: own.mainFrame }),
    ],
    ['a frame that is gone', (own: FakeWebContents) => ({ sender: own, senderFrame: null })],
  ])('refuses %s with FORBIDDEN_SENDER, without calling the handler', async (_label, makeEvent) => {
    const { registered, table, own } = setup();
    for (const channel of CHANNELS) {
      expect(await registered.get(channel)!(makeEvent(own), {})).toEqual({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
      expect(table[channel]).not.toHaveBeenCalled();
    }
  });
});

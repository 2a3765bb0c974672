import { describe, expect, it, vi } from 'vitest';

const system = vi.hoisted(() => ({ text: '' }));
vi.mock('electron', () => ({
  clipboard: {
    writeText: async (text: string) => {
      system.text = text;
    },
    readText: async () => system.text,
    clear: () => (system.text = ''),
  },
}));
const { electronClipboard } = await import('../../../main/app/clipboard');

describe('system clipboard port', () => {
  it('writes, reads and clears the system clipboard', async () => {
    await electronClipboard.writeText('Vq7#kP2!');
    expect(system.text).toBe('Vq7#kP2!');
    expect(await electronClipboard.readText()).toBe('Vq7#kP2!');
    electronClipboard.clear();
    expect(system.text).toBe('');
  });
});

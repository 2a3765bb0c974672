import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClipboardGuard, MemoryClipboard } from '../../../../main/services/accounts/clipboard';
import { loadSodium, type Sodium } from '../../../../main/vault/sodium';

let s: Sodium;
beforeAll(async () => {
  s = await loadSodium();
});
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('clipboard after copying a secret', () => {
  it('is cleared after the configured seconds if it still holds the secret', async () => {
    const clipboard = new MemoryClipboard();
    await new ClipboardGuard(s, clipboard).copy('Vq7#kP2!xL9@mZ4$', 30);
    expect(await clipboard.readText()).toBe('Vq7#kP2!xL9@mZ4$');
    await vi.advanceTimersByTimeAsync(29_999);
    expect(await clipboard.readText()).toBe('Vq7#kP2!xL9@mZ4$');
    await vi.advanceTimersByTimeAsync(1);
    expect(await clipboard.readText()).toBe('');
  });

  it('is left alone if the person copied something else meanwhile', async () => {
    const clipboard = new MemoryClipboard();
    await new ClipboardGuard(s, clipboard).copy('Vq7#kP2!xL9@mZ4$', 30);
    await clipboard.writeText('texto del comunicado');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await clipboard.readText()).toBe('texto del comunicado');
  });

  it('is cleared at once on lock, and a newer copy restarts the countdown', async () => {
    const clipboard = new MemoryClipboard();
    const guard = new ClipboardGuard(s, clipboard);
    await guard.copy('primera', 30);
    await vi.advanceTimersByTimeAsync(20_000);
    await guard.copy('segunda', 30);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(await clipboard.readText()).toBe('segunda');
    await guard.clearIfOurs();
    expect(await clipboard.readText()).toBe('');
  });
});

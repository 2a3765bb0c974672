import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClipboardGuard, MemoryClipboard } from '../../../main/services/clipboard';
import { loadSodium, type Sodium } from '../../../main/vault/sodium';

let s: Sodium;
beforeAll(async () => {
  s = await loadSodium();
});
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('clipboard after copying a secret', () => {
  it('is cleared after the configured seconds if it still holds the secret', () => {
    const clipboard = new MemoryClipboard();
    new ClipboardGuard(s, clipboard).copy('Vq7#kP2!xL9@mZ4$', 30);
    expect(clipboard.readText()).toBe('Vq7#kP2!xL9@mZ4$');
    vi.advanceTimersByTime(29_999);
    expect(clipboard.readText()).toBe('Vq7#kP2!xL9@mZ4$');
    vi.advanceTimersByTime(1);
    expect(clipboard.readText()).toBe('');
  });

  it('is left alone if the person copied something else meanwhile', () => {
    const clipboard = new MemoryClipboard();
    new ClipboardGuard(s, clipboard).copy('Vq7#kP2!xL9@mZ4$', 30);
    clipboard.writeText('texto del comunicado');
    vi.advanceTimersByTime(30_000);
    expect(clipboard.readText()).toBe('texto del comunicado');
  });

  it('is cleared at once on lock, and a newer copy restarts the countdown', () => {
    const clipboard = new MemoryClipboard();
    const guard = new ClipboardGuard(s, clipboard);
    guard.copy('primera', 30);
    vi.advanceTimersByTime(20_000);
    guard.copy('segunda', 30);
    vi.advanceTimersByTime(20_000);
    expect(clipboard.readText()).toBe('segunda');
    guard.clearIfOurs();
    expect(clipboard.readText()).toBe('');
  });
});

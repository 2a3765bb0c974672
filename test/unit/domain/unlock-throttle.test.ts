import { describe, expect, it } from 'vitest';
import { MAX_UNLOCK_DELAY_MS, afterFailure, initialThrottle, isThrottled, unlockDelayMs } from '../../../main/domain/unlock-throttle';

describe('unlock delay after wrong passphrases', () => {
  it.each([
    [0, 0],
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [6, 32_000],
    [9, 256_000],
    [10, MAX_UNLOCK_DELAY_MS],
    [50, MAX_UNLOCK_DELAY_MS],
  ])('after %i failures waits %i ms', (failures, delay) => {
    expect(unlockDelayMs(failures)).toBe(delay);
  });

  it('throttles until retryAt and not after', () => {
    const state = afterFailure(afterFailure(initialThrottle, 0), 1000);
    expect(state).toEqual({ failures: 2, retryAt: 3000 });
    expect(isThrottled(state, 2999)).toBe(true);
    expect(isThrottled(state, 3000)).toBe(false);
    expect(isThrottled(initialThrottle, 0)).toBe(false);
  });
});

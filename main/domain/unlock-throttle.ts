/**
 * Growing delay after wrong passphrases: 1 s after the first, doubling, at most 5 minutes.
 * It slows a person guessing at the keyboard; Argon2id is what resists an offline attack.
 */
export const MAX_UNLOCK_DELAY_MS = 5 * 60 * 1000;

export function unlockDelayMs(consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return 0;
  return Math.min(1000 * 2 ** (consecutiveFailures - 1), MAX_UNLOCK_DELAY_MS);
}

export interface ThrottleState {
  failures: number;
  retryAt: number | null;
}

export const initialThrottle: ThrottleState = { failures: 0, retryAt: null };

export function afterFailure(state: ThrottleState, nowMs: number): ThrottleState {
  const failures = state.failures + 1;
  return { failures, retryAt: nowMs + unlockDelayMs(failures) };
}

export function isThrottled(state: ThrottleState, nowMs: number): boolean {
  return state.retryAt !== null && nowMs < state.retryAt;
}

import type { PowerMonitor } from 'electron';
import type { LockReason } from '../../shared/channels';

/** How often the shell asks the OS how long the user has been idle. */
export const IDLE_POLL_MS = 15_000;

export interface LockTarget {
  lock(reason: LockReason): void;
  idleLockMinutes(): number;
}

/**
 * Locks on OS suspend, on screen lock and after the configured idle time. Idle is read from the
 * OS (keyboard and mouse anywhere), not from the window, so a vault left open in the background
 * still locks. Returns a function that stops the triggers.
 */
export function startLockTriggers(power: Pick<PowerMonitor, 'on' | 'off' | 'getSystemIdleTime'>, target: LockTarget): () => void {
  const onSuspend = () => target.lock('suspend');
  const onScreenLock = () => target.lock('screen-lock');
  power.on('suspend', onSuspend);
  power.on('lock-screen', onScreenLock);
  const timer = setInterval(() => {
    if (power.getSystemIdleTime() >= target.idleLockMinutes() * 60) target.lock('idle');
  }, IDLE_POLL_MS);
  return () => {
    clearInterval(timer);
    power.off('suspend', onSuspend);
    power.off('lock-screen', onScreenLock);
  };
}

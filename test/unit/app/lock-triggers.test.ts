import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));
const { IDLE_POLL_MS, startLockTriggers } = await import('../../../main/app/lock-triggers');

class FakePower extends EventEmitter {
  idleSeconds = 0;
  getSystemIdleTime = () => this.idleSeconds;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('automatic lock', () => {
  it('locks on OS suspend and on screen lock', () => {
    const power = new FakePower();
    const lock = vi.fn();
    startLockTriggers(power as never, { lock, idleLockMinutes: () => 5 });
    power.emit('suspend');
    power.emit('lock-screen');
    expect(lock.mock.calls).toEqual([['suspend'], ['screen-lock']]);
  });

  it('locks once the OS reports the configured idle time, not before', () => {
    const power = new FakePower();
    const lock = vi.fn();
    startLockTriggers(power as never, { lock, idleLockMinutes: () => 5 });
    power.idleSeconds = 299;
    vi.advanceTimersByTime(IDLE_POLL_MS);
    expect(lock).not.toHaveBeenCalled();
    power.idleSeconds = 300;
    vi.advanceTimersByTime(IDLE_POLL_MS);
    expect(lock).toHaveBeenCalledWith('idle');
  });

  it('reads the idle setting at every poll, so a changed setting applies at once', () => {
    const power = new FakePower();
    const lock = vi.fn();
    let minutes = 10;
    startLockTriggers(power as never, { lock, idleLockMinutes: () => minutes });
    power.idleSeconds = 120;
    vi.advanceTimersByTime(IDLE_POLL_MS);
    expect(lock).not.toHaveBeenCalled();
    minutes = 2;
    vi.advanceTimersByTime(IDLE_POLL_MS);
    expect(lock).toHaveBeenCalledWith('idle');
  });

  it('stops listening when stopped', () => {
    const power = new FakePower();
    const lock = vi.fn();
    const stop = startLockTriggers(power as never, { lock, idleLockMinutes: () => 1 });
    stop();
    power.emit('suspend');
    power.idleSeconds = 3600;
    vi.advanceTimersByTime(IDLE_POLL_MS * 4);
    expect(lock).not.toHaveBeenCalled();
  });
});

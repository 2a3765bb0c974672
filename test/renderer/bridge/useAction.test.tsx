import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/result';
import { call } from '../../../renderer/src/bridge/api';
import { useAction } from '../../../renderer/src/bridge/useAction';

const refused: Promise<Result<number>> = Promise.resolve({ ok: false, error: { code: 'COSIGN_SELF_APPROVAL', rule: 'POL-5' } });

describe('useAction: one place where a call to main may be refused', () => {
  it('keeps main’s refusal as it came, and answers { ok: false } instead of throwing', async () => {
    const { result } = renderHook(() => useAction(() => call(refused)));
    let answer: Result<number> | undefined;
    await act(async () => {
      answer = await result.current.run();
    });
    expect(answer).toEqual({ ok: false, error: { code: 'COSIGN_SELF_APPROVAL', rule: 'POL-5' } });
    expect(result.current.refusal).toEqual({ code: 'COSIGN_SELF_APPROVAL', rule: 'POL-5' });
    expect(result.current.busy).toBe(false);
  });

  it('clears the last refusal when it runs again, and gives the value on success', async () => {
    let fail = true;
    const { result } = renderHook(() => useAction((n: number) => (fail ? call(refused) : Promise.resolve(n * 2))));
    await act(() => result.current.run(1));
    expect(result.current.refusal?.code).toBe('COSIGN_SELF_APPROVAL');
    fail = false;
    let answer: Result<number> | undefined;
    await act(async () => {
      answer = await result.current.run(21);
    });
    expect(answer).toEqual({ ok: true, value: 42 });
    expect(result.current.refusal).toBeNull();
  });

  it('turns anything else thrown on the way into INTERNAL, never a raw message', async () => {
    const { result } = renderHook(() => useAction(() => Promise.reject(new Error('SQLITE_CORRUPT at /home/…'))));
    await act(() => result.current.run());
    expect(result.current.refusal).toEqual({ code: 'INTERNAL' });
  });

  it('is busy while main works', async () => {
    let finish: (value: Result<string>) => void = () => {};
    const { result } = renderHook(() => useAction(() => call(new Promise<Result<string>>((resolve) => (finish = resolve)))));
    let pending: Promise<unknown> = Promise.resolve();
    act(() => {
      pending = result.current.run();
    });
    expect(result.current.busy).toBe(true);
    await act(async () => {
      finish({ ok: true, value: 'hecho' });
      await pending;
    });
    expect(result.current.busy).toBe(false);
  });
});

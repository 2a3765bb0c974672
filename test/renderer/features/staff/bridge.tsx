import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { vi } from 'vitest';
import { buildBridge, type Invoke } from '../../../../shared/bridge';
import type { Channel } from '../../../../shared/channels';
import type { KeyholderRole } from '../../../../shared/domain';
import type { Result } from '../../../../shared/result';
import { routes } from '../../../../renderer/src/app/routes';
import { answers, unlockedAs } from '../../fixtures';

export interface Sent {
  channel: Channel;
  payload: unknown;
}

/**
 * The fake bridge of the staff screens: main's answers from the fixtures, any channel's answer
 * replaced by the test, every request kept so that a test can say what the screen sent.
 */
export function fakeMain(replies: Partial<Record<Channel, Result<unknown> | ((payload: unknown) => Result<unknown>)>> = {}) {
  const sent: Sent[] = [];
  const invoke = vi.fn<Invoke>(async (channel, payload) => {
    sent.push({ channel, payload });
    const reply = replies[channel];
    if (reply) return typeof reply === 'function' ? reply(payload) : reply;
    const value = answers[channel];
    return value === undefined ? { ok: false, error: { code: 'INTERNAL' } } : { ok: true, value };
  });
  window.custodia = buildBridge(invoke, () => () => {});
  return { sent, of: (channel: Channel) => sent.filter((s) => s.channel === channel).map((s) => s.payload) };
}

/** The app's own routes at `path`, as the keyholder with `role` sees them once unlocked (the shell's lock screen left out). */
export function openAs(role: KeyholderRole, path: string, ui?: ReactNode) {
  const children = routes[0]!.children!;
  const router = createMemoryRouter(ui ? [{ path: '*', element: ui }] : children, { initialEntries: [path] });
  render(unlockedAs(role, <RouterProvider router={router} />));
  return router;
}

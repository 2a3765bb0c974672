import { CHANNELS, EVENTS, type Channel, type LockedEvent } from './channels';
import type { RequestOf, ResultOf } from './contract';
import type { RekeyProgressEvent } from './keyholders';
import type { Result } from './result';

/**
 * Builds `window.custodia` from the channel list. The preload calls it with ipcRenderer;
 * the end-to-end harness runs that same preload against Playwright's exposed function.
 */
export type Invoke = (channel: Channel, payload: unknown) => Promise<unknown>;
export type Subscribe = (event: string, listener: (payload: unknown) => void) => () => void;

type GroupOf<C> = C extends `${infer G}.${string}` ? G : never;
type MethodOf<C, G extends string> = C extends `${G}.${infer M}` ? M : never;

export type CustodiaApi = {
  [G in GroupOf<Channel>]: {
    [C in Channel as MethodOf<C, G>]: (request: RequestOf<C>) => Promise<Result<ResultOf<C>>>;
  };
} & {
  events: {
    onLocked(listener: (event: LockedEvent) => void): () => void;
    /** A re-key's progress while a revocation's approval runs (HAND-1). */
    onRekeyProgress(listener: (event: RekeyProgressEvent) => void): () => void;
  };
};

export function buildBridge(invoke: Invoke, subscribe: Subscribe): CustodiaApi {
  const groups: Record<string, Record<string, (request: unknown) => Promise<unknown>>> = {};
  for (const channel of CHANNELS) {
    const [group, method] = channel.split('.') as [string, string];
    groups[group] ??= {};
    groups[group][method] = (request: unknown) => invoke(channel, request ?? {});
  }
  const events = {
    onLocked: (listener: (event: LockedEvent) => void) => subscribe(EVENTS.locked, (payload) => listener(payload as LockedEvent)),
    onRekeyProgress: (listener: (event: RekeyProgressEvent) => void) => subscribe(EVENTS.rekey, (payload) => listener(payload as RekeyProgressEvent)),
  };
  return Object.freeze({ ...groups, events }) as unknown as CustodiaApi;
}

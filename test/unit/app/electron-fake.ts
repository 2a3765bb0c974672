import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/** Minimal stand-ins for Electron objects, recording what the shell does to them. */
export class FakeWebContents extends EventEmitter {
  windowOpenHandler: (() => { action: string }) | undefined;
  mainFrame = { url: 'custodia://app/index.html' };
  send = vi.fn();
  setWindowOpenHandler(handler: () => { action: string }) {
    this.windowOpenHandler = handler;
  }
}

/** Emits an event the way Electron does and reports whether a listener called preventDefault(). */
export function emitPreventable(target: EventEmitter, name: string, ...args: unknown[]): boolean {
  let prevented = false;
  target.emit(name, { preventDefault: () => (prevented = true) }, ...args);
  return prevented;
}

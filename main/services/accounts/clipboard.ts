import { randomBytes } from 'node:crypto';
import type { Sodium } from '../../vault/sodium';

/** Where copied secrets go: Electron's (asynchronous) clipboard in the app, an in-memory one in tests. */
export interface ClipboardPort {
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
  clear(): void;
}

export class MemoryClipboard implements ClipboardPort {
  private text = '';
  async writeText(text: string): Promise<void> {
    this.text = text;
  }
  async readText(): Promise<string> {
    return this.text;
  }
  clear(): void {
    this.text = '';
  }
}

/**
 * Copies a secret and clears the clipboard after the configured seconds if it still holds that
 * secret (a person may have copied something else since). It remembers a keyed fingerprint of
 * what it copied, never the secret itself.
 */
export class ClipboardGuard {
  private readonly key = new Uint8Array(randomBytes(32));
  private pending: { fingerprint: string; timer: ReturnType<typeof setTimeout> } | undefined;

  constructor(
    private readonly s: Sodium,
    private readonly port: ClipboardPort,
  ) {}

  async copy(secret: string, clearAfterSeconds: number): Promise<void> {
    this.cancel();
    await this.port.writeText(secret);
    const fingerprint = this.fingerprint(secret);
    const timer = setTimeout(() => void this.clearIfOurs(), clearAfterSeconds * 1000);
    timer.unref?.();
    this.pending = { fingerprint, timer };
  }

  /** Clears the clipboard now if it still holds what we copied (on lock, on quit, on timeout). */
  async clearIfOurs(): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    this.cancel();
    if (this.fingerprint(await this.port.readText()) === pending.fingerprint) this.port.clear();
  }

  private cancel(): void {
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = undefined;
  }

  private fingerprint(text: string): string {
    return this.s.to_hex(this.s.crypto_generichash(16, new TextEncoder().encode(text), this.key));
  }
}

import { randomBytes } from 'node:crypto';
import type { Sodium } from '../vault/sodium';

/** Where copied secrets go: Electron's clipboard in the app, an in-memory one in tests. */
export interface ClipboardPort {
  writeText(text: string): void;
  readText(): string;
  clear(): void;
}

export class MemoryClipboard implements ClipboardPort {
  private text = '';
  writeText(text: string): void {
    this.text = text;
  }
  readText(): string {
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

  copy(secret: string, clearAfterSeconds: number): void {
    this.cancel();
    this.port.writeText(secret);
    const fingerprint = this.fingerprint(secret);
    const timer = setTimeout(() => this.clearIfOurs(), clearAfterSeconds * 1000);
    timer.unref?.();
    this.pending = { fingerprint, timer };
  }

  /** Clears the clipboard now if it still holds what we copied (on lock, on quit, on timeout). */
  clearIfOurs(): void {
    if (!this.pending) return;
    if (this.fingerprint(this.port.readText()) === this.pending.fingerprint) this.port.clear();
    this.cancel();
  }

  private cancel(): void {
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = undefined;
  }

  private fingerprint(text: string): string {
    return this.s.to_hex(this.s.crypto_generichash(16, new TextEncoder().encode(text), this.key));
  }
}

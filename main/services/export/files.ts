import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { publish } from '../backup/writer';

/**
 * An export is written under a temporary name beside its destination (`<dest>.partial-<random>`,
 * readable by its owner only), made durable, and renamed into place only once its audit event is
 * committed: a killed export leaves no file under the name the person chose.
 */
export function writePartialFile(destination: string, bytes: Uint8Array): string {
  const partial = `${destination}.partial-${randomBytes(16).toString('hex')}`;
  const fd = openSync(partial, 'wx', 0o600);
  try {
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(partial, { force: true });
    throw error;
  }
  closeSync(fd);
  return partial;
}

export const publishFile = publish;

export function removePartial(partial: string): void {
  rmSync(partial, { force: true });
}

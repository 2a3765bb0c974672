import { execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, closeSync, copyFileSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createHandlerTable, dispatch, type HandlerTable } from '../../../main/ipc/handlers';
import type { Services } from '../../../main/services';
import type { Result } from '../../../shared/result';
import { exited, isRoot, type Step, type StepResult } from '../../fixtures/child';
import { goldenVault, removeDir, tempDir } from '../../fixtures/vault';

/** Shared plumbing of the attack tests (test/unit/attack): vault copies, child processes, small disks, clean-up. */
export { isRoot, type Step, type StepResult };

/** What a test leaves behind: children to kill, services to close, mounts to undo, folders to remove. */
export class Leftovers {
  readonly dirs: string[] = [];
  readonly mounts: string[] = [];
  readonly children: ChildProcess[] = [];
  readonly services: Services[] = [];

  dir(prefix = 'custodia-attack-'): string {
    const dir = tempDir(prefix);
    this.dirs.push(dir);
    return dir;
  }

  async clean(): Promise<void> {
    for (const child of this.children.splice(0)) {
      child.kill('SIGKILL');
      await exited(child);
    }
    for (const s of this.services.splice(0)) await s.close();
    for (const mount of this.mounts.splice(0).reverse()) execFileSync('umount', ['-l', mount]);
    for (const dir of this.dirs.splice(0)) {
      if (!existsSync(dir)) continue;
      openUp(dir);
      removeDir(dir);
    }
  }
}

/** Gives back every permission under dir (a test may have taken some away), without following links. */
function openUp(path: string): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  chmodSync(path, 0o700);
  if (stat.isDirectory()) for (const name of readdirSync(path)) openUp(join(path, name));
}

/** A copy of a founded vault (the golden one of this test file) in a new folder; returns the folder. */
export async function vaultCopy(leftovers: Leftovers, options: { withBackup?: boolean; dir?: string } = {}): Promise<string> {
  const dir = options.dir ?? leftovers.dir();
  mkdirSync(dir, { recursive: true });
  copyFileSync(await goldenVault(options.withBackup ?? false), join(dir, 'vault.sqlite'));
  return dir;
}

/** A small tmpfs at dir (root only): SQLite meets the kernel's ENOSPC there. */
export function mountTmpfs(leftovers: Leftovers, dir: string, size = '4m'): void {
  mkdirSync(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir]);
  leftovers.mounts.push(dir);
}

/** Fills the file system under dir to its last byte; returns the filler's path (remove it to free the space). */
export function fill(dir: string): string {
  const filler = join(dir, 'filler.bin');
  const fd = openSync(filler, 'w');
  try {
    for (let size = 1 << 20; size >= 1; size = Math.floor(size / 2)) {
      const chunk = Buffer.alloc(size, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
  return filler;
}

/** The handler table over services, with every INTERNAL's cause kept for the failure message. */
export function tableOf(services: Services, internals: string[] = []): HandlerTable {
  return createHandlerTable(services, (channel, error) => internals.push(`${channel}: ${String(error)}`));
}

export function call(table: HandlerTable, channel: string, payload: unknown): Promise<Result<unknown>> {
  return dispatch(table, channel, payload);
}

/** The value of a Result that must be ok (the test fails with the error otherwise). */
export function valueOf<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value as T;
}

export function keyholderIds(services: Services): { administrator: string; head: string; backup?: string } {
  const keyholders = services.setup.status().keyholders;
  const of = (role: string) => keyholders.find((k) => k.role === role)?.id;
  return { administrator: of('administrator')!, head: of('head')!, ...(of('backup_administrator') ? { backup: of('backup_administrator')! } : {}) };
}

export function counts(services: Services): { events: number; accounts: number; versions: number } {
  const db = services.vault.require();
  const n = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return { events: n('audit_events'), accounts: n('accounts'), versions: n('credential_versions') };
}

import { spawn, spawnSync, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, closeSync, copyFileSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHandlerTable, dispatch, type HandlerTable } from '../../../main/ipc/handlers';
import type { Services } from '../../../main/services';
import type { Result } from '../../../shared/result';
import { exited, isRoot, type StepResult } from '../../fixtures/child';
import { goldenVault, removeDir, tempDir } from '../../fixtures/vault';

/** Shared plumbing of the attack tests (test/unit/attack): vault copies, child processes, small disks, clean-up. */
export { isRoot, type StepResult };

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const FIXTURE_CHILD = fileURLToPath(new URL('../../fixtures/vault-child.ts', import.meta.url));
const ATTACK_CHILD = fileURLToPath(new URL('./attack-child.ts', import.meta.url));

export type Step = [string, Record<string, unknown>];

/** Root ignores file permissions: a child that must meet them runs without the capabilities that override them. */
function command(script: string, args: string[], withoutOverride: boolean): [string, string[]] {
  const node: [string, string[]] = [process.execPath, ['--import', 'tsx', script, ...args]];
  return withoutOverride && isRoot ? ['setpriv', ['--bounding-set', '-dac_override,-dac_read_search', node[0], ...node[1]]] : node;
}

/**
 * Runs IPC steps (and the file-system steps of attack-child.ts: fs.chmod, fs.rm, fs.write) in another
 * Custodia process on the vault in dir, and returns each IPC step's Result.
 */
export function runAttackSteps(dir: string, steps: Step[], options: { withoutOverride?: boolean; timeoutMs?: number } = {}): StepResult[] {
  const [file, args] = command(ATTACK_CHILD, [dir, JSON.stringify(steps)], options.withoutOverride ?? true);
  const run = spawnSync(file, args, { cwd: ROOT, encoding: 'utf8', timeout: options.timeoutMs ?? 90_000 });
  if (run.status !== 0) throw new Error(`attack child failed (${run.status ?? run.signal}): ${run.stderr}`);
  return run.stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as StepResult);
}

/** A process that opens the vault in dir and keeps it open (test/fixtures/vault-child.ts), optionally without root's override. */
export function holdAs(dir: string, withoutOverride: boolean): Promise<ChildProcess> {
  const [file, args] = command(FIXTURE_CHILD, [dir, JSON.stringify([['vault.status', {}], ['hold', {}]])], withoutOverride);
  const child = spawn(file, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('holding\n')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`holder exited (${code}) before holding: ${out}`)));
  });
}

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

import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, copyFileSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlerTable, dispatch, type HandlerTable } from '../../../../main/ipc/handlers';
import type { Services } from '../../../../main/services';
import { LATEST_VERSION } from '../../../../main/vault/migrations';
import { isRoot, runSteps } from '../../../fixtures/child';
import { freshServices, goldenVault, KNOWN, removeDir, tempDir } from '../../../fixtures/vault';
import { ALTA_FORM } from '../../../fixtures/payloads';

/**
 * design.md §4: storage failures are their own typed errors, never "corrupt" or "empty"; a
 * session exists only if its unlock event is durable; lock always drops the keys; nothing is
 * written half; once the fault is gone the same vault opens and verifies.
 */
const dirs: string[] = [];
const mounts: string[] = [];
let services: Services | undefined;

afterEach(async () => {
  await services?.close();
  services = undefined;
  for (const mount of mounts.splice(0)) execFileSync('umount', ['-l', mount]);
  for (const dir of dirs.splice(0)) {
    chmodSync(dir, 0o700);
    for (const name of readdirSync(dir)) chmodSync(join(dir, name), 0o700);
    removeDir(dir);
  }
});

async function vaultIn(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  copyFileSync(await goldenVault(false), join(dir, 'vault.sqlite'));
}

const register = { account: { platform: 'facebook', kind: 'principal', displayName: 'Página de prensa' }, form: ALTA_FORM };
const unlockAdmin = ['vault.unlock', { keyholderId: '$administrator', passphrase: KNOWN.adminPass }] as [string, Record<string, unknown>];

function counts(s: Services) {
  const db = s.vault.require();
  return { events: db.prepare('SELECT count(*) FROM audit_events').pluck().get(), accounts: db.prepare('SELECT count(*) FROM accounts').pluck().get() };
}

function adminIdFrom(dir: string): string {
  const raw = new Database(join(dir, 'vault.sqlite'), { readonly: true });
  try {
    return raw.prepare("SELECT id FROM keyholders WHERE role = 'administrator'").pluck().get() as string;
  } finally {
    raw.close();
  }
}

function adminId(s: Services): string {
  return s.setup.status().keyholders.find((k) => k.role === 'administrator')!.id;
}

/** Fills the disk under dir until the OS says it is full; returns the filler's path. */
function fill(dir: string): string {
  const filler = join(dir, 'filler.bin');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
  } finally {
    closeSync(fd);
  }
  // The last partial chunk may still fit in a smaller write: fill to the last byte.
  const tail = openSync(filler, 'a');
  try {
    for (let size = 32 * 1024; size >= 1; size = Math.floor(size / 2)) {
      try {
        for (;;) writeSync(tail, Buffer.alloc(size, 1));
      } catch {
        // next smaller size
      }
    }
  } finally {
    closeSync(tail);
  }
  return filler;
}

describe('a disk that fills up while the vault is unlocked', () => {
  it('refuses each write with STORAGE_FULL, locks without fail, unlocks no one, and recovers whole once space is freed', async () => {
    const dir = tempDir('custodia-full-');
    dirs.push(dir);
    const vaultDir = join(dir, 'vault');
    let seam: (() => void) | undefined;
    if (isRoot) {
      // A real small filesystem: SQLite meets ENOSPC from the kernel.
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', dir]);
      mounts.push(dir);
    }
    await vaultIn(vaultDir);
    services = await freshServices(vaultDir);
    const table: HandlerTable = createHandlerTable(services);
    const admin = adminId(services);
    expect((await dispatch(table, 'vault.unlock', { keyholderId: admin, passphrase: KNOWN.adminPass })).ok).toBe(true);
    const db = services.vault.require();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const before = counts(services);
    let filler: string | undefined;
    if (isRoot) filler = fill(dir);
    else {
      // Without root no filesystem can be mounted: SQLite's own page limit gives the same SQLITE_FULL.
      const pages = db.pragma('page_count', { simple: true }) as number;
      db.pragma(`max_page_count = ${pages}`);
      seam = () => db.pragma('max_page_count = 4294967294');
    }

    const refused = await dispatch(table, 'accounts.register', register);
    expect(refused).toMatchObject({ ok: false, error: { code: 'STORAGE_FULL' } });
    expect(counts(services)).toEqual(before);

    const session = services.sessions.current()!;
    const held = [session.keys.vk, session.keys.audit, session.signSecret];
    const locked = await dispatch(table, 'vault.lock', {});
    expect(locked).toEqual({ ok: true, value: { reason: 'manual', unrecorded: 'STORAGE_FULL' } });
    expect(services.sessions.current()).toBeUndefined();
    for (const key of held) expect(key.every((b) => b === 0)).toBe(true);

    const unlock = await dispatch(table, 'vault.unlock', { keyholderId: admin, passphrase: KNOWN.adminPass });
    expect(unlock).toMatchObject({ ok: false, error: { code: 'STORAGE_FULL' } });
    expect(services.sessions.current()).toBeUndefined();
    expect(await dispatch(table, 'vault.status', {})).toMatchObject({ ok: true, value: { state: 'locked' } });
    expect(counts(services)).toEqual(before);

    if (filler) rmSync(filler);
    seam?.();
    expect((await dispatch(table, 'vault.unlock', { keyholderId: admin, passphrase: KNOWN.adminPass })).ok).toBe(true);
    expect(await dispatch(table, 'audit.verify', {})).toMatchObject({ ok: true, value: { ok: true, events: (before.events as number) + 1 } });
    expect(await dispatch(table, 'integrity.verify', {})).toMatchObject({ ok: true, value: { report: { ok: true } } });
    expect((await dispatch(table, 'accounts.register', register)).ok).toBe(true);
  });
});

describe('a folder the office account cannot read or write', () => {
  it('an unreadable folder is STORAGE_UNREADABLE, never "empty": no ceremony is offered over it; once readable it opens', async () => {
    const dir = tempDir('custodia-unreadable-');
    dirs.push(dir);
    await vaultIn(dir);
    const admin = adminIdFrom(dir);
    chmodSync(dir, 0o000);
    const [status, create, unlock] = runSteps(dir, [
      ['vault.status', {}],
      [
        'vault.create',
        {
          institution: { name: 'X', acronym: 'X', emailDomains: ['x.gob.pe'], timeZone: 'America/Lima', idleLockMinutes: 5 },
          keyholders: [
            { role: 'administrator', name: 'A', passphrase: 'p' },
            { role: 'head', name: 'B', passphrase: 'q' },
          ],
        },
      ],
      ['vault.unlock', { keyholderId: admin, passphrase: KNOWN.adminPass }],
    ]);
    expect(status!.result).toMatchObject({ ok: true, value: { state: 'unavailable', error: { code: 'STORAGE_UNREADABLE' } } });
    expect(create!.result).toMatchObject({ ok: false, error: { code: 'STORAGE_UNREADABLE' } });
    expect(unlock!.result).toMatchObject({ ok: false, error: { code: 'STORAGE_UNREADABLE' } });
    expect(unlock!.session).toBe(false);

    chmodSync(dir, 0o700);
    const [again, opened, verified] = runSteps(dir, [['vault.status', {}], unlockAdmin, ['audit.verify', {}]]);
    expect(again!.result).toMatchObject({ ok: true, value: { state: 'locked' } });
    expect(opened!.result.ok).toBe(true);
    expect(verified!.result).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('a read-only file and folder are STORAGE_READ_ONLY: no session, lock succeeds, nothing written; writable again, it unlocks and verifies', async () => {
    const dir = tempDir('custodia-readonly-');
    dirs.push(dir);
    await vaultIn(dir);
    const file = join(dir, 'vault.sqlite');
    const bytes = () => readFileSync(file).toString('base64');
    const original = bytes();
    const admin = adminIdFrom(dir);
    chmodSync(file, 0o444);
    chmodSync(dir, 0o555);
    const [status, unlock, lock] = runSteps(dir, [
      ['vault.status', {}],
      ['vault.unlock', { keyholderId: admin, passphrase: KNOWN.adminPass }],
      ['vault.lock', {}],
    ]);
    expect(status!.result).toMatchObject({ ok: true, value: { state: 'unavailable', error: { code: 'STORAGE_READ_ONLY' } } });
    expect(unlock!.result).toMatchObject({ ok: false, error: { code: 'STORAGE_READ_ONLY' } });
    expect(unlock!.session).toBe(false);
    expect(lock!.result).toEqual({ ok: true, value: { reason: 'manual' } });
    expect(bytes()).toBe(original);

    chmodSync(dir, 0o700);
    chmodSync(file, 0o600);
    const [opened, verified] = runSteps(dir, [unlockAdmin, ['audit.verify', {}]]);
    expect(opened!.result.ok).toBe(true);
    expect(verified!.result).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('a vault from a newer Custodia is VAULT_NEWER_FORMAT, not corrupt, and is left untouched', async () => {
    const dir = tempDir('custodia-newer-');
    dirs.push(dir);
    await vaultIn(dir);
    const file = join(dir, 'vault.sqlite');
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.close();
    const original = readFileSync(file);
    services = await freshServices(dir);
    expect(services.setup.status()).toMatchObject({
      state: 'unavailable',
      error: { code: 'VAULT_NEWER_FORMAT', details: { format: 999, supported: LATEST_VERSION } },
    });
    await expect(services.sessions.unlock(adminIdFrom(dir), KNOWN.adminPass)).rejects.toMatchObject({ code: 'VAULT_NEWER_FORMAT' });
    expect(readFileSync(file).equals(original)).toBe(true);
  });
});

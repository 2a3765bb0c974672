import { copyFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect } from 'vitest';
import type { IntegrityFault } from '../../../shared/integrity';
import { CustodiaError } from '../../../main/domain/errors';
import { createServices, type Services } from '../../../main/services';
import { ACCOUNTS, freshSecret, registerAccount, rotateApplied, unlockedWithActors } from '../../fixtures/vault';
import { Leftovers } from './helpers';

/**
 * Issue 16 (HAND-1; design.md §4, "revoking a keyholder") under attack by someone who holds the
 * administrator's passphrase, write access to the vault file and a copy of it taken before the
 * revocation, helped by the revoked backup administrator (who still knows their passphrase and
 * kept their signing key). Each attack edits the file as sqlite3 would and then tries to get in:
 * the revoked passphrase opens nothing, a forged key slot is VAULT_TAMPERED, and whatever the
 * unlock lets through the full verification names.
 *
 * The setup the keyholder-attacks-*.test.ts files share: `useRevokedVault()` builds the revoked
 * vault once per file (`base`); each test then works on copies of it.
 */
export const left = new Leftovers();
/** The clock of every service here: one second per reading; a test may set it back or forward. */
export const time = { now: Date.parse('2026-11-22T15:00:00Z') };
export const clock = () => new Date((time.now += 1000));

export interface Base {
  /** The vault's folder after the backup administrator's revocation (closed). */
  dir: string;
  /** A complete copy of vault.sqlite taken just before the revocation. */
  pre: string;
  ids: { admin: string; head: string; backup: string };
  facebook: string;
  secret: string;
  /** The vault key before the re-key, as the revoked keyholder could have taken it from memory. */
  oldVk: Uint8Array;
  /** The revoked keyholder's signing secret, kept from before the revocation. */
  retiredSecret: Uint8Array;
  /** The revocation's audit event. */
  revokedAt: number;
}

export let base: Base;

/** Builds `base` before the file's tests and removes every copy after them. */
export function useRevokedVault(): void {
  beforeAll(async () => {
    const ctx = await unlockedWithActors({ clock });
    const { services, admin, head, backup } = ctx;
    await services.integrity.status();
    const facebook = registerAccount(services, admin, head, ACCOUNTS.facebook);
    const secret = freshSecret();
    rotateApplied(ctx, facebook, secret);
    services.credentials.reveal(backup, facebook);
    const pre = join(left.dir('custodia-attack-pre-'), 'vault.sqlite');
    services.vault.require().exec(`VACUUM INTO '${pre}'`);
    const ids = { admin: admin.keyholderId, head: head.keyholderId, backup: backup.keyholderId };
    const oldVk = services.sessions.require().keys.vk.slice();
    const retiredSecret = backup.signSecret.slice();
    services.sessions.release(backup);
    const { requestId } = services.keyholders.proposeRevoke(admin, { keyholderId: ids.backup, handoverId: null });
    services.cosign.approve(requestId, head);
    services.sessions.release(head);
    expect(services.integrity.verify()).toMatchObject({ ok: true, faults: [] });
    const revokedAt = services.vault.require().prepare(`SELECT seq FROM audit_events WHERE action = 'keyholder.revoke.approved'`).pluck().get() as number;
    await services.close();
    left.dirs.push(services.vault.dataDir);
    base = { dir: services.vault.dataDir, pre, ids, facebook, secret, oldVk, retiredSecret, revokedAt };
  }, 120_000);

  afterAll(() => left.clean());
}

export const codeOf = async (run: () => unknown): Promise<{ code: string; details?: unknown }> => {
  try {
    await run();
  } catch (error) {
    if (error instanceof CustodiaError) return { code: error.code, details: error.details };
    return { code: `not typed: ${String(error)}` };
  }
  return { code: 'none' };
};

/** A private copy of the revoked vault's folder, edited first as sqlite3 would, and services over it. */
export async function onCopy(edit?: (db: Database.Database) => void, from = base.dir): Promise<Services> {
  const dir = left.dir();
  cpSync(from, dir, { recursive: true });
  if (edit) {
    const db = new Database(join(dir, 'vault.sqlite'));
    try {
      edit(db);
    } finally {
      db.close();
    }
  }
  const services = await createServices({ dataDir: dir, clock });
  left.services.push(services);
  return services;
}

/** Services over a copy of the file as it was before the revocation (the backup administrator still active). */
export async function onPreCopy(): Promise<Services> {
  const dir = left.dir();
  copyFileSync(base.pre, join(dir, 'vault.sqlite'));
  const services = await createServices({ dataDir: dir, clock });
  left.services.push(services);
  return services;
}

/** Closes services now (a test that goes on with another copy); the clean-up does not close them twice. */
export async function closeNow(services: Services): Promise<void> {
  left.services.splice(left.services.indexOf(services), 1);
  await services.close();
}

export const eventCount = (services: Services) => services.vault.require().prepare('SELECT count(*) FROM audit_events').pluck().get() as number;
export const keyOf = (id: string | number) => JSON.stringify([id]);
export const faultsOf = (services: Services): IntegrityFault[] => services.integrity.verify().faults;
export const preRow = () => {
  const db = new Database(base.pre, { readonly: true });
  try {
    return db.prepare('SELECT wrapped_vk, sealed_sign_secret FROM keyholders WHERE id = ?').get(base.ids.backup) as {
      wrapped_vk: Buffer;
      sealed_sign_secret: Buffer;
    };
  } finally {
    db.close();
  }
};
export const reactivate = (db: Database.Database, set = '', ...values: unknown[]) =>
  db.prepare(`UPDATE keyholders SET status = 'active', retired_at = NULL${set} WHERE id = ?`).run(...values, base.ids.backup);

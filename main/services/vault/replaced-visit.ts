import Database from 'better-sqlite3';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Db } from '../../vault/db';
import { eventHolds, newestEvent } from '../../vault/audit/one-event';
import { readRoster } from '../../vault/integrity/roster';
import type { Sodium } from '../../vault/sodium';
import type { SeenRecord } from './last-seen';
import type { VaultFile } from './vault-file';

/**
 * A keyholder's last-seen head that this vault's chain does not hold reads as a rollback (design.md
 * §4), unless the file is an authorized replacement (issue 18, «vault.restore»). The replaced vault
 * is kept aside in this folder, and its last events say so; the head that keyholder saw is read
 * there. Accepted only when all of this holds, so that copying an old vault in place still trips
 * the alarm:
 * - the set-aside file is this vault (same vault id) and its chain holds the head the keyholder saw;
 * - its «vault.replaced» event names this very file name, holds (hash, links, its actor's signature),
 *   and names a chain head that this vault holds — and the keyholder saw beyond it;
 * - its request's «vault.restore.approved» holds, is signed by a head of its roster, and names the
 *   same backup (the file's digest).
 * Returns the head to read the visit from (the backup's), or null.
 */
export function replacedSince(db: Db, s: Sodium, vault: VaultFile, seen: SeenRecord): SeenRecord | null {
  const prefix = `${basename(vault.path)}.replaced-`;
  let names: string[];
  try {
    names = readdirSync(vault.dataDir).filter((n) => n.startsWith(prefix) && !n.endsWith('-wal') && !n.endsWith('-shm'));
  } catch {
    return null;
  }
  for (const name of names.sort().reverse()) {
    const since = readAside(join(vault.dataDir, name), vault.nativeBinding, (old) => acceptance(db, old, s, seen, name));
    if (since) return since;
  }
  return null;
}

function acceptance(db: Db, old: Db, s: Sodium, seen: SeenRecord, name: string): SeenRecord | null {
  const idOf = (d: Db) => d.prepare(`SELECT value FROM vault_meta WHERE key = 'vault_id'`).pluck().get() as unknown;
  if (String(idOf(old)) !== String(idOf(db))) return null;
  const hashAt = (d: Db, seq: number) => (d.prepare('SELECT hash FROM audit_events WHERE seq = ?').pluck().get(seq) as Buffer | undefined)?.toString('hex');
  if (hashAt(old, seen.seq) !== seen.hash) return null;
  const replaced = newestEvent(old, 'vault.replaced');
  if (!replaced) return null;
  const roster = readRoster(old, s);
  if (!eventHolds(old, s, replaced, roster)) return null;
  const details = JSON.parse(replaced.details) as { replaced?: unknown; digest?: unknown; seq?: unknown; head?: unknown };
  const request = (JSON.parse(replaced.subjects) as { request?: unknown }).request;
  if (details.replaced !== name || typeof details.seq !== 'number' || typeof details.head !== 'string' || typeof request !== 'string') return null;
  if (hashAt(db, details.seq) !== details.head || seen.seq <= details.seq) return null;
  const approval = newestEvent(old, 'vault.restore.approved', { key: 'request', value: request });
  if (!approval || !eventHolds(old, s, approval, roster) || roster?.get(approval.actorId)?.role !== 'head') return null;
  if ((JSON.parse(approval.subjects) as { backup?: unknown }).backup !== details.digest) return null;
  return { seq: details.seq, hash: details.head, at: seen.at };
}

/** The set-aside file opened read-only; the -wal and -shm SQLite makes beside it are removed after, if they were not there. */
function readAside<T>(file: string, nativeBinding: string | undefined, read: (old: Db) => T): T | null {
  const made = ['-wal', '-shm'].filter((suffix) => !existsSync(file + suffix));
  let old: Db | undefined;
  try {
    old = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    return read(old);
  } catch {
    return null; // not a vault, unreadable: it accepts nothing
  } finally {
    old?.close();
    for (const suffix of made) rmSync(file + suffix, { force: true });
  }
}

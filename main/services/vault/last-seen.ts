import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LastVisit } from '../../../shared/integrity';
import { openBox, sealBox } from '../../vault/aead';
import type { Db } from '../../vault/db';
import { readMeta } from '../../vault/repositories/meta';
import type { Sodium } from '../../vault/sodium';

/**
 * Each keyholder's last-seen chain head, sealed under a key derived from their own passphrase and
 * kept beside the vault, not in it: rolling the vault file back does not roll these back, and no
 * other keyholder can forge one. At unlock it tells what happened since, or that the chain no
 * longer holds what this person saw (cut, or an older copy of the file).
 */
export interface SeenRecord {
  seq: number;
  hash: string;
  at: string;
  /** The last chain head a full verification on this keyholder's watch found whole: signatures up to it need not be checked again for them. */
  verified?: { seq: number; hash: string; signatures?: string };
}

export const SEEN_KEY_CONTEXT = 'lastseen';

export function deriveSeenKey(s: Sodium, kek: Uint8Array): Uint8Array {
  return s.crypto_kdf_derive_from_key(32, 1, SEEN_KEY_CONTEXT, kek);
}

export class LastSeenStore {
  constructor(
    private readonly s: Sodium,
    private readonly dataDir: string,
  ) {}

  private file(vaultId: string, keyholderId: string): string {
    return join(this.dataDir, 'seen', `${vaultId}.${keyholderId}.seen`);
  }

  private ad = (vaultId: string, keyholderId: string) => `custodia/v1/seen/${vaultId}/${keyholderId}`;

  read(vaultId: string, keyholderId: string, key: Uint8Array): SeenRecord | 'none' | 'unreadable' {
    let box: Buffer;
    try {
      box = readFileSync(this.file(vaultId, keyholderId));
    } catch (error) {
      // Only a record that is not there is a first visit; one that cannot be read (permissions, I/O) may hide a rollback.
      return (error as { code?: unknown }).code === 'ENOENT' ? 'none' : 'unreadable';
    }
    try {
      return JSON.parse(new TextDecoder().decode(openBox(this.s, key, box, this.ad(vaultId, keyholderId)))) as SeenRecord;
    } catch {
      return 'unreadable';
    }
  }

  /** Written beside the vault through a temporary file and a rename, so a crash leaves the old record or the new. */
  write(vaultId: string, keyholderId: string, key: Uint8Array, record: SeenRecord): void {
    const file = this.file(vaultId, keyholderId);
    mkdirSync(join(this.dataDir, 'seen'), { recursive: true, mode: 0o700 });
    const box = sealBox(this.s, key, new TextEncoder().encode(JSON.stringify(record)), this.ad(vaultId, keyholderId));
    writeFileSync(`${file}.tmp`, box, { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }
}

export const vaultIdOf = (db: Db): string => String(readMeta(db, 'vault_id') ?? 'unknown');

/** Compares a keyholder's record with the chain and summarises the events after it. */
export function lastVisit(db: Db, s: Sodium, seen: SeenRecord | 'none' | 'unreadable'): LastVisit {
  if (seen === 'none') return { state: 'first' };
  if (seen === 'unreadable') return { state: 'unreadable' };
  const row = db.prepare('SELECT hash FROM audit_events WHERE seq = ?').get(seen.seq) as { hash: Buffer } | undefined;
  if (!row || s.to_hex(row.hash) !== seen.hash) {
    const chainEvents = (db.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;
    return { state: 'rolled_back', seenSeq: seen.seq, seenAt: seen.at, chainEvents };
  }
  const rows = db.prepare('SELECT actor_id AS actor, action, count(*) AS n FROM audit_events WHERE seq > ? GROUP BY actor_id, action').all(seen.seq) as {
    actor: string;
    action: string;
    n: number;
  }[];
  const byActor: Record<string, number> = {};
  const byAction: Record<string, number> = {};
  let events = 0;
  for (const r of rows) {
    events += r.n;
    byActor[r.actor] = (byActor[r.actor] ?? 0) + r.n;
    byAction[r.action] = (byAction[r.action] ?? 0) + r.n;
  }
  return { state: 'ok', seenSeq: seen.seq, seenAt: seen.at, events, byActor, byAction };
}

import canonicalize from 'canonicalize';
import { CustodiaError } from '../../domain/errors';
import { assertHeadIntact, lastEvent } from '../../vault/audit/log';
import { openExistingVault, type OpenOptions } from '../../vault/db';
import type { SchemaObject } from '../../vault/integrity/schema';
import { readRoster } from '../../vault/integrity/roster';
import { verifyAtRest } from '../../vault/integrity/parallel';
import { verifyIntegrity } from '../../vault/integrity/verify';
import type { VaultKeys } from '../../vault/keys';
import { readInstitution } from '../../vault/repositories/institution';
import { readMeta } from '../../vault/repositories/meta';
import type { Sodium } from '../../vault/sodium';
import type { BackupHeader } from './format';
import { keySlots, tableCounts } from './snapshot';

export interface RestoredFacts {
  institution: { name: string; acronym: string };
  head: { seq: number; hash: string };
  counts: Record<string, number>;
  events: number;
}

const mismatch = (part: string, extra: Record<string, string | number> = {}) => new CustodiaError('BACKUP_CORRUPT', { part, ...extra });

/**
 * A decrypted snapshot is trusted only once it stands on its own as a vault: the full integrity
 * verification (chain, the signatures by the signed roster — those up to the head's last checkpoint
 * vouched for by it —, authority, every covered row against the log), its sealed chain head under this vault key (a cut tail), and then every fact the signed
 * header states: chain head, identity, counts, key slots, and the signer as a member of the roster
 * the restored log replays. The file stays closed and checkpointed, ready to be installed.
 */
export async function verifyRestored(
  s: Sodium,
  file: string,
  header: BackupHeader,
  keys: VaultKeys,
  reference: readonly SchemaObject[],
  options: OpenOptions = {},
): Promise<RestoredFacts> {
  let db;
  try {
    db = openExistingVault(file, options);
  } catch (error) {
    if (error instanceof CustodiaError && error.code === 'VAULT_NEWER_FORMAT') throw new CustodiaError('BACKUP_NEWER_FORMAT', error.details);
    throw mismatch('snapshot');
  }
  try {
    // Every chain hash and row from genesis; every signature after the last checkpoint the head's Custodia signed (those
    // before it the head vouched for, and an edit before it voids it: 0008), never the restoring keyholder's own record.
    // In two worker threads (the log's walk, the rows' digests: parallel.ts), so the window stays responsive (in place where none can run).
    const report = (await verifyAtRest(file, options.nativeBinding, reference))?.report ?? verifyIntegrity(db, s, reference, undefined, {}).report;
    if (!report.ok) throw mismatch('integrity', { fault: report.faults[0]?.kind ?? 'unknown', seq: report.faults[0]?.seq ?? 0 });
    try {
      assertHeadIntact(db, s, keys.audit);
    } catch {
      throw mismatch('sealed_head');
    }
    const head = lastEvent(db);
    const restoredHead = { seq: head.seq, hash: s.to_hex(head.hash) };
    if (restoredHead.seq !== header.chainHead.seq || restoredHead.hash !== header.chainHead.hash) throw mismatch('chain_head');
    if (String(readMeta(db, 'vault_id') ?? '') !== header.vaultId) throw mismatch('vault_id');
    const counts = tableCounts(db);
    for (const [table, n] of Object.entries(header.counts)) if (counts[table] !== n) throw mismatch('counts', { table });
    if (canonicalize(keySlots(db, s)) !== canonicalize(header.keyholders)) throw mismatch('key_slots');
    const signer = readRoster(db, s)?.get(header.signer.keyholderId);
    if (!signer || signer.key !== header.signer.publicKey) throw new CustodiaError('BACKUP_SIGNATURE', { reason: 'signer_not_in_roster' });
    const institution = readInstitution(db, s, keys.records);
    if (!institution) throw mismatch('institution');
    return { institution: { name: institution.name, acronym: institution.acronym }, head: restoredHead, counts, events: report.events };
  } finally {
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
  }
}

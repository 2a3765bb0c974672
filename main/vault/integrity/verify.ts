import type { IntegrityFault, IntegrityReport } from '../../../shared/integrity';
import { cosignStep, isClockBehind, signerRoles } from '../../domain/authority';
import { GENESIS_HASH, storedTextHash, type AuditEvent, type ChainedEvent } from '../audit/chain';
import { readChainRows } from '../audit/log';
import { equal, SignatureChecks, SignatureDigest, sparedUpTo, type TrustedHead } from '../audit/verify';
import type { Db } from '../db';
import type { Sodium } from '../sodium';
import { checkInvariants, type GrantFact } from './invariants';
import { applyRosterChange, parseRoster, rosterSignedByAll, type RosterMember } from './roster';
import { checkRows, ledgerKey, rowsOf } from './rows';
import { KIT_SIGNED, replayKitIssue } from './kit-roster';
import { compareSchema, readSchema, undeclaredTables, type SchemaObject } from './schema';
import { allowedOps, TABLE_RULE, type RowOp } from './tables';

/** Row digests as the log last recorded them, keyed `table \0 key`; and the roster replayed from the log. */
export interface Ledger {
  digests: Map<string, string>;
  roster: Map<string, RosterMember>;
  lastSeq: number;
  /** The digest of every signature up to lastSeq as walked (audit/verify.ts SignatureDigest), for the keyholder's record. */
  signatures?: string;
}

export { ledgerKey };
const MAX_LISTED = 200;

interface Request {
  kind: string;
  proposer: string;
  expiresAt: string | null;
  decided: boolean;
}

type ReplayedEvent = AuditEvent & Pick<ChainedEvent, 'hash'>;

/**
 * Replays the whole log: the chain, every signature (with the keys the signed roster names, not the
 * keyholders table's), who signed what, the co-sign rules, time, and which rows each event wrote;
 * then compares every covered row with the digest its last event recorded. Needs no vault key.
 * `trusted` (this keyholder's own earlier verification, audit/verify.ts) spares the signatures it
 * checked, when the chain and those signatures are still what it found; `full` spares none.
 */
export function verifyIntegrity(
  db: Db,
  s: Sodium,
  expectedSchema: readonly SchemaObject[],
  trusted?: TrustedHead,
  options: { full?: boolean; rows?: boolean } = {},
): { report: IntegrityReport; ledger: Ledger } {
  const faults: IntegrityFault[] = [];
  let dropped = 0;
  const fault = (f: IntegrityFault) => (faults.length < MAX_LISTED ? faults.push(f) : (dropped += 1));
  const digests = new Map<string, string>();
  const requests = new Map<string, Request>();
  const kitGrants = new Set<string>();
  const facts = { shown: new Set<string>(), used: new Set<string>(), grants: new Map<string, GrantFact>(), revoked: new Set<string>() };
  const found = prescan(db);
  let baseline = found.baseline;
  let roster = baseline;
  const checks = new SignatureChecks((hex) => (/^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : undefined));
  const sigDigest = new SignatureDigest();
  // The heads a checkpoint or the trusted record names: their hash and signature digest are kept as the walk passes them.
  const wanted = found.checkpoints;
  if (trusted && !options.full) wanted.add(trusted.seq);
  const at = new Map<number, { hash: string; signatures: string }>();
  let checkpoint = 0;
  let prevHash: Uint8Array = GENESIS_HASH;
  let expected = 1;
  let lastAt: string | null = null;
  let bound = false;
  let vaultId = found.vaultId;

  for (const row of readChainRows(db)) {
    if (row.seq !== expected) {
      fault({ kind: 'sequence_gap', seq: expected });
      break;
    }
    if (!equal(row.prevHash, prevHash)) {
      fault({ kind: 'chain_broken', seq: row.seq });
      break;
    }
    const event: ReplayedEvent = {
      seq: row.seq,
      at: row.at,
      actorId: row.actorId,
      action: row.action,
      subjects: JSON.parse(row.subjects) as Record<string, string>,
      details: JSON.parse(row.details) as AuditEvent['details'],
      hash: row.hash,
    };
    if (
      !equal(
        storedTextHash(s, prevHash, row, row.subjects, row.details, row.hash, () => event),
        row.hash,
      )
    ) {
      fault({ kind: 'hash_mismatch', seq: row.seq });
      break;
    }
    prevHash = row.hash;
    expected += 1;
    sigDigest.add(row.signature);
    if (wanted.has(event.seq)) at.set(event.seq, { hash: Buffer.from(row.hash).toString('hex'), signatures: sigDigest.value() });

    if (event.seq === 1) {
      if (typeof event.details.vaultId === 'string') vaultId = event.details.vaultId;
      const founding = foundingRoster(s, event);
      // A vault founded with a signed roster has no baseline: an "adoption" in it is a forgery.
      if (founding) {
        roster = { seq: 1, members: founding };
        baseline = undefined;
      } else if (!roster) {
        fault({ kind: 'roster_invalid', seq: 1 });
        break;
      }
      bound = founding !== undefined;
    }
    // The founding and the baseline write whole tables: each is valid once, where it belongs.
    if ((event.action === 'vault.created' && event.seq !== 1) || (event.action === 'integrity.adopted' && baseline?.seq !== event.seq)) {
      fault({ kind: 'write_refused', seq: event.seq, action: event.action });
    }
    if (event.action === 'integrity.adopted' && baseline?.seq === event.seq) bound = true;
    const member = roster!.members.get(event.actorId);
    if (!member || !checks.hasKey(member.key)) {
      fault({ kind: 'unknown_actor', seq: event.seq });
      continue;
    }
    // A revoked keyholder's key signs nothing after the event that retired it (HAND-1); what it signed before still verifies.
    if (member.retiredAt !== undefined && event.seq > member.retiredAt) fault({ kind: 'actor_retired', seq: event.seq });
    // An emergency kit signs its own use and the recovery it opens, nothing else; it is issued only by an authorized request, once (issue 18).
    if (member.kit && !KIT_SIGNED.has(event.action)) fault({ kind: 'role_refused', seq: event.seq, action: event.action });
    if (!replayKitIssue(event, kitGrants)) fault({ kind: 'request_unknown', seq: event.seq });
    checks.add(event.seq, member.key, row.hash, row.signature);

    if (lastAt !== null && isClockBehind(event.at, lastAt)) fault({ kind: 'clock_backwards', seq: event.seq });
    if (lastAt === null || event.at > lastAt) lastAt = event.at;
    const roles = signerRoles(event.action);
    if (roles && !roles.includes(member.role)) fault({ kind: 'role_refused', seq: event.seq, action: event.action });
    replayCosign(event, requests, fault);
    if (!applyRosterChange(s, vaultId, roster!.members, event)) fault({ kind: 'roster_invalid', seq: event.seq });
    // A head's checkpoint vouches for every signature up to the head it names, as they were: the same chain hash and signature bytes.
    if (event.action === 'integrity.checkpoint' && member.role === 'head' && !member.kit) {
      const target = Number(event.details.seq);
      const found = at.get(target);
      if (
        Number.isInteger(target) &&
        target > checkpoint &&
        target < event.seq &&
        found &&
        found.hash === event.details.hash &&
        found.signatures === event.details.signatures
      )
        checkpoint = target;
    }
    if (event.action === 'totp.exported' && event.subjects.request) facts.shown.add(event.subjects.request);
    if (event.action === 'recovery_code.used' && event.subjects.code) facts.used.add(event.subjects.code);
    const grant = event.subjects.grant;
    if (event.action === 'role.grant.approved' && grant)
      facts.grants.set(grant, { account: event.subjects.account ?? '', person: event.subjects.person ?? '', role: event.subjects.role });
    if (event.action === 'role.revoke.approved' && grant) facts.revoked.add(grant);
    if (bound) replayRows(event, digests, fault);
    else if (event.details.rows !== undefined) fault({ kind: 'write_refused', seq: event.seq, action: event.action });
  }
  const events = expected - 1;
  if (events === 0) fault({ kind: 'truncated', seq: 1 });

  // Signatures last, in one pass, on both cores. Those the head vouched for in a checkpoint, or that this keyholder's
  // own earlier verification found whole (the chain still holds that head, with the same signatures), are not checked again.
  const spared = options.full ? 0 : Math.max(checkpoint, sparedUpTo(trusted, trusted ? at.get(trusted.seq) : undefined));
  const signatures = checks.count(spared);
  for (const seq of checks.invalid(spared)) fault({ kind: 'signature_invalid', seq });

  // Every covered row against the ledger; skipped only for verifyInParallel (parallel.ts), which compares them itself from a second reader.
  const rows = options.rows === false ? 0 : checkRows(digests, rowsOf(db), fault);
  for (const f of compareSchema(readSchema(db), expectedSchema)) fault(f);
  for (const table of undeclaredTables(db)) fault({ kind: 'table_undeclared', table });
  const members = roster?.members ?? new Map<string, RosterMember>();
  for (const f of checkInvariants(db, members, facts)) fault(f);

  const headHash = s.to_hex(prevHash);
  const report: IntegrityReport = {
    ok: faults.length === 0,
    events,
    headHash,
    rows,
    signatures,
    faults,
    moreFaults: dropped,
    baselineSeq: baseline?.seq ?? null,
  };
  return { report, ledger: { digests, roster: members, lastSeq: events, signatures: sigDigest.value() } };
}

/**
 * The events a walk must know of before it passes them, found in one scan of the log: the first
 * adoption (a baseline's roster) and the heads that checkpoints name (their hash and signature
 * digest are kept as the walk passes them).
 */
function prescan(db: Db): { baseline: { seq: number; members: Map<string, RosterMember> } | undefined; checkpoints: Set<number>; vaultId: string } {
  const checkpoints = new Set<number>();
  let adopted: { seq: number; details: string } | undefined;
  const rows = db
    .prepare(`SELECT seq, action, details FROM audit_events WHERE action IN ('integrity.adopted', 'integrity.checkpoint') ORDER BY seq`)
    .iterate() as IterableIterator<{ seq: number; action: string; details: string }>;
  for (const row of rows) {
    if (row.action === 'integrity.adopted') {
      adopted ??= row;
      continue;
    }
    try {
      const target = Number((JSON.parse(row.details) as { seq?: unknown }).seq);
      if (Number.isInteger(target)) checkpoints.add(target);
    } catch {
      // An unreadable checkpoint names nothing; the walk judges its event.
    }
  }
  const roster = adopted && parseRoster((JSON.parse(adopted.details) as { roster?: unknown }).roster);
  const vaultId = (db.prepare(`SELECT value FROM vault_meta WHERE key = 'vault_id'`).get() as { value: unknown } | undefined)?.value;
  return {
    baseline: adopted && roster ? { seq: adopted.seq, members: new Map(roster.map((m) => [m.id, m])) } : undefined,
    checkpoints,
    vaultId: typeof vaultId === 'string' ? vaultId : '',
  };
}

/** The founding event's roster, when every founder signed it. */
function foundingRoster(s: Sodium, event: AuditEvent): Map<string, RosterMember> | undefined {
  if (event.action !== 'vault.created') return undefined;
  const roster = parseRoster(event.details.roster);
  const signatures = event.details.rosterSignatures;
  const vaultId = event.details.vaultId;
  if (!roster || typeof vaultId !== 'string' || !signatures || typeof signatures !== 'object' || Array.isArray(signatures)) return undefined;
  if (!rosterSignedByAll(s, vaultId, roster, signatures)) return undefined;
  return new Map(roster.map((m) => [m.id, m]));
}

function replayCosign(event: AuditEvent, requests: Map<string, Request>, fault: (f: IntegrityFault) => void): void {
  const step = cosignStep(event.action);
  const id = event.subjects.request;
  if (!step || !id) return;
  if (step.step === 'proposed') {
    if (requests.has(id)) fault({ kind: 'request_decided', seq: event.seq });
    const expiresAt = typeof event.details.expiresAt === 'string' ? event.details.expiresAt : null;
    requests.set(id, { kind: step.kind, proposer: event.actorId, expiresAt, decided: false });
    return;
  }
  const request = requests.get(id);
  if (!request || request.kind !== step.kind) return fault({ kind: 'request_unknown', seq: event.seq });
  if (request.decided) fault({ kind: 'request_decided', seq: event.seq });
  if (request.proposer === event.actorId) fault({ kind: 'self_approval', seq: event.seq });
  if (step.step === 'approved' && request.expiresAt !== null && event.at >= request.expiresAt) fault({ kind: 'request_expired', seq: event.seq });
  request.decided = true;
}

function replayRows(event: AuditEvent, digests: Map<string, string>, fault: (f: IntegrityFault) => void): void {
  const rows = event.details.rows;
  if (rows === undefined) return;
  if (!rows || typeof rows !== 'object' || Array.isArray(rows)) return fault({ kind: 'write_refused', seq: event.seq, action: event.action });
  for (const [table, written] of Object.entries(rows)) {
    const rule = TABLE_RULE.get(table);
    if (!rule || !written || typeof written !== 'object' || Array.isArray(written)) {
      fault({ kind: 'write_refused', seq: event.seq, table, action: event.action });
      continue;
    }
    const allowed = allowedOps(rule, event.action);
    for (const [key, digest] of Object.entries(written)) {
      const k = ledgerKey(table, key);
      const before = digests.get(k);
      const op: RowOp = digest === null ? 'delete' : before === undefined ? 'insert' : 'update';
      if ((digest !== null && typeof digest !== 'string') || (op === 'delete' && before === undefined) || !allowed.includes(op)) {
        fault({ kind: 'write_refused', seq: event.seq, table, key, action: event.action });
      }
      if (typeof digest === 'string') digests.set(k, digest);
      else digests.delete(k);
    }
  }
}

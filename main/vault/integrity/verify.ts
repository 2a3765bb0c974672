import { verify as verifySignature, type KeyObject } from 'node:crypto';
import { equal, publicKeyObject } from '../audit/verify';
import type { IntegrityFault, IntegrityReport } from '../../../shared/integrity';
import { cosignStep, isClockBehind, signerRoles } from '../../domain/authority';
import { GENESIS_HASH, storedEventHash, type ChainedEvent } from '../audit/chain';
import { readEvents } from '../audit/log';
import type { Db } from '../db';
import type { Sodium } from '../sodium';
import { checkInvariants } from './invariants';
import { parseRoster, rosterSignedByAll, type RosterEntry } from './roster';
import { allRows, rowDigest } from './row-digest';
import { compareSchema, readSchema, undeclaredTables, type SchemaObject } from './schema';
import { allowedOps, TABLE_RULE, TABLE_RULES, type RowOp } from './tables';

/** Row digests as the log last recorded them, keyed `table \0 key`; and the roster replayed from the log. */
export interface Ledger {
  digests: Map<string, string>;
  roster: Map<string, RosterEntry>;
  lastSeq: number;
}

export const ledgerKey = (table: string, key: string) => `${table}\u0000${key}`;
const MAX_LISTED = 200;

interface Request {
  kind: string;
  proposer: string;
  expiresAt: string | null;
  decided: boolean;
}

const keyObject = (hex: string): KeyObject => publicKeyObject(Buffer.from(hex, 'hex'));


/**
 * Replays the whole log: the chain, every signature (with the keys the signed roster names, not the
 * keyholders table's), who signed what, the co-sign rules, time, and which rows each event wrote;
 * then compares every covered row with the digest its last event recorded. Needs no vault key.
 */
export function verifyIntegrity(db: Db, s: Sodium, expectedSchema: readonly SchemaObject[], trusted?: { seq: number; hash: string }): { report: IntegrityReport; ledger: Ledger } {
  const faults: IntegrityFault[] = [];
  let dropped = 0;
  const fault = (f: IntegrityFault) => (faults.length < MAX_LISTED ? faults.push(f) : (dropped += 1));
  const digests = new Map<string, string>();
  const requests = new Map<string, Request>();
  const facts = { shown: new Set<string>(), used: new Set<string>() };
  let baseline = preloadBaselineRoster(db);
  let roster = baseline;
  const signed: { seq: number; hash: Uint8Array; signature: Uint8Array; key: string }[] = [];
  const hashes: string[] = [''];
  let checkpoint = 0;
  let prevHash: Uint8Array = GENESIS_HASH;
  let expected = 1;
  let lastAt: string | null = null;
  let bound = false;

  for (const event of readEvents(db)) {
    if (event.seq !== expected) { fault({ kind: 'sequence_gap', seq: expected }); break; }
    if (!equal(event.prevHash, prevHash)) { fault({ kind: 'chain_broken', seq: event.seq }); break; }
    if (!equal(storedEventHash(s, prevHash, event), event.hash)) { fault({ kind: 'hash_mismatch', seq: event.seq }); break; }
    prevHash = event.hash;
    hashes.push(s.to_hex(event.hash));
    expected += 1;

    if (event.seq === 1) {
      const founding = foundingRoster(s, event);
      // A vault founded with a signed roster has no baseline: an "adoption" in it is a forgery.
      if (founding) {
        roster = { seq: 1, members: founding };
        baseline = undefined;
      } else if (!roster) { fault({ kind: 'roster_invalid', seq: 1 }); break; }
      bound = founding !== undefined;
    }
    // The founding and the baseline write whole tables: each is valid once, where it belongs.
    if ((event.action === 'vault.created' && event.seq !== 1) || (event.action === 'integrity.adopted' && baseline?.seq !== event.seq)) {
      fault({ kind: 'write_refused', seq: event.seq, action: event.action });
    }
    if (event.action === 'integrity.adopted' && baseline?.seq === event.seq) bound = true;
    const member = roster!.members.get(event.actorId);
    if (!member) { fault({ kind: 'unknown_actor', seq: event.seq }); continue; }
    signed.push({ seq: event.seq, hash: event.hash, signature: event.signature, key: member.key });

    if (lastAt !== null && isClockBehind(event.at, lastAt)) fault({ kind: 'clock_backwards', seq: event.seq });
    if (lastAt === null || event.at > lastAt) lastAt = event.at;
    const roles = signerRoles(event.action);
    if (roles && !roles.includes(member.role)) fault({ kind: 'role_refused', seq: event.seq, action: event.action });
    replayCosign(event, requests, fault);
    if (event.action === 'integrity.checkpoint' && member.role === 'head') {
      const at = Number(event.details.seq);
      if (Number.isInteger(at) && at > checkpoint && at < event.seq && hashes[at] === event.details.hash) checkpoint = at;
    }
    if (event.action === 'totp.exported' && event.subjects.request) facts.shown.add(event.subjects.request);
    if (event.action === 'recovery_code.used' && event.subjects.code) facts.used.add(event.subjects.code);
    if (bound) replayRows(event, digests, fault);
    else if (event.details.rows !== undefined) fault({ kind: 'write_refused', seq: event.seq, action: event.action });
  }
  const events = expected - 1;
  if (events === 0) fault({ kind: 'truncated', seq: 1 });

  // Signatures last, in one pass. Those the head vouched for in a checkpoint, or that this keyholder's
  // own earlier verification found whole (the chain still holds that head, so nothing before it changed), are not checked again.
  if (trusted && hashes[trusted.seq] === trusted.hash && trusted.seq > checkpoint) checkpoint = trusted.seq;
  const keys = new Map<string, KeyObject>();
  let signatures = 0;
  for (const e of signed) {
    if (e.seq <= checkpoint) continue;
    signatures += 1;
    let key = keys.get(e.key);
    if (!key) keys.set(e.key, (key = keyObject(e.key)));
    if (!verifySignature(null, e.hash, key, e.signature)) fault({ kind: 'signature_invalid', seq: e.seq });
  }

  let rows = 0;
  for (const rule of TABLE_RULES) {
    const seen = new Set<string>();
    for (const row of allRows(db, rule)) {
      rows += 1;
      const k = ledgerKey(rule.table, row.__key);
      seen.add(k);
      const recorded = digests.get(k);
      if (recorded === undefined) fault({ kind: 'row_unrecorded', table: rule.table, key: row.__key });
      else if (recorded !== rowDigest(s, row)) fault({ kind: 'row_altered', table: rule.table, key: row.__key });
    }
    const prefix = `${rule.table}\u0000`;
    for (const k of digests.keys()) if (k.startsWith(prefix) && !seen.has(k)) fault({ kind: 'row_missing', table: rule.table, key: k.slice(prefix.length) });
  }
  for (const f of compareSchema(readSchema(db), expectedSchema)) fault(f);
  for (const table of undeclaredTables(db)) fault({ kind: 'table_undeclared', table });
  const members = roster?.members ?? new Map<string, RosterEntry>();
  for (const f of checkInvariants(db, members, facts)) fault(f);

  const report: IntegrityReport = { ok: faults.length === 0, events, headHash: hashes.at(-1) || s.to_hex(GENESIS_HASH), rows, signatures, faults, moreFaults: dropped, baselineSeq: baseline?.seq ?? null };
  return { report, ledger: { digests, roster: members, lastSeq: events } };
}

/** The founding event's roster, when every founder signed it. */
function foundingRoster(s: Sodium, event: ChainedEvent): Map<string, RosterEntry> | undefined {
  if (event.action !== 'vault.created') return undefined;
  const roster = parseRoster(event.details.roster);
  const signatures = event.details.rosterSignatures;
  const vaultId = event.details.vaultId;
  if (!roster || typeof vaultId !== 'string' || !signatures || typeof signatures !== 'object' || Array.isArray(signatures)) return undefined;
  if (!rosterSignedByAll(s, vaultId, roster, signatures)) return undefined;
  return new Map(roster.map((m) => [m.id, m]));
}

/** A vault made before its state was bound to the log (before this version) has no founding roster: its state and roster are bound from the adoption event on. */
function preloadBaselineRoster(db: Db): { seq: number; members: Map<string, RosterEntry> } | undefined {
  const row = db.prepare(`SELECT seq, details FROM audit_events WHERE action = 'integrity.adopted' ORDER BY seq LIMIT 1`).get() as { seq: number; details: string } | undefined;
  if (!row) return undefined;
  const roster = parseRoster((JSON.parse(row.details) as { roster?: unknown }).roster);
  return roster ? { seq: row.seq, members: new Map(roster.map((m) => [m.id, m])) } : undefined;
}

function replayCosign(event: ChainedEvent, requests: Map<string, Request>, fault: (f: IntegrityFault) => void): void {
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

function replayRows(event: ChainedEvent, digests: Map<string, string>, fault: (f: IntegrityFault) => void): void {
  const rows = event.details.rows;
  if (rows === undefined) return;
  if (!rows || typeof rows !== 'object' || Array.isArray(rows)) return fault({ kind: 'write_refused', seq: event.seq, action: event.action });
  for (const [table, written] of Object.entries(rows)) {
    const rule = TABLE_RULE.get(table);
    if (!rule || !written || typeof written !== 'object' || Array.isArray(written)) { fault({ kind: 'write_refused', seq: event.seq, table, action: event.action }); continue; }
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

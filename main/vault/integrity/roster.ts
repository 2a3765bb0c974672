import canonicalize from 'canonicalize';
import type { KeyholderRole } from '../../../shared/domain';
import type { Db } from '../db';
import type { Sodium } from '../sodium';
import { signIntent, verifyIntent } from '../signatures';
import { applyKitChange, KIT_ROSTER_ACTIONS, retireKits } from './kit-roster';

/**
 * The roster: every keyholder's id, role and signing public key. The founding roster is signed by
 * every founder at the creation ceremony (each with their own key), so no single keyholder can
 * later claim another role or swap in a key of their own making.
 */
export interface RosterEntry {
  id: string;
  role: KeyholderRole;
  /** Ed25519 public key, hex. */
  key: string;
}

export function rosterDigest(s: Sodium, vaultId: string, roster: readonly RosterEntry[]): Uint8Array {
  const sorted = [...roster].sort((a, b) => (a.id < b.id ? -1 : 1)).map(({ id, role, key }) => ({ id, role, key }));
  return s.crypto_generichash(32, new TextEncoder().encode(canonicalize({ vaultId, roster: sorted })!), null);
}

export function signRoster(s: Sodium, vaultId: string, roster: readonly RosterEntry[], secretKey: Uint8Array): string {
  return s.to_hex(signIntent(s, secretKey, 'roster', rosterDigest(s, vaultId, roster)));
}

/** True when every member of the roster signed it with the key the roster names for them. */
export function rosterSignedByAll(s: Sodium, vaultId: string, roster: readonly RosterEntry[], signatures: Record<string, unknown>): boolean {
  const digest = rosterDigest(s, vaultId, roster);
  return (
    roster.length > 0 &&
    roster.every((m) => {
      const signature = signatures[m.id];
      if (typeof signature !== 'string' || !/^[0-9a-f]{128}$/.test(signature) || !/^[0-9a-f]{64}$/.test(m.key)) return false;
      return verifyIntent(s, s.from_hex(m.key), 'roster', digest, s.from_hex(signature));
    })
  );
}

export function parseRoster(value: unknown): RosterEntry[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const roles = new Set<string>(['administrator', 'head', 'backup_administrator']);
  const out: RosterEntry[] = [];
  for (const m of value as unknown[]) {
    if (!m || typeof m !== 'object') return undefined;
    const { id, role, key } = m as Record<string, unknown>;
    if (typeof id !== 'string' || typeof role !== 'string' || !roles.has(role) || typeof key !== 'string') return undefined;
    out.push({ id, role: role as KeyholderRole, key });
  }
  return out;
}

/** A roster member as replayed: retired from the event that revoked them (HAND-1): later signatures of theirs are refused. */
export interface RosterMember extends RosterEntry {
  retiredAt?: number;
  /** An emergency kit's key (issue 18; ./kit-roster.ts): signs only the recovery it opens. */
  kit?: true;
}

/** What a new keyholder signs with their own new key when enrolled: the vault, their id, role and key (proof of holding it). */
export function enrolmentDigest(s: Sodium, vaultId: string, entry: RosterEntry): Uint8Array {
  return s.crypto_generichash(32, new TextEncoder().encode(canonicalize({ vaultId, enrolled: { id: entry.id, role: entry.role, key: entry.key } })!), null);
}

export function signEnrolment(s: Sodium, vaultId: string, entry: RosterEntry, secretKey: Uint8Array): string {
  return s.to_hex(signIntent(s, secretKey, 'enrol', enrolmentDigest(s, vaultId, entry)));
}

export const ENROLLED = 'keyholder.enrol.approved';
export const REVOKED = 'keyholder.revoke.approved';

/**
 * One roster change, as an approval event states it (HAND-1): an enrolment adds the member it names
 * when an active head signed the event and the new key signed its own entry; a revocation retires an
 * active member from that event on. Returns false for an event that claims a change it may not make.
 */
export function applyRosterChange(
  s: Sodium,
  vaultId: string,
  members: Map<string, RosterMember>,
  event: { seq: number; action: string; actorId: string; subjects?: Record<string, string>; details: Record<string, unknown> },
): boolean {
  if (KIT_ROSTER_ACTIONS.includes(event.action)) return applyKitChange(s, vaultId, members, event);
  if (event.action !== ENROLLED && event.action !== REVOKED) return true;
  const actor = members.get(event.actorId);
  if (!actor || actor.kit || actor.role !== 'head' || actor.retiredAt !== undefined) return false;
  if (event.action === ENROLLED) {
    const [entry] = parseRoster([event.details.enrolled]) ?? [];
    const proof = (event.details.enrolled as { proof?: unknown } | undefined)?.proof;
    if (!entry || members.has(entry.id) || typeof proof !== 'string' || !/^[0-9a-f]{128}$/.test(proof) || !/^[0-9a-f]{64}$/.test(entry.key)) return false;
    if (!verifyIntent(s, s.from_hex(entry.key), 'enrol', enrolmentDigest(s, vaultId, entry), s.from_hex(proof))) return false;
    members.set(entry.id, entry);
    return true;
  }
  const retired = typeof event.details.retired === 'string' ? members.get(event.details.retired) : undefined;
  if (!retired || retired.kit || retired.retiredAt !== undefined) return false;
  members.set(retired.id, { ...retired, retiredAt: event.seq });
  // Its re-key supersedes the emergency kit in force: the kit wrapped the old vault key (issue 18).
  retireKits(members, event.seq);
  return true;
}

/**
 * The roster as the log states it: the founding event's, when every founder signed it, else (a
 * vault made before its state was bound to the log) the one adopted at its first unlock after the
 * upgrade; then every enrolment and revocation since, each signed by an active head (its event's
 * signature is checked here too: this is read at every unlock, before the full verification).
 */
export function readRoster(db: Db, s: Sodium): Map<string, RosterMember> | undefined {
  const first = db.prepare(`SELECT action, details FROM audit_events WHERE seq = 1`).get() as { action: string; details: string } | undefined;
  let members: Map<string, RosterMember> | undefined;
  let vaultId = '';
  if (first?.action === 'vault.created') {
    const d = JSON.parse(first.details) as Record<string, unknown>;
    const roster = parseRoster(d.roster);
    if (roster && typeof d.vaultId === 'string' && d.rosterSignatures && typeof d.rosterSignatures === 'object') {
      if (!rosterSignedByAll(s, d.vaultId, roster, d.rosterSignatures as Record<string, unknown>)) return new Map();
      members = new Map(roster.map((m) => [m.id, m]));
      vaultId = d.vaultId;
    }
  }
  if (!members) {
    const adopted = db.prepare(`SELECT details FROM audit_events WHERE action = 'integrity.adopted' ORDER BY seq LIMIT 1`).get() as
      { details: string } | undefined;
    const roster = adopted && parseRoster((JSON.parse(adopted.details) as { roster?: unknown }).roster);
    if (!roster) return undefined;
    members = new Map(roster.map((m) => [m.id, m]));
    vaultId = (db.prepare(`SELECT value FROM vault_meta WHERE key = 'vault_id'`).get() as { value: string } | undefined)?.value ?? '';
  }
  const changes = db
    .prepare(`SELECT seq, actor_id AS actorId, action, subjects, details, hash, signature FROM audit_events WHERE action IN (?, ?, ?, ?) ORDER BY seq`)
    .all(ENROLLED, REVOKED, ...KIT_ROSTER_ACTIONS) as {
    seq: number;
    actorId: string;
    action: string;
    subjects: string;
    details: string;
    hash: Buffer;
    signature: Buffer;
  }[];
  for (const change of changes) {
    const actor = members.get(change.actorId);
    let signed = false;
    try {
      signed = actor !== undefined && s.crypto_sign_verify_detached(change.signature, change.hash, s.from_hex(actor.key));
    } catch {
      // an edited signature or key that is no key at all: not signed
    }
    // A change not signed by an active head changes nothing here; the full verification names it.
    if (signed)
      applyRosterChange(s, vaultId, members, {
        ...change,
        subjects: JSON.parse(change.subjects) as Record<string, string>,
        details: JSON.parse(change.details) as Record<string, unknown>,
      });
  }
  return members;
}

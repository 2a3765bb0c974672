import canonicalize from 'canonicalize';
import type { KeyholderRole } from '../../../shared/domain';
import type { Db } from '../db';
import type { Sodium } from '../sodium';
import { signIntent, verifyIntent } from '../signatures';

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

/**
 * The roster as the log states it: the founding event's, when every founder signed it, else (a
 * vault made before its state was bound to the log) the one adopted at its first unlock after the upgrade.
 */
export function readRoster(db: Db, s: Sodium): Map<string, RosterEntry> | undefined {
  const first = db.prepare(`SELECT action, details FROM audit_events WHERE seq = 1`).get() as { action: string; details: string } | undefined;
  if (first?.action === 'vault.created') {
    const d = JSON.parse(first.details) as Record<string, unknown>;
    const roster = parseRoster(d.roster);
    if (roster && typeof d.vaultId === 'string' && d.rosterSignatures && typeof d.rosterSignatures === 'object') {
      return rosterSignedByAll(s, d.vaultId, roster, d.rosterSignatures as Record<string, unknown>) ? new Map(roster.map((m) => [m.id, m])) : new Map();
    }
  }
  const adopted = db.prepare(`SELECT details FROM audit_events WHERE action = 'integrity.adopted' ORDER BY seq LIMIT 1`).get() as
    { details: string } | undefined;
  const roster = adopted && parseRoster((JSON.parse(adopted.details) as { roster?: unknown }).roster);
  return roster ? new Map(roster.map((m) => [m.id, m])) : undefined;
}

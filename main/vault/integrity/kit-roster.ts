import type { Sodium } from '../sodium';
import { verifyIntent } from '../signatures';
import { enrolmentDigest, parseRoster, type RosterMember } from './roster';

/**
 * The emergency kit in the signed roster (issue 18; docs/decisions/0009-emergency-kit.md). A kit's
 * key signs the recovery it opens, so the log must know it: `kit.issued`, signed by an active
 * keyholder, admits the kit's public key (and retires the kit it supersedes); `kit.used` and
 * `kit.recovered` are the only events a kit may sign; `kit.recovered` enrols the new keyholders (each
 * with their own proof of holding their key, as an enrolment does), retires the old ones, and retires
 * the kit itself. A re-key (a revocation's approval) retires any kit in force: it wrapped the old key.
 */
export const KIT_ISSUED = 'kit.issued';
export const KIT_RECOVERED = 'kit.recovered';
/** What a kit's key may sign: nothing else (a kit is no keyholder). */
export const KIT_SIGNED: ReadonlySet<string> = new Set(['kit.used', KIT_RECOVERED]);
export const KIT_ROSTER_ACTIONS: readonly string[] = [KIT_ISSUED, KIT_RECOVERED];

export interface KitRosterEvent {
  seq: number;
  action: string;
  actorId: string;
  subjects?: Record<string, string>;
  details: Record<string, unknown>;
}

const HEX_KEY = /^[0-9a-f]{64}$/;

/** Every kit still in force retired from `seq` on (superseded by a new kit or a re-key, or used). */
export function retireKits(members: Map<string, RosterMember>, seq: number): void {
  for (const m of members.values()) if (m.kit && m.retiredAt === undefined) members.set(m.id, { ...m, retiredAt: seq });
}

/** False for an event that claims a change it may not make (the verification names it). */
export function applyKitChange(s: Sodium, vaultId: string, members: Map<string, RosterMember>, event: KitRosterEvent): boolean {
  const actor = members.get(event.actorId);
  if (!actor || actor.retiredAt !== undefined) return false;
  if (event.action === KIT_ISSUED) {
    const id = event.subjects?.kit;
    const key = event.details.key;
    if (actor.kit || typeof id !== 'string' || typeof key !== 'string' || !HEX_KEY.test(key) || members.has(id)) return false;
    retireKits(members, event.seq);
    // A kit carries the head's role only so the roster's type holds; KIT_SIGNED bounds what it may sign.
    members.set(id, { id, role: 'head', key, kit: true });
    return true;
  }
  if (!actor.kit) return false;
  const enrolled = event.details.enrolled;
  const retired = event.details.retired;
  if (!Array.isArray(enrolled) || !Array.isArray(retired) || enrolled.length === 0) return false;
  const entries = [];
  for (const e of enrolled as unknown[]) {
    const [entry] = parseRoster([e]) ?? [];
    const proof = (e as { proof?: unknown }).proof;
    if (!entry || members.has(entry.id) || !HEX_KEY.test(entry.key) || typeof proof !== 'string' || !/^[0-9a-f]{128}$/.test(proof)) return false;
    if (!verifyIntent(s, s.from_hex(entry.key), 'enrol', enrolmentDigest(s, vaultId, entry), s.from_hex(proof))) return false;
    entries.push(entry);
  }
  for (const id of retired as unknown[]) {
    const member = typeof id === 'string' ? members.get(id) : undefined;
    if (!member || member.kit || member.retiredAt !== undefined) return false;
  }
  for (const entry of entries) members.set(entry.id, entry);
  for (const id of retired as string[]) members.set(id, { ...members.get(id)!, retiredAt: event.seq });
  members.set(actor.id, { ...actor, retiredAt: event.seq });
  return true;
}

/**
 * A kit is issued only from a `kit.issue` request the head approved, and once (POL-5): a `kit.issued`
 * event naming no such request is refused. `grants` holds the approved requests not yet performed.
 */
export function replayKitIssue(event: { action: string; subjects: Record<string, string> }, grants: Set<string>): boolean {
  const request = event.subjects.request;
  if (event.action === 'kit.issue.approved' && request) grants.add(request);
  if (event.action !== KIT_ISSUED) return true;
  return request !== undefined && grants.delete(request);
}

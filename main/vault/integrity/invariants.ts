import type { IntegrityFault } from '../../../shared/integrity';
import type { Db } from '../db';
import { platformRole } from '../../../shared/platforms';
import type { RosterMember } from './roster';

/**
 * Relations between rows that the log's digests alone do not pin: each key slot carries the role
 * and public key the signed roster gave it; an account's current password is one of its own,
 * applied versions; a QR shown or a recovery code used, as the log says, stays so; a platform role
 * stays on the account and person the head authorized, and is never live again once its revocation
 * is authorized (the administrator signs `role.applied`, which may update the row).
 */
export function checkInvariants(
  db: Db,
  roster: ReadonlyMap<string, RosterMember>,
  facts: { shown: ReadonlySet<string>; used: ReadonlySet<string>; grants: ReadonlyMap<string, GrantFact>; revoked: ReadonlySet<string> },
): IntegrityFault[] {
  const faults: IntegrityFault[] = [];
  const slots = db.prepare('SELECT id, role, status, sign_public_key AS key FROM keyholders').all() as {
    id: string;
    role: string;
    status: string;
    key: Buffer;
  }[];
  for (const slot of slots) {
    const member = roster.get(slot.id);
    // A revoked keyholder's slot is retired for good (HAND-1): made active again with sqlite3, it is named here.
    if (!member || member.role !== slot.role || member.key !== slot.key.toString('hex') || (member.retiredAt !== undefined) !== (slot.status === 'retired'))
      faults.push({ kind: 'key_not_pinned', table: 'keyholders', key: slot.id });
  }
  const foreign = db
    .prepare(
      `SELECT a.id FROM accounts a LEFT JOIN credential_versions v ON v.id = a.current_version_id
       WHERE a.current_version_id IS NOT NULL AND (v.id IS NULL OR v.account_id <> a.id OR v.applied_at IS NULL)`,
    )
    .all() as { id: string }[];
  for (const { id } of foreign) faults.push({ kind: 'current_version_foreign', table: 'accounts', key: id });
  const shownAt = db.prepare('SELECT shown_at FROM totp_exports WHERE request_id = ?');
  for (const request of facts.shown) {
    const row = shownAt.get(request) as { shown_at: string | null } | undefined;
    if (!row || row.shown_at === null) faults.push({ kind: 'export_unshown', table: 'totp_exports', key: request });
  }
  const usedAt = db.prepare('SELECT used_at FROM recovery_codes WHERE id = ?');
  for (const code of facts.used) {
    const row = usedAt.get(code) as { used_at: string | null } | undefined;
    if (row && row.used_at === null) faults.push({ kind: 'recovery_code_unused', table: 'recovery_codes', key: code });
  }
  const grants = db
    .prepare(
      'SELECT g.id, g.account_id AS account, g.person_id AS person, g.role, g.admin, g.state, a.platform FROM platform_roles g LEFT JOIN accounts a ON a.id = g.account_id',
    )
    .all() as (GrantFact & { id: string; state: string; admin: number; platform: string | null })[];
  for (const g of grants) {
    const authorized = facts.grants.get(g.id);
    const moved =
      authorized !== undefined &&
      (authorized.account !== g.account || authorized.person !== g.person || (authorized.role !== undefined && authorized.role !== g.role));
    // The admin flag is the platform's, for that role: never a column to flip.
    const flag = (platformRole(g.platform ?? '', g.role ?? '')?.admin ?? null) !== (g.admin === 1);
    const revoking = g.state === 'revoking' || g.state === 'revoked';
    const revived = facts.revoked.has(g.id) !== revoking;
    if (moved || flag || revived) faults.push({ kind: 'grant_unauthorized', table: 'platform_roles', key: g.id });
  }
  return faults;
}

/** A role grant as its authorization named it (the subjects of `role.grant.approved`). */
export interface GrantFact {
  account: string;
  person: string;
  /** The role authorized (events written before it was named carry none). */
  role?: string;
}

import type { Db } from '../db';
import type { GrantState } from '../../../shared/staff';

/**
 * Roles people hold on the office's platforms (issue 15). A grant is born `granting` when the head
 * authorizes it and becomes `active` when the administrator confirms it applied on the platform;
 * a revocation goes `revoking` → `revoked` the same way. At most one live grant per person and account.
 */
export interface GrantRow {
  id: string;
  accountId: string;
  personId: string;
  role: string;
  admin: boolean;
  state: GrantState;
  grantRequestId: string;
  authorizedAt: string;
  grantedAt: string | null;
  revokeRequestId: string | null;
  revokedAt: string | null;
}

const COLUMNS = `id, account_id AS accountId, person_id AS personId, role, admin, state, grant_request_id AS grantRequestId,
  authorized_at AS authorizedAt, granted_at AS grantedAt, revoke_request_id AS revokeRequestId, revoked_at AS revokedAt`;
type RawGrant = Omit<GrantRow, 'admin'> & { admin: number };
const fromRaw = (r: RawGrant): GrantRow => ({ ...r, admin: r.admin === 1 });

export function insertGrant(db: Db, g: Pick<GrantRow, 'id' | 'accountId' | 'personId' | 'role' | 'admin' | 'grantRequestId' | 'authorizedAt'>): void {
  db.prepare(
    `INSERT INTO platform_roles (id, account_id, person_id, role, admin, state, grant_request_id, authorized_at)
     VALUES (?, ?, ?, ?, ?, 'granting', ?, ?)`,
  ).run(g.id, g.accountId, g.personId, g.role, g.admin ? 1 : 0, g.grantRequestId, g.authorizedAt);
}

export function findGrant(db: Db, id: string): GrantRow | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM platform_roles WHERE id = ?`).get(id) as RawGrant | undefined;
  return row && fromRaw(row);
}

/** The revocation the head authorized: the role is to be removed on the platform. */
export function markRevoking(db: Db, id: string, requestId: string): boolean {
  return (
    db.prepare("UPDATE platform_roles SET state = 'revoking', revoke_request_id = ? WHERE id = ? AND state IN ('granting', 'active')").run(requestId, id)
      .changes === 1
  );
}

/** The administrator confirms the authorized change was made on the platform. */
export function markApplied(db: Db, id: string, at: string): GrantState | null {
  const grant = findGrant(db, id);
  if (grant?.state === 'granting') {
    db.prepare("UPDATE platform_roles SET state = 'active', granted_at = ? WHERE id = ?").run(at, id);
    return 'active';
  }
  if (grant?.state === 'revoking') {
    db.prepare("UPDATE platform_roles SET state = 'revoked', revoked_at = ? WHERE id = ?").run(at, id);
    return 'revoked';
  }
  return null;
}

export function liveGrantOf(db: Db, accountId: string, personId: string): GrantRow | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM platform_roles WHERE account_id = ? AND person_id = ? AND state <> 'revoked'`).get(accountId, personId) as
    RawGrant | undefined;
  return row && fromRaw(row);
}

/** Every grant not yet revoked on the platform: one person's, one account's, or all. */
export function liveGrants(db: Db, by: { personId?: string; accountId?: string } = {}): GrantRow[] {
  const where = ["state <> 'revoked'"];
  const args: string[] = [];
  if (by.personId) {
    where.push('person_id = ?');
    args.push(by.personId);
  }
  if (by.accountId) {
    where.push('account_id = ?');
    args.push(by.accountId);
  }
  return (db.prepare(`SELECT ${COLUMNS} FROM platform_roles WHERE ${where.join(' AND ')} ORDER BY authorized_at`).all(...args) as RawGrant[]).map(fromRaw);
}

export function grantsOfPerson(db: Db, personId: string): GrantRow[] {
  return (db.prepare(`SELECT ${COLUMNS} FROM platform_roles WHERE person_id = ? ORDER BY authorized_at`).all(personId) as RawGrant[]).map(fromRaw);
}

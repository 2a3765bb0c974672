import type { AccountKind, AccountStatus, KeyholderRole } from '../../../shared/domain';
import type { PlatformId } from '../../../shared/platforms';
import type { LinkKind, StaffFunction } from '../../../shared/staff';
import type { TwoStepMethod } from '../../../shared/totp';
import type { Db } from '../../vault/db';

/**
 * The compliance view's reads (issue 17; SUP-1): every fact in bulk, one query per kind of fact,
 * enums, ids, dates and counts only. Sealed columns come back as boxes, for the service to open
 * only what a rule needs (a login, a recovery e-mail), once per row version.
 */
export interface AccountRow {
  id: string;
  version: number;
  platform: PlatformId;
  kind: AccountKind;
  status: AccountStatus;
  linkedId: string | null;
  supportStart: string | null;
  supportEnd: string | null;
  currentVersionId: string | null;
  login: Buffer | null;
}

/**
 * The heavy reads below take `ids`: the accounts to read again after a write (./changes.ts), as one
 * JSON array bound to one parameter (no limit on how many); without it, every account.
 */
type Scope = readonly string[] | undefined;
const IN_SCOPE = 'IN (SELECT value FROM json_each(?))';
const only = (column: string, ids: Scope) => (ids ? ` AND ${column} ${IN_SCOPE}` : '');
const bind = (ids: Scope) => (ids ? [JSON.stringify(ids)] : []);

export const readAccounts = (db: Db, ids?: Scope) =>
  db
    .prepare(
      `SELECT id, version, platform, kind, status, linked_email_account_id AS linkedId, support_start AS supportStart, support_end AS supportEnd,
              current_version_id AS currentVersionId, login_identifier AS login
         FROM accounts WHERE 1${only('id', ids)}`,
    )
    .all(...bind(ids)) as AccountRow[];

/**
 * POL-5: a version counts as co-signed when its request was approved by someone else than its
 * proposer, the approver being the head (as the request row and the version row both say).
 */
const NOT_COSIGNED = `(r.id IS NULL OR r.status <> 'approved' OR r.decided_by IS NOT v.authorized_by OR r.proposed_by IS NOT v.proposed_by
  OR v.proposed_by = v.authorized_by OR k.role IS NOT 'head')`;

/** Per account: versions not co-signed (POL-5). */
export const uncosignedVersions = (db: Db, ids?: Scope) =>
  new Map(
    db
      .prepare(
        `SELECT v.account_id, count(*) FROM credential_versions v
           LEFT JOIN change_requests r ON r.id = v.change_request_id LEFT JOIN keyholders k ON k.id = v.authorized_by
          WHERE ${NOT_COSIGNED}${only('v.account_id', ids)} GROUP BY v.account_id`,
      )
      .raw()
      .all(...bind(ids)) as [string, number][],
  );

/** Per account: the version in force, whether it was co-signed and whether its fingerprint is any other version's (POL-3). */
export const currentVersions = (db: Db, ids?: Scope) =>
  db
    .prepare(
      `SELECT a.id AS accountId, v.authorized_at AS authorizedAt, v.reason AS reason,
              NOT ${NOT_COSIGNED} AS cosigned,
              EXISTS (SELECT 1 FROM credential_versions w WHERE w.fingerprint = v.fingerprint AND w.id <> v.id) AS reused
         FROM accounts a JOIN credential_versions v ON v.id = a.current_version_id
         LEFT JOIN change_requests r ON r.id = v.change_request_id LEFT JOIN keyholders k ON k.id = v.authorized_by
        WHERE 1${only('a.id', ids)}`,
    )
    .all(...bind(ids)) as { accountId: string; authorizedAt: string; reason: string; cosigned: number; reused: number }[];

/** POL-4's notice and POL-6's channels: each account's recipients, those given the version in force, deliveries through other channels. */
export const recipientCounts = (db: Db) =>
  db
    .prepare(
      `SELECT r.account_id AS accountId, count(*) AS total,
              sum(EXISTS (SELECT 1 FROM exposures e WHERE e.credential_version_id = a.current_version_id AND e.person_id = r.person_id
                            AND e.how IN ('institutional_email', 'in_person'))) AS notified,
              (SELECT count(*) FROM exposures e WHERE e.credential_version_id = a.current_version_id AND e.person_id IS NOT NULL
                  AND e.how NOT IN ('institutional_email', 'in_person')) AS refused
         FROM account_recipients r JOIN accounts a ON a.id = r.account_id GROUP BY r.account_id`,
    )
    .all() as { accountId: string; total: number; notified: number; refused: number }[];

export interface TwoStepRow {
  accountId: string;
  version: number;
  method: TwoStepMethod;
  deviceId: string | null;
  recoveryEmail: Buffer | null;
}
export const twoStepRows = (db: Db) =>
  db
    .prepare('SELECT account_id AS accountId, version, method, recovery_device_id AS deviceId, recovery_email AS recoveryEmail FROM account_two_step')
    .all() as TwoStepRow[];

/** Each phone: institution-owned, and the role of the keyholder holding it (none for a person, or a revoked keyholder). */
export const deviceRows = (db: Db) =>
  db
    .prepare(
      `SELECT d.id, d.institution_owned AS owned, CASE WHEN k.status = 'active' THEN k.role END AS role
         FROM devices d LEFT JOIN keyholders k ON k.id = d.holder_keyholder_id`,
    )
    .all() as { id: string; owned: number; role: KeyholderRole | null }[];

export interface GrantRow {
  id: string;
  accountId: string;
  personId: string;
  role: string;
  admin: number;
}
/** Roles held now or being granted or revoked on the platform (not yet gone). */
export const liveGrantRows = (db: Db) =>
  db.prepare(`SELECT id, account_id AS accountId, person_id AS personId, role, admin FROM platform_roles WHERE state <> 'revoked'`).all() as GrantRow[];

export interface StaffFacts {
  personId: string;
  function: StaffFunction;
  link: LinkKind;
  hasAgreement: number;
  contactId: string | null;
  status: 'active' | 'leaving';
  leavingAt: string | null;
}
export const staffFacts = (db: Db) =>
  db
    .prepare(
      `SELECT person_id AS personId, function, link_kind AS link, has_agreement AS hasAgreement, internal_contact_id AS contactId, status, leaving_at AS leavingAt FROM staff`,
    )
    .all() as StaffFacts[];

/** People (not keyholders) given the password in force of each account. */
export const currentPasswordHolders = (db: Db, ids?: Scope) =>
  db
    .prepare(
      `SELECT DISTINCT a.id AS accountId, e.person_id AS personId FROM accounts a JOIN exposures e ON e.credential_version_id = a.current_version_id
        WHERE e.person_id IS NOT NULL AND a.status = 'active'${only('a.id', ids)}`,
    )
    .all(...bind(ids)) as { accountId: string; personId: string }[];

/** HAND-3: revoked keyholders shown something still in force on each account (password, a stored code set, the current seed, a KeePass export). */
export const retiredExposures = (db: Db) =>
  new Map(
    db
      .prepare(
        `SELECT accountId, count(DISTINCT keyholderId) FROM (
           SELECT a.id AS accountId, e.keyholder_id AS keyholderId FROM accounts a JOIN exposures e ON e.credential_version_id = a.current_version_id
             JOIN keyholders k ON k.id = e.keyholder_id WHERE k.status = 'retired'
           UNION ALL
           SELECT c.account_id, c.keyholder_id FROM code_exposures c JOIN keyholders k ON k.id = c.keyholder_id
            WHERE k.status = 'retired' AND EXISTS (SELECT 1 FROM recovery_codes r WHERE r.set_id = c.set_id)
           UNION ALL
           SELECT x.account_id, x.shown_by FROM totp_exports x JOIN keyholders k ON k.id = x.shown_by
             JOIN totp_seeds t ON t.account_id = x.account_id AND t.version = x.seed_version WHERE k.status = 'retired'
           UNION ALL
           SELECT x.account_id, x.keyholder_id FROM export_exposures x JOIN keyholders k ON k.id = x.keyholder_id
            WHERE k.status = 'retired' AND (
              EXISTS (SELECT 1 FROM accounts a WHERE a.id = x.account_id AND a.current_version_id = x.credential_version_id)
              OR EXISTS (SELECT 1 FROM totp_seeds t WHERE t.account_id = x.account_id AND t.version = x.seed_version))
         ) GROUP BY accountId`,
      )
      .raw()
      .all() as [string, number][],
  );

export const keyholderRoles = (db: Db) =>
  new Map(
    (
      db.prepare(`SELECT p.person_id, k.role FROM keyholder_people p JOIN keyholders k ON k.id = p.keyholder_id WHERE k.status = 'active'`).raw().all() as [
        string,
        KeyholderRole,
      ][]
    ).map(([p, r]) => [p, r]),
  );

export const openHandoverIds = (db: Db) => db.prepare(`SELECT id FROM handovers WHERE status = 'open'`).pluck().all() as string[];

/**
 * The accounts a write since the last read bears on, through the rows it wrote: a version (its
 * account, and every account whose password in force has the same fingerprint: POL-3's reuse), a
 * request (the version it made), an exposure (the version it exposed).
 */
export const accountsOfVersions = (db: Db, versionIds: readonly string[]) =>
  db
    .prepare(
      `SELECT account_id FROM credential_versions WHERE id ${IN_SCOPE}
       UNION SELECT a.id FROM accounts a JOIN credential_versions v ON v.id = a.current_version_id
        WHERE v.fingerprint IN (SELECT fingerprint FROM credential_versions WHERE id ${IN_SCOPE})`,
    )
    .pluck()
    .all(JSON.stringify(versionIds), JSON.stringify(versionIds)) as string[];
export const versionsOfRequests = (db: Db, requestIds: readonly string[]) =>
  db.prepare(`SELECT id FROM credential_versions WHERE change_request_id ${IN_SCOPE}`).pluck().all(JSON.stringify(requestIds)) as string[];
export const versionsOfExposures = (db: Db, exposureIds: readonly string[]) =>
  db.prepare(`SELECT credential_version_id FROM exposures WHERE id ${IN_SCOPE}`).pluck().all(JSON.stringify(exposureIds)) as string[];

/** Approved settings changes, oldest first (POL-1's minimum over time). */
export const settingsChanges = (db: Db) =>
  db.prepare(`SELECT id, decided_at AS decidedAt FROM change_requests WHERE kind = 'settings.update' AND status = 'approved' ORDER BY decided_at`).all() as {
    id: string;
    decidedAt: string;
  }[];

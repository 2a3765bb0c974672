import type { ExposureItem, ExposureView } from '../../../shared/staff';
import type { Db } from '../../vault/db';

/**
 * Everything one person was shown or given (issue 15): credential versions they received or, as
 * the keyholder they are, revealed or copied; recovery codes they saw or received; seeds exported
 * to them; passwords and seeds written into a KeePass export they performed (issue 18). One query
 * per screen; `current` says whether it is still the one in force.
 */
type Row = Omit<ExposureView, 'accountName' | 'platform' | 'current'> & { current: number };

const EXPOSURES = `
  SELECT 'password' AS item, v.account_id AS accountId, v.n AS version, e.how AS how, e.at AS at,
         (a.current_version_id = v.id) AS current
    FROM exposures e JOIN credential_versions v ON v.id = e.credential_version_id JOIN accounts a ON a.id = v.account_id
   WHERE e.person_id = @p OR e.keyholder_id = @k
  UNION ALL
  SELECT 'recovery_code', c.account_id, NULL, c.how, c.at, EXISTS (SELECT 1 FROM recovery_codes r WHERE r.set_id = c.set_id)
    FROM code_exposures c
   WHERE c.person_id = @p OR c.keyholder_id = @k
  UNION ALL
  SELECT 'seed', x.account_id, x.seed_version, 'exported', x.shown_at,
         EXISTS (SELECT 1 FROM totp_seeds t WHERE t.account_id = x.account_id AND t.version = x.seed_version)
    FROM totp_exports x
   WHERE x.shown_by = @k AND x.shown_at IS NOT NULL
  UNION ALL
  SELECT 'password', v.account_id, v.n, 'exported', x.at, (a.current_version_id = v.id)
    FROM export_exposures x JOIN credential_versions v ON v.id = x.credential_version_id JOIN accounts a ON a.id = v.account_id
   WHERE x.keyholder_id = @k AND x.item = 'password'
  UNION ALL
  SELECT 'seed', x.account_id, x.seed_version, 'exported', x.at,
         EXISTS (SELECT 1 FROM totp_seeds t WHERE t.account_id = x.account_id AND t.version = x.seed_version)
    FROM export_exposures x
   WHERE x.keyholder_id = @k AND x.item = 'seed'
  ORDER BY at DESC`;

export function exposuresOf(
  db: Db,
  who: { personId: string; keyholderId: string | null },
): (Omit<ExposureView, 'accountName' | 'platform'> & { item: ExposureItem })[] {
  return (db.prepare(EXPOSURES).all({ p: who.personId, k: who.keyholderId }) as Row[]).map((r) => ({ ...r, current: r.current === 1 }));
}

/** Who was exposed to an account's current password: people (deliveries) and keyholders (reveals, copies, KeePass exports). */
export function exposedToCurrent(db: Db, accountId: string): { personIds: string[]; keyholderIds: string[] } {
  const rows = db
    .prepare(
      `SELECT DISTINCT e.person_id AS p, e.keyholder_id AS k FROM exposures e JOIN accounts a ON a.current_version_id = e.credential_version_id
        WHERE a.id = ?
       UNION
       SELECT NULL, x.keyholder_id FROM export_exposures x JOIN accounts a ON a.current_version_id = x.credential_version_id
        WHERE a.id = ?`,
    )
    .all(accountId, accountId) as { p: string | null; k: string | null }[];
  return { personIds: rows.flatMap((r) => (r.p ? [r.p] : [])), keyholderIds: rows.flatMap((r) => (r.k ? [r.k] : [])) };
}

import type { DepartureItemKind } from '../../../shared/staff';
import type { Db } from '../../vault/db';

/**
 * A departure's checklist (HAND-2, HAND-3), read from the records: the platform roles the person
 * still holds, the current passwords they (or the keyholder they are) were shown or given, the
 * recovery-code sets and TOTP seeds they saw that are still in force, the distribution lists
 * they are on, the institution phones they hold. An item is open while its record says so, and
 * ticks when the change that settles it is applied: never by hand.
 */
export interface PlanItem {
  /** Stable key: kind and what it is about (`role:<grant>`, `password:<account>:<version>`, …). */
  item: string;
  kind: DepartureItemKind;
  accountId: string | null;
  /** The grant, credential version, code set, seed version or device it is about. */
  ref: string;
  /** Display detail: the role, the version number. */
  detail: string | number | null;
}

interface Who {
  personId: string;
  keyholderId: string | null;
}

type Row = { accountId: string | null; ref: string; detail: string | number | null };

const QUERIES: Record<DepartureItemKind, string> = {
  revoke_role: `SELECT account_id AS accountId, id AS ref, role AS detail FROM platform_roles WHERE person_id = @p AND state <> 'revoked'`,
  // One branch per who was exposed, so each uses its own index.
  rotate_password: `
    SELECT v.account_id AS accountId, v.id AS ref, v.n AS detail
      FROM exposures e JOIN accounts a ON a.current_version_id = e.credential_version_id JOIN credential_versions v ON v.id = e.credential_version_id
     WHERE e.person_id = @p AND a.status = 'active'
    UNION
    SELECT v.account_id, v.id, v.n
      FROM exposures e JOIN accounts a ON a.current_version_id = e.credential_version_id JOIN credential_versions v ON v.id = e.credential_version_id
     WHERE e.keyholder_id = @k AND a.status = 'active'
    UNION
    SELECT v.account_id, v.id, v.n
      FROM export_exposures x JOIN accounts a ON a.current_version_id = x.credential_version_id JOIN credential_versions v ON v.id = x.credential_version_id
     WHERE x.keyholder_id = @k AND a.status = 'active'`,
  replace_recovery_codes: `
    SELECT c.account_id AS accountId, c.set_id AS ref, NULL AS detail FROM code_exposures c
     WHERE c.person_id = @p AND EXISTS (SELECT 1 FROM recovery_codes r WHERE r.set_id = c.set_id)
    UNION
    SELECT c.account_id, c.set_id, NULL FROM code_exposures c
     WHERE c.keyholder_id = @k AND EXISTS (SELECT 1 FROM recovery_codes r WHERE r.set_id = c.set_id)`,
  replace_seed: `
    SELECT DISTINCT x.account_id AS accountId, CAST(x.seed_version AS TEXT) AS ref, x.seed_version AS detail
      FROM totp_exports x JOIN totp_seeds t ON t.account_id = x.account_id AND t.version = x.seed_version
     WHERE x.shown_by = @k
    UNION
    SELECT x.account_id, CAST(x.seed_version AS TEXT), x.seed_version
      FROM export_exposures x JOIN totp_seeds t ON t.account_id = x.account_id AND t.version = x.seed_version
     WHERE x.keyholder_id = @k AND x.item = 'seed'`,
  remove_recipient: `SELECT account_id AS accountId, account_id AS ref, NULL AS detail FROM account_recipients WHERE person_id = @p`,
  return_device: `SELECT NULL AS accountId, id AS ref, NULL AS detail FROM devices WHERE holder_person_id = @p OR holder_keyholder_id = @k`,
};

const KINDS = Object.keys(QUERIES) as DepartureItemKind[];

export const itemKey = (kind: DepartureItemKind, accountId: string | null, ref: string) =>
  kind === 'revoke_role' || kind === 'return_device' || kind === 'remove_recipient' ? `${kind}:${ref}` : `${kind}:${accountId}:${ref}`;

/** Every item still open for this person, as the records stand now. */
export function openItems(db: Db, who: Who): PlanItem[] {
  const args = { p: who.personId, k: who.keyholderId };
  return KINDS.flatMap((kind) =>
    (db.prepare(QUERIES[kind]).all(args) as Row[]).map((r) => ({
      item: itemKey(kind, r.accountId, r.ref),
      kind,
      accountId: r.accountId,
      ref: r.ref,
      detail: r.detail,
    })),
  );
}

/** The checklist as the head authorized it, kept with the departure (person.depart.approved). */
export function snapshotItems(db: Db, personId: string): PlanItem[] {
  return (
    db.prepare('SELECT item, kind, account_id AS accountId, ref FROM departure_items WHERE person_id = ? ORDER BY rowid').all(personId) as Omit<
      PlanItem,
      'detail'
    >[]
  ).map((r) => ({ ...r, detail: null }));
}

export function writeSnapshot(db: Db, personId: string, items: readonly PlanItem[]): void {
  const insert = db.prepare('INSERT INTO departure_items (person_id, item, kind, account_id, ref) VALUES (?, ?, ?, ?, ?)');
  for (const i of items) insert.run(personId, i.item, i.kind, i.accountId, i.ref);
}

/** The whole checklist: what was listed at the departure and what arose since, each open or done. */
export function departurePlan(db: Db, who: Who): (PlanItem & { done: boolean })[] {
  const open = openItems(db, who);
  const openKeys = new Map(open.map((i) => [i.item, i]));
  const listed = snapshotItems(db, who.personId);
  const seen = new Set(listed.map((i) => i.item));
  return [
    ...listed.map((i) => ({ ...(openKeys.get(i.item) ?? i), done: !openKeys.has(i.item) })),
    ...open.filter((i) => !seen.has(i.item)).map((i) => ({ ...i, done: false })),
  ];
}

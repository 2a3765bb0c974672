/**
 * Every table whose rows matter for security, declared once: its key, and which audit actions may
 * write it and how. A row's content is bound to the signed event that last wrote it (its digest is
 * in the event), so a row that no event wrote, that differs from what its last event recorded, or
 * that an event wrote and is gone, is named by the verification. A table missing here fails the
 * schema test, so a new table cannot be forgotten.
 *
 * Writers are audit actions; a `*` matches any one or more dotted words (`*.approved`).
 */
export type RowOp = 'insert' | 'update' | 'delete';

export interface TableRule {
  table: string;
  key: readonly string[];
  /** SQL condition selecting the covered rows, when not all are (the sealed chain head moves with every event). */
  where?: (alias: string) => string;
  writers: Readonly<Record<string, readonly RowOp[]>>;
}

const I: readonly RowOp[] = ['insert'];
const U: readonly RowOp[] = ['update'];
const D: readonly RowOp[] = ['delete'];
const IU: readonly RowOp[] = ['insert', 'update'];
const IUD: readonly RowOp[] = ['insert', 'update', 'delete'];

/** What the founding and the baseline of a vault made before its state was bound to the log write. */
const FOUNDING = { 'vault.created': I, 'integrity.adopted': I } as const;
/** Due dates move when a password is applied, when settings change, and after first use (POL-4). */
const DUE_DATES = {
  'credential.applied': U,
  'settings.update.approved': U,
  'rotation.rescheduled': U,
  'credential.revealed': U,
  'credential.copied': U,
} as const;

/**
 * Revoking a keyholder re-keys the vault in the same transaction (issue 16): every sealed column is
 * sealed anew and every fingerprint recomputed, so its approval rewrites every table holding one.
 */
const REKEY = { 'keyholder.revoke.approved': U, 'kit.recovered': U } as const;

export const TABLE_RULES: readonly TableRule[] = [
  { table: 'vault_meta', key: ['key'], where: (a) => `${a}key <> 'audit_head'`, writers: FOUNDING },
  { table: 'institution', key: ['id'], writers: { ...FOUNDING, ...REKEY, 'settings.update.approved': U } },
  { table: 'rotation_kind_intervals', key: ['kind'], writers: { ...FOUNDING, 'settings.update.approved': IUD } },
  // Issue 18: the backup reminder's days, beside the institution row (a new column there would change its digest).
  { table: 'backup_settings', key: ['id'], writers: { ...FOUNDING, 'settings.update.approved': IU } },
  {
    table: 'keyholders',
    key: ['id'],
    writers: {
      ...FOUNDING,
      ...REKEY,
      'keyholder.enrol.approved': I,
      'keyholder.passphrase_changed': U,
      'keyholder.wrap_claimed': U,
      // Issue 18: finishing a recovery with the emergency kit enrols the new keyholders and revokes the old ones.
      'kit.recovered': IU,
    },
  },
  { table: 'key_epochs', key: ['epoch'], writers: { ...FOUNDING, 'keyholder.revoke.approved': IU, 'kit.recovered': IU } },
  {
    table: 'keyholder_pending_wraps',
    key: ['keyholder_id'],
    writers: { ...FOUNDING, 'keyholder.enrol.approved': I, 'keyholder.revoke.approved': IUD, 'kit.recovered': D },
  },
  { table: 'handovers', key: ['id'], writers: { ...FOUNDING, 'keyholder.enrol.approved': I, 'keyholder.revoke.approved': U, 'kit.recovered': U } },
  { table: 'handover_confirmations', key: ['handover_id', 'account_id', 'item'], writers: { ...FOUNDING, 'handover.sessions_confirmed': I } },
  // Issue 17: an alta inserts its account «en trámite» (LIFE-1); its approval or rejection, a modificación and a baja update it.
  {
    table: 'accounts',
    key: ['id'],
    writers: {
      ...FOUNDING,
      ...DUE_DATES,
      ...REKEY,
      'account.registered': I,
      'account.create.proposed': I,
      'account.create.rejected': U,
      '*.approved': U,
      // Issue 18: the «inventario inicial» inserts its accounts «en trámite», as an alta does (LIFE-1).
      'inventory.import.proposed': I,
      'inventory.import.rejected': U,
    },
  },
  // Formulario A (sealed) and the platform verification (SEC-4), beside each account.
  {
    table: 'account_lifecycle',
    key: ['account_id'],
    writers: { ...FOUNDING, ...REKEY, 'account.create.proposed': I, 'account.modify.approved': IU, 'account.verification_set': IU },
  },
  { table: 'change_requests', key: ['id'], writers: { ...FOUNDING, ...REKEY, '*.proposed': I, '*.approved': U, '*.rejected': U } },
  {
    table: 'credential_versions',
    key: ['id'],
    // The first password comes with the alta (reason 'creation'), the last with the baja ('decommission', LIFE-3).
    writers: {
      ...FOUNDING,
      ...DUE_DATES,
      ...REKEY,
      'credential.rotate.approved': I,
      'account.create.approved': I,
      'account.decommission.approved': I,
      // An imported password is the one in use on the platform: inserted and made current in the approval (issue 18).
      'inventory.import.approved': IU,
    },
  },
  // Exposures are a record of who saw what: written once, never changed or removed.
  { table: 'exposures', key: ['id'], writers: { ...FOUNDING, 'credential.revealed': I, 'credential.copied': I, 'credential.delivered': I } },
  {
    table: 'people',
    key: ['id'],
    writers: { ...FOUNDING, ...REKEY, 'person.registered': I, 'distribution.recipient_added': I, 'person.register.approved': IU, 'person.update.approved': U },
  },
  // Formulario B (issue 15): written only by co-signed requests.
  {
    table: 'staff',
    key: ['person_id'],
    writers: { ...FOUNDING, ...REKEY, 'person.register.approved': I, 'person.update.approved': U, 'person.depart.approved': U },
  },
  { table: 'departure_items', key: ['person_id', 'item'], writers: { ...FOUNDING, 'person.depart.approved': I } },
  {
    table: 'keyholder_people',
    key: ['keyholder_id'],
    writers: { ...FOUNDING, 'person.register.approved': I, 'keyholder.enrol.approved': I, 'kit.recovered': I },
  },
  {
    table: 'platform_roles',
    key: ['id'],
    writers: { ...FOUNDING, 'role.grant.approved': I, 'role.revoke.approved': U, 'role.applied': U },
  },
  // Like exposures: who saw or received a recovery code, written once.
  { table: 'code_exposures', key: ['id'], writers: { ...FOUNDING, 'recovery_code.revealed': I, 'recovery_code.delivered': I } },
  {
    table: 'account_recipients',
    key: ['account_id', 'person_id'],
    writers: { ...FOUNDING, 'distribution.recipient_added': I, 'distribution.recipient_removed': D },
  },
  {
    table: 'totp_seeds',
    key: ['account_id'],
    writers: { ...FOUNDING, ...REKEY, 'totp.set.approved': IU, 'totp.remove.approved': D, 'inventory.import.approved': I },
  },
  { table: 'totp_exports', key: ['request_id'], writers: { ...FOUNDING, 'totp.export.approved': I, 'totp.exported': U } },
  // Issue 18: a KeePass export authorized, then performed once; each secret it wrote, an exposure of its performer.
  { table: 'vault_exports', key: ['request_id'], writers: { ...FOUNDING, 'vault.export.approved': I, 'vault.exported': U } },
  { table: 'export_exposures', key: ['id'], writers: { ...FOUNDING, 'vault.exported': I } },
  {
    table: 'recovery_codes',
    key: ['id'],
    writers: { ...FOUNDING, ...REKEY, 'recovery_codes.stored': I, 'recovery.replace.approved': ['insert', 'delete'], 'recovery_code.used': U },
  },
  { table: 'devices', key: ['id'], writers: { ...FOUNDING, ...REKEY, 'device.registered': I, 'device.returned': U } },
  // A modificación (LIFE-4) may carry the recovery phone (SEC-3).
  { table: 'account_two_step', key: ['account_id'], writers: { ...FOUNDING, ...REKEY, 'two_step.updated': IU, 'account.modify.approved': IU } },
  // Incidents (issue 17; SUP-2, SUP-3): recorded with their actions at once, closed once nothing is left; never deleted.
  { table: 'incidents', key: ['id'], writers: { ...FOUNDING, ...REKEY, 'incident.recorded': I, 'incident.closed': U } },
  // Issue 18: the emergency kit, issued once its request is authorized (the one in force superseded), used by a recovery,
  // superseded by any re-key (its wrap is of the old vault key).
  { table: 'recovery_kits', key: ['id'], writers: { ...FOUNDING, ...REKEY, 'kit.issued': IU } },
  { table: 'incident_actions', key: ['incident_id', 'account_id', 'action'], writers: { ...FOUNDING, 'incident.recorded': I, 'incident.action_confirmed': U } },
  { table: 'incident_reports', key: ['incident_id', 'recipient'], writers: { ...FOUNDING, ...REKEY, 'incident.reported': I } },
  { table: 'outside_changes', key: ['id'], writers: { ...FOUNDING, ...REKEY, 'incident.outside_change_recorded': I } },
];

export const TABLE_RULE = new Map(TABLE_RULES.map((r) => [r.table, r]));

/** Tables that are not state: the log itself. */
export const UNBOUND_TABLES: readonly string[] = ['audit_events'];

function matches(pattern: string, action: string): boolean {
  if (!pattern.includes('*')) return pattern === action;
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.]/g, '\\.'))
      .join('[a-z_]+(?:\\.[a-z_]+)*')}$`,
  );
  return re.test(action);
}

const allowedCache = new Map<string, readonly RowOp[]>();

/** The operations `action` may perform on `rule`'s rows (answered once per table and action: replay asks for every event). */
export function allowedOps(rule: TableRule, action: string): readonly RowOp[] {
  const cacheKey = `${rule.table}\u0000${action}`;
  const cached = allowedCache.get(cacheKey);
  if (cached) return cached;
  const ops = new Set<RowOp>();
  for (const [pattern, allowed] of Object.entries(rule.writers)) if (matches(pattern, action)) for (const op of allowed) ops.add(op);
  const result = Object.freeze([...ops]);
  allowedCache.set(cacheKey, result);
  return result;
}

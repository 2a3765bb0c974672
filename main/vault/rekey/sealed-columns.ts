/**
 * Every BLOB column of the vault, declared once: either sealed under the records key (and how its
 * FieldRef, main/vault/fields.ts, is built from the row, exactly as the repository that writes it
 * builds it), or not, with why. The re-key (./rekey.ts) re-seals exactly the sealed ones, so a
 * sealed column no one declared would stay under the old key: the schema test
 * (test/unit/vault/rekey/sealed-columns.test.ts) fails on any BLOB column declared neither way.
 *
 * A FieldRef's parts are SQL expressions over the row: `rowId` is the text the repository puts in
 * the associated data, `version` the number (a column, or the constant the repository uses).
 */
import type { Db } from '../db';

export interface SealedColumn {
  column: string;
  /** The column that holds the keyed fingerprint of this column's plaintext (secretFingerprint), recomputed with the new fingerprints key. */
  fingerprint?: string;
}

export interface SealedTable {
  /** The SQL table; also the table named in the associated data. */
  table: string;
  /** SQL expression for FieldRef.rowId (as text). */
  rowId: string;
  /** SQL expression for FieldRef.version. */
  version: string;
  /** Where the declaration was read from: the repository (or service) that seals these columns. */
  source: string;
  columns: readonly SealedColumn[];
}

export const SEALED_TABLES: readonly SealedTable[] = [
  {
    table: 'institution',
    rowId: "'1'",
    version: 'version',
    source: 'repositories/institution.ts (ROW_ID)',
    columns: [{ column: 'name' }, { column: 'acronym' }, { column: 'email_domains' }, { column: 'time_zone' }],
  },
  { table: 'keyholders', rowId: 'id', version: 'version', source: 'services/vault/vault-setup.ts enroll', columns: [{ column: 'name' }] },
  {
    table: 'accounts',
    rowId: 'id',
    version: 'version',
    source: 'repositories/accounts.ts',
    columns: ['display_name', 'handle', 'alt_handle', 'profile_url', 'login_identifier', 'notes'].map((column) => ({ column })),
  },
  {
    table: 'change_requests',
    rowId: 'id',
    version: '1',
    source: 'services/cosign/index.ts payloadRef, services/cosign/requests.ts decisionReasonRef',
    columns: [{ column: 'payload' }, { column: 'decision_reason' }],
  },
  {
    table: 'credential_versions',
    rowId: 'id',
    version: '1',
    source: 'repositories/credential-versions.ts secretRef',
    columns: [{ column: 'secret', fingerprint: 'fingerprint' }],
  },
  {
    table: 'people',
    rowId: 'id',
    version: 'version',
    source: 'repositories/people.ts, repositories/staff.ts',
    columns: [{ column: 'name' }, { column: 'email' }],
  },
  { table: 'staff', rowId: 'person_id', version: 'version', source: 'repositories/staff.ts profileRef', columns: [{ column: 'profile' }] },
  { table: 'totp_seeds', rowId: 'account_id', version: 'version', source: 'repositories/totp-seeds.ts', columns: [{ column: 'seed' }] },
  {
    table: 'recovery_codes',
    rowId: 'id',
    version: '1',
    source: 'repositories/recovery-codes.ts codeRef, reasonRef',
    columns: [{ column: 'code' }, { column: 'used_reason' }],
  },
  {
    table: 'devices',
    rowId: 'id',
    // The repository seals under its VERSION constant (1), whatever the row's version column says.
    version: '1',
    source: 'repositories/devices.ts (VERSION)',
    columns: [{ column: 'label' }, { column: 'number' }, { column: 'notes' }],
  },
  { table: 'account_two_step', rowId: 'account_id', version: 'version', source: 'repositories/devices.ts emailRef', columns: [{ column: 'recovery_email' }] },
  { table: 'account_lifecycle', rowId: 'account_id', version: 'version', source: 'repositories/account-lifecycle.ts formRef', columns: [{ column: 'form_a' }] },
  // Incidents (issue 17): typed text never changes once written, sealed under the repository's VERSION constant (1).
  { table: 'incidents', rowId: 'id', version: '1', source: 'repositories/incidents.ts descriptionRef', columns: [{ column: 'description' }] },
  {
    table: 'incident_reports',
    rowId: "incident_id || ':' || recipient",
    version: '1',
    source: 'repositories/incidents.ts referenceRef (reportRowId)',
    columns: [{ column: 'reference' }],
  },
  { table: 'outside_changes', rowId: 'id', version: '1', source: 'repositories/incidents.ts changeRef', columns: [{ column: 'description' }] },
  // The emergency kit's share holders (issue 18): typed names, written once (VERSION 1).
  { table: 'recovery_kits', rowId: 'id', version: '1', source: 'repositories/recovery-kits.ts holdersRef', columns: [{ column: 'holders' }] },
  // The fingerprints sub-key of each earlier vault key (bytes, not text); the epoch is the row id, so a key cannot move to another epoch.
  { table: 'key_epochs', rowId: 'CAST(epoch AS TEXT)', version: '1', source: 'vault/rekey/epochs.ts', columns: [{ column: 'fingerprints_key' }] },
];

/** BLOB columns that are not sealed under the records key, and why the re-key leaves them (or handles them apart). */
export const UNSEALED_BLOBS: readonly { table: string; column: string; why: string }[] = [
  { table: 'credential_versions', column: 'fingerprint', why: 'keyed fingerprint of the secret: recomputed by the re-key with the new fingerprints key' },
  {
    table: 'change_requests',
    column: 'digest',
    why: 'keyed digest signed by proposer and approver: kept as signed; checkable with the earlier epoch keys (key_epochs)',
  },
  { table: 'change_requests', column: 'proposer_signature', why: 'Ed25519 signature over the digest: public data' },
  { table: 'change_requests', column: 'decision_signature', why: 'Ed25519 signature over the digest: public data' },
  { table: 'keyholders', column: 'kdf_salt', why: 'Argon2id salt: public by design' },
  // The emergency kit (issue 18): its wraps are under the recovery key's KEK; a re-key supersedes the kit (deletes them) instead.
  { table: 'recovery_kits', column: 'wrapped_vk', why: 'the vault key under the recovery KEK: a re-key supersedes the kit and deletes it (services/kit)' },
  { table: 'recovery_kits', column: 'sealed_sign_secret', why: "the kit's signing secret under the recovery KEK: deleted with the kit's wrap" },
  { table: 'recovery_kits', column: 'sign_public_key', why: "the kit's Ed25519 public key: public, pinned to the log by its kit.issued event" },
  { table: 'recovery_kits', column: 'key_check', why: 'keyed check of the recovery key (BLAKE2b, 160-bit key): names a used or superseded kit' },
  {
    table: 'keyholders',
    column: 'wrapped_vk',
    why: "the vault key sealed under the keyholder's own KEK (passphrase): re-wrapped by the keyholder service, not by the records key",
  },
  { table: 'keyholders', column: 'sign_public_key', why: 'Ed25519 public key: public, pinned to the signed roster' },
  {
    table: 'keyholders',
    column: 'sealed_sign_secret',
    why: "signing secret sealed under the keyholder's own KEK, not under a vault key: unchanged by a re-key",
  },
  {
    table: 'keyholder_pending_wraps',
    column: 'box',
    why: "the new vault key in a crypto_box to one keyholder's X25519 key (keyring.ts boxVaultKey): written by the re-key's caller",
  },
  { table: 'audit_events', column: 'prev_hash', why: 'chain hash: public, what signatures cover' },
  { table: 'audit_events', column: 'hash', why: 'chain hash: public, what signatures cover' },
  { table: 'audit_events', column: 'signature', why: 'Ed25519 signature: public' },
  {
    table: 'vault_meta',
    column: 'value',
    why: "plain metadata (format, vault id, dates) except 'audit_head', sealed under the audit key: re-sealed by the re-key (audit/log.ts resealHead)",
  },
];

/** `table.column` of every declared sealed column. */
export const sealedColumnNames = (): string[] => SEALED_TABLES.flatMap((t) => t.columns.map((c) => `${t.table}.${c.column}`));

export interface BlobDeclarationCheck {
  /** BLOB columns of the schema declared neither sealed nor unsealed. */
  undeclared: string[];
  /** Declared as both, or twice. */
  twice: string[];
  /** Declared but not a BLOB column of the schema (renamed, dropped, or a typo). */
  unknown: string[];
}

/** Compares a database's BLOB columns (every table) with the declarations above. */
export function checkBlobDeclarations(
  blobColumns: readonly string[],
  sealed: readonly string[] = sealedColumnNames(),
  unsealed: readonly string[] = UNSEALED_BLOBS.map((b) => `${b.table}.${b.column}`),
): BlobDeclarationCheck {
  const declared = [...sealed, ...unsealed];
  const counts = new Map<string, number>();
  for (const name of declared) counts.set(name, (counts.get(name) ?? 0) + 1);
  const present = new Set(blobColumns);
  return {
    undeclared: blobColumns.filter((c) => !counts.has(c)),
    twice: [...counts].filter(([, n]) => n > 1).map(([c]) => c),
    unknown: [...counts.keys()].filter((c) => !present.has(c)),
  };
}

/** `table.column` of every column of the file that can hold a blob: declared BLOB, or with no type (BLOB affinity). */
export function blobColumns(db: Db): string[] {
  const tables = db.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return tables.flatMap((table) =>
    (db.prepare('SELECT name, type FROM pragma_table_info(?)').all(table) as { name: string; type: string }[])
      .filter((c) => c.type === '' || c.type.toUpperCase().includes('BLOB'))
      .map((c) => `${table}.${c.name}`),
  );
}

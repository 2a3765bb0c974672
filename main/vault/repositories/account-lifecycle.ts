import type { Db } from '../db';
import type { Sodium } from '../sodium';
import { openJson, sealJson, type FieldRef } from '../fields';
import type { FormularioA, VerificationStatus } from '../../../shared/lifecycle';
import type { AccountStatus } from '../../../shared/domain';

/**
 * Beside each account (issue 17): its Formulario A, sealed (typed text, LIFE-1 / LIFE-4), and its
 * platform verification (SEC-4). No row, or a row without a form: registered before the alta existed.
 */
export interface LifecycleRecord {
  accountId: string;
  version: number;
  form: FormularioA | null;
  verification: VerificationStatus;
  updatedBy: string;
  updatedAt: string;
}

interface Raw {
  account_id: string;
  version: number;
  form_a: Buffer | null;
  verification: VerificationStatus;
  updated_by: string;
  updated_at: string;
}

const formRef = (accountId: string, version: number): FieldRef => ({ table: 'account_lifecycle', rowId: accountId, column: 'form_a', version });

export function findLifecycle(db: Db, s: Sodium, key: Uint8Array, accountId: string): LifecycleRecord | undefined {
  const r = db.prepare('SELECT * FROM account_lifecycle WHERE account_id = ?').get(accountId) as Raw | undefined;
  if (!r) return undefined;
  return {
    accountId: r.account_id,
    version: r.version,
    form: r.form_a === null ? null : openJson<FormularioA>(s, key, formRef(r.account_id, r.version), r.form_a),
    verification: r.verification,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  };
}

/** Writes the row anew (a new version, everything sealed again under it, so an older box cannot be put back). */
export function saveLifecycle(db: Db, s: Sodium, key: Uint8Array, r: Omit<LifecycleRecord, 'version'>): void {
  const previous = db.prepare('SELECT version FROM account_lifecycle WHERE account_id = ?').pluck().get(r.accountId) as number | undefined;
  const version = (previous ?? 0) + 1;
  const form = r.form === null ? null : sealJson(s, key, formRef(r.accountId, version), r.form);
  db.prepare(
    `INSERT INTO account_lifecycle (account_id, version, form_a, verification, updated_by, updated_at)
     VALUES (@accountId, @version, @form, @verification, @updatedBy, @updatedAt)
     ON CONFLICT (account_id) DO UPDATE SET version = excluded.version, form_a = excluded.form_a, verification = excluded.verification,
       updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ).run({ accountId: r.accountId, version, form, verification: r.verification, updatedBy: r.updatedBy, updatedAt: r.updatedAt });
}

/** Accounts registered without a Formulario A (before issue 17): the compliance view's LIFE-1 reads this. */
export function accountsWithoutForm(db: Db): string[] {
  return db
    .prepare(
      `SELECT a.id FROM accounts a LEFT JOIN account_lifecycle l ON l.account_id = a.id
       WHERE a.status IN ('active', 'archived') AND l.form_a IS NULL`,
    )
    .pluck()
    .all() as string[];
}

/** Every account's verification status (SEC-4), for the compliance view; accounts without a row have not requested it. */
export function verificationStatuses(db: Db): Map<string, VerificationStatus> {
  const rows = db
    .prepare(`SELECT a.id, coalesce(l.verification, 'not_requested') FROM accounts a LEFT JOIN account_lifecycle l ON l.account_id = a.id`)
    .raw()
    .all() as [string, VerificationStatus][];
  return new Map(rows);
}

export function setAccountStatus(db: Db, accountId: string, status: AccountStatus, at: string): void {
  db.prepare('UPDATE accounts SET status = ?, updated_at = ? WHERE id = ?').run(status, at, accountId);
}

import type { Db } from '../db';
import type { Sodium } from '../sodium';
import { openText, sealText, type FieldRef } from '../fields';
import type { AccountKind, AccountStatus } from '../../../shared/domain';
import type { PlatformId } from '../../../shared/platforms';

/** Accounts with their typed fields sealed one by one; this module is the only one that knows the columns. */
export interface AccountRecord {
  id: string;
  version: number;
  platform: PlatformId;
  kind: AccountKind;
  status: AccountStatus;
  linkedEmailAccountId: string | null;
  supportStart: string | null;
  supportEnd: string | null;
  displayName: string;
  handle: string | null;
  altHandle: string | null;
  profileUrl: string | null;
  loginIdentifier: string | null;
  notes: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

const SEALED = ['display_name', 'handle', 'alt_handle', 'profile_url', 'login_identifier', 'notes'] as const;
type SealedColumn = (typeof SEALED)[number];
const FIELD: Record<SealedColumn, keyof AccountRecord> = {
  display_name: 'displayName',
  handle: 'handle',
  alt_handle: 'altHandle',
  profile_url: 'profileUrl',
  login_identifier: 'loginIdentifier',
  notes: 'notes',
};

type Raw = Record<SealedColumn, Buffer | null> & {
  id: string;
  version: number;
  platform: PlatformId;
  kind: AccountKind;
  status: AccountStatus;
  linked_email_account_id: string | null;
  support_start: string | null;
  support_end: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
};

const ref = (id: string, column: string, version: number): FieldRef => ({ table: 'accounts', rowId: id, column, version });

export function insertAccount(db: Db, s: Sodium, key: Uint8Array, a: AccountRecord): void {
  const sealed = Object.fromEntries(
    SEALED.map((column) => {
      const value = a[FIELD[column]] as string | null;
      return [column, value === null ? null : sealText(s, key, ref(a.id, column, a.version), value)];
    }),
  );
  db.prepare(
    `INSERT INTO accounts (id, version, platform, kind, status, linked_email_account_id, support_start, support_end,
       display_name, handle, alt_handle, profile_url, login_identifier, notes, created_by, created_at, updated_at)
     VALUES (@id, @version, @platform, @kind, @status, @linkedEmailAccountId, @supportStart, @supportEnd,
       @display_name, @handle, @alt_handle, @profile_url, @login_identifier, @notes, @createdBy, @createdAt, @updatedAt)`,
  ).run({ ...a, ...sealed });
}

function open(s: Sodium, key: Uint8Array, r: Raw): AccountRecord {
  const text = (column: SealedColumn) => {
    const box = r[column];
    return box === null ? null : openText(s, key, ref(r.id, column, r.version), box);
  };
  return {
    id: r.id,
    version: r.version,
    platform: r.platform,
    kind: r.kind,
    status: r.status,
    linkedEmailAccountId: r.linked_email_account_id,
    supportStart: r.support_start,
    supportEnd: r.support_end,
    displayName: text('display_name')!,
    handle: text('handle'),
    altHandle: text('alt_handle'),
    profileUrl: text('profile_url'),
    loginIdentifier: text('login_identifier'),
    notes: text('notes'),
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function findAccount(db: Db, s: Sodium, key: Uint8Array, id: string): AccountRecord | undefined {
  const raw = db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as Raw | undefined;
  return raw && open(s, key, raw);
}

export function listAccounts(db: Db, s: Sodium, key: Uint8Array): AccountRecord[] {
  return (db.prepare('SELECT * FROM accounts').all() as Raw[]).map((r) => open(s, key, r));
}

export function accountKind(db: Db, id: string): { kind: AccountKind; status: AccountStatus } | undefined {
  return db.prepare('SELECT kind, status FROM accounts WHERE id = ?').get(id) as { kind: AccountKind; status: AccountStatus } | undefined;
}

/** How many of these ids are accounts (one query for a whole screen). */
export function countAccounts(db: Db, ids: readonly string[]): number {
  return db.prepare('SELECT count(*) FROM accounts WHERE id IN (SELECT value FROM json_each(?))').pluck().get(JSON.stringify(ids)) as number;
}

export function touchAccount(db: Db, id: string, at: string): void {
  db.prepare('UPDATE accounts SET updated_at = ? WHERE id = ?').run(at, id);
}

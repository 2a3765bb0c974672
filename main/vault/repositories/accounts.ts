import type { Db } from '../db';
import { openPacked, openSealedTexts, packSealed, type PackedBoxes, type Sodium } from '../sodium';
import { fieldAd, openText, sealText, type FieldRef } from '../fields';
import { CustodiaError } from '../../domain/errors';
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

/** Support accounts in force with an end date (LIFE-2's candidates): chosen by their clear columns, only they are opened. */
export function listActiveSupportAccounts(db: Db, s: Sodium, key: Uint8Array): AccountRecord[] {
  const rows = db.prepare(`SELECT * FROM accounts WHERE kind = 'support' AND status = 'active' AND support_end IS NOT NULL`).all() as Raw[];
  return rows.map((r) => open(s, key, r));
}

/** What the account list shows and searches, as stored: structure in clear, the three typed names still sealed. */
export interface AccountListRow {
  id: string;
  version: number;
  platform: PlatformId;
  kind: AccountKind;
  status: AccountStatus;
  display_name: Buffer;
  handle: Buffer | null;
  alt_handle: Buffer | null;
  updated_at: string;
  /** The current password version's number (null: none applied yet). */
  n: number | null;
}

/** Every account's list row, without opening anything (needs no key: it can be read while the KDF runs). */
export function readAccountListRows(db: Db): AccountListRow[] {
  return db
    .prepare(
      `SELECT a.id, a.version, a.platform, a.kind, a.status, a.display_name, a.handle, a.alt_handle, a.updated_at, v.n
       FROM accounts a LEFT JOIN credential_versions v ON v.id = a.current_version_id`,
    )
    .all() as AccountListRow[];
}

// A name that is not a blob (an editor's doing) is no box: it fails to open, as in openText.
const boxOf = (box: Buffer | null): Uint8Array => (box instanceof Uint8Array ? box : new Uint8Array(0));

/** The rows' display names with their associated data, packed for one pass (needs no key: made while the KDF runs). */
export function packListNames(rows: readonly AccountListRow[]): PackedBoxes {
  return packSealed(
    rows.map((r) => boxOf(r.display_name)),
    rows.map((r) => fieldAd(ref(r.id, 'display_name', r.version))),
  );
}

/**
 * Opens the rows' display names (what the list, its order and the dashboard need) in one pass over
 * libsodium's heap; the other sealed columns stay sealed until asked for. A name that does not
 * open is a tampered record, as openText says.
 */
export function openListNames(s: Sodium, key: Uint8Array, rows: readonly AccountListRow[], packed = packListNames(rows)): string[] {
  const texts = openPacked(s, key, packed);
  return rows.map((r, i) => {
    const text = texts[i];
    if (text === undefined) throw new CustodiaError('RECORD_TAMPERED', { table: 'accounts', rowId: r.id, column: 'display_name' });
    return text;
  });
}

/** Opens the rows' handles (a page's, or every row's for a search), in one pass. */
export function openListHandles(s: Sodium, key: Uint8Array, rows: readonly AccountListRow[]): { handle: string | null; altHandle: string | null }[] {
  const boxes: Uint8Array[] = [];
  const ads: string[] = [];
  const columns = ['handle', 'alt_handle'] as const;
  for (const r of rows) {
    for (const column of columns) {
      const box = r[column];
      if (box === null) continue;
      boxes.push(boxOf(box));
      ads.push(fieldAd(ref(r.id, column, r.version)));
    }
  }
  const texts = openSealedTexts(s, key, boxes, ads);
  let next = 0;
  return rows.map((r) => {
    const opened = (column: (typeof columns)[number]) => {
      if (r[column] === null) return null;
      const text = texts[next++];
      if (text === undefined) throw new CustodiaError('RECORD_TAMPERED', { table: 'accounts', rowId: r.id, column });
      return text;
    };
    return { handle: opened('handle'), altHandle: opened('alt_handle') };
  });
}

export function accountKind(db: Db, id: string): { kind: AccountKind; status: AccountStatus; platform: PlatformId } | undefined {
  return db.prepare('SELECT kind, status, platform FROM accounts WHERE id = ?').get(id) as
    { kind: AccountKind; status: AccountStatus; platform: PlatformId } | undefined;
}

/** How many of these ids are accounts (one query for a whole screen). */
export function countAccounts(db: Db, ids: readonly string[]): number {
  return db.prepare('SELECT count(*) FROM accounts WHERE id IN (SELECT value FROM json_each(?))').pluck().get(JSON.stringify(ids)) as number;
}

export function touchAccount(db: Db, id: string, at: string): void {
  db.prepare('UPDATE accounts SET updated_at = ? WHERE id = ?').run(at, id);
}

/**
 * An authorized modificación (issue 17): the account's fields written anew under the next row
 * version, every sealed column sealed again under it (an older box cannot be put back).
 */
export function updateAccount(db: Db, s: Sodium, key: Uint8Array, a: Omit<AccountRecord, 'version' | 'createdBy' | 'createdAt'>): void {
  const version = ((db.prepare('SELECT version FROM accounts WHERE id = ?').pluck().get(a.id) as number | undefined) ?? 0) + 1;
  const sealed = Object.fromEntries(
    SEALED.map((column) => {
      const value = a[FIELD[column] as keyof typeof a] as string | null;
      return [column, value === null ? null : sealText(s, key, ref(a.id, column, version), value)];
    }),
  );
  db.prepare(
    `UPDATE accounts SET version = @version, kind = @kind, status = @status, linked_email_account_id = @linkedEmailAccountId,
       support_start = @supportStart, support_end = @supportEnd, display_name = @display_name, handle = @handle, alt_handle = @alt_handle,
       profile_url = @profile_url, login_identifier = @login_identifier, notes = @notes, updated_at = @updatedAt
     WHERE id = @id`,
  ).run({ ...a, ...sealed, version });
}

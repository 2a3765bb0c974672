import { z } from 'zod';
import type { SettingChange } from '../../../../shared/accounts';
import { ACCOUNT_KINDS } from '../../../../shared/domain';
import { accountChanges, formularioA, type FormularioA } from '../../../../shared/lifecycle';
import type { DetailValue } from '../../../../shared/result';
import { CustodiaError } from '../../../domain/errors';
import { findAccount, updateAccount } from '../../../vault/repositories/accounts';
import { findLifecycle, saveLifecycle } from '../../../vault/repositories/account-lifecycle';
import { deviceExists, listDevices, putTwoStep, readTwoStep } from '../../../vault/repositories/devices';
import { accountLine, assertEntry } from '../../lifecycle/entry';
import type { AccountChangeKind, CheckContext, VaultContext } from '../change-kind';
import { decommissionAwaiting } from './account-decommission';

/**
 * Modificación of a profile (LIFE-4; MITIC Anexo II, Formulario A, «Modif.»): any of its data
 * (names, handles, URL, login, linked e-mail, recovery phone, kind, dates, notes) and its Formulario A,
 * from → to.
 * `from` keeps what was in force when proposed, so a decided request still reads from → to, and an
 * approval after another change to the same account is refused (stale). The entry rules (SEC-2,
 * LIFE-2, …) are checked again at proposal and at approval.
 */
const nullable = z.string().nullable();
const snapshotSchema = z.object({
  kind: z.enum(ACCOUNT_KINDS),
  displayName: z.string(),
  handle: nullable,
  altHandle: nullable,
  profileUrl: nullable,
  loginIdentifier: nullable,
  linkedEmailAccountId: nullable,
  supportStart: nullable,
  supportEnd: nullable,
  notes: nullable,
});
type Snapshot = z.infer<typeof snapshotSchema>;

const payload = z.object({
  account: accountChanges,
  /** Null: Formulario A unchanged. */
  form: formularioA.nullable(),
  from: z.object({ account: snapshotSchema, form: formularioA.nullable() }),
  note: z.string().nullable(),
  /** The recovery phone (SEC-3), a registered device: present only when the request changes it. */
  recoveryDevice: z.object({ from: nullable, to: nullable }).optional(),
});
export type AccountModifyPayload = z.infer<typeof payload>;

const snapshotOf = (a: z.output<typeof accountChanges> | Snapshot): Snapshot => ({
  kind: a.kind,
  displayName: a.displayName,
  handle: a.handle ?? null,
  altHandle: a.altHandle ?? null,
  profileUrl: a.profileUrl ?? null,
  loginIdentifier: a.loginIdentifier ?? null,
  linkedEmailAccountId: a.linkedEmailAccountId ?? null,
  supportStart: a.supportStart ?? null,
  supportEnd: a.supportEnd ?? null,
  notes: a.notes ?? null,
});

/** What is in force now, for the proposal's `from` (and the approval's stale check). */
export function currentAccountData(ctx: VaultContext, accountId: string): AccountModifyPayload['from'] {
  const a = findAccount(ctx.db, ctx.s, ctx.keys.records, accountId);
  if (!a) throw new CustodiaError('ACCOUNT_UNKNOWN');
  return { account: snapshotOf(a), form: findLifecycle(ctx.db, ctx.s, ctx.keys.records, accountId)?.form ?? null };
}

const recoveryDeviceOf = (ctx: VaultContext, accountId: string): string | null =>
  readTwoStep(ctx.db, ctx.s, ctx.keys.records, accountId)?.recoveryDeviceId ?? null;

const formFlat = (f: FormularioA | null): Record<string, DetailValue> =>
  f === null
    ? {}
    : {
        'form.description': f.description,
        'form.objective': f.objective,
        'form.postingPlan': f.postingPlan,
        'form.indicators': f.indicators,
        'form.authorizedUsers': f.authorizedUsers.map((u) => `${u.personId}:${u.role}`).join(', '),
        'form.otherData': f.otherData ?? null,
      };

/** The fields that change, from → to. */
export function accountDataChanges(p: Pick<AccountModifyPayload, 'account' | 'form' | 'from' | 'recoveryDevice'>): SettingChange[] {
  const phone = (side: 'from' | 'to'): Record<string, DetailValue> => (p.recoveryDevice ? { recoveryDevice: p.recoveryDevice[side] } : {});
  const a: Record<string, DetailValue> = { ...snapshotOf(p.from.account), ...formFlat(p.from.form), ...phone('from') };
  const b: Record<string, DetailValue> = { ...snapshotOf(p.account), ...formFlat(p.form ?? p.from.form), ...phone('to') };
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.filter((k) => (a[k] ?? null) !== (b[k] ?? null)).map((k) => ({ setting: k, from: a[k] ?? null, to: b[k] ?? null }));
}

/** A linked mailbox and a recovery phone by their names rather than their ids. */
function readable(ctx: VaultContext, c: SettingChange): SettingChange {
  const name = (v: DetailValue): DetailValue => {
    if (typeof v !== 'string') return v;
    if (c.setting === 'linkedEmailAccountId') {
      const a = findAccount(ctx.db, ctx.s, ctx.keys.records, v);
      return a ? (a.loginIdentifier ?? a.displayName) : v;
    }
    const d = listDevices(ctx.db, ctx.s, ctx.keys.records).find((x) => x.id === v);
    return d ? `${d.label} (${d.number})` : v;
  };
  return c.setting === 'linkedEmailAccountId' || c.setting === 'recoveryDevice' ? { ...c, from: name(c.from), to: name(c.to) } : c;
}

function assertModifiable(ctx: CheckContext<string>, p: AccountModifyPayload): void {
  if (accountDataChanges(p).length === 0) throw new CustodiaError('ACCOUNT_UNCHANGED');
  // LIFE-3: a baja the head authorized is under way; the account is about to be archived as it is.
  if (decommissionAwaiting(ctx.db, ctx.accountId)) throw new CustodiaError('ACCOUNT_DECOMMISSIONING', undefined, 'LIFE-3');
  if (p.recoveryDevice?.to && !deviceExists(ctx.db, p.recoveryDevice.to)) throw new CustodiaError('DEVICE_UNKNOWN', undefined, 'SEC-3');
  const platform = findAccount(ctx.db, ctx.s, ctx.keys.records, ctx.accountId)!.platform;
  assertEntry(ctx, { ...p.account, platform }, p.form ?? p.from.form, ctx.accountId);
  // A mailbox that other accounts name as their linked e-mail stays a mailbox.
  if (p.from.account.kind === 'linked_email' && p.account.kind !== 'linked_email') {
    const linked = ctx.db.prepare("SELECT 1 FROM accounts WHERE linked_email_account_id = ? AND status <> 'rejected' LIMIT 1").get(ctx.accountId);
    if (linked) throw new CustodiaError('ACCOUNT_INVALID', { field: 'kind', reason: 'mailbox_in_use' });
  }
}

export const accountModify: AccountChangeKind<'account.modify', AccountModifyPayload> = {
  id: 'account.modify',
  scope: 'account',
  payload,
  digestFields: (p) => ({
    changes: JSON.parse(JSON.stringify({ to: snapshotOf(p.account), form: p.form, from: p.from })),
    note: p.note,
    // Present only when the phone changes, so requests made before it existed keep their digest.
    ...(p.recoveryDevice ? { recoveryDevice: { from: p.recoveryDevice.from, to: p.recoveryDevice.to } } : {}),
  }),
  checks: {
    propose: assertModifiable,
    // Between proposal and approval another change may have been applied: the request changes only what it read.
    approve(ctx, p) {
      const current = currentAccountData(ctx, ctx.accountId);
      if (JSON.stringify(current) !== JSON.stringify({ account: snapshotOf(p.from.account), form: p.from.form }))
        throw new CustodiaError('COSIGN_INTEGRITY', { part: 'stale' });
      if (p.recoveryDevice && recoveryDeviceOf(ctx, ctx.accountId) !== p.recoveryDevice.from) throw new CustodiaError('COSIGN_INTEGRITY', { part: 'stale' });
      assertModifiable(ctx, p);
    },
  },
  describe: (p, ctx) => ({ kind: 'account.modify', account: accountLine(ctx, ctx.accountId), changes: accountDataChanges(p).map((c) => readable(ctx, c)) }),
  apply({ db, s, keys, accountId, approver, now, request }, p) {
    const stored = findAccount(db, s, keys.records, accountId)!;
    const to = snapshotOf(p.account);
    updateAccount(db, s, keys.records, { ...to, id: accountId, platform: stored.platform, status: stored.status, updatedAt: now });
    if (p.recoveryDevice) {
      // The second step and the recovery e-mail stay as recorded; the proposer is who recorded the new phone.
      const t = readTwoStep(db, s, keys.records, accountId);
      putTwoStep(db, s, keys.records, accountId, {
        method: t?.method ?? 'none',
        recoveryDeviceId: p.recoveryDevice.to,
        recoveryEmail: t?.recoveryEmail ?? null,
        updatedBy: request.proposedBy,
        updatedAt: now,
      });
    }
    if (p.form !== null) {
      const verification = findLifecycle(db, s, keys.records, accountId)?.verification ?? 'not_requested';
      saveLifecycle(db, s, keys.records, { accountId, form: p.form, verification, updatedBy: approver.keyholderId, updatedAt: now });
    }
    return { account: accountId };
  },
};

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { accountInput } from '../../../../shared/accounts';
import { IMPORT_MAX_ROWS } from '../../../../shared/import';
import { checkAccount } from '../../../domain/accounts';
import { CustodiaError } from '../../../domain/errors';
import { applyDeadline } from '../../../domain/rotation';
import { accountKind } from '../../../vault/repositories/accounts';
import { setAccountStatus } from '../../../vault/repositories/account-lifecycle';
import { insertCredentialVersion, markApplied } from '../../../vault/repositories/credential-versions';
import { readInstitution } from '../../../vault/repositories/institution';
import { putSeed } from '../../../vault/repositories/totp-seeds';
import { secretFingerprint } from '../../../vault/signatures';
import { dueFor } from '../../rotation/schedule';
import type { CheckContext, InstitutionChangeKind, VaultContext } from '../change-kind';
import { totpSeed } from './totp-seed';
import { insertPendingAccount } from '../../lifecycle/entry';

/**
 * The «inventario inicial» (issue 18, scope 3): the accounts of the office's spreadsheet, proposed
 * at once by the administrator and authorized at once by the Jefe de la Oficina (POL-5). Each
 * account is born as an alta's is: «en trámite» from the proposal (listed, taking no change,
 * showing no password: LIFE-1), in force on approval with its password as version 1 (reason
 * 'creation') and its TOTP seed stored as totp.set stores one. The password is the one already in
 * use on the platform, so it is current at once; one that breaks POL-1/2 (or was shared by several
 * rows) is due at once: «rotar ya». Imported accounts carry no Formulario A, as accounts migrated
 * from before the alta: the compliance view flags them (LIFE-1) until one is recorded.
 */
const entry = z.object({
  accountId: z.string().uuid(),
  /** The spreadsheet's row, for the request's description and the audit trail. */
  row: z.number().int().min(1),
  account: accountInput,
  /** Never shown by `describe`; digested as a keyed fingerprint. */
  secret: z.string().min(1).max(256).nullable(),
  seed: totpSeed.nullable(),
  rotateNow: z.boolean(),
});
const payload = z.object({ entries: z.array(entry).min(1).max(IMPORT_MAX_ROWS), note: z.string().nullable() });
export type InventoryImportPayload = z.infer<typeof payload>;
export type InventoryEntry = z.infer<typeof entry>;

const hex = ({ s, keys }: VaultContext, text: string) => s.to_hex(secretFingerprint(s, keys.fingerprints, text));

/** Ids unused and distinct, SEC-2 on every login, each linked mailbox in force or in the same import, no password twice (POL-3). */
function assertEntries(ctx: CheckContext<null>, p: InventoryImportPayload, phase: 'request' | 'approve'): void {
  const { db, s, keys } = ctx;
  const domains = readInstitution(db, s, keys.records)!.emailDomains;
  const mailboxes = new Set(p.entries.filter((e) => e.account.kind === 'linked_email').map((e) => e.accountId));
  const ids = new Set<string>();
  const fingerprints = new Map<string, number>();
  for (const e of p.entries) {
    if (ids.has(e.accountId)) throw new CustodiaError('INVALID_REQUEST', { part: 'accountId', row: e.row });
    ids.add(e.accountId);
    const stored = accountKind(db, e.accountId);
    if (phase === 'request' && stored) throw new CustodiaError('INVALID_REQUEST', { part: 'accountId', row: e.row });
    if (phase === 'approve' && stored?.status !== 'pending')
      throw new CustodiaError(stored ? 'COSIGN_DECIDED' : 'ACCOUNT_UNKNOWN', { row: e.row, ...(stored ? { status: stored.status } : {}) }, 'LIFE-1');
    const linkedId = e.account.linkedEmailAccountId;
    const linked =
      linkedId === undefined ? null : mailboxes.has(linkedId) ? { kind: 'linked_email' as const, status: 'active' as const } : accountKind(db, linkedId);
    const violation = checkAccount(e.account, { institutionDomains: domains, linkedEmail: linked });
    if (violation) throw new CustodiaError(violation.code, { ...violation.details, row: e.row }, violation.rule);
    if (linked && linked.status !== 'active') throw new CustodiaError('ACCOUNT_PENDING', { field: 'linkedEmailAccountId', row: e.row }, 'LIFE-1');
    if (e.secret === null) continue;
    const print = hex(ctx, e.secret);
    const first = fingerprints.get(print);
    if (first !== undefined) throw new CustodiaError('POLICY_VIOLATION', { reason: 'duplicate_in_file', row: e.row, firstRow: first }, 'POL-3');
    fingerprints.set(print, e.row);
    // Against every version of every account; re-checked at approval (a rotation approved meanwhile may have used it).
    ctx.services.policy.assertUnique(e.accountId, e.secret);
  }
}

export const inventoryImport: InstitutionChangeKind<'inventory.import', InventoryImportPayload> = {
  id: 'inventory.import',
  scope: 'institution',
  payload,
  digestFields: (p, crypto) => ({
    entries: p.entries.map((e) => ({
      accountId: e.accountId,
      row: e.row,
      account: JSON.parse(JSON.stringify(e.account)),
      secretFingerprint: e.secret === null ? null : hex(crypto, e.secret),
      seedFingerprint: e.seed === null ? null : hex(crypto, `totp:${e.seed.secret}`),
      seed: e.seed && { algorithm: e.seed.algorithm, digits: e.seed.digits, period: e.seed.period, issuer: e.seed.issuer, label: e.seed.label },
      rotateNow: e.rotateNow,
    })),
    note: p.note,
  }),
  checks: {
    request: (ctx, p) => assertEntries(ctx, p, 'request'),
    approve(ctx, p) {
      // Each account's status is read from a row the log must have written (one flipped with sqlite3 is refused).
      ctx.services.integrity.assertRows(p.entries.map((e) => ['accounts', e.accountId] as const));
      assertEntries(ctx, p, 'approve');
    },
  },
  describe: (p) => ({
    kind: 'inventory.import',
    accounts: p.entries.length,
    withPassword: p.entries.filter((e) => e.secret !== null).length,
    withTotp: p.entries.filter((e) => e.seed !== null).length,
    rotateNow: p.entries.filter((e) => e.rotateNow).length,
  }),
  // Mailboxes first: an account of the import may name one of them as its linked e-mail.
  opens(ctx, p) {
    const { proposer, now } = ctx;
    const ordered = [...p.entries].sort((a, b) => Number(b.account.kind === 'linked_email') - Number(a.account.kind === 'linked_email'));
    for (const { accountId, account: a } of ordered) {
      insertPendingAccount(ctx, accountId, a, proposer.keyholderId, now);
    }
  },
  apply({ db, s, keys, request, approver, now }, p) {
    const institution = readInstitution(db, s, keys.records)!;
    for (const e of p.entries) {
      setAccountStatus(db, e.accountId, 'active', now);
      if (e.secret !== null) {
        const id = randomUUID();
        insertCredentialVersion(db, s, keys.records, {
          id,
          accountId: e.accountId,
          n: 1,
          secret: e.secret,
          fingerprint: secretFingerprint(s, keys.fingerprints, e.secret),
          reason: 'creation',
          changeRequestId: request.id,
          proposedBy: request.proposedBy,
          proposedAt: request.proposedAt,
          authorizedBy: approver.keyholderId,
          authorizedAt: now,
          applyBy: applyDeadline(now, institution.applyWindowHours),
        });
        // In use on the platform already (the administrator vouched for it by proposing): current at once, due now if «rotar ya» (POL-4).
        const dueAt = e.rotateNow ? now : dueFor(institution, e.account.kind, now);
        markApplied(db, { id, accountId: e.accountId, appliedBy: request.proposedBy, appliedAt: now, dueAt });
      }
      if (e.seed !== null) {
        putSeed(db, s, keys.records, e.seed, {
          accountId: e.accountId,
          changeRequestId: request.id,
          proposedBy: request.proposedBy,
          authorizedBy: approver.keyholderId,
          setAt: now,
        });
      }
    }
    return {};
  },
  rejected({ db, now }, p) {
    for (const e of p.entries) setAccountStatus(db, e.accountId, 'rejected', now);
  },
};

import { randomUUID } from 'node:crypto';
import type { AccountLine, ParsedAccountInput } from '../../../shared/accounts';
import type { ChangeReason } from '../../../shared/domain';
import type { FormularioA } from '../../../shared/lifecycle';
import { platformRole, type PlatformId } from '../../../shared/platforms';
import { checkAccount } from '../../domain/accounts';
import { CustodiaError } from '../../domain/errors';
import { applyDeadline } from '../../domain/rotation';
import { accountKind, findAccount, insertAccount, touchAccount } from '../../vault/repositories/accounts';
import { insertCredentialVersion, nextVersionNumber } from '../../vault/repositories/credential-versions';
import { readInstitution } from '../../vault/repositories/institution';
import { staffRow } from '../../vault/repositories/staff';
import { secretFingerprint } from '../../vault/signatures';
import type { ChangeRequestRow } from '../../vault/repositories/change-requests';
import type { VaultContext } from '../cosign/change-kind';
import type { Actor } from '../vault/session';

/** An account's data as entered, whichever request carries it (alta or modificación): the entry rules again. */
export type AccountData = Omit<ParsedAccountInput, 'platform'> & { platform: PlatformId };

/**
 * The entry rules of an account's data (SEC-2, LIFE-2 and the rest of checkAccount), with the
 * linked mailbox in force (never archived or «en trámite»), and Formulario A's authorized users
 * (LIFE-1): people of the staff registry, active, each with a role the platform has.
 */
export function assertEntry({ db, s, keys }: VaultContext, data: AccountData, form: FormularioA | null, self: string | null): void {
  const institution = readInstitution(db, s, keys.records)!;
  const linked = data.linkedEmailAccountId ? accountKind(db, data.linkedEmailAccountId) : null;
  if (data.linkedEmailAccountId && data.linkedEmailAccountId === self)
    throw new CustodiaError('ACCOUNT_INVALID', { field: 'linkedEmailAccountId', reason: 'not_linked_email' });
  const violation = checkAccount(data, { institutionDomains: institution.emailDomains, linkedEmail: linked });
  if (violation) throw new CustodiaError(violation.code, violation.details, violation.rule);
  if (linked && linked.status !== 'active')
    throw new CustodiaError(linked.status === 'archived' ? 'ACCOUNT_ARCHIVED' : 'ACCOUNT_PENDING', { field: 'linkedEmailAccountId' }, 'LIFE-1');
  for (const user of form?.authorizedUsers ?? []) {
    const row = staffRow(db, user.personId);
    if (!row) throw new CustodiaError('PERSON_UNKNOWN', { field: 'authorizedUsers' }, 'LIFE-1');
    if (row.status !== 'active') throw new CustodiaError('PERSON_NOT_ACTIVE', { status: row.status }, 'LIFE-1');
    if (!platformRole(data.platform, user.role)) throw new CustodiaError('ROLE_UNKNOWN', { role: user.role, platform: data.platform }, 'LIFE-1');
  }
  const people = (form?.authorizedUsers ?? []).map((u) => u.personId);
  if (new Set(people).size !== people.length) throw new CustodiaError('ACCOUNT_INVALID', { field: 'authorizedUsers', reason: 'duplicate' }, 'LIFE-1');
}

export function accountLine({ db, s, keys }: VaultContext, accountId: string): AccountLine {
  const a = findAccount(db, s, keys.records, accountId);
  if (!a) throw new CustodiaError('ACCOUNT_UNKNOWN');
  return {
    id: a.id,
    platform: a.platform,
    kind: a.kind,
    displayName: a.displayName,
    handle: a.handle,
    supportStart: a.supportStart,
    supportEnd: a.supportEnd,
  };
}

/**
 * A password the head authorized with an alta (reason 'creation') or a baja ('decommission'):
 * stored, not yet current, as a rotation's (the administrator changes it on the platform and
 * confirms: RotationService.confirmApplied).
 */
export function storeAuthorizedVersion(
  { db, s, keys }: VaultContext,
  r: { accountId: string; secret: string; reason: ChangeReason; request: ChangeRequestRow; approver: Actor; now: string },
): string {
  const versionId = randomUUID();
  const { applyWindowHours } = readInstitution(db, s, keys.records)!;
  insertCredentialVersion(db, s, keys.records, {
    id: versionId,
    accountId: r.accountId,
    n: nextVersionNumber(db, r.accountId),
    secret: r.secret,
    fingerprint: secretFingerprint(s, keys.fingerprints, r.secret),
    reason: r.reason,
    changeRequestId: r.request.id,
    proposedBy: r.request.proposedBy,
    proposedAt: r.request.proposedAt,
    authorizedBy: r.approver.keyholderId,
    authorizedAt: r.now,
    applyBy: applyDeadline(r.now, applyWindowHours),
  });
  touchAccount(db, r.accountId, r.now);
  return versionId;
}

/** An account «en trámite» from its alta's proposal (LIFE-1; an alta, or each account of an «inventario inicial»). */
export function insertPendingAccount({ db, s, keys }: VaultContext, accountId: string, a: AccountData, by: string, now: string): void {
  insertAccount(db, s, keys.records, {
    id: accountId,
    version: 1,
    platform: a.platform,
    kind: a.kind,
    status: 'pending',
    linkedEmailAccountId: a.linkedEmailAccountId ?? null,
    supportStart: a.supportStart ?? null,
    supportEnd: a.supportEnd ?? null,
    displayName: a.displayName,
    handle: a.handle ?? null,
    altHandle: a.altHandle ?? null,
    profileUrl: a.profileUrl ?? null,
    loginIdentifier: a.loginIdentifier ?? null,
    notes: a.notes ?? null,
    createdBy: by,
    createdAt: now,
    updatedAt: now,
  });
}

import type { CredentialVersionView, PersonRef } from '../../../shared/accounts';
import { CustodiaError } from '../../domain/errors';
import type { CredentialVersionMeta } from '../../vault/repositories/credential-versions';

export function personOf(people: Map<string, PersonRef>, keyholderId: string): PersonRef {
  const person = people.get(keyholderId);
  if (!person) throw new CustodiaError('KEYHOLDER_UNKNOWN', { keyholderId });
  return person;
}

export function toVersionView(v: CredentialVersionMeta, people: Map<string, PersonRef>): CredentialVersionView {
  return {
    id: v.id,
    n: v.n,
    reason: v.reason,
    proposedBy: personOf(people, v.proposedBy),
    proposedAt: v.proposedAt,
    authorizedBy: personOf(people, v.authorizedBy),
    authorizedAt: v.authorizedAt,
    applyBy: v.applyBy,
    appliedBy: v.appliedBy === null ? null : personOf(people, v.appliedBy),
    appliedAt: v.appliedAt,
    dueAt: v.dueAt,
  };
}

import { z } from 'zod';
import type { SettingChange } from '../../../../shared/accounts';
import type { DetailValue } from '../../../../shared/result';
import { staffProfile, type StaffProfile } from '../../../../shared/staff';
import { CustodiaError } from '../../../domain/errors';
import { findPerson } from '../../../vault/repositories/people';
import { staffProfileOf, staffRow, updatePersonIdentity, updateStaff } from '../../../vault/repositories/staff';
import { assertProfile, namedContacts, staffLine } from '../../people/facts';
import type { CheckContext, InstitutionChangeKind, VaultContext } from '../change-kind';

/**
 * Formulario B, modificación (LIFE-4): a registered person's data change. `from` keeps what was in
 * force when proposed, so a decided request still reads from → to.
 */
const payload = z.object({
  personId: z.string().uuid(),
  name: z.string(),
  email: z.string(),
  profile: staffProfile,
  from: z.object({ name: z.string(), email: z.string(), profile: staffProfile }),
  note: z.string().nullable(),
});
export type PersonUpdatePayload = z.infer<typeof payload>;

type Flat = Record<string, DetailValue>;
const flatten = (name: string, email: string, p: StaffProfile): Flat => ({
  name,
  email,
  ...Object.fromEntries(
    Object.entries(p).flatMap(([k, v]): [string, DetailValue][] =>
      v !== null && typeof v === 'object' ? Object.entries(v).map(([kk, vv]) => [`${k}.${kk}`, vv as DetailValue]) : [[k, (v ?? null) as DetailValue]],
    ),
  ),
});

export function profileChanges(from: PersonUpdatePayload['from'], to: Omit<PersonUpdatePayload, 'from' | 'note' | 'personId'>): SettingChange[] {
  const a = flatten(from.name, from.email, from.profile);
  const b = flatten(to.name, to.email, to.profile);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.filter((k) => JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null)).map((k) => ({ setting: k, from: a[k] ?? null, to: b[k] ?? null }));
}

/** What is in force now, for the proposal's `from`. */
export function currentRecord(ctx: VaultContext, personId: string): PersonUpdatePayload['from'] {
  const person = findPerson(ctx.db, ctx.s, ctx.keys.records, personId);
  const profile = staffProfileOf(ctx.db, ctx.s, ctx.keys.records, personId);
  if (!person) throw new CustodiaError('PERSON_UNKNOWN');
  if (!profile) throw new CustodiaError('PERSON_INCOMPLETE');
  return { name: person.name, email: person.email, profile };
}

function assertUpdatable(ctx: CheckContext<null>, p: PersonUpdatePayload): void {
  const row = staffRow(ctx.db, p.personId);
  if (!row) throw new CustodiaError('PERSON_INCOMPLETE');
  if (row.status !== 'active') throw new CustodiaError('PERSON_NOT_ACTIVE', { status: row.status });
  if (profileChanges(p.from, p).length === 0) throw new CustodiaError('STAFF_UNCHANGED');
  assertProfile(ctx, p.personId, p.email, p.profile);
}

export const personUpdate: InstitutionChangeKind<'person.update', PersonUpdatePayload> = {
  id: 'person.update',
  scope: 'institution',
  payload,
  subject: (p) => p.personId,
  digestFields: (p) => ({ personId: p.personId, changes: JSON.parse(JSON.stringify({ to: flatten(p.name, p.email, p.profile), from: p.from })), note: p.note }),
  checks: {
    request: assertUpdatable,
    // Between proposal and approval another change may have been applied: the request changes only what it read.
    approve(ctx, p) {
      if (profileChanges(currentRecord(ctx, p.personId), p.from).length > 0) throw new CustodiaError('COSIGN_INTEGRITY', { part: 'stale' });
      assertUpdatable(ctx, p);
    },
  },
  describe: (p, ctx) => ({ kind: 'person.update', person: staffLine(ctx, p.personId), changes: namedContacts(ctx, profileChanges(p.from, p)) }),
  apply({ db, s, keys, approver, now }, p) {
    updatePersonIdentity(db, s, keys.records, p.personId, p.name, p.email);
    updateStaff(db, s, keys.records, p.personId, p.profile, approver.keyholderId, now);
    return { person: p.personId };
  },
};

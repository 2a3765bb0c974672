import { z } from 'zod';
import { CustodiaError } from '../../../domain/errors';
import { setLeaving, staffRow, keyholderOfPerson } from '../../../vault/repositories/staff';
import { openItems, writeSnapshot } from '../../people/departure-plan';
import { staffLine, verifiedStaff } from '../../people/facts';
import type { CheckContext, InstitutionChangeKind } from '../change-kind';

/**
 * Formulario B, baja (LIFE-4; HAND-2, HAND-3): the person starts leaving. Authorizing it fixes the
 * departure's checklist as the records stand; the person shows as «Baja» when nothing is left.
 */
const payload = z.object({ personId: z.string().uuid(), date: z.string(), note: z.string().nullable() });
export type PersonDepartPayload = z.infer<typeof payload>;

function assertActive({ db, services }: CheckContext<null>, p: PersonDepartPayload): void {
  verifiedStaff(db, services, [p.personId]);
  const row = staffRow(db, p.personId);
  if (!row) throw new CustodiaError('PERSON_INCOMPLETE');
  if (row.status !== 'active') throw new CustodiaError('PERSON_NOT_ACTIVE', { status: row.status });
}

export const personDepart: InstitutionChangeKind<'person.depart', PersonDepartPayload> = {
  id: 'person.depart',
  scope: 'institution',
  payload,
  subject: (p) => p.personId,
  digestFields: (p) => ({ personId: p.personId, date: p.date, note: p.note }),
  checks: { request: assertActive, approve: assertActive },
  describe: (p, ctx) => ({ kind: 'person.depart', person: staffLine(ctx, p.personId), date: p.date }),
  apply({ db, approver, now }, p) {
    if (!setLeaving(db, p.personId, now, approver.keyholderId, now)) throw new CustodiaError('PERSON_NOT_ACTIVE');
    writeSnapshot(db, p.personId, openItems(db, { personId: p.personId, keyholderId: keyholderOfPerson(db, p.personId) }));
    return { person: p.personId };
  },
};

import { z } from 'zod';
import { staffProfile } from '../../../../shared/staff';
import { CustodiaError } from '../../../domain/errors';
import { findKeyholder } from '../../../vault/repositories/keyholders';
import { findPerson, insertPerson } from '../../../vault/repositories/people';
import { insertStaff, keyholderOfPerson, linkKeyholder, staffRow, updatePersonIdentity } from '../../../vault/repositories/staff';
import { assertProfile } from '../../people/facts';
import type { CheckContext, InstitutionChangeKind } from '../change-kind';

/**
 * Formulario B, alta (LIFE-4; MITIC 678/2022 §6.1.1.II): a new person of the staff registry, a
 * recipient added from the distribution record (name and e-mail only), or the record of someone
 * known so far only by name (a recipient; a keyholder of a vault made before the registry).
 * The person's id is fixed when proposed, so the request names them.
 */
const payload = z.object({
  personId: z.string().uuid(),
  /** The person exists already (a recipient): only Formulario B is added. */
  existing: z.boolean(),
  /** Links the record to the keyholder the person is. */
  keyholderId: z.string().uuid().nullable(),
  name: z.string(),
  email: z.string(),
  profile: staffProfile.nullable(),
  note: z.string().nullable(),
});
export type PersonRegisterPayload = z.infer<typeof payload>;

function assertRegistrable(ctx: CheckContext<null>, p: PersonRegisterPayload): void {
  const { db, s, keys } = ctx;
  const person = findPerson(db, s, keys.records, p.personId);
  if (p.existing) {
    if (!person) throw new CustodiaError('PERSON_UNKNOWN');
    if (!p.profile || staffRow(db, p.personId)) throw new CustodiaError('PERSON_EXISTS', { field: 'record' });
  } else if (person) throw new CustodiaError('PERSON_EXISTS', { field: 'record' });
  if (p.keyholderId) {
    const keyholder = findKeyholder(db, p.keyholderId);
    if (!keyholder || keyholder.status !== 'active') throw new CustodiaError('KEYHOLDER_UNKNOWN');
    if (db.prepare('SELECT 1 FROM keyholder_people WHERE keyholder_id = ?').get(p.keyholderId) || keyholderOfPerson(db, p.personId))
      throw new CustodiaError('PERSON_EXISTS', { field: 'keyholder' });
  }
  assertProfile(ctx, p.personId, p.email, p.profile);
}

export const personRegister: InstitutionChangeKind<'person.register', PersonRegisterPayload> = {
  id: 'person.register',
  scope: 'institution',
  payload,
  subject: (p) => p.personId,
  digestFields: (p) => ({
    personId: p.personId,
    existing: p.existing,
    keyholderId: p.keyholderId,
    name: p.name,
    email: p.email,
    profile: p.profile ? JSON.parse(JSON.stringify(p.profile)) : null,
    note: p.note,
  }),
  checks: { request: assertRegistrable, approve: assertRegistrable },
  describe: (p) => ({
    kind: 'person.register',
    person: { id: p.personId, name: p.name, function: p.profile?.function ?? null, link: p.profile?.link ?? null },
    completes: p.existing,
  }),
  apply({ db, s, keys, approver, now }, p) {
    if (!p.existing) insertPerson(db, s, keys.records, { id: p.personId, name: p.name, email: p.email, createdBy: approver.keyholderId, createdAt: now });
    // A record known by name only (a keyholder's, a recipient's) takes Formulario B's names and address.
    else updatePersonIdentity(db, s, keys.records, p.personId, p.name, p.email);
    if (p.profile)
      insertStaff(
        db,
        s,
        keys.records,
        {
          personId: p.personId,
          function: p.profile.function,
          link: p.profile.link,
          hasAgreement: p.profile.agreement !== null,
          internalContactId: p.profile.internalContactId,
          status: 'active',
          leavingAt: null,
          updatedBy: approver.keyholderId,
          updatedAt: now,
        },
        p.profile,
      );
    if (p.keyholderId) linkKeyholder(db, p.keyholderId, p.personId);
    return { person: p.personId };
  },
};

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { KEYHOLDER_ROLES } from '../../../../shared/domain';
import { CustodiaError } from '../../../domain/errors';
import { checkEnrolment } from '../../../domain/keyholder-roles';
import { sealText } from '../../../vault/fields';
import { enrolmentDigest } from '../../../vault/integrity/roster';
import { assertKdfParams } from '../../../vault/kdf';
import { publicKeyFingerprint } from '../../../vault/keyring';
import { insertKeyholder } from '../../../vault/repositories/keyholders';
import { findPerson } from '../../../vault/repositories/people';
import { putPendingWrap } from '../../../vault/repositories/pending-wraps';
import { keyholderOfPerson, linkKeyholder, staffRow } from '../../../vault/repositories/staff';
import { readMeta } from '../../../vault/repositories/meta';
import { verifyIntent } from '../../../vault/signatures';
import { activeKeyholders, keyholderLine, openHandoverRoles, refuse } from '../../keyholders/roster-facts';
import { staffLine, verifiedStaff } from '../../people/facts';
import type { CheckContext, InstitutionChangeKind } from '../change-kind';

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

/**
 * A new keyholder (HAND-1): a permanent person of the staff registry (ROLE-3) who typed their own
 * passphrase at the workstation when this was proposed. The payload holds only what that passphrase
 * protects (their signing secret, sealed under its key) and their public key, with their own
 * signature over their roster entry. Authorized, they receive the vault key boxed by the head, opened
 * at their first unlock. With `replaces`, it starts the handover of that keyholder's role.
 */
const payload = z.object({
  keyholderId: z.string().uuid(),
  personId: z.string().uuid(),
  role: z.enum(KEYHOLDER_ROLES),
  kdf: z.object({ opslimit: z.number().int(), memlimit: z.number().int(), salt: hex(16) }),
  signPublicKey: hex(32),
  sealedSignSecret: z.string().regex(/^[0-9a-f]{160,400}$/),
  proof: hex(64),
  replaces: z.string().uuid().nullable(),
  note: z.string().nullable(),
});
export type KeyholderEnrolPayload = z.infer<typeof payload>;

function assertEnrolable(ctx: CheckContext<null>, p: KeyholderEnrolPayload): void {
  const { db, s, keys, services } = ctx;
  if (!findPerson(db, s, keys.records, p.personId)) throw new CustodiaError('PERSON_UNKNOWN');
  verifiedStaff(db, services, [p.personId]);
  const row = staffRow(db, p.personId);
  if (!row) throw new CustodiaError('PERSON_INCOMPLETE');
  if (row.status !== 'active') throw new CustodiaError('PERSON_NOT_ACTIVE', { status: row.status });
  // ROLE-3: every keyholder is permanent staff of the institution.
  if (row.link !== 'permanent') throw new CustodiaError('ROLE_PERMANENT_ONLY', { link: row.link }, 'ROLE-3');
  if (keyholderOfPerson(db, p.personId) || db.prepare('SELECT 1 FROM keyholders WHERE id = ?').get(p.keyholderId)) throw new CustodiaError('KEYHOLDER_EXISTS');
  assertKdfParams({ alg: 'argon2id13', opslimit: p.kdf.opslimit, memlimit: p.kdf.memlimit, salt: s.from_hex(p.kdf.salt) });
  const vaultId = readMeta(db, 'vault_id')?.toString() ?? '';
  const entry = { id: p.keyholderId, role: p.role, key: p.signPublicKey };
  if (!verifyIntent(s, s.from_hex(p.signPublicKey), 'enrol', enrolmentDigest(s, vaultId, entry), s.from_hex(p.proof)))
    throw new CustodiaError('INVALID_REQUEST', { part: 'proof' });
  refuse(checkEnrolment(activeKeyholders(db, s, services), openHandoverRoles(db), p.role, p.replaces));
}

export const keyholderEnrol: InstitutionChangeKind<'keyholder.enrol', KeyholderEnrolPayload> = {
  id: 'keyholder.enrol',
  scope: 'institution',
  payload,
  subject: (p) => p.personId,
  digestFields: (p) => ({
    keyholderId: p.keyholderId,
    personId: p.personId,
    role: p.role,
    kdf: { ...p.kdf },
    signPublicKey: p.signPublicKey,
    sealedSignSecret: p.sealedSignSecret,
    proof: p.proof,
    replaces: p.replaces,
    note: p.note,
  }),
  checks: { request: assertEnrolable, approve: assertEnrolable },
  describe: (p, ctx) => ({
    kind: 'keyholder.enrol',
    person: staffLine(ctx, p.personId),
    role: p.role,
    fingerprint: publicKeyFingerprint(ctx.s, ctx.s.from_hex(p.signPublicKey)),
    replaces: p.replaces ? keyholderLine(ctx, p.replaces) : null,
  }),
  apply({ db, s, keys, request, approver, now, details }, p) {
    const person = findPerson(db, s, keys.records, p.personId)!;
    const version = 1;
    insertKeyholder(db, {
      id: p.keyholderId,
      role: p.role,
      status: 'active',
      version,
      name: sealText(s, keys.records, { table: 'keyholders', rowId: p.keyholderId, column: 'name', version }, person.name),
      kdf: { alg: 'argon2id13', opslimit: p.kdf.opslimit, memlimit: p.kdf.memlimit, salt: s.from_hex(p.kdf.salt) },
      wrappedVk: null,
      signPublicKey: s.from_hex(p.signPublicKey),
      sealedSignSecret: s.from_hex(p.sealedSignSecret),
      createdAt: now,
      retiredAt: null,
    });
    linkKeyholder(db, p.keyholderId, p.personId);
    putPendingWrap(db, s, {
      keyholderId: p.keyholderId,
      recipientKey: s.from_hex(p.signPublicKey),
      senderId: approver.keyholderId,
      senderSecret: approver.signSecret,
      vk: keys.vk,
      at: now,
    });
    details.enrolled = { id: p.keyholderId, role: p.role, key: p.signPublicKey, proof: p.proof };
    const touched: Record<string, string> = { keyholder: p.keyholderId, person: p.personId };
    if (p.replaces === null) return touched;
    const handover = randomUUID();
    db.prepare(
      `INSERT INTO handovers (id, role, outgoing_keyholder_id, incoming_keyholder_id, start_request_id, started_at, status)
       VALUES (?, ?, ?, ?, ?, ?, 'open')`,
    ).run(handover, p.role, p.replaces, p.keyholderId, request.id, now);
    return { ...touched, handover };
  },
};

import { z } from 'zod';
import { LOCK_REASONS } from './channels';
import { COSIGN_STEPS, cosignAction, cosignStepOf, type CosignAction, type CosignStep } from './cosign-actions';
import { ACCOUNT_KINDS, CHANGE_KIND_IDS, DELIVERY_CHANNELS, KEYHOLDER_ROLES, type ChangeKindId } from './domain';
import { PLATFORM_IDS } from './platforms';
import type { DetailValue } from './result';
import { TWO_STEP_METHODS } from './totp';
import { VERIFICATION_STATUSES } from './lifecycle';
import { HAND_CONFIRMED_ACTIONS, INCIDENT_KINDS, OUTSIDE_CHANGE_KINDS, REPORT_RECIPIENTS } from './incidents';

/**
 * The audit action catalogue: every kind of event the log records, declared once with what it
 * is about (`subjects`: ids by kind, never typed text) and its details (non-secret structure
 * only). Services write events through this type (`AuditEntry`), so an unknown action or a
 * payload of the wrong shape does not compile; test/unit/shared/catalogue-literals.test.ts
 * catches action strings written anywhere else (the integrity table's writers, for one).
 */
const id = z.string();
const count = z.number();
const nothing = z.object({});
const roster = z.array(z.object({ id, role: z.enum(KEYHOLDER_ROLES), key: z.string() }));

type Subjects = Record<string, string>;
type Details = Record<string, DetailValue>;
const event = <S extends z.ZodType<Subjects>, D extends z.ZodType<Details>>(subjects: S, details: D) => z.object({ subjects, details });

const onAccount = z.object({ account: id });
const onVersion = z.object({ account: id, version: id });
const onRecipient = z.object({ account: id, person: id });
const onCode = z.object({ account: id, code: id });

export const AUDIT_EVENTS = {
  'vault.created': event(nothing, z.object({ format: z.string(), keyholders: count, vaultId: id, roster, rosterSignatures: z.record(z.string(), z.string()) })),
  'keyholder.enrolled': event(z.object({ keyholder: id }), z.object({ role: z.enum(KEYHOLDER_ROLES), fingerprint: z.string() })),
  'vault.unlocked': event(z.object({ keyholder: id }), z.object({ failedAttempts: count })),
  'vault.locked': event(nothing, z.object({ reason: z.enum(LOCK_REASONS) })),
  /** A vault made before its state was bound to the log, adopted as found. */
  'integrity.adopted': event(nothing, z.object({ roster })),
  /**
   * The head's Custodia found the log whole up to `seq` (its chain hash, and BLAKE2b-512 of every
   * signature up to it, hex) and vouches for those signatures (issue 18; decision record 0003).
   */
  'integrity.checkpoint': event(nothing, z.object({ seq: count, hash: z.string(), signatures: z.string() })),
  'account.registered': event(onAccount, z.object({ platform: z.enum(PLATFORM_IDS), kind: z.enum(ACCOUNT_KINDS) })),
  'credential.revealed': event(onVersion, z.object({ n: count })),
  'credential.copied': event(onVersion, z.object({ n: count })),
  'credential.delivered': event(z.object({ account: id, version: id, person: id }), z.object({ n: count, channel: z.enum(DELIVERY_CHANNELS) })),
  'credential.applied': event(onVersion, z.object({ n: count, dueAt: z.string() })),
  'rotation.rescheduled': event(nothing, z.object({ versions: count })),
  'person.registered': event(z.object({ person: id }), nothing),
  'distribution.recipient_added': event(onRecipient, nothing),
  'distribution.recipient_removed': event(onRecipient, nothing),
  'recovery_codes.stored': event(onAccount, z.object({ count })),
  'recovery_code.revealed': event(onCode, nothing),
  'recovery_code.used': event(onCode, nothing),
  /** A recovery code handed to a person (POL-6's channels): an exposure of that code to them (HAND-3). */
  'recovery_code.delivered': event(z.object({ account: id, code: id, person: id }), z.object({ channel: z.enum(DELIVERY_CHANNELS) })),
  /** The administrator confirms an authorized role grant or revocation was applied on the platform. */
  'role.applied': event(z.object({ account: id, person: id, grant: id }), z.object({ state: z.enum(['active', 'revoked']) })),
  /** An institution phone taken back from a person (HAND-2). */
  'device.returned': event(z.object({ device: id, person: id }), nothing),
  'totp.exported': event(z.object({ account: id, request: id }), z.object({ seconds: count })),
  'totp.codes_read': event(z.union([onAccount, nothing]), z.object({ accounts: count })),
  'device.registered': event(z.object({ device: id }), z.object({ institutionOwned: z.boolean() })),
  'two_step.updated': event(onAccount, z.object({ method: z.enum(TWO_STEP_METHODS), recoveryDevice: id.nullable() })),
  /** A keyholder changed their own passphrase: only their wrap of the vault key changed (HAND-1). */
  'keyholder.passphrase_changed': event(z.object({ keyholder: id }), nothing),
  /** A keyholder's first unlock after a re-key: the boxed vault key becomes an ordinary wrap under their passphrase. */
  'keyholder.wrap_claimed': event(z.object({ keyholder: id }), z.object({ epoch: count })),
  /** The incoming administrator confirms the open sessions of an account were closed on the platform (MITIC 6.1.1.III). */
  'handover.sessions_confirmed': event(z.object({ handover: id, account: id }), nothing),
  /** SUP-2: an incident recorded by the administrator, opening its actions on each affected account (issue 17). */
  'incident.recorded': event(z.object({ incident: id }), z.object({ kind: z.enum(INCIDENT_KINDS), accounts: count })),
  /** To whom the incident was reported (the reference itself is sealed). */
  'incident.reported': event(z.object({ incident: id }), z.object({ recipient: z.enum(REPORT_RECIPIENTS) })),
  /** Sessions closed or roles reviewed on the platform, confirmed by hand. */
  'incident.action_confirmed': event(z.object({ incident: id, account: id }), z.object({ action: z.enum(HAND_CONFIRMED_ACTIONS) })),
  'incident.closed': event(z.object({ incident: id }), nothing),
  /** SUP-3: a change found to have been made on the platform outside Custodia. */
  'incident.outside_change_recorded': event(z.object({ incident: id, account: id, change: id }), z.object({ kind: z.enum(OUTSIDE_CHANGE_KINDS) })),
  /** SEC-4: the administrator records where the platform's verification of the profile stands (issue 17). */
  'account.verification_set': event(onAccount, z.object({ status: z.enum(VERIFICATION_STATUSES) })),
  /** SUP-3: the head signed the month's report; the SHA-256 of the signed bytes and the signing key's fingerprint (issue 17). */
  'report.signed': event(nothing, z.object({ month: z.string(), digest: z.string(), fingerprint: z.string() })),
  /** Issue 18: an encrypted backup written; the chain head its snapshot holds (the event before this one), its size and counts. */
  'backup.created': event(nothing, z.object({ bytes: count, seq: count, head: z.string(), tables: count, records: count })),
  /** Issue 18: an authorized KeePass export performed by its proposer: what the file holds, counted (each password and seed an exposure). */
  'vault.exported': event(z.object({ request: id }), z.object({ accounts: count, passwords: count, seeds: count })),
  /** Issue 18: the inventory of accounts saved as a spreadsheet, without any secret. */
  'inventory.exported': event(nothing, z.object({ accounts: count })),
  /**
   * Issue 18: an authorized replacement performed, the last event of the vault set aside: the file name it is kept under,
   * and the backup installed in its place (its file digest, creation, chain head), so that the restored vault's older
   * chain is read at unlock as this replacement, not as a rollback.
   */
  'vault.replaced': event(
    z.object({ request: id }),
    z.object({ replaced: z.string(), digest: z.string(), createdAt: z.string(), seq: count, head: z.string() }),
  ),
  /**
   * Issue 18, the emergency kit (docs/decisions/0009-emergency-kit.md): issued once its request was authorized, with the
   * kit's Ed25519 public key (hex), which from then on signs the kit's own events (the roster replay admits it); the kit
   * in force before it superseded. Never the key.
   */
  'kit.issued': event(
    z.object({ kit: id, request: id }),
    z.object({ key: z.string(), fingerprint: z.string(), threshold: count.nullable(), shares: count.nullable(), superseded: id.nullable() }),
  ),
  /** The kit opened a recovery session (signed by the kit): recorded at once, even if the recovery is never finished. */
  'kit.used': event(z.object({ kit: id }), z.object({ with: z.enum(['key', 'shares']), failedAttempts: count })),
  /**
   * The recovery finished (signed by the kit): the keyholders enrolled (their roster entries and proofs, as in
   * keyholder.enrol.approved), those revoked, the kit used, and the new key epoch of the re-key.
   */
  'kit.recovered': event(
    z.object({ kit: id }),
    z.object({ enrolled: z.array(z.object({ id, role: z.enum(KEYHOLDER_ROLES), key: z.string(), proof: z.string() })), retired: z.array(id), epoch: count }),
  ),
};

export { COSIGN_STEPS, cosignAction, cosignStepOf, type CosignAction, type CosignStep };

/** The events of the co-signed kinds, by step (./cosign-actions.ts names them). */
const onRequest = z.union([
  z.object({ request: id }),
  z.object({ account: id, request: id }),
  z.object({ person: id, request: id }),
  z.object({ account: id, person: id, request: id }),
]);
export const COSIGN_EVENTS = {
  proposed: event(onRequest, z.object({ kind: z.enum(CHANGE_KIND_IDS), expiresAt: z.string() })),
  /** Subjects: the request and whatever its change touched (account, version, institution, …). */
  approved: event(
    z.object({ request: id }).catchall(id),
    // A keyholder enrolled (their roster entry and their own proof of holding its key) or retired at this event (HAND-1):
    // the roster is replayed from these, never read from the keyholders table.
    z.object({
      enrolled: z.object({ id, role: z.enum(KEYHOLDER_ROLES), key: z.string(), proof: z.string() }).optional(),
      retired: id.optional(),
      epoch: count.optional(),
    }),
  ),
  rejected: event(onRequest, nothing),
} satisfies Record<CosignStep, z.ZodType>;

export type AuditAction = keyof typeof AUDIT_EVENTS | CosignAction;

type StepOf<A> = A extends `${ChangeKindId}.${infer S extends CosignStep}` ? S : never;
type SchemaOf<A extends AuditAction> = A extends keyof typeof AUDIT_EVENTS ? (typeof AUDIT_EVENTS)[A] : (typeof COSIGN_EVENTS)[StepOf<A>];

/** What an event of `A` carries besides its time. */
export type AuditPayload<A extends AuditAction> = z.infer<SchemaOf<A>>;

/** One event as a service writes it (the log adds its sequence, actor, hash and signature). */
export type AuditEntry = { [A in AuditAction]: { at: string; action: A } & AuditPayload<A> }[AuditAction];

const isPlainAction = (action: string): action is keyof typeof AUDIT_EVENTS => Object.hasOwn(AUDIT_EVENTS, action);
export const isAuditAction = (action: string): action is AuditAction => isPlainAction(action) || cosignStepOf(action) !== undefined;

/** Every action, in catalogue order, the co-signed ones kind by kind. */
export const AUDIT_ACTIONS: readonly AuditAction[] = [
  ...Object.keys(AUDIT_EVENTS),
  ...CHANGE_KIND_IDS.flatMap((kind) => COSIGN_STEPS.map((step) => cosignAction(kind, step))),
].filter(isAuditAction);

/** The schema of an action's subjects and details (for checking what the log holds), or undefined for an unknown action. */
export function auditPayloadSchema(action: string): z.ZodType | undefined {
  if (isPlainAction(action)) return AUDIT_EVENTS[action];
  const cosign = cosignStepOf(action);
  return cosign && COSIGN_EVENTS[cosign.step];
}

import type { ChangeKindId, KeyholderRole, RequestStatus } from './domain';
import type { RuleId } from './rules';

/**
 * Who may do what, declared once (issue 13). The services refuse by this table (main/services/vault/roles.ts,
 * main/domain/authority.ts, the co-sign workflow) and the screens offer by it, so the two cannot drift.
 * What also depends on state (a request still pending, not one's own) is judged by `mayDecide` here and
 * again by the domain's checks (main/domain/cosign.ts) inside the decision's transaction.
 */
export const ACTIONS = [
  'account.register',
  'credential.propose',
  'credential.generate',
  'credential.reveal',
  'credential.apply',
  'request.decide',
  'settings.propose',
  'two_step.edit',
  'device.add',
  'recovery.store',
  'recovery.replace',
  'recovery.reveal',
  'recovery.use',
  'totp.propose',
  'totp.remove',
  'totp.export',
  'totp.codes',
  'distribution.edit',
  'distribution.record',
  'people.add',
  'staff.read',
  'staff.propose',
  'role.propose',
  'role.apply',
  'device.return',
  'recovery.deliver',
  'departure.propose',
  'audit.read',
  'audit.verify',
  'keyholder.propose',
  'keyholder.passphrase',
  'account.modify',
  'account.decommission',
  'account.verification',
  'incident.read',
  'incident.record',
  'incident.close',
  'compliance.read',
  'form.print',
  'report.read',
  'report.sign',
  'backup.create',
  'import.propose',
  'export.propose',
  'kit.propose',
  'kit.print',
  'export.inventory',
  'restore.propose',
  'restore.perform',
] as const;
export type Action = (typeof ACTIONS)[number];

export interface Permission {
  /** The roles that may do it (for a proposal: propose it). */
  roles: readonly KeyholderRole[];
  /** The rule that restricts it, when one does. */
  rule?: RuleId;
  /** For a proposal: the roles that authorize it, so a screen can say who («La autoriza el Jefe de la Oficina»). */
  decidedBy?: readonly KeyholderRole[];
}

const EVERYONE: readonly KeyholderRole[] = ['administrator', 'backup_administrator', 'head'];
/** POL-5 (Congreso 6.2.6; MITIC 6.1.1.III): the account administrator or the designated backup works on the platforms. */
const ADMINISTRATORS: readonly KeyholderRole[] = ['administrator', 'backup_administrator'];
/** POL-5: the office head authorizes. */
const HEAD: readonly KeyholderRole[] = ['head'];

const proposal: Permission = { roles: ADMINISTRATORS, rule: 'POL-5', decidedBy: HEAD };
const administrative: Permission = { roles: ADMINISTRATORS, rule: 'POL-5' };
const anyone: Permission = { roles: EVERYONE };

export const PERMISSIONS: Readonly<Record<Action, Permission>> = {
  // The alta (issue 17; LIFE-1, MITIC Anexo II, Formulario A): the administrator requests it, the head authorizes it.
  'account.register': { roles: ADMINISTRATORS, rule: 'LIFE-1', decidedBy: HEAD },
  'credential.propose': proposal,
  // A new password is drawn only for someone who may propose it.
  'credential.generate': administrative,
  // Any single unlocked keyholder may read a credential; each reading is audited as an exposure (design.md §4).
  'credential.reveal': anyone,
  'credential.apply': administrative,
  'request.decide': { roles: HEAD, rule: 'POL-5' },
  'settings.propose': proposal,
  'two_step.edit': administrative,
  'device.add': administrative,
  'recovery.store': administrative,
  'recovery.replace': proposal,
  'recovery.reveal': anyone,
  'recovery.use': administrative,
  'totp.propose': proposal,
  'totp.remove': proposal,
  'totp.export': proposal,
  'totp.codes': anyone,
  'distribution.edit': anyone,
  'distribution.record': anyone,
  // A new recipient is a person of the staff registry: registering one is co-signed (LIFE-4, Formulario B).
  'people.add': proposal,
  'staff.read': anyone,
  'staff.propose': { roles: ADMINISTRATORS, rule: 'LIFE-4', decidedBy: HEAD },
  'role.propose': { roles: ADMINISTRATORS, rule: 'POL-5', decidedBy: HEAD },
  'role.apply': administrative,
  'device.return': administrative,
  'recovery.deliver': anyone,
  'departure.propose': administrative,
  'audit.read': anyone,
  'audit.verify': anyone,
  // HAND-1 (MITIC 6.1.1.III): enrolling or revoking a keyholder is authorized by the head; the head's own
  // replacement by the outgoing head. Anyone proposes: the incoming head proposes the completion of their handover.
  'keyholder.propose': { roles: EVERYONE, rule: 'HAND-1', decidedBy: HEAD },
  'keyholder.passphrase': anyone,
  // Modificación and baja of a profile (LIFE-3, LIFE-4; MITIC Anexo II, Formulario A): the administrator requests, the head authorizes.
  'account.modify': { roles: ADMINISTRATORS, rule: 'LIFE-4', decidedBy: HEAD },
  'account.decommission': { roles: ADMINISTRATORS, rule: 'LIFE-3', decidedBy: HEAD },
  // SEC-4: recorded by whoever works on the platforms, audited.
  'account.verification': administrative,
  // SUP-2 (MITIC 6.1.1.III, 6.1.6): an incident is recorded and acted upon at once by whoever works on the
  // platforms, never waiting for the head; its rotations are co-signed as any other (POL-5). Everyone reads them.
  'incident.read': anyone,
  'incident.record': { roles: ADMINISTRATORS, rule: 'SUP-2' },
  'incident.close': { roles: ADMINISTRATORS, rule: 'SUP-2' },
  // SUP-1 (Congreso 6.2.8): the head and the administrator supervise roles, permissions and security mechanisms.
  'compliance.read': { roles: EVERYONE, rule: 'SUP-1' },
  // LIFE-4 (MITIC Anexo II): either keyholder prints Formularios A and B for the head's signature and seal.
  'form.print': { roles: EVERYONE, rule: 'LIFE-4' },
  // SUP-3 (INPE P-E3.01.04 §7): everyone reads the month's figures; the head alone signs the report.
  'report.read': { roles: EVERYONE, rule: 'SUP-3' },
  'report.sign': { roles: HEAD, rule: 'SUP-3' },
  // Issue 18 (MITIC 6.1.4, the office's information kept): any keyholder saves an encrypted backup; each is an audit event.
  'backup.create': anyone,
  // Issue 18: the «inventario inicial» from a spreadsheet is a batch of altas (LIFE-1): the administrator proposes it, the head authorizes it whole (POL-5).
  'import.propose': { roles: ADMINISTRATORS, rule: 'LIFE-1', decidedBy: HEAD },
  // Issue 18: a KeePass export holds every password: the administrator asks, the head authorizes (POL-5), the asker performs it once.
  'export.propose': proposal,
  // Issue 18: the emergency kit is asked for by the administrator and authorized by the head (POL-5, never one's own);
  // once authorized, either keyholder at the workstation prints it, once (the ceremony: both are present).
  'kit.propose': proposal,
  'kit.print': anyone,
  // Issue 18: the inventory without any secret (a spreadsheet of the accounts): any keyholder, audited.
  'export.inventory': anyone,
  // Issue 18: replacing the vault with a backup of it (the current file kept aside): the administrator asks, the head
  // authorizes (POL-5, never one's own); then the keyholder at the workstation opens the backup with their passphrase of then.
  'restore.propose': proposal,
  'restore.perform': anyone,
};

export const may = (role: KeyholderRole, action: Action): boolean => PERMISSIONS[action].roles.includes(role);

/** Who authorizes a proposal, or null for an action that needs no one else. */
export const authorizerOf = (action: Action): readonly KeyholderRole[] | null => PERMISSIONS[action].decidedBy ?? null;

/** The action that proposes each co-signed kind. */
export const PROPOSAL_OF: Readonly<Record<ChangeKindId, Action>> = {
  'credential.rotate': 'credential.propose',
  'settings.update': 'settings.propose',
  'totp.set': 'totp.propose',
  'totp.remove': 'totp.remove',
  'totp.export': 'totp.export',
  'recovery.replace': 'recovery.replace',
  'person.register': 'staff.propose',
  'person.update': 'staff.propose',
  'person.depart': 'staff.propose',
  'role.grant': 'role.propose',
  'role.revoke': 'role.propose',
  'keyholder.enrol': 'keyholder.propose',
  'keyholder.revoke': 'keyholder.propose',
  'account.create': 'account.register',
  'account.modify': 'account.modify',
  'account.decommission': 'account.decommission',
  'inventory.import': 'import.propose',
  'vault.export': 'export.propose',
  'kit.issue': 'kit.propose',
  'vault.restore': 'restore.propose',
};

/** Who may propose and who may decide one co-signed kind (POL-5), read from the table. */
export function kindPolicy(kind: ChangeKindId): { proposerRoles: readonly KeyholderRole[]; approverRoles: readonly KeyholderRole[]; rule: RuleId } {
  const permission = PERMISSIONS[PROPOSAL_OF[kind]];
  return { proposerRoles: permission.roles, approverRoles: permission.decidedBy ?? [], rule: permission.rule ?? 'POL-5' };
}

/** Why a keyholder may not decide a request, or null when they may (the domain judges again at decision time). */
export type DecideRefusal = 'not_pending' | 'expired' | 'own_request' | 'role';

export interface DecidableRequest {
  kind: ChangeKindId;
  /** A RequestView's state or a stored status. */
  state: RequestStatus | 'authorized' | 'applied' | 'expired';
  proposedBy: { keyholderId: string };
  expiresAt: string;
}

/** `reject`: an expired request may still be refused, which only closes it (main/domain/cosign.ts). */
export function decideRefusal(
  request: DecidableRequest,
  keyholder: { keyholderId: string; role: KeyholderRole },
  now: string,
  decision: 'approve' | 'reject' = 'approve',
): DecideRefusal | null {
  const closing = decision === 'reject' && request.state === 'expired';
  if (request.state !== 'pending' && !closing) return 'not_pending';
  if (request.proposedBy.keyholderId === keyholder.keyholderId) return 'own_request';
  if (!kindPolicy(request.kind).approverRoles.includes(keyholder.role)) return 'role';
  if (decision === 'approve' && now >= request.expiresAt) return 'expired';
  return null;
}

/** Whether the screen offers this keyholder the decision on this request (POL-5: never one's own). */
export const mayDecide = (
  request: DecidableRequest,
  keyholder: { keyholderId: string; role: KeyholderRole },
  now: string = new Date().toISOString(),
): boolean => decideRefusal(request, keyholder, now) === null;

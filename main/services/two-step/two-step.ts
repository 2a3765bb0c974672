import { randomUUID } from 'node:crypto';
import type { DeviceInput, DeviceView, TwoStepInput, TwoStepView } from '../../../shared/two-step';
import { emailDomain } from '../../domain/accounts';
import { CustodiaError } from '../../domain/errors';
import { twoStepFindings } from '../../domain/two-step';
import { normalizePhone } from '../../domain/phone';
import { findAccount } from '../../vault/repositories/accounts';
import { deviceExists, insertDevice, listDevices, putTwoStep, readTwoStep, type DeviceRecord } from '../../vault/repositories/devices';
import { readInstitution } from '../../vault/repositories/institution';
import { listPeople, personExists } from '../../vault/repositories/people';
import { keyholderLinks } from '../../vault/repositories/staff';
import type { Sodium } from '../../vault/sodium';
import { keyholderRefs } from '../distribution/people';
import { assertPersonActive } from '../people/facts';
import { requireAction } from '../vault/roles';
import type { Actor, Clock, SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';
import { assertAccountWritable } from '../lifecycle/guard';
import { receivesHandover } from '../handover/records';

/**
 * Each account's second step (SEC-1) and its recovery phone and e-mail (SEC-3), and the office's
 * phones. The administrator records what is true on the platform; the rules flag what breaks them.
 */
export class TwoStepService {
  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
  ) {}

  devices(): DeviceView[] {
    const key = this.sessions.require().keys.records;
    const db = this.vault.require();
    const keyholders = keyholderRefs(db, this.s, key);
    const people = new Map(listPeople(db, this.s, key).map((p) => [p.id, p.name]));
    const view = (d: DeviceRecord): DeviceView => ({
      id: d.id,
      label: d.label,
      number: d.number,
      institutionOwned: d.institutionOwned,
      notes: d.notes,
      holder: d.holderKeyholderId
        ? { name: keyholders.get(d.holderKeyholderId)?.name ?? '', role: keyholders.get(d.holderKeyholderId)?.role ?? null }
        : d.holderPersonId
          ? { name: people.get(d.holderPersonId) ?? '', role: null }
          : null,
    });
    return listDevices(db, this.s, key).map(view);
  }

  addDevice(actor: Actor, input: DeviceInput): { deviceId: string } {
    requireAction(actor, 'device.add');
    const session = this.sessions.require();
    const id = randomUUID();
    const at = this.clock().toISOString();
    const institution = readInstitution(this.vault.require(), this.s, session.keys.records);
    const number = normalizePhone(input.number, institution?.timeZone ?? '');
    this.sessions.commit(
      (db) => {
        if (input.holderKeyholderId && !keyholderRefs(db, this.s, session.keys.records).has(input.holderKeyholderId))
          throw new CustodiaError('KEYHOLDER_UNKNOWN');
        if (input.holderPersonId && !personExists(db, input.holderPersonId)) throw new CustodiaError('PERSON_UNKNOWN');
        // A phone is a second step of the accounts: nothing new is handed to someone on their way out (HAND-2).
        const holder = input.holderPersonId ?? (input.holderKeyholderId && keyholderLinks(db).byKeyholder.get(input.holderKeyholderId));
        if (holder) assertPersonActive(db, holder);
        insertDevice(db, this.s, session.keys.records, {
          id,
          label: input.label,
          number,
          holderKeyholderId: input.holderKeyholderId ?? null,
          holderPersonId: input.holderPersonId ?? null,
          institutionOwned: input.institutionOwned,
          notes: input.notes ?? null,
          createdBy: actor.keyholderId,
          createdAt: at,
        });
      },
      () => ({ at, action: 'device.registered', subjects: { device: id }, details: { institutionOwned: input.institutionOwned } }),
      actor,
    );
    return { deviceId: id };
  }

  update(actor: Actor, accountId: string, input: TwoStepInput): null {
    requireAction(actor, 'two_step.edit');
    if (input.recoveryEmail && emailDomain(input.recoveryEmail) === null)
      throw new CustodiaError('ACCOUNT_INVALID', { field: 'recoveryEmail', reason: 'email_required' });
    const session = this.sessions.require();
    const at = this.clock().toISOString();
    this.sessions.commit(
      (db) => {
        if (!findAccount(db, this.s, session.keys.records, accountId)) throw new CustodiaError('ACCOUNT_UNKNOWN');
        assertAccountWritable(db, accountId);
        if (input.recoveryDeviceId && !deviceExists(db, input.recoveryDeviceId)) throw new CustodiaError('DEVICE_UNKNOWN');
        // LIFE-4, SEC-3: a recorded recovery phone is account data; it changes through a co-signed modificación.
        // The incoming administrator of an open handover records theirs here: the head authorized the handover,
        // whose checklist asks for it («correo y teléfono actualizados», MITIC 6.1.1.III).
        const recorded = readTwoStep(db, this.s, session.keys.records, accountId)?.recoveryDeviceId ?? null;
        if (recorded !== null && (input.recoveryDeviceId ?? null) !== recorded && !receivesHandover(db, actor.keyholderId))
          throw new CustodiaError('RECOVERY_PHONE_BY_REQUEST', undefined, 'LIFE-4');
        putTwoStep(db, this.s, session.keys.records, accountId, {
          method: input.method,
          recoveryDeviceId: input.recoveryDeviceId ?? null,
          recoveryEmail: input.recoveryEmail || null,
          updatedBy: actor.keyholderId,
          updatedAt: at,
        });
      },
      () => ({
        at,
        action: 'two_step.updated',
        subjects: { account: accountId },
        details: { method: input.method, recoveryDevice: input.recoveryDeviceId ?? null },
      }),
      actor,
    );
    return null;
  }

  /** What is recorded for the account, and the SEC-1 / SEC-3 findings it leads to. */
  status(accountId: string): TwoStepView {
    const key = this.sessions.require().keys.records;
    const db = this.vault.require();
    const account = findAccount(db, this.s, key, accountId);
    if (!account) throw new CustodiaError('ACCOUNT_UNKNOWN');
    const record = readTwoStep(db, this.s, key, accountId);
    const device = record?.recoveryDeviceId ? (this.devices().find((d) => d.id === record.recoveryDeviceId) ?? null) : null;
    const linked = account.linkedEmailAccountId ? (readTwoStep(db, this.s, key, account.linkedEmailAccountId) ?? null) : undefined;
    const findings = twoStepFindings({
      method: record?.method ?? null,
      linkedEmail: linked === undefined ? null : { method: linked?.method ?? null },
      recoveryDevice: device && { institutionOwned: device.institutionOwned, holderRole: device.holder?.role ?? null },
      recoveryEmail: record?.recoveryEmail ?? null,
      institutionDomains: readInstitution(db, this.s, key)!.emailDomains,
    });
    return { method: record?.method ?? null, recoveryDevice: device, recoveryEmail: record?.recoveryEmail ?? null, findings };
  }
}

import type { ErrorCode } from '../../../shared/error-codes';
import type { DeparturePlan, DepartureSummary } from '../../../shared/staff';
import { CustodiaError } from '../../domain/errors';
import { unappliedVersion } from '../../vault/repositories/credential-versions';
import { listDevices } from '../../vault/repositories/devices';
import { findPerson } from '../../vault/repositories/people';
import { keyholderOfPerson, staffRow, staffRows } from '../../vault/repositories/staff';
import type { Sodium } from '../../vault/sodium';
import type { CosignService } from '../cosign';
import type { PasswordPolicyService } from '../rotation/password-policy';
import { requireAction } from '../vault/roles';
import type { Actor, Clock, SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';
import type { StaffService } from './staff';
import { accountNamer } from './staff';
import { openTasksOf, planView, type OpenTasks } from './plan-view';

/**
 * Departures (HAND-2, HAND-3): the checklist of a person who is leaving, the requests that settle
 * it (revocations, and rotations with generated passwords the administrator only confirms), and
 * the one item settled by hand: an institution phone taken back, a recorded confirmation.
 */
export class DepartureService {
  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
    private readonly cosign: CosignService,
    private readonly staff: StaffService,
    private readonly policy: Pick<PasswordPolicyService, 'generate'>,
    private readonly clock: Clock,
  ) {}

  plan(personId: string): DeparturePlan {
    const db = this.vault.require();
    const keys = this.sessions.require().keys;
    const row = staffRow(db, personId);
    if (row?.status !== 'leaving') throw new CustodiaError('DEPARTURE_NONE');
    const labels = new Map(listDevices(db, this.s, keys.records).map((d) => [d.id, d.label]));
    return planView(
      db,
      accountNamer(db, this.s, keys.records),
      { personId, keyholderId: keyholderOfPerson(db, personId) },
      row.leavingAt!,
      this.openTasks(personId),
      (id) => labels.get(id) ?? id,
    );
  }

  /** People leaving with items still open (the home screen's list). */
  open(): DepartureSummary[] {
    const db = this.vault.require();
    const key = this.sessions.require().keys.records;
    return staffRows(db)
      .filter((r) => r.status === 'leaving')
      .map((r) => ({ personId: r.personId, name: findPerson(db, this.s, key, r.personId)?.name ?? '', leavingAt: r.leavingAt!, openItems: 0 }))
      .map((d) => ({ ...d, openItems: this.plan(d.personId).items.filter((i) => !i.done).length }))
      .filter((d) => d.openItems > 0);
  }

  /**
   * Proposes what the head must authorize for this departure: a revocation of each role still held,
   * and a rotation (reason «exposure», a generated password) of each exposed current password —
   * skipping items that already have an open request. Refusals are per item; the rest go through.
   */
  proposeTasks(actor: Actor, personId: string): { requestIds: string[]; refused: { item: string; code: ErrorCode }[] } {
    requireAction(actor, 'departure.propose');
    const plan = this.plan(personId);
    const requestIds: string[] = [];
    const refused: { item: string; code: ErrorCode }[] = [];
    for (const item of plan.items) {
      if (item.done) continue;
      try {
        if (item.kind === 'revoke_role' && item.requestId === null && item.state !== 'revoking')
          requestIds.push(this.staff.proposeRevoke(actor, { grantId: item.grantId }).requestId);
        // A rotation already authorized and waiting to be applied settles the item once confirmed: none is proposed over it.
        if (item.kind === 'rotate_password' && item.requestId === null && !unappliedVersion(this.vault.require(), item.accountId))
          requestIds.push(
            this.cosign.propose(actor, { accountId: item.accountId, secret: this.policy.generate(item.accountId, {}), reason: 'exposure' }).requestId,
          );
      } catch (error) {
        if (!(error instanceof CustodiaError)) throw error;
        refused.push({ item: item.kind === 'revoke_role' ? item.grantId : 'accountId' in item ? item.accountId : '', code: error.code });
      }
    }
    return { requestIds, refused };
  }

  /** An institution phone taken back from the person (HAND-2): the holder is cleared, with its event. */
  returnDevice(actor: Actor, input: { deviceId: string; personId: string }): null {
    requireAction(actor, 'device.return');
    const at = this.clock().toISOString();
    this.sessions.commit(
      (db) => {
        const keyholderId = keyholderOfPerson(db, input.personId);
        const changed = db
          .prepare(
            'UPDATE devices SET holder_person_id = NULL, holder_keyholder_id = NULL WHERE id = ? AND (holder_person_id = ? OR (? IS NOT NULL AND holder_keyholder_id = ?))',
          )
          .run(input.deviceId, input.personId, keyholderId, keyholderId).changes;
        if (changed !== 1) throw new CustodiaError('DEVICE_NOT_HELD');
      },
      () => ({ at, action: 'device.returned', subjects: { device: input.deviceId, person: input.personId }, details: {} }),
      actor,
    );
    return null;
  }

  private openTasks(personId: string): OpenTasks {
    return openTasksOf(this.vault.require(), this.cosign.openRequests(), personId);
  }
}

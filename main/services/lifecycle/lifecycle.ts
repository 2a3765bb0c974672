import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AccountLifecycle, altaRequest, modifyRequest, SupportPastEnd, VerificationStatus } from '../../../shared/lifecycle';
import { isPastEnd } from '../../domain/lifecycle';
import { CustodiaError } from '../../domain/errors';
import { findAccount, listActiveSupportAccounts, type AccountRecord } from '../../vault/repositories/accounts';
import { findLifecycle, saveLifecycle } from '../../vault/repositories/account-lifecycle';
import { openRequestIds } from '../../vault/repositories/change-requests';
import { currentVersion, unappliedVersion } from '../../vault/repositories/credential-versions';
import { readInstitution } from '../../vault/repositories/institution';
import { findPerson } from '../../vault/repositories/people';
import type { Sodium } from '../../vault/sodium';
import type { AccountService } from '../accounts/accounts';
import type { CosignService } from '../cosign';
import { accountCreate } from '../cosign/kinds/account-create';
import { accountDecommission } from '../cosign/kinds/account-decommission';
import { accountModify, currentAccountData } from '../cosign/kinds/account-modify';
import { requireAction } from '../vault/roles';
import type { Actor, Clock, SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';
import { readTwoStep } from '../../vault/repositories/devices';
import { assertAccountWritable } from './guard';

/**
 * The account lifecycle (issue 17): alta, modificación and baja of a profile, each a co-signed
 * request (LIFE-1, LIFE-3, LIFE-4; POL-5), the platform verification (SEC-4) and the support
 * accounts past their end date (LIFE-2). The requests' rules live in their kinds
 * (main/services/cosign/kinds/account-*.ts); the one guard every write on an account passes, in ./guard.ts.
 */
export class LifecycleService {
  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
    private readonly cosign: CosignService,
    private readonly accounts: AccountService,
    private readonly clock: Clock,
  ) {}

  /** Alta (LIFE-1): the account is «en trámite» from now, in force once the head authorizes it. */
  requestAlta(actor: Actor, input: z.output<typeof altaRequest>): { accountId: string; requestId: string } {
    requireAction(actor, 'account.register');
    const accountId = randomUUID();
    const { requestId } = this.cosign.proposeChange(accountCreate, actor, accountId, {
      account: input.account,
      form: input.form,
      secret: input.secret ?? null,
      note: input.note || null,
    });
    this.accounts.registryChanged();
    return { accountId, requestId };
  }

  /** Modificación (LIFE-4): what changes, from → to; the entry rules again. */
  requestModify(actor: Actor, input: z.output<typeof modifyRequest>): { requestId: string } {
    requireAction(actor, 'account.modify');
    const session = this.sessions.require();
    const from = currentAccountData({ db: this.vault.require(), s: this.s, keys: session.keys }, input.accountId);
    const db = this.vault.require();
    // The recovery phone travels from → to only when the request changes it (SEC-3).
    const phone =
      input.recoveryDeviceId === undefined
        ? undefined
        : { from: readTwoStep(db, this.s, session.keys.records, input.accountId)?.recoveryDeviceId ?? null, to: input.recoveryDeviceId };
    return this.cosign.proposeChange(accountModify, actor, input.accountId, {
      account: input.account,
      form: input.form ?? null,
      from,
      note: input.note || null,
      ...(phone ? { recoveryDevice: phone } : {}),
    });
  }

  /** Baja (LIFE-3): the password first (reason 'decommission'); archived once it is applied on the platform. */
  requestDecommission(actor: Actor, input: { accountId: string; secret: string; note?: string | undefined }): { requestId: string } {
    requireAction(actor, 'account.decommission');
    return this.cosign.proposeChange(accountDecommission, actor, input.accountId, { secret: input.secret, note: input.note || null });
  }

  /** SEC-4: where the platform's verification of the profile stands, recorded and audited. */
  setVerification(actor: Actor, accountId: string, status: VerificationStatus): null {
    requireAction(actor, 'account.verification');
    const session = this.sessions.require();
    const at = this.clock().toISOString();
    this.sessions.commit(
      (db) => {
        assertAccountWritable(db, accountId);
        const current = findLifecycle(db, this.s, session.keys.records, accountId);
        if (current?.verification === status) throw new CustodiaError('ACCOUNT_UNCHANGED', { field: 'verification' }, 'SEC-4');
        saveLifecycle(db, this.s, session.keys.records, {
          accountId,
          form: current?.form ?? null,
          verification: status,
          updatedBy: actor.keyholderId,
          updatedAt: at,
        });
      },
      () => ({ at, action: 'account.verification_set', subjects: { account: accountId }, details: { status } }),
      actor,
    );
    return null;
  }

  /** One account's lifecycle, as its page shows it. */
  lifecycle(accountId: string): AccountLifecycle {
    const session = this.sessions.require();
    const db = this.vault.require();
    const key = session.keys.records;
    const account = findAccount(db, this.s, key, accountId);
    if (!account) throw new CustodiaError('ACCOUNT_UNKNOWN');
    const row = findLifecycle(db, this.s, key, accountId);
    const alta = db.prepare(`SELECT id FROM change_requests WHERE kind = 'account.create' AND account_id = ?`).pluck().get(accountId) as string | undefined;
    const current = currentVersion(db, accountId);
    const form = row?.form ?? null;
    return {
      accountId,
      registeredWithoutForm: form === null,
      form: form && {
        ...form,
        authorizedUsers: form.authorizedUsers.map((u) => ({ ...u, name: findPerson(db, this.s, key, u.personId)?.name ?? '' })),
      },
      verification: row?.verification ?? 'not_requested',
      archivedAt: account.status === 'archived' && current?.reason === 'decommission' ? current.appliedAt : null,
      altaRequestId: alta ?? null,
      decommissioning: unappliedVersion(db, accountId)?.reason === 'decommission',
      pastEnd: this.pastEnd(account),
    };
  }

  /** LIFE-2: support accounts in force past their end date (the home screen's «Solicitar baja»), by end date. */
  supportPastEnd(): SupportPastEnd[] {
    const session = this.sessions.require();
    const db = this.vault.require();
    const now = this.clock().toISOString();
    const { timeZone } = readInstitution(db, this.s, session.keys.records)!;
    return listActiveSupportAccounts(db, this.s, session.keys.records)
      .filter((a) => isPastEnd(a, this.clock(), timeZone))
      .map((a) => ({
        accountId: a.id,
        displayName: a.displayName,
        platform: a.platform,
        supportEnd: a.supportEnd!,
        decommissionOpen: openRequestIds(db, 'account.decommission', a.id, now).length > 0 || unappliedVersion(db, a.id)?.reason === 'decommission',
      }))
      .sort((x, y) => x.supportEnd.localeCompare(y.supportEnd) || x.displayName.localeCompare(y.displayName));
  }

  private pastEnd(a: AccountRecord): boolean {
    const institution = readInstitution(this.vault.require(), this.s, this.sessions.require().keys.records)!;
    return isPastEnd(a, this.clock(), institution.timeZone);
  }
}

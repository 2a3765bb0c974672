import { randomUUID } from 'node:crypto';
import type { HistoryRow, RevealedSecret } from '../../../shared/accounts';
import type { ExposureKind } from '../../../shared/domain';
import { CustodiaError } from '../../domain/errors';
import { findAccount } from '../../vault/repositories/accounts';
import { currentVersion, insertExposure, openSecret, unappliedVersion, versionHistory, type HistoryFilter } from '../../vault/repositories/credential-versions';
import { readInstitution } from '../../vault/repositories/institution';
import type { Sodium } from '../../vault/sodium';
import type { ClipboardGuard } from './clipboard';
import type { CosignService, RequestCheck } from '../cosign';
import { credentialRotate } from '../cosign/kinds/credential-rotate';
import { findChangeRequest, type ChangeRequestRow } from '../../vault/repositories/change-requests';
import { accountCreate } from '../cosign/kinds/account-create';
import { accountDecommission } from '../cosign/kinds/account-decommission';
import { inventoryImport } from '../cosign/kinds/inventory-import';
import { secretFingerprint } from '../../vault/signatures';
import { keyholderRefs } from '../distribution/people';
import { requireAction } from '../vault/roles';
import type { Actor, Clock, SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';
import type { IntegrityService } from '../integrity/integrity';
import { toVersionView } from './views';
import { assertAccountWritable } from '../lifecycle/guard';

export type Stage = 'current' | 'authorized';

/**
 * Reading credentials: one unlocked keyholder may reveal or copy the current version; each read
 * is an audit event and an exposure of that version to that keyholder (design.md §4).
 */
export class CredentialService {
  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
    private readonly clipboard: ClipboardGuard,
    private readonly cosign: CosignService,
    private readonly clock: Clock,
    private readonly integrity: IntegrityService,
  ) {
    sessions.onLock(() => void clipboard.clearIfOurs());
  }

  /**
   * `authorized` reads the version the head authorized and that still waits to be applied: the
   * administrator needs it to change the password on the platform. Either read is an exposure.
   */
  reveal(actor: Actor, accountId: string, stage: Stage = 'current'): RevealedSecret {
    const { secret, n } = this.read(actor, accountId, 'revealed', stage);
    const revealSeconds = readInstitution(this.vault.require(), this.s, this.sessions.require().keys.records)!.revealSeconds;
    return { secret, versionN: n, hideAfterSeconds: revealSeconds };
  }

  async copy(actor: Actor, accountId: string, stage: Stage = 'current'): Promise<{ clearAfterSeconds: number }> {
    const { secret } = this.read(actor, accountId, 'copied', stage);
    const seconds = readInstitution(this.vault.require(), this.s, this.sessions.require().keys.records)!.clipboardSeconds;
    await this.clipboard.copy(secret, seconds);
    return { clearAfterSeconds: seconds };
  }

  history(filter: HistoryFilter): HistoryRow[] {
    const session = this.sessions.require();
    const db = this.vault.require();
    const key = session.keys.records;
    const people = keyholderRefs(db, this.s, key);
    const accounts = new Map<string, HistoryRow['account']>();
    return versionHistory(db, filter).map((v) => {
      let account = accounts.get(v.accountId);
      if (!account) {
        const a = findAccount(db, this.s, key, v.accountId)!;
        account = { id: a.id, displayName: a.displayName, platform: a.platform };
        accounts.set(a.id, account);
      }
      return { ...toVersionView(v, people), account };
    });
  }

  /**
   * Re-checks a stored version against the request that authorized it: the same two people, the
   * request's digest and both signatures, and the secret's fingerprint.
   */
  verifyVersion(versionId: string): RequestCheck | { ok: false; part: 'fingerprint' } {
    const session = this.sessions.require();
    const db = this.vault.require();
    const version = db
      .prepare(
        'SELECT change_request_id AS requestId, account_id AS accountId, fingerprint, proposed_by AS proposedBy, authorized_by AS authorizedBy FROM credential_versions WHERE id = ?',
      )
      .get(versionId) as { requestId: string; accountId: string; fingerprint: Buffer; proposedBy: string; authorizedBy: string } | undefined;
    const request = version && findChangeRequest(db, version.requestId);
    if (!version || !request || request.proposedBy !== version.proposedBy || request.decidedBy !== version.authorizedBy) return { ok: false, part: 'request' };
    const check = this.cosign.verifyApproved(request.id);
    if (!check.ok) return check;
    const secret = this.secretOf(request, version.accountId);
    if (secret === null) return { ok: false, part: 'fingerprint' };
    if (Buffer.compare(secretFingerprint(this.s, session.keys.fingerprints, secret), version.fingerprint) !== 0) return { ok: false, part: 'fingerprint' };
    return { ok: true };
  }

  /** The password a request carried: a rotation's, or the first (alta) or last (baja) of an account's lifecycle (issue 17). */
  private secretOf(request: ChangeRequestRow, accountId: string): string | null {
    // The «inventario inicial» (issue 18) carries many accounts' first passwords: this account's.
    if (request.kind === 'inventory.import')
      return this.cosign.payloadOf(inventoryImport, request).entries.find((e) => e.accountId === accountId)?.secret ?? null;
    if (request.kind === 'account.create') return this.cosign.payloadOf(accountCreate, request).secret;
    if (request.kind === 'account.decommission') return this.cosign.payloadOf(accountDecommission, request).secret;
    return this.cosign.payloadOf(credentialRotate, request).secret;
  }

  /** Opens the current secret and records the exposure and its audit event in one transaction. */
  private read(actor: Actor, accountId: string, how: Extract<ExposureKind, 'revealed' | 'copied'>, stage: Stage): { secret: string; n: number } {
    requireAction(actor, 'credential.reveal');
    const session = this.sessions.require();
    const at = this.clock().toISOString();
    return this.sessions.commit(
      (db) => {
        // An archived or «en trámite» account shows no password: a reading is an exposure, a write (LIFE-1, LIFE-3).
        if (findAccount(db, this.s, session.keys.records, accountId)) assertAccountWritable(db, accountId);
        const version = stage === 'current' ? currentVersion(db, accountId) : unappliedVersion(db, accountId);
        if (!version) {
          if (!findAccount(db, this.s, session.keys.records, accountId)) throw new CustodiaError('ACCOUNT_UNKNOWN');
          throw new CustodiaError(stage === 'current' ? 'CREDENTIAL_NONE' : 'CREDENTIAL_NOT_AUTHORIZED');
        }
        // What is returned is what the log recorded and the head signed, or nothing is returned.
        this.integrity.assertRows([
          ['accounts', accountId],
          ['credential_versions', version.id],
          ['change_requests', version.changeRequestId],
        ]);
        const check = this.verifyVersion(version.id);
        if (!check.ok) throw new CustodiaError('VAULT_TAMPERED', { part: check.part, table: 'credential_versions', key: version.id });
        // A use of the current version is never recorded before it became current, though the clock may lag the log by its
        // tolerance (domain/authority.ts): rotate-after-use counts uses from the application on (deadlines.ts).
        const exposedAt = stage === 'current' && version.appliedAt && version.appliedAt > at ? version.appliedAt : at;
        insertExposure(db, { id: randomUUID(), credentialVersionId: version.id, keyholderId: actor.keyholderId, how, at: exposedAt });
        return { secret: openSecret(db, this.s, session.keys.records, version.id), n: version.n, versionId: version.id };
      },
      (r) => ({ at, action: `credential.${how}`, subjects: { account: accountId, version: r.versionId }, details: { n: r.n } }),
      actor,
    );
  }
}

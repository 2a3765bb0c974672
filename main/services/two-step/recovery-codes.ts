import { randomUUID } from 'node:crypto';
import type { RecoveryCodesView } from '../../../shared/two-step';
import { CustodiaError } from '../../domain/errors';
import { LOW_CODES, parseRecoveryCodes } from '../../domain/recovery-codes';
import type { Db } from '../../vault/db';
import { accountKind } from '../../vault/repositories/accounts';
import { codeAccount, codesOf, insertCodeSet, markCodeUsed, openCode, openUsedReason } from '../../vault/repositories/recovery-codes';
import type { Sodium } from '../../vault/sodium';
import type { CosignService } from '../cosign';
import { recoveryReplace } from '../cosign/kinds/recovery-replace';
import { keyholderRefs } from '../distribution/people';
import { requireAction } from '../vault/roles';
import type { Actor, Clock, SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';
import { personOf } from '../accounts/views';
import type { DeliveryChannel } from '../../../shared/domain';
import { checkDeliveryChannel } from '../../domain/distribution';
import { insertCodeExposure } from '../../vault/repositories/code-exposures';
import { personExists } from '../../vault/repositories/people';
import { assertPersonActive } from '../people/facts';
import { assertAccountWritable } from '../lifecycle/guard';

/**
 * Recovery codes (issue 5; keepassxc#9244, bitwarden/web#412): pasted as printed, sealed one by
 * one, revealed one at a time, marked used with who, when and why. The first set is stored by an
 * administrator; replacing a set is co-signed.
 */
export class RecoveryCodesService {
  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
    private readonly cosign: CosignService,
    private readonly clock: Clock,
  ) {}

  store(actor: Actor, accountId: string, block: string): { count: number } {
    requireAction(actor, 'recovery.store');
    const codes = parse(block);
    const session = this.sessions.require();
    const at = this.clock().toISOString();
    this.sessions.commit(
      (db) => {
        requireAccount(db, accountId);
        assertAccountWritable(db, accountId);
        if (codesOf(db, accountId).length > 0) throw new CustodiaError('RECOVERY_CODES_EXIST');
        insertCodeSet(db, this.s, session.keys.records, {
          accountId,
          setId: randomUUID(),
          codes: codes.map((code) => ({ id: randomUUID(), code })),
          addedBy: actor.keyholderId,
          addedAt: at,
        });
      },
      () => ({ at, action: 'recovery_codes.stored', subjects: { account: accountId }, details: { count: codes.length } }),
      actor,
    );
    return { count: codes.length };
  }

  proposeReplacement(actor: Actor, accountId: string, block: string, note?: string): { requestId: string } {
    return this.cosign.proposeChange(recoveryReplace, actor, accountId, { codes: parse(block), note: note || null });
  }

  view(accountId: string): RecoveryCodesView {
    const session = this.sessions.require();
    const db = this.vault.require();
    requireAccount(db, accountId);
    const people = keyholderRefs(db, this.s, session.keys.records);
    const codes = codesOf(db, accountId).map((c) => ({
      id: c.id,
      position: c.position,
      used:
        c.usedAt === null ? null : { at: c.usedAt, by: personOf(people, c.usedBy!), reason: openUsedReason(this.s, session.keys.records, c.id, c.usedReason!) },
    }));
    const available = codes.filter((c) => c.used === null).length;
    return { codes, available, low: codes.length > 0 && available < LOW_CODES };
  }

  /** One code at a time, audited. */
  reveal(actor: Actor, codeId: string): { code: string } {
    requireAction(actor, 'recovery.reveal');
    const session = this.sessions.require();
    const at = this.clock().toISOString();
    const { code } = this.sessions.commit(
      (db) => {
        const owner = codeAccount(db, codeId);
        if (!owner) throw new CustodiaError('RECOVERY_CODE_UNKNOWN');
        assertAccountWritable(db, owner.accountId);
        // Seeing a code is an exposure of its set (HAND-3: a departing keyholder's sets are replaced).
        insertCodeExposure(db, {
          id: randomUUID(),
          accountId: owner.accountId,
          setId: owner.setId,
          codeId,
          keyholderId: actor.keyholderId,
          personId: null,
          how: 'revealed',
          at,
          recordedBy: actor.keyholderId,
        });
        return { code: openCode(db, this.s, session.keys.records, codeId), accountId: owner.accountId };
      },
      (r) => ({ at, action: 'recovery_code.revealed', subjects: { account: r.accountId, code: codeId }, details: {} }),
      actor,
    );
    return { code };
  }

  /** A code handed to a person through an allowed channel (POL-6): an exposure of its set to them (HAND-3). */
  deliver(actor: Actor, input: { codeId: string; personId: string; channel: string }): null {
    requireAction(actor, 'recovery.deliver');
    const refusal = checkDeliveryChannel(input.channel);
    if (refusal) throw new CustodiaError(refusal.code, refusal.details, refusal.rule);
    const channel = input.channel as DeliveryChannel;
    const at = this.clock().toISOString();
    this.sessions.commit(
      (db) => {
        const owner = codeAccount(db, input.codeId);
        if (!owner) throw new CustodiaError('RECOVERY_CODE_UNKNOWN');
        assertAccountWritable(db, owner.accountId);
        if (!personExists(db, input.personId)) throw new CustodiaError('PERSON_UNKNOWN');
        assertPersonActive(db, input.personId);
        insertCodeExposure(db, {
          id: randomUUID(),
          accountId: owner.accountId,
          setId: owner.setId,
          codeId: input.codeId,
          keyholderId: null,
          personId: input.personId,
          how: channel,
          at,
          recordedBy: actor.keyholderId,
        });
        return owner;
      },
      (owner) => ({
        at,
        action: 'recovery_code.delivered',
        subjects: { account: owner.accountId, code: input.codeId, person: input.personId },
        details: { channel },
      }),
      actor,
    );
    return null;
  }

  markUsed(actor: Actor, codeId: string, reason: string): null {
    // The log's replay already refused a head's `recovery_code.used` (main/domain/authority.ts); now the service does too.
    requireAction(actor, 'recovery.use');
    const session = this.sessions.require();
    const at = this.clock().toISOString();
    this.sessions.commit(
      (db) => {
        const owner = codeAccount(db, codeId);
        if (!owner) throw new CustodiaError('RECOVERY_CODE_UNKNOWN');
        assertAccountWritable(db, owner.accountId);
        if (!markCodeUsed(db, this.s, session.keys.records, { id: codeId, usedBy: actor.keyholderId, usedAt: at, reason }))
          throw new CustodiaError('RECOVERY_CODE_USED');
        return owner.accountId;
      },
      (accountId) => ({ at, action: 'recovery_code.used', subjects: { account: accountId, code: codeId }, details: {} }),
      actor,
    );
    return null;
  }
}

function parse(block: string): string[] {
  const result = parseRecoveryCodes(block);
  if ('code' in result) throw new CustodiaError(result.code, result.details, result.rule);
  return result.codes;
}

function requireAccount(db: Db, accountId: string): void {
  if (!accountKind(db, accountId)) throw new CustodiaError('ACCOUNT_UNKNOWN');
}

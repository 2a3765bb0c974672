import type { TotpParameters } from '../../shared/totp';
import type { TotpCodeView, TotpSource, TotpStatus } from '../../shared/two-step';
import { CustodiaError } from '../domain/errors';
import QRCode from 'qrcode';
import { buildOtpauth, checkSeed, parseOtpauth, totpCode, type TotpSeed } from '../domain/totp';
import { countAccounts } from '../vault/repositories/accounts';
import { markExportShown, openExportGrant, openSeeds, seedMeta } from '../vault/repositories/totp-seeds';
import type { ClipboardGuard } from './clipboard';
import type { Sodium } from '../vault/sodium';
import type { CosignService } from './cosign';
import { totpExportChange, totpRemoveChange, totpSetChange } from './cosign/totp-change';
import { keyholderRefs } from './people';
import { readQrText } from './qr-image';
import type { Actor, Clock, SessionService } from './session';
import type { VaultFile } from './vault-file';
import type { IntegrityService } from './integrity';
import { personOf } from './views';

/** How long an exported QR stays on screen (issue 5). */
export const EXPORT_SECONDS = 60;

const parametersOf = ({ algorithm, digits, period, issuer, label }: TotpSeed): TotpParameters => ({ algorithm, digits, period, issuer, label });

/**
 * TOTP custody (SEC-1): seeds enter by otpauth URI, typed base32 secret or a QR screenshot, and are
 * set or removed only through a co-signed request. The renderer receives codes and the seconds
 * they have left, never the seed. Reading codes is audited; it is not an exposure of the seed.
 */
export class TotpService {
  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
    private readonly cosign: CosignService,
    private readonly clipboard: ClipboardGuard,
    private readonly clock: Clock,
    private readonly integrity: IntegrityService,
  ) {}

  /** What a source holds, without its secret: shown before the person proposes it. */
  inspect(source: TotpSource): TotpParameters {
    return parametersOf(this.seedFrom(source));
  }

  propose(actor: Actor, accountId: string, source: TotpSource, note?: string): { requestId: string } {
    this.sessions.require();
    return this.cosign.proposeChange(totpSetChange, actor, accountId, { seed: this.seedFrom(source), note: note || null });
  }

  proposeRemoval(actor: Actor, accountId: string, note?: string): { requestId: string } {
    if (!seedMeta(this.vault.require(), accountId)) throw new CustodiaError('TOTP_NONE');
    return this.cosign.proposeChange(totpRemoveChange, actor, accountId, { note: note || null });
  }

  /** Asks the head to authorize showing the seed as a QR (an exposure of the seed). */
  proposeExport(actor: Actor, accountId: string, note?: string): { requestId: string } {
    if (!seedMeta(this.vault.require(), accountId)) throw new CustodiaError('TOTP_NONE');
    return this.cosign.proposeChange(totpExportChange, actor, accountId, { note: note || null });
  }

  /**
   * Shows an authorized export once, to the keyholder who asked for it, for 60 s: a PNG data URL
   * of the otpauth URI. Refused if the seed changed since the head authorized it.
   */
  async showExport(actor: Actor, accountId: string): Promise<{ image: string; hideAfterSeconds: number }> {
    const session = this.sessions.require();
    const at = this.clock().toISOString();
    const uri = this.sessions.commit(
      (db) => {
        const grant = openExportGrant(db, accountId);
        if (!grant || grant.requestedBy !== actor.keyholderId) throw new CustodiaError('TOTP_EXPORT_NONE');
        if (seedMeta(db, accountId)?.version !== grant.seedVersion) throw new CustodiaError('TOTP_EXPORT_NONE', { reason: 'seed_changed' });
        this.integrity.assertRows([['totp_exports', grant.requestId], ['totp_seeds', accountId]]);
        markExportShown(db, grant.requestId, actor.keyholderId, at);
        return { uri: buildOtpauth(openSeeds(db, this.s, session.keys.records, [accountId]).get(accountId)!), request: grant.requestId };
      },
      (r) => ({ at, action: 'totp.exported', subjects: { account: accountId, request: r.request }, details: { seconds: EXPORT_SECONDS } }),
      actor,
    );
    return { image: await QRCode.toDataURL(uri.uri, { errorCorrectionLevel: 'M', margin: 2, scale: 6 }), hideAfterSeconds: EXPORT_SECONDS };
  }

  /** Copies the current code; the clipboard is cleared when the code expires. */
  async copyCode(actor: Actor, accountId: string): Promise<{ clearAfterSeconds: number }> {
    const [view] = this.codes(actor, [accountId]);
    await this.clipboard.copy(view!.code, view!.remaining);
    return { clearAfterSeconds: view!.remaining };
  }

  status(accountId: string): TotpStatus | null {
    const session = this.sessions.require();
    const db = this.vault.require();
    const meta = seedMeta(db, accountId);
    if (!meta) return null;
    const seed = openSeeds(db, this.s, session.keys.records, [accountId]).get(accountId)!;
    const people = keyholderRefs(db, this.s, session.keys.records);
    return { ...parametersOf(seed), setAt: meta.setAt, proposedBy: personOf(people, meta.proposedBy), authorizedBy: personOf(people, meta.authorizedBy) };
  }

  /** Current codes for the accounts on screen (those with a seed), read together as one audit event. */
  codes(actor: Actor, accountIds: readonly string[]): TotpCodeView[] {
    const session = this.sessions.require();
    const now = this.clock();
    const epoch = now.getTime() / 1000;
    return this.sessions.commit(
      (db) => {
        if (countAccounts(db, accountIds) !== new Set(accountIds).size) throw new CustodiaError('ACCOUNT_UNKNOWN');
        const seeds = openSeeds(db, this.s, session.keys.records, accountIds);
        if (seeds.size === 0) throw new CustodiaError('TOTP_NONE');
        this.integrity.assertRows([...seeds.keys()].map((id) => ['totp_seeds', id] as const));
        return [...seeds].map(([accountId, seed]) => ({ accountId, digits: seed.digits, period: seed.period, ...totpCode(seed, epoch) }));
      },
      (codes) => ({ at: now.toISOString(), action: 'totp.codes_read', subjects: codes.length === 1 ? { account: codes[0]!.accountId } : ({} as Record<string, string>), details: { accounts: codes.length } }),
      actor,
    );
  }

  private seedFrom(source: TotpSource): TotpSeed {
    const result =
      'uri' in source ? parseOtpauth(source.uri) : 'image' in source ? parseOtpauth(readQrText(Buffer.from(source.image, 'base64'))) : checkSeed(source);
    if ('code' in result) throw new CustodiaError(result.code, result.details, result.rule);
    return result;
  }
}

import type { AuditEntry } from '../../../shared/audit-actions';
import type { AppError } from '../../../shared/result';
import type { TotpParameters } from '../../../shared/totp';
import type { TotpCodeView, TotpSource, TotpStatus } from '../../../shared/two-step';
import { CustodiaError } from '../../domain/errors';
import QRCode from 'qrcode';
import { buildOtpauth, checkSeed, parseOtpauth, totpCode, type TotpSeed } from '../../domain/totp';
import { countAccounts } from '../../vault/repositories/accounts';
import { markExportShown, openExportGrant, openSeeds, seedMeta } from '../../vault/repositories/totp-seeds';
import type { ClipboardGuard } from '../accounts/clipboard';
import type { Db } from '../../vault/db';
import type { Sodium } from '../../vault/sodium';
import type { CosignService } from '../cosign';
import { totpExport } from '../cosign/kinds/totp-export';
import { totpRemove } from '../cosign/kinds/totp-remove';
import { totpSet } from '../cosign/kinds/totp-set';
import { keyholderRefs } from '../distribution/people';
import { readQrText } from './qr-image';
import { requireAction } from '../vault/roles';
import type { Actor, Clock, SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';
import type { IntegrityService } from '../integrity/integrity';
import { personOf } from '../accounts/views';

/** How long an exported QR stays on screen (issue 5). */
export const EXPORT_SECONDS = 60;

/** A source read at once; a screenshot is decoded in a worker thread, so its answer comes later. */
type TextSource = Exclude<TotpSource, { image: string }>;
type ImageSource = Extract<TotpSource, { image: string }>;

/** Draws the export QR as a PNG data URL; a seam for tests. */
export type ExportDrawer = (uri: string) => Promise<string>;

const drawExportQr: ExportDrawer = async (uri) => {
  try {
    return await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, scale: 6 });
  } catch {
    // The only input is the URI: a seed whose issuer and label are too long for one QR code.
    throw new CustodiaError('TOTP_INVALID', { reason: 'too_long_for_qr', characters: uri.length });
  }
};

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
    private readonly drawQr: ExportDrawer = drawExportQr,
  ) {}

  /** What a source holds, without its secret: shown before the person proposes it. */
  inspect(source: TextSource): TotpParameters;
  inspect(source: ImageSource): Promise<TotpParameters>;
  inspect(source: TotpSource): TotpParameters | Promise<TotpParameters>;
  inspect(source: TotpSource): TotpParameters | Promise<TotpParameters> {
    return 'image' in source ? this.seedFromImage(source.image).then(parametersOf) : parametersOf(this.seedFrom(source));
  }

  propose(actor: Actor, accountId: string, source: TextSource, note?: string): { requestId: string };
  propose(actor: Actor, accountId: string, source: ImageSource, note?: string): Promise<{ requestId: string }>;
  propose(actor: Actor, accountId: string, source: TotpSource, note?: string): { requestId: string } | Promise<{ requestId: string }>;
  propose(actor: Actor, accountId: string, source: TotpSource, note?: string): { requestId: string } | Promise<{ requestId: string }> {
    this.sessions.require();
    const proposeSeed = (seed: TotpSeed) => this.cosign.proposeChange(totpSet, actor, accountId, { seed, note: note || null });
    return 'image' in source ? this.seedFromImage(source.image).then(proposeSeed) : proposeSeed(this.seedFrom(source));
  }

  proposeRemoval(actor: Actor, accountId: string, note?: string): { requestId: string } {
    return this.cosign.proposeChange(totpRemove, actor, accountId, { note: note || null });
  }

  /** Asks the head to authorize showing the seed as a QR (an exposure of the seed). */
  proposeExport(actor: Actor, accountId: string, note?: string): { requestId: string } {
    return this.cosign.proposeChange(totpExport, actor, accountId, { note: note || null });
  }

  /**
   * Shows an authorized export once, to the keyholder who asked for it, for 60 s: a PNG data URL
   * of the otpauth URI. Refused if the seed changed since the head authorized it. The QR is drawn
   * first; only then is the export marked as shown, in the transaction that hands it out, so a QR
   * that cannot be drawn leaves the export unused.
   */
  async showExport(actor: Actor, accountId: string): Promise<{ image: string; hideAfterSeconds: number }> {
    requireAction(actor, 'totp.export');
    const session = this.sessions.require();
    const ready = (db: Db) => {
      const grant = openExportGrant(db, accountId);
      if (!grant || grant.requestedBy !== actor.keyholderId) throw new CustodiaError('TOTP_EXPORT_NONE');
      if (seedMeta(db, accountId)?.version !== grant.seedVersion) throw new CustodiaError('TOTP_EXPORT_NONE', { reason: 'seed_changed' });
      this.integrity.assertRows([
        ['totp_exports', grant.requestId],
        ['totp_seeds', accountId],
      ]);
      return grant;
    };
    const drawn = ready(this.vault.require());
    const image = await this.drawQr(buildOtpauth(openSeeds(this.vault.require(), this.s, session.keys.records, [accountId]).get(accountId)!));
    const at = this.clock().toISOString();
    this.sessions.commit(
      (db) => {
        // Drawing took a moment: the grant drawn must still be the open one (not shown meanwhile, seed unchanged).
        const grant = ready(db);
        if (grant.requestId !== drawn.requestId || !markExportShown(db, grant.requestId, actor.keyholderId, at)) throw new CustodiaError('TOTP_EXPORT_NONE');
        return grant.requestId;
      },
      (request) => ({ at, action: 'totp.exported', subjects: { account: accountId, request }, details: { seconds: EXPORT_SECONDS } }),
      actor,
    );
    return { image, hideAfterSeconds: EXPORT_SECONDS };
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
    requireAction(actor, 'totp.codes');
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
      (codes): AuditEntry => {
        const event = { at: now.toISOString(), action: 'totp.codes_read', details: { accounts: codes.length } } as const;
        // One account's codes name it; a screen of several is counted.
        if (codes.length === 1) return { ...event, subjects: { account: codes[0]!.accountId } };
        return { ...event, subjects: {} };
      },
      actor,
    );
  }

  private seedFrom(source: TextSource): TotpSeed {
    return seedOrThrow('uri' in source ? parseOtpauth(source.uri) : checkSeed(source));
  }

  private async seedFromImage(base64: string): Promise<TotpSeed> {
    return seedOrThrow(parseOtpauth(await readQrText(Buffer.from(base64, 'base64'))));
  }
}

function seedOrThrow(result: TotpSeed | AppError): TotpSeed {
  if ('code' in result) throw new CustodiaError(result.code, result.details, result.rule);
  return result;
}

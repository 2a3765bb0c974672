import type { AuditVerification } from '../../../shared/contract';
import { verifyAuditLog } from '../../vault/audit/verify';
import type { Sodium } from '../../vault/sodium';
import type { SessionService } from '../vault/session';
import type { VaultFile } from '../vault/vault-file';

export class AuditService {
  constructor(
    private readonly s: Sodium,
    private readonly vault: VaultFile,
    private readonly sessions: SessionService,
  ) {}

  /**
   * Needs an unlocked session: the sealed chain head is opened with a VK-derived key. Signatures
   * this keyholder's own verification already checked are spared while the chain and they are
   * unchanged (audit/verify.ts); `full` checks every one from genesis.
   */
  verify(options: { full?: boolean } = {}): AuditVerification {
    const session = this.sessions.require();
    return verifyAuditLog(this.vault.require(), this.s, session.keys.audit, options.full === true ? { full: true } : { trusted: this.sessions.verifiedHead() });
  }
}

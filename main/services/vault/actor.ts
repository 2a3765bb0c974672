import type { KeyholderRole } from '../../../shared/domain';
import type { VaultKeys } from '../../vault/keys';

/** A keyholder who has proven their passphrase: who acts, with what role, and their signing key. */
export interface Actor {
  keyholderId: string;
  role: KeyholderRole;
  signSecret: Uint8Array;
  /** Seals this keyholder's last-seen chain head (derived from their own passphrase). */
  seenKey?: Uint8Array;
}

/** What the unlocked keyholder holds in memory. Zeroed on lock. */
export interface Session extends Actor {
  keys: VaultKeys;
}

export type Clock = () => Date;

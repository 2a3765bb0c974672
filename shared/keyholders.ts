import { z } from 'zod';
import { KEYHOLDER_ROLES, type KeyholderRole, type KeyholderStatus } from './domain';
import { optionalText } from './input';

/** Keyholders after the founding (issue 16; HAND-1): own passphrase, enrolment, revocation. */
const id = z.string().uuid();
const passphrase = z.string().min(1).max(1024);

/** The current passphrase, and the new one typed twice. */
export const passphraseChangeRequest = z.object({ current: passphrase, next: passphrase, confirm: passphrase }).strict();

/**
 * A person of the registry becomes a keyholder, typing their own passphrase (twice) at the
 * workstation; with `replaces`, it starts the handover of that keyholder's role.
 */
export const enrolRequest = z
  .object({
    personId: id,
    role: z.enum(KEYHOLDER_ROLES),
    passphrase,
    confirm: passphrase,
    replaces: id.nullable(),
    note: optionalText(500, 'multiline'),
  })
  .strict();

/** A keyholder revoked; with `handoverId`, that handover's completion (proposed by its incoming keyholder). */
export const revokeRequest = z.object({ keyholderId: id, handoverId: id.nullable(), note: optionalText(500, 'multiline') }).strict();

export interface KeyholderDetail {
  id: string;
  name: string;
  role: KeyholderRole;
  status: KeyholderStatus;
  fingerprint: string;
  personId: string | null;
  /** Their vault key waits in a box until their first unlock (after an enrolment or a re-key). */
  awaitingFirstUnlock: boolean;
  createdAt: string;
  retiredAt: string | null;
}

/** A re-key's progress, sent from main while it runs. */
export interface RekeyProgressEvent {
  done: number;
  total: number;
}

import { z } from 'zod';
import { KEYHOLDER_ROLES, type KeyholderRole } from './domain';
import { optionalText, text } from './input';

/**
 * The emergency kit (issue 18, scope 6; docs/decisions/0009-emergency-kit.md): a recovery key that
 * wraps the vault key, printed on paper (optionally split k-of-n among officials, Shamir), issued in
 * a co-signed ceremony (POL-5) and used only when every keyholder's passphrase is lost. Its use opens
 * a recovery mode whose only action is enrolling new keyholders; finishing it re-keys the vault.
 * The key never crosses IPC towards the renderer: it only goes into the PDF main saves.
 */

/** Shares: at least 2 needed, at most 9 officials (one page each). */
export const KIT_MAX_SHARES = 9;
const passphrase = z.string().min(1).max(1024);
/** A recovery key or a share as typed from paper: groups of Crockford base32, hyphens and spaces ignored. */
const typedKey = z.string().min(1).max(200);

export const kitShares = z
  .object({
    k: z.number().int().min(2).max(KIT_MAX_SHARES),
    n: z.number().int().min(2).max(KIT_MAX_SHARES),
    /** The officials who keep a share, in share order (their names are sealed in the vault). */
    holders: z.array(text(120)).min(2).max(KIT_MAX_SHARES),
  })
  .strict()
  .refine((s) => s.k <= s.n && s.holders.length === s.n, { path: ['k'], params: { reason: 'invalid' } });

/** `kit.propose`: the administrator asks for a kit (one key, or k-of-n shares); the head authorizes it. */
export const kitProposeRequest = z.object({ shares: kitShares.nullable(), note: optionalText(500, 'multiline') }).strict();
/** `kit.print`: performs an authorized `kit.issue` request once, saving the PDF where main's save dialog says. */
export const kitPrintRequest = z.object({ requestId: z.string().uuid() }).strict();
/** `kit.recover`, from the locked state: the whole key, or k shares (each as typed). */
export const kitRecoverRequest = z.union([z.object({ key: typedKey }).strict(), z.object({ shares: z.array(typedKey).min(1).max(KIT_MAX_SHARES) }).strict()]);
/**
 * `kit.enrol`, in recovery mode only: a new keyholder typing their passphrase twice. `personId`:
 * a permanent person of the staff registry (ROLE-3), or null when the registry has none yet (the name is then typed).
 */
export const kitEnrolRequest = z
  .object({ personId: z.string().uuid().nullable(), name: text(120), role: z.enum(KEYHOLDER_ROLES), passphrase, confirm: passphrase })
  .strict();
export const kitEmptyRequest = z.object({}).strict();

export type KitStatusName = 'issued' | 'used' | 'superseded';

export interface KitSummary {
  id: string;
  issuedAt: string;
  status: KitStatusName;
  /** k-of-n, or null for a single key. */
  shares: { k: number; n: number } | null;
  /** The kit's Ed25519 public key as a short fingerprint (printed on the kit, shown in the log). */
  fingerprint: string;
}

/** `kit.status`: the kit in force, whether a new one is needed (the home screen), and authorized kits not yet printed. */
export interface KitStatus {
  inForce: KitSummary | null;
  /** None issued yet, or the last one was used (recovery) or made useless by a re-key. */
  newKitNeeded: boolean;
  reason: 'none_issued' | 'used' | 'rekeyed' | null;
  /** Authorized `kit.issue` requests waiting to be printed. */
  printable: { requestId: string; shares: { k: number; n: number } | null }[];
}

export type KitPrinted = { saved: false } | { saved: true; file: string; kit: KitSummary; chainHead: { seq: number; hash: string; short: string } };

/** A keyholder as recovery mode shows them: enough to decide whom to replace, nothing sealed beyond names. */
export interface RecoveryKeyholder {
  id: string;
  name: string;
  role: KeyholderRole;
  fingerprint: string;
}

/** Someone enrolled in this recovery session, written to the vault only by `kit.finish`. */
export interface RecoveryEnrolee {
  id: string;
  name: string;
  role: KeyholderRole;
  personId: string | null;
  fingerprint: string;
}

/** `kit.recover` / `kit.recovery`: the recovery session (null from `kit.recovery`: none open). */
export interface RecoveryState {
  kitId: string;
  institution: { name: string; acronym: string };
  /** The active keyholders whose passphrases are lost: all revoked by `kit.finish`. */
  keyholders: RecoveryKeyholder[];
  /** Permanent, active people of the staff registry who are not keyholders (ROLE-3): who may be enrolled. */
  candidates: { personId: string; name: string }[];
  enrolled: RecoveryEnrolee[];
  /** The roles still missing before `kit.finish` is allowed: a head and an account administrator at least. */
  missingRoles: KeyholderRole[];
}

export interface RecoveryFinished {
  finished: true;
  /** The new key epoch: old key slots and the used kit open nothing from here on. */
  epoch: number;
  keyholders: { id: string; role: KeyholderRole }[];
}

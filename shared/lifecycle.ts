import { z } from 'zod';
import { accountInput, secretText } from './accounts';
import { optionalText, text } from './input';

/**
 * The account lifecycle (issue 17): alta, modificación and baja of a profile (LIFE-1..3), with
 * Formulario A's data (MITIC 678/2022, Anexo II; LIFE-4) and the platform verification (SEC-4).
 */
const id = z.string().uuid();

/** SEC-4 (MITIC 6.1.1.I, 6.1.2, 6.1.6): where the platform's verification of the profile stands. */
export const VERIFICATION_STATUSES = ['not_requested', 'requested', 'verified', 'not_offered'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

/** One authorized user of the profile and their platform role (Formulario A), from the staff registry. */
export const authorizedUser = z.object({ personId: id, role: text(64, 'identifier') }).strict();
export type AuthorizedUser = z.infer<typeof authorizedUser>;

/**
 * Formulario A besides the account's own data (platform, names, handles, linked e-mail, kind and
 * dates are the account's fields): the written justification LIFE-1 asks for. Sealed as typed text.
 */
export const formularioA = z
  .object({
    /** «Descripción de la cuenta». */
    description: text(2000, 'multiline'),
    /** «Objetivo». */
    objective: text(2000, 'multiline'),
    /** «Plan de publicaciones» (summary). */
    postingPlan: text(4000, 'multiline'),
    /** «Indicadores». */
    indicators: text(2000, 'multiline'),
    /** «Usuarios autorizados y sus roles». */
    authorizedUsers: z.array(authorizedUser).max(50),
    /** «Otros datos». */
    otherData: optionalText(2000, 'multiline'),
  })
  .strict();
export type FormularioA = z.output<typeof formularioA>;
export type FormularioAInput = z.input<typeof formularioA>;

/** The alta (LIFE-1): the account, its Formulario A, and optionally its first password (POL-1..3). */
export const altaRequest = z.object({ account: accountInput, form: formularioA, secret: secretText.optional(), note: optionalText(500, 'multiline') }).strict();
export type AltaRequest = z.input<typeof altaRequest>;

/** What a modificación may change: every field of the account but its platform, and Formulario A. */
export const accountChanges = accountInput.omit({ platform: true });
/**
 * `recoveryDeviceId`: the account's recovery phone (SEC-3), one of the office's registered phones;
 * null removes it, absent leaves it as it is.
 */
export const modifyRequest = z
  .object({
    accountId: id,
    account: accountChanges,
    form: formularioA.optional(),
    recoveryDeviceId: id.nullable().optional(),
    note: optionalText(500, 'multiline'),
  })
  .strict();
export type ModifyRequest = z.input<typeof modifyRequest>;

/** The baja (LIFE-3): the password is changed first (reason 'decommission'), then the account is archived. */
export const decommissionRequest = z.object({ accountId: id, secret: secretText, note: optionalText(500, 'multiline') }).strict();
export type DecommissionRequest = z.input<typeof decommissionRequest>;

export const verificationRequest = z.object({ accountId: id, status: z.enum(VERIFICATION_STATUSES) }).strict();

/** An authorized user as the account page shows it. */
export interface AuthorizedUserLine {
  personId: string;
  name: string;
  role: string;
}

/** The lifecycle of one account, as its page shows it. */
export interface AccountLifecycle {
  accountId: string;
  /** Registered before issue 17 without a Formulario A (LIFE-1 flags it). */
  registeredWithoutForm: boolean;
  form: (Omit<FormularioA, 'authorizedUsers'> & { authorizedUsers: AuthorizedUserLine[] }) | null;
  verification: VerificationStatus;
  archivedAt: string | null;
  /** The alta request (null for an account registered before issue 17). */
  altaRequestId: string | null;
  /** An authorized baja whose password still waits to be applied on the platform. */
  decommissioning: boolean;
  /** LIFE-2: a support account past its end date, in the institution's time zone. */
  pastEnd: boolean;
}

/** LIFE-2: a support account past its end date, still active (the home screen's «Solicitar baja»). */
export interface SupportPastEnd {
  accountId: string;
  displayName: string;
  platform: string;
  supportEnd: string;
  /** A baja is already requested or authorized. */
  decommissionOpen: boolean;
}

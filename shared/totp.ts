/** Two-step verification vocabulary shared by main and renderer (issue 5). */
export const TOTP_ALGORITHMS = ['sha1', 'sha256', 'sha512'] as const;
export type TotpAlgorithm = (typeof TOTP_ALGORITHMS)[number];
export const TOTP_DIGITS = [6, 7, 8] as const;
export const TOTP_PERIODS = [30, 60] as const;

/** What may be shown about a seed: everything but the secret. */
export interface TotpParameters {
  algorithm: TotpAlgorithm;
  digits: (typeof TOTP_DIGITS)[number];
  period: (typeof TOTP_PERIODS)[number];
  issuer: string | null;
  label: string | null;
}

/** How an account's second step is done (SEC-1: never "none"). */
export const TWO_STEP_METHODS = ['totp_vault', 'totp_device', 'sms', 'security_key', 'none'] as const;
export type TwoStepMethod = (typeof TWO_STEP_METHODS)[number];

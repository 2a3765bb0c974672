import { accountInput, secretText, type ParsedAccountInput } from '../../../shared/accounts';
import type { ImportField, ImportProblem, ImportReason, ImportVerdict } from '../../../shared/import';
import type { PlatformId } from '../../../shared/platforms';
import type { AppError, RuleId } from '../../../shared/result';
import { checkAccount, checkInstitutionalEmail } from '../accounts';
import { checkSeed, parseOtpauth, type TotpSeed } from '../totp';
import type { CsvRecord } from './csv';
import { platformOf, type ResolvedMapping } from './mapping';

/**
 * The checks of one spreadsheet row that need nothing of the vault but its e-mail domains: the
 * cells readable and free of formulas, a known platform, the account's fields as an alta takes
 * them, SEC-2 on the login and the linked e-mail, a TOTP seed that parses. The password's rules
 * (POL-1..3) and the linked mailbox need the vault: the import service judges them.
 */
export interface RowDraft {
  row: number;
  problems: ImportProblem[];
  /** The account as an alta would take it; null when the row could not give one. */
  account: (ParsedAccountInput & { platform: PlatformId }) | null;
  /** The linked mailbox's address, lower case (resolved against the vault and the file by the service). */
  linkedEmail: string | null;
  secret: string | null;
  seed: TotpSeed | null;
}

export const problem = (
  field: ImportField | null,
  reason: ImportReason,
  rule: RuleId | null = null,
  details: ImportProblem['details'] = {},
): ImportProblem => ({
  field,
  reason,
  rule,
  details,
});

/**
 * A cell a spreadsheet would run as a formula when an export is opened (OWASP «CSV injection»):
 * it starts with =, +, -, @, a tab or a carriage return. Refused, not escaped: the office fixes its
 * spreadsheet, and Custodia never holds a formula it could write out later. (An export still
 * escapes what it writes: a plain «@handle» is kept, and older data was never checked.)
 */
const FORMULA = /^[=+\-@\t\r]/;
/** A handle as platforms write it («@prensa.oficial») is not a formula; «@SUMA(A1)» is. */
const PLAIN_HANDLE = /^@[\p{L}\p{N}._-]+$/u;
const isFormula = (field: ImportField, value: string) => FORMULA.test(value) && !(field === 'handle' && PLAIN_HANDLE.test(value.trim()));

/** Passwords and seeds are exempt: a strong password may start with any symbol, and neither is ever written to a spreadsheet. */
const TEXT_FIELDS = ['platform', 'displayName', 'handle', 'profileUrl', 'loginIdentifier', 'linkedEmail', 'notes'] as const;

/** An e-mail refusal of the domain (SEC-2), as a row's problem. */
function emailProblem(field: ImportField, error: AppError): ImportProblem {
  const reason = error.details?.reason;
  if (reason === 'free_provider') return problem(field, 'free_email', 'SEC-2', { domain: String(error.details?.domain ?? '') });
  if (reason === 'not_institutional') return problem(field, 'not_institutional_email', 'SEC-2', { domain: String(error.details?.domain ?? '') });
  return problem(field, 'email_required', error.rule ?? null);
}

const cellOf = (cells: readonly string[], mapping: ResolvedMapping, field: Exclude<ImportField, 'ignore'>): string => {
  const index = mapping[field];
  return index === undefined ? '' : (cells[index] ?? '');
};

/** A blank row (every cell empty or spaces): skipped, as a spreadsheet's empty line. */
export const isBlank = (record: CsvRecord): boolean => 'cells' in record && record.cells.every((c) => c.trim() === '');

export function checkRow(record: CsvRecord, mapping: ResolvedMapping, institutionDomains: readonly string[]): RowDraft {
  const draft: RowDraft = { row: record.row, problems: [], account: null, linkedEmail: null, secret: null, seed: null };
  if ('malformed' in record) {
    draft.problems.push(problem(null, 'malformed', null, { code: record.malformed }));
    return draft;
  }
  const cell = (field: Exclude<ImportField, 'ignore'>) => cellOf(record.cells, mapping, field);
  for (const field of TEXT_FIELDS) if (isFormula(field, cell(field))) draft.problems.push(problem(field, 'formula'));
  if (draft.problems.length > 0) return draft;

  const platformCell = cell('platform').trim();
  const platform = platformCell ? platformOf(platformCell) : null;
  if (!platformCell) draft.problems.push(problem('platform', 'platform_missing'));
  else if (!platform) draft.problems.push(problem('platform', 'platform_unknown', null, { value: platformCell.slice(0, 40) }));
  if (!cell('displayName').trim()) draft.problems.push(problem('displayName', 'name_missing'));

  const parsed = accountInput.safeParse({
    platform: platform ?? 'other',
    kind: platform === 'institutional_email' ? 'linked_email' : 'principal',
    displayName: cell('displayName'),
    handle: cell('handle'),
    profileUrl: cell('profileUrl'),
    loginIdentifier: cell('loginIdentifier'),
    notes: cell('notes'),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]) as ImportField;
      if (field === 'displayName' && draft.problems.some((p) => p.reason === 'name_missing')) continue;
      const params = issue.code === 'custom' ? (issue.params as { reason?: string } | undefined) : undefined;
      const reason = field === 'profileUrl' ? 'invalid_url' : 'invalid_text';
      draft.problems.push(problem(field, reason, null, { reason: params?.reason ?? issue.code }));
    }
  } else if (platform) {
    // SEC-2 on the login (and a mailbox must have one), as the alta's entry rules judge it.
    const violation = checkAccount(parsed.data, { institutionDomains: [...institutionDomains], linkedEmail: null });
    if (violation) draft.problems.push(emailProblem('loginIdentifier', violation));
    else draft.account = { ...parsed.data, platform };
  }

  const linked = cell('linkedEmail').trim();
  if (linked) {
    const violation = checkInstitutionalEmail('linkedEmail', linked, [...institutionDomains]);
    if (violation) draft.problems.push(emailProblem('linkedEmail', violation));
    else if (platform === 'institutional_email')
      draft.problems.push(problem('linkedEmail', 'linked_email_unknown', null, { reason: 'mailbox_has_no_linked_email' }));
    else draft.linkedEmail = linked.normalize('NFKC').toLowerCase();
  }

  const totp = cell('totp').trim();
  if (totp) {
    const seed = /^otpauth:/i.test(totp) ? parseOtpauth(totp) : checkSeed({ secret: totp });
    if ('code' in seed) draft.problems.push(problem('totp', 'totp_invalid', 'SEC-1', { reason: String(seed.details?.reason ?? seed.code) }));
    else draft.seed = seed;
  }

  const password = cell('password');
  if (password !== '') {
    if (!secretText.safeParse(password).success) draft.problems.push(problem('password', 'invalid_text', null, { reason: 'too_long' }));
    else draft.secret = password;
  }
  if (draft.problems.length > 0) draft.account = null;
  return draft;
}

/** Problems that leave a row in, its password due at once («rotar ya»); any other refuses the row (a spreadsheet's or a KeePass entry's). */
const ROTATE_NOW = new Set<ImportReason>(['password_policy', 'shared_password']);

export const verdictOf = (d: Pick<RowDraft, 'problems'>): ImportVerdict =>
  d.problems.length === 0 ? 'ok' : d.problems.every((p) => ROTATE_NOW.has(p.reason)) ? 'rotate_now' : 'refused';

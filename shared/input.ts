import { z } from 'zod';

/**
 * The one place where untrusted text, dates and addresses are judged before any service sees
 * them (design.md §4: every payload validated). A refusal carries a `reason` that the renderer
 * turns into a sentence naming the field (renderer/src/i18n/hardening.*.ts, `INVALID_REQUEST`).
 */
export type InputReason = 'lone_surrogate' | 'control' | 'bidi' | 'too_long' | 'required' | 'date' | 'phone' | 'email' | 'url' | 'invalid';

/** A UTF-16 string with an unpaired surrogate cannot be encoded, signed or shown faithfully. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const hasLoneSurrogate = (value: string): boolean => LONE_SURROGATE.test(value);

/** Bidirectional embeddings, overrides and isolates, and the marks: text that displays as something else. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/** C0 and C1 controls (DEL too); free text keeps tab and line feeds. Matching controls is the point here. */
/* eslint-disable no-control-regex */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/u;
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
/* eslint-enable no-control-regex */
/**
 * What displays as nothing: default-ignorable code points (zero-width characters, joiners,
 * variation selectors, tags, fillers, soft hyphen, BOM…), other format characters, line and
 * paragraph separators, unassigned code points and noncharacters, private use, the blank braille
 * pattern. Free text keeps only what an emoji needs: a joiner or a variation selector next to a pictograph.
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Zl}\p{Zp}\p{Cn}\p{Co}\u2800\u115F\u1160\u3164\uFFA0]/u;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'gu');
const EMOJI_GLUE = /(?<=\p{Extended_Pictographic}[\uFE0E\uFE0F]?)\u200D(?=\p{Extended_Pictographic})|(?<=\p{Extended_Pictographic})[\uFE0E\uFE0F]/gu;

export type TextKind = 'identifier' | 'line' | 'multiline';

function issue(ctx: z.core.$RefinementCtx<string>, reason: InputReason, extra: Record<string, unknown> = {}): void {
  ctx.addIssue({ code: 'custom', message: reason, params: { reason, ...extra } });
}

/** Why a string is refused as this kind of text, if it is. */
export function textFault(value: string, kind: TextKind): InputReason | undefined {
  if (hasLoneSurrogate(value)) return 'lone_surrogate';
  if (BIDI.test(value)) return 'bidi';
  if ((kind === 'multiline' ? CONTROL_EXCEPT_LINES : CONTROL).test(value)) return 'control';
  // Names, handles, logins and e-mails are compared and shown in lists: nothing invisible in them.
  // Free text may hold an emoji sequence (its joiners), nothing else that cannot be seen.
  if (INVISIBLE.test(kind === 'multiline' ? value.replace(EMOJI_GLUE, '') : value)) return 'control';
  return undefined;
}

/**
 * Text a person typed: valid Unicode, no controls, direction overrides or invisible characters, normalized, trimmed,
 * at most `max` characters. `identifier`: names, handles, logins, e-mails (no invisible
 * characters); `line`: one-line free text (reasons, labels); `multiline`: notes.
 */
export function text(max: number, kind: TextKind = 'line', min = 1) {
  return (
    z
      .string()
      .superRefine((value, ctx) => {
        const fault = textFault(value, kind);
        if (fault) issue(ctx, fault);
      })
      // Identifiers in compatibility form (a full-width ＠ is an @, so SEC-2 sees the address it is); text in NFC.
      .transform((value) => value.normalize(kind === 'identifier' ? 'NFKC' : 'NFC').trim())
      .superRefine((value, ctx) => {
        if (value.length < min || (min > 0 && value.replace(INVISIBLE_ALL, '').trim().length === 0)) issue(ctx, 'required');
        else if (value.length > max) issue(ctx, 'too_long', { max });
      })
  );
}

/** Optional text: absent or blank is undefined. */
export function optionalText(max: number, kind: TextKind = 'line') {
  return text(max, kind, 0)
    .transform((value) => (value ? value : undefined))
    .optional();
}

export const DATE_MIN = '2000-01-01';
export const DATE_MAX = '2100-12-31';

/** A real calendar day (no 2024-02-30), between 2000-01-01 and 2100-12-31. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match || value < DATE_MIN || value > DATE_MAX) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const calendarDate = z.string().superRefine((value, ctx) => {
  if (!isCalendarDate(value)) issue(ctx, 'date');
});

/** An e-mail address: text of the identifier kind, then the shape of an address. */
export function email(max = 254) {
  return text(max, 'identifier')
    .transform((value) => value.toLowerCase())
    .superRefine((value, ctx) => {
      if (value.length > max) issue(ctx, 'too_long', { max });
      // RFC 5321: at most 64 characters before the @.
      else if (!z.email().safeParse(value).success || value.indexOf('@') > 64) issue(ctx, 'email');
    });
}

/** A profile address: https only, no credentials in it, a real host. */
export function httpsUrl(max = 500) {
  return text(max, 'identifier').superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return issue(ctx, 'url');
    }
    if (url.protocol !== 'https:' || !url.hostname.includes('.') || url.username || url.password) issue(ctx, 'url');
  });
}

/**
 * A phone number's shape (digits, spaces, brackets, dashes, an optional leading +, at least six
 * digits); whether it is a real number of a region is judged in main with libphonenumber-js and the
 * institution's country.
 */
export const phoneShape = text(30, 'identifier').superRefine((value, ctx) => {
  if (!/^\+?[0-9 ()-]+$/.test(value) || (value.match(/[0-9]/g) ?? []).length < 6) issue(ctx, 'phone');
});

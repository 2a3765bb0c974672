import type { AppError } from '../../shared/result';

/** Recovery codes as platforms print them: one or two per line, numbered or not, grouped with spaces or dashes. */
const MIN_LENGTH = 6;
const MAX_LENGTH = 64;
export const MAX_CODES = 50;
/** Fewer than this many unused codes left, the account page warns. */
export const LOW_CODES = 3;

const NUMBERING = /^(?:\d{1,2}[.)]\s*|\d{1,2}\s*[-:]\s+|#\d{1,2}\s+)/;

/**
 * Reads a pasted block into codes: tokens are split on new lines, commas, semicolons, tabs or two
 * or more spaces; a leading "1." / "2)" / "#3" is dropped; single spaces and dashes inside a code
 * are grouping and are removed. Duplicates are kept once. Every problem names the offending line.
 */
export function parseRecoveryCodes(block: string): { codes: string[] } | AppError {
  const codes: string[] = [];
  const lines = block.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    for (const token of line.split(/[,;\t]|\s{2,}/)) {
      const trimmed = token.trim().replace(NUMBERING, '');
      if (!trimmed) continue;
      const code = trimmed.replace(/[\s-]/g, '');
      if (!/^[A-Za-z0-9]+$/.test(code)) return { code: 'RECOVERY_CODES_INVALID', details: { reason: 'characters', line: index + 1 } };
      if (code.length < MIN_LENGTH || code.length > MAX_LENGTH)
        return { code: 'RECOVERY_CODES_INVALID', details: { reason: 'length', line: index + 1, min: MIN_LENGTH, max: MAX_LENGTH } };
      if (!codes.includes(code)) codes.push(code);
    }
  }
  if (codes.length === 0) return { code: 'RECOVERY_CODES_INVALID', details: { reason: 'empty' } };
  if (codes.length > MAX_CODES) return { code: 'RECOVERY_CODES_INVALID', details: { reason: 'too_many', max: MAX_CODES } };
  return { codes };
}

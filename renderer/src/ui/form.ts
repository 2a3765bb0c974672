import type { FieldError } from 'react-hook-form';
import type { z } from 'zod';
import type { AppError, DetailValue } from '../../../shared/result';
import { isMessageKey, type MessageKey } from '../i18n/keys';

/**
 * What a form field says when the shared schema refuses it. The form's own schemas carry message
 * keys ('form.mismatch'); shared/input.ts's text rules carry a reason ('required', 'too_long'); zod's
 * built-in checks carry English sentences, which people never see.
 */
export function fieldMessage(error: FieldError | undefined): MessageKey | undefined {
  if (!error) return undefined;
  const message = error.message ?? '';
  if (message.startsWith('form.') && isMessageKey(message)) return message;
  if (message === 'required' || error.type === 'too_small') return 'form.required';
  if (message === 'too_long' || error.type === 'too_big') return 'form.tooLong';
  return 'form.invalid';
}

/**
 * A form the shared schema refuses here, as the refusal main would have sent for the same values
 * (INVALID_REQUEST naming the field and why, main/ipc/handlers.ts), so that the person reads the
 * same sentence whichever side caught it.
 */
export function refusalOf(schema: z.ZodType, values: unknown): AppError {
  const issue = schema.safeParse(values).error?.issues[0];
  if (!issue) return { code: 'INVALID_REQUEST', details: { reason: 'invalid' } };
  const field = [...issue.path].reverse().find((segment) => typeof segment === 'string') ?? '';
  const params = issue.code === 'custom' ? (issue.params as { reason?: unknown; max?: unknown } | undefined) : undefined;
  let details: Record<string, DetailValue> = { field, reason: 'invalid' };
  if (typeof params?.reason === 'string') details = { field, reason: params.reason, ...(typeof params.max === 'number' ? { max: params.max } : {}) };
  else if (issue.code === 'too_big' && issue.origin === 'string') details = { field, reason: 'too_long', max: Number(issue.maximum) };
  else if (issue.code === 'too_small' && issue.origin === 'string') details = { field, reason: 'required' };
  return { code: 'INVALID_REQUEST', details };
}

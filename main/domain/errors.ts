import type { AppError, DetailValue, ErrorCode, RuleId } from '../../shared/result';

/**
 * The one exception type that services throw for a refusal. Its message is the code only:
 * details are structured and never carry a secret, so logging it is safe.
 */
export class CustodiaError extends Error {
  readonly code: ErrorCode;
  readonly rule: RuleId | undefined;
  readonly details: Record<string, DetailValue> | undefined;

  constructor(code: ErrorCode, details?: Record<string, DetailValue>, rule?: RuleId) {
    super(code);
    this.name = 'CustodiaError';
    this.code = code;
    this.details = details;
    this.rule = rule;
  }

  toAppError(): AppError {
    return {
      code: this.code,
      ...(this.rule ? { rule: this.rule } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

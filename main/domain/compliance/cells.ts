import type { ComplianceCell, ComplianceFix, ComplianceReason, ComplianceReasonCode, ComplianceState } from '../../../shared/compliance';
import type { RuleId } from '../../../shared/rules';

/** One thing found wrong (or at risk) with a rule: amber or red, with its reason. */
export interface Finding {
  state: 'amber' | 'red';
  reason: ComplianceReason;
}

export const red = (code: ComplianceReasonCode, params?: ComplianceReason['params']): Finding => ({
  state: 'red',
  reason: params ? { code, params } : { code },
});
export const amber = (code: ComplianceReasonCode, params?: ComplianceReason['params']): Finding => ({
  state: 'amber',
  reason: params ? { code, params } : { code },
});

/** A judged cell: green when nothing was found, otherwise the worst finding's state, every reason, and where to fix it. */
export function judged<R extends RuleId>(rule: R, findings: readonly (Finding | null | false)[], fix: ComplianceFix): ComplianceCell<R> {
  const found = findings.filter((f): f is Finding => Boolean(f));
  if (found.length === 0) return { rule, state: 'green', reasons: [], fix: null };
  const state: ComplianceState = found.some((f) => f.state === 'red') ? 'red' : 'amber';
  return { rule, state, reasons: found.map((f) => f.reason), fix };
}

export const notApplicable = <R extends RuleId>(rule: R, code: ComplianceReasonCode): ComplianceCell<R> => ({
  rule,
  state: 'not_applicable',
  reasons: [{ code }],
  fix: null,
});

/** The facts are not recorded by this vault yet: said, never green. */
export const notEvaluated = <R extends RuleId>(rule: R): ComplianceCell<R> => ({
  rule,
  state: 'not_evaluated',
  reasons: [reasonOf('not_recorded_yet')],
  fix: null,
});

function reasonOf(code: ComplianceReasonCode): ComplianceReason {
  return { code };
}

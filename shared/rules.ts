/**
 * The rule catalogue: every id of docs/rules.md, in its order. Code, errors (`AppError.rule`),
 * tests and reports cite these ids and nothing else (`RuleId` in ./result.ts is this list's type);
 * test/unit/docs.test.ts keeps this list and the document equal.
 */
export const RULE_IDS = [
  // Passwords
  'POL-1', 'POL-2', 'POL-3', 'POL-4', 'POL-5', 'POL-6',
  // Account security
  'SEC-1', 'SEC-2', 'SEC-3', 'SEC-4',
  // People and roles
  'ROLE-1', 'ROLE-2', 'ROLE-3', 'ROLE-4', 'ROLE-5',
  // Lifecycle (alta, modificación, baja)
  'LIFE-1', 'LIFE-2', 'LIFE-3', 'LIFE-4',
  // Handover and departures
  'HAND-1', 'HAND-2', 'HAND-3',
  // Supervision
  'SUP-1', 'SUP-2', 'SUP-3', 'SUP-4',
] as const;

import { describe, expect, it } from 'vitest';
import { ACCOUNT_RULES, type AccountRuleId, type ComplianceReasonCode, type ComplianceState } from '../../../../shared/compliance';
import { judgeAccount, type AccountFacts, type InstitutionFacts } from '../../../../main/domain/compliance';
import { ACCOUNT_ID, INSTITUTION, OTHER_ID, PERSON_ID, okAccount } from './facts.fixture';

const cellOf = (rule: AccountRuleId, f: AccountFacts, i: InstitutionFacts = INSTITUTION) => judgeAccount(f, i).find((c) => c.rule === rule)!;

type Case = [
  rule: AccountRuleId,
  what: string,
  change: Partial<AccountFacts>,
  state: ComplianceState,
  reason: ComplianceReasonCode | null,
  i?: InstitutionFacts,
];

const teamAdmin = { personId: OTHER_ID, admin: true, function: 'community_manager', link: 'permanent', hasAgreement: false, contactOk: false } as const;

/** Each rule id with a passing and at least one failing case (issue 17's acceptance: a table per compliance rule). */
const CASES: Case[] = [
  ['POL-1', 'checked under the minimum in force', {}, 'green', null],
  [
    'POL-1',
    'minimum raised after its authorization',
    {},
    'amber',
    'min_length_raised',
    { ...INSTITUTION, minLengthRaised: { at: '2026-06-12T00:00:00.000Z', from: 16, to: 20 } },
  ],
  [
    'POL-1',
    'minimum raised before its authorization',
    {},
    'green',
    null,
    { ...INSTITUTION, minLengthRaised: { at: '2026-06-01T00:00:00.000Z', from: 16, to: 20 } },
  ],
  ['POL-1', 'changed outside Custodia', { outsideChanges: 1 }, 'red', 'changed_outside'],
  ['POL-1', 'no password yet', { current: null }, 'not_applicable', 'no_password'],
  ['POL-2', 'through the workflow', {}, 'green', null],
  ['POL-2', 'not through both signatures', { current: { authorizedAt: '2026-06-10T14:00:00.000Z', cosigned: false, reused: false } }, 'red', 'not_cosigned'],
  ['POL-3', 'a fingerprint of its own', {}, 'green', null],
  ['POL-3', 'the fingerprint of another version', { current: { authorizedAt: '2026-06-10T14:00:00.000Z', cosigned: true, reused: true } }, 'red', 'reused'],
  ['POL-4', 'within its interval', {}, 'green', null],
  ['POL-4', 'overdue', { deadline: { status: 'overdue', dueAt: '2026-06-01T00:00:00.000Z', applyLate: false } }, 'red', 'overdue'],
  ['POL-4', 'due soon', { deadline: { status: 'due_soon', dueAt: '2026-06-16T00:00:00.000Z', applyLate: false } }, 'amber', 'due_soon'],
  ['POL-4', 'no password applied', { current: null, deadline: { status: 'missing', dueAt: null, applyLate: false } }, 'red', 'no_password'],
  [
    'POL-4',
    'authorized but not applied in its window',
    { deadline: { status: 'ok', dueAt: '2026-06-25T14:00:00.000Z', applyLate: true } },
    'amber',
    'apply_late',
  ],
  ['POL-4', 'a recipient not notified of the change', { recipients: { total: 3, notified: 1, refusedChannel: 0 } }, 'amber', 'recipients_not_notified'],
  ['POL-5', 'every version co-signed', {}, 'green', null],
  ['POL-5', 'a version without both signatures', { versionsNotCosigned: 1 }, 'red', 'not_cosigned'],
  ['POL-5', 'a change recorded as made outside Custodia', { outsideChanges: 2 }, 'red', 'changed_outside'],
  ['POL-6', 'delivered through accepted channels', {}, 'green', null],
  ['POL-6', 'a delivery through another channel', { recipients: { total: 1, notified: 1, refusedChannel: 1 } }, 'red', 'channel_refused'],
  ['POL-6', 'nobody receives it', { recipients: { total: 0, notified: 0, refusedChannel: 0 } }, 'not_applicable', 'no_recipients'],
  ['SEC-1', 'two-step on for it and its mailbox', {}, 'green', null],
  ['SEC-1', 'two-step off', { twoStep: { ...okAccount().twoStep, method: 'none' } }, 'red', 'two_step_off'],
  ['SEC-1', 'two-step not recorded', { twoStep: { ...okAccount().twoStep, method: null } }, 'amber', 'two_step_unknown'],
  ['SEC-1', 'the linked mailbox without it', { twoStep: { ...okAccount().twoStep, linkedEmail: { method: 'none' } } }, 'red', 'linked_email_two_step'],
  ['SEC-2', 'a handle with an institutional mailbox', {}, 'green', null],
  ['SEC-2', 'a free-provider login', { login: 'free_provider' }, 'red', 'login_free_provider'],
  ['SEC-2', 'a mailbox outside the institution', { linkedLogin: 'not_institutional' }, 'red', 'login_not_institutional'],
  ['SEC-2', 'no e-mail on record at all', { login: 'not_email', linkedLogin: null }, 'amber', 'no_institutional_email'],
  ['SEC-2', 'a mailbox account without an address', { kind: 'linked_email', login: 'none', linkedLogin: null }, 'red', 'login_not_institutional'],
  ['SEC-3', 'an institution phone held by the administrator', {}, 'green', null],
  [
    'SEC-3',
    'a personal phone',
    { twoStep: { ...okAccount().twoStep, recoveryDevice: { institutionOwned: false, holderRole: 'administrator' } } },
    'red',
    'recovery_phone_personal',
  ],
  [
    'SEC-3',
    'held by the head',
    { twoStep: { ...okAccount().twoStep, recoveryDevice: { institutionOwned: true, holderRole: 'head' } } },
    'red',
    'recovery_phone_holder',
  ],
  ['SEC-3', 'a recovery e-mail outside the institution', { twoStep: { ...okAccount().twoStep, recoveryEmailInstitutional: false } }, 'red', 'recovery_email'],
  ['SEC-3', 'no recovery phone recorded', { twoStep: { ...okAccount().twoStep, recoveryDevice: null } }, 'amber', 'recovery_phone_missing'],
  ['SEC-4', 'verified', {}, 'green', null],
  ['SEC-4', 'requested', { verification: 'requested' }, 'green', null],
  ['SEC-4', 'not requested', { verification: 'not_requested' }, 'amber', 'verification_not_requested'],
  ['SEC-4', 'not recorded by this vault', { verification: null }, 'not_evaluated', 'not_recorded_yet'],
  ['ROLE-1', 'the administrator alone holds admin', {}, 'green', null],
  ['ROLE-1', 'a community manager holds admin', { holders: [teamAdmin] }, 'red', 'admin_not_reserved'],
  [
    'ROLE-1',
    'two account administrators hold admin',
    { holders: [okAccount().holders[0]!, { ...okAccount().holders[0]!, personId: OTHER_ID }] },
    'red',
    'admin_function_repeated',
  ],
  ['ROLE-1', 'no roles recorded', { holders: [] }, 'not_applicable', 'no_roles'],
  ['ROLE-2', 'the team holds editor or lower', {}, 'green', null],
  ['ROLE-2', 'a team member holds admin', { holders: [teamAdmin] }, 'red', 'team_admin'],
  ['ROLE-3', 'the admin holder is permanent', {}, 'green', null],
  ['ROLE-3', 'a contracted admin holder', { holders: [{ ...okAccount().holders[0]!, link: 'contracted' }] }, 'red', 'admin_not_permanent'],
  ['ROLE-4', 'holders are direct staff', {}, 'green', null],
  [
    'ROLE-4',
    'an outsourced holder without agreement',
    { holders: [{ ...okAccount().holders[1]!, link: 'outsourced', contactOk: true }] },
    'red',
    'agreement_missing',
  ],
  [
    'ROLE-4',
    'a volunteer without internal contact',
    { holders: [{ ...okAccount().holders[1]!, link: 'volunteer', hasAgreement: true }] },
    'red',
    'contact_missing',
  ],
  ['ROLE-5', 'nobody but administrators has the password', {}, 'green', null],
  ['ROLE-5', 'a community manager holds the password', { sharedWith: 1 }, 'red', 'shared_password'],
  ['ROLE-5', 'a single-user platform', { platform: 'flickr', sharedWith: 1 }, 'not_applicable', 'single_user_platform'],
  ['LIFE-1', 'alta authorized with Formulario A', {}, 'green', null],
  ['LIFE-1', 'registered without Formulario A', { lifecycle: { alta: 'without_form', decommissioning: false } }, 'amber', 'no_formulario_a'],
  ['LIFE-1', 'alta waiting for the head', { lifecycle: { alta: 'pending', decommissioning: false } }, 'amber', 'alta_pending'],
  ['LIFE-1', 'not recorded by this vault', { lifecycle: null }, 'not_evaluated', 'not_recorded_yet'],
  ['LIFE-2', 'support account within its dates', { kind: 'support', support: { start: '2026-01-01', end: '2026-12-31' } }, 'green', null],
  ['LIFE-2', 'support account past its end', { kind: 'support', support: { start: '2026-01-01', end: '2026-06-14' } }, 'red', 'support_past_end'],
  ['LIFE-2', 'support account ending today', { kind: 'support', support: { start: '2026-01-01', end: '2026-06-15' } }, 'amber', 'support_ends_soon'],
  ['LIFE-2', 'support account without dates', { kind: 'support', support: { start: '2026-01-01', end: null } }, 'red', 'support_dates_missing'],
  ['LIFE-2', 'a principal account', {}, 'not_applicable', 'not_support'],
  ['LIFE-3', 'no baja in progress', {}, 'not_applicable', 'not_archived'],
  ['LIFE-3', 'a baja in progress', { lifecycle: { alta: 'authorized', decommissioning: true } }, 'amber', 'baja_in_progress'],
  ['LIFE-4', 'its creation authorized', {}, 'green', null],
  ['LIFE-4', 'its creation not authorized', { lifecycle: { alta: 'without_form', decommissioning: false } }, 'amber', 'no_formulario_a'],
  ['HAND-1', 'no handover open', {}, 'not_applicable', 'no_handover'],
  ['HAND-1', 'handover items left on it', { handover: { handoverId: PERSON_ID, openItems: 3 } }, 'amber', 'handover_open'],
  ['HAND-1', 'handover done on it', { handover: { handoverId: PERSON_ID, openItems: 0 } }, 'green', null],
  ['HAND-2', 'nobody leaving holds a role', {}, 'green', null],
  ['HAND-2', 'someone leaving still holds one', { leavingHolders: [{ personId: OTHER_ID, overdue: false }] }, 'amber', 'leaving_holds_role'],
  ['HAND-2', 'someone gone still holds one', { leavingHolders: [{ personId: OTHER_ID, overdue: true }] }, 'red', 'leaving_holds_role'],
  ['HAND-3', 'nothing in force was shown to anyone leaving', {}, 'green', null],
  ['HAND-3', 'shown to someone leaving', { leavingExposed: [{ personId: OTHER_ID, overdue: false }] }, 'amber', 'exposed_to_leaving'],
  ['HAND-3', 'shown to a revoked keyholder', { retiredExposed: 1 }, 'red', 'exposed_to_retired'],
  ['SUP-2', 'no open incident', {}, 'green', null],
  ['SUP-2', 'an incident open', { incidents: { open: 1, overdue: 0, incidentId: ACCOUNT_ID } }, 'amber', 'incident_open'],
  ['SUP-2', 'an incident past its time', { incidents: { open: 1, overdue: 1, incidentId: ACCOUNT_ID } }, 'red', 'incident_overdue'],
  ['SUP-2', 'not recorded by this vault', { incidents: null }, 'not_evaluated', 'not_recorded_yet'],
];

describe('the accounts matrix, rule by rule', () => {
  it.each(CASES)('%s: %s → %s', (rule, _what, change, state, reason, institution) => {
    const cell = cellOf(rule, okAccount(change), institution);
    expect(cell.state).toBe(state);
    if (reason === null) expect(cell.reasons).toEqual([]);
    else expect(cell.reasons.map((r) => r.code)).toContain(reason);
    // A cell to act on says where; a green, not-applicable or not-evaluated one points nowhere.
    if (state === 'red' || state === 'amber') expect(cell.fix).not.toBeNull();
    else expect(cell.fix).toBeNull();
  });

  it('every column has a passing and a failing case above', () => {
    for (const rule of ACCOUNT_RULES) {
      const states = CASES.filter((c) => c[0] === rule).map((c) => c[3]);
      expect(
        states.some((s) => s === 'green' || s === 'not_applicable'),
        rule,
      ).toBe(true);
      expect(
        states.some((s) => s === 'red' || s === 'amber' || s === 'not_evaluated'),
        rule,
      ).toBe(true);
    }
  });

  it('the account that meets everything is green or not applicable in every column, in the order of rules.md', () => {
    const cells = judgeAccount(okAccount(), INSTITUTION);
    expect(cells.map((c) => c.rule)).toEqual([...ACCOUNT_RULES]);
    expect(cells.filter((c) => c.state !== 'green' && c.state !== 'not_applicable')).toEqual([]);
  });

  it('a cell keeps every reason and takes the worst state (POL-4: overdue and not notified)', () => {
    const cell = cellOf(
      'POL-4',
      okAccount({
        deadline: { status: 'overdue', dueAt: '2026-06-01T00:00:00.000Z', applyLate: false },
        recipients: { total: 2, notified: 0, refusedChannel: 0 },
      }),
    );
    expect(cell).toMatchObject({ state: 'red', fix: { screen: 'account', accountId: ACCOUNT_ID, section: 'password' } });
    expect(cell.reasons).toEqual([
      { code: 'overdue', params: { dueAt: '2026-06-01T00:00:00.000Z' } },
      { code: 'recipients_not_notified', params: { count: 2 } },
    ]);
  });

  it('ROLE-4 leads to the record of the person it names (PERSON-side fix)', () => {
    const cell = cellOf(
      'ROLE-4',
      okAccount({ holders: [{ personId: PERSON_ID, admin: false, function: 'community_manager', link: 'intern', hasAgreement: false, contactOk: true }] }),
    );
    expect(cell.fix).toEqual({ screen: 'personRecord', personId: PERSON_ID });
  });
});

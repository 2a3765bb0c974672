import { describe, expect, it } from 'vitest';
import { PERSON_RULES, type ComplianceReasonCode, type ComplianceState, type PersonRuleId } from '../../../../shared/compliance';
import { classifyLogin, countCells, judgeAccount, judgePerson, life3Archived, type PersonFacts } from '../../../../main/domain/compliance';
import { ACCOUNT_ID, INSTITUTION, PERSON_ID, okAccount, okPerson } from './facts.fixture';

const cellOf = (rule: PersonRuleId, p: PersonFacts) => judgePerson(p).find((c) => c.rule === rule)!;
type Case = [rule: PersonRuleId, what: string, change: Partial<PersonFacts>, state: ComplianceState, reason: ComplianceReasonCode | null];

const manager: Partial<PersonFacts> = {
  function: 'community_manager',
  keyholderRole: null,
  grants: [{ accountId: ACCOUNT_ID, admin: false, functionRepeated: false }],
};

const CASES: Case[] = [
  ['ROLE-1', 'the administrator holds admin', {}, 'green', null],
  [
    'ROLE-1',
    'a designer holds admin',
    { function: 'designer', grants: [{ accountId: ACCOUNT_ID, admin: true, functionRepeated: false }] },
    'red',
    'admin_not_reserved',
  ],
  [
    'ROLE-1',
    'another administrator holds admin on the same account',
    { grants: [{ accountId: ACCOUNT_ID, admin: true, functionRepeated: true }] },
    'red',
    'admin_function_repeated',
  ],
  ['ROLE-1', 'no admin-level role', { ...manager }, 'not_applicable', 'no_roles'],
  ['ROLE-2', 'a community manager with an editor role', { ...manager }, 'green', null],
  [
    'ROLE-2',
    'a community manager with an admin role',
    { ...manager, grants: [{ accountId: ACCOUNT_ID, admin: true, functionRepeated: false }] },
    'red',
    'team_admin',
  ],
  ['ROLE-2', 'the account administrator', {}, 'not_applicable', 'not_admin_platform'],
  ['ROLE-3', 'a permanent administrator', {}, 'green', null],
  ['ROLE-3', 'a contracted administrator', { link: 'contracted' }, 'red', 'admin_not_permanent'],
  ['ROLE-3', 'an administrator keyholder without Formulario B', { complete: false, function: null, link: null, grants: [] }, 'amber', 'formulario_b_missing'],
  ['ROLE-3', 'a community manager without admin roles', { ...manager }, 'not_applicable', 'no_roles'],
  ['ROLE-4', 'an outsourced manager with agreement and contact', { ...manager, link: 'outsourced', hasAgreement: true, contactOk: true }, 'green', null],
  ['ROLE-4', 'an outsourced manager with a role and no agreement', { ...manager, link: 'outsourced', contactOk: true }, 'red', 'agreement_missing'],
  [
    'ROLE-4',
    'an intern holding nothing yet, no contact',
    { ...manager, link: 'intern', hasAgreement: true, grants: [], exposedCurrent: false },
    'amber',
    'contact_missing',
  ],
  ['ROLE-4', 'permanent staff', {}, 'not_applicable', 'direct_staff'],
  ['ROLE-5', 'holds no shared password', {}, 'green', null],
  ['ROLE-5', 'holds the password of a multi-user account', { ...manager, sharedPasswords: [{ accountId: ACCOUNT_ID }] }, 'red', 'shared_password'],
  ['LIFE-4', 'Formulario B on record', {}, 'green', null],
  ['LIFE-4', 'known only by name', { complete: false }, 'amber', 'formulario_b_missing'],
  ['HAND-1', 'no handover', {}, 'not_applicable', 'no_handover'],
  ['HAND-1', 'outgoing with items left', { handover: { handoverId: ACCOUNT_ID, left: 4 } }, 'amber', 'handover_open'],
  ['HAND-1', 'handover with nothing left', { handover: { handoverId: ACCOUNT_ID, left: 0 } }, 'green', null],
  ['HAND-2', 'leaving, removed everywhere', { departure: { overdue: true, roleItems: 0, exposureItems: 2 } }, 'green', null],
  ['HAND-2', 'leaving, roles still held', { departure: { overdue: false, roleItems: 2, exposureItems: 0 } }, 'amber', 'departure_open'],
  ['HAND-2', 'gone, roles still held', { departure: { overdue: true, roleItems: 1, exposureItems: 0 } }, 'red', 'departure_overdue'],
  ['HAND-2', 'not leaving', {}, 'not_applicable', 'not_leaving'],
  ['HAND-3', 'leaving, everything rotated', { departure: { overdue: true, roleItems: 1, exposureItems: 0 } }, 'green', null],
  ['HAND-3', 'gone, a password still in force', { departure: { overdue: true, roleItems: 0, exposureItems: 1 } }, 'red', 'departure_overdue'],
];

describe('the people matrix, rule by rule', () => {
  it.each(CASES)('%s: %s → %s', (rule, _what, change, state, reason) => {
    const cell = cellOf(rule, okPerson(change));
    expect(cell.state).toBe(state);
    if (reason === null) expect(cell.reasons).toEqual([]);
    else expect(cell.reasons.map((r) => r.code)).toContain(reason);
    if (state === 'red' || state === 'amber') expect(cell.fix).not.toBeNull();
  });

  it('every column has a passing and a failing case above', () => {
    for (const rule of PERSON_RULES) {
      const states = CASES.filter((c) => c[0] === rule).map((c) => c[3]);
      expect(
        states.some((s) => s === 'green' || s === 'not_applicable'),
        rule,
      ).toBe(true);
      expect(
        states.some((s) => s === 'red' || s === 'amber'),
        rule,
      ).toBe(true);
    }
  });

  it('ROLE-4 and LIFE-4 lead to the Formulario B; HAND-1 to the handover', () => {
    expect(cellOf('ROLE-4', okPerson({ ...manager, link: 'volunteer' })).fix).toEqual({ screen: 'personRecord', personId: PERSON_ID });
    expect(cellOf('HAND-1', okPerson({ handover: { handoverId: ACCOUNT_ID, left: 1 } })).fix).toEqual({ screen: 'handover', handoverId: ACCOUNT_ID });
  });
});

describe('LIFE-3 on an archived account', () => {
  it('green when its last password was the baja’s', () => expect(life3Archived(ACCOUNT_ID, 'decommission')).toMatchObject({ rule: 'LIFE-3', state: 'green' }));
  it.each(['scheduled', null])('red when the last password was %s', (reason) =>
    expect(life3Archived(ACCOUNT_ID, reason)).toMatchObject({ state: 'red', reasons: [{ code: 'archived_without_rotation' }] }),
  );
});

describe('SEC-2: a login as the entry check judges it', () => {
  const domains = ['zafiroquinta.gob.pe'];
  it.each([
    [null, 'none'],
    ['@ZafiroquintaOficial', 'not_institutional'],
    ['ZafiroquintaOficial', 'not_email'],
    ['prensa@zafiroquinta.gob.pe', 'institutional'],
    ['prensa@sub.zafiroquinta.gob.pe', 'institutional'],
    ['prensa@gmail.com', 'free_provider'],
    ['prensa@yahoo.com.pe', 'free_provider'],
    ['prensa@otra.gob.pe', 'not_institutional'],
  ] as const)('%s → %s', (login, expected) => expect(classifyLogin(login, domains)).toBe(expected));
});

describe('counts', () => {
  it('red and amber cells, and rows with a red cell, on both sides', () => {
    const accounts = [
      { cells: judgeAccount(okAccount(), INSTITUTION) },
      { cells: judgeAccount(okAccount({ sharedWith: 2, deadline: { status: 'due_soon', dueAt: '2026-06-16T00:00:00.000Z', applyLate: false } }), INSTITUTION) },
    ];
    const people = [{ cells: judgePerson(okPerson({ complete: false })) }];
    expect(countCells(accounts, people)).toEqual({ red: 1, amber: 2, accountsRed: 1, peopleRed: 0 });
  });
});

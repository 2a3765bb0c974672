import { ACCOUNT_RULES, PERSON_RULES, type AccountRuleId, type ComplianceCell, type ComplianceCounts, type PersonRuleId } from '../../../shared/compliance';
import type { AccountFacts, InstitutionFacts, PersonFacts } from './facts';
import {
  hand1Account,
  hand1Person,
  hand2Account,
  hand2Person,
  hand3Account,
  hand3Person,
  life1,
  life2,
  life3,
  life4Account,
  life4Person,
  sup2,
} from './lifecycle';
import { pol1, pol2, pol3, pol4, pol5, pol6 } from './passwords';
import { role1Account, role1Person, role2Account, role2Person, role3Account, role3Person, role4Account, role4Person, role5Account, role5Person } from './roles';
import { sec1, sec2, sec3, sec4 } from './security';

export { classifyLogin, SUP2_ACT_WITHIN_HOURS, type AccountFacts, type HolderFacts, type InstitutionFacts, type LoginClass, type PersonFacts } from './facts';
export { life3Archived } from './lifecycle';

/** Each column of the accounts matrix and the rule that judges it (a column without one does not compile). */
const ACCOUNT_JUDGES: { [R in AccountRuleId]: (f: AccountFacts, i: InstitutionFacts) => ComplianceCell<R> } = {
  'POL-1': pol1,
  'POL-2': pol2,
  'POL-3': pol3,
  'POL-4': pol4,
  'POL-5': pol5,
  'POL-6': pol6,
  'SEC-1': sec1,
  'SEC-2': sec2,
  'SEC-3': sec3,
  'SEC-4': sec4,
  'ROLE-1': role1Account,
  'ROLE-2': role2Account,
  'ROLE-3': role3Account,
  'ROLE-4': role4Account,
  'ROLE-5': role5Account,
  'LIFE-1': life1,
  'LIFE-2': life2,
  'LIFE-3': life3,
  'LIFE-4': life4Account,
  'HAND-1': hand1Account,
  'HAND-2': hand2Account,
  'HAND-3': hand3Account,
  'SUP-2': sup2,
};

const PERSON_JUDGES: { [R in PersonRuleId]: (p: PersonFacts) => ComplianceCell<R> } = {
  'ROLE-1': role1Person,
  'ROLE-2': role2Person,
  'ROLE-3': role3Person,
  'ROLE-4': role4Person,
  'ROLE-5': role5Person,
  'LIFE-4': life4Person,
  'HAND-1': hand1Person,
  'HAND-2': hand2Person,
  'HAND-3': hand3Person,
};

/** One account's row: every column, in ACCOUNT_RULES' order. */
export const judgeAccount = (f: AccountFacts, i: InstitutionFacts): ComplianceCell<AccountRuleId>[] => ACCOUNT_RULES.map((rule) => ACCOUNT_JUDGES[rule](f, i));

export const judgePerson = (p: PersonFacts): ComplianceCell<PersonRuleId>[] => PERSON_RULES.map((rule) => PERSON_JUDGES[rule](p));

/** Red and amber cells, and rows with a red cell, over both matrices. */
export function countCells(rows: readonly { cells: readonly ComplianceCell[] }[], people: readonly { cells: readonly ComplianceCell[] }[]): ComplianceCounts {
  const counts: ComplianceCounts = { red: 0, amber: 0, accountsRed: 0, peopleRed: 0 };
  const tally = (list: readonly { cells: readonly ComplianceCell[] }[], key: 'accountsRed' | 'peopleRed') => {
    for (const row of list) {
      let anyRed = false;
      for (const c of row.cells) {
        if (c.state === 'red') {
          counts.red += 1;
          anyRed = true;
        } else if (c.state === 'amber') counts.amber += 1;
      }
      if (anyRed) counts[key] += 1;
    }
  };
  tally(rows, 'accountsRed');
  tally(people, 'peopleRed');
  return counts;
}

import type { ComplianceCell, ComplianceFix } from '../../../shared/compliance';
import { twoStepFindings } from '../two-step';
import { amber, judged, notApplicable, notEvaluated, red, type Finding } from './cells';
import type { AccountFacts, LoginClass } from './facts';

/** SEC-1..SEC-4 for one account: the second step, the institutional login, the recovery contacts, the platform's verification. */
const twoStep = (f: AccountFacts): ComplianceFix => ({ screen: 'account', accountId: f.accountId, section: 'two-step' });

/** SEC-1 and SEC-3's phone findings as the account's two-step section judges them (main/domain/two-step.ts); the recovery e-mail comes judged. */
function findings(f: AccountFacts) {
  const { method, linkedEmail, recoveryDevice } = f.twoStep;
  return twoStepFindings({ method, linkedEmail, recoveryDevice, recoveryEmail: null, institutionDomains: [] });
}

/** SEC-1 (Congreso 6.2.1): two-step verification on for the account and its linked e-mail. */
export function sec1(f: AccountFacts): ComplianceCell<'SEC-1'> {
  const found = findings(f).filter((x) => x.rule === 'SEC-1');
  return judged(
    'SEC-1',
    found.map((x) => (x.reason === 'unknown' ? amber('two_step_unknown') : x.reason === 'none' ? red('two_step_off') : red('linked_email_two_step'))),
    twoStep(f),
  );
}

const loginFinding = (c: LoginClass, which: 'login' | 'linked'): Finding | null =>
  c === 'free_provider' ? red('login_free_provider', { which }) : c === 'not_institutional' ? red('login_not_institutional', { which }) : null;

/** SEC-2 (Congreso 6.2.2; MITIC 6.1.1.I): the login or linked e-mail is institutional, judged again with today's domains. */
export function sec2(f: AccountFacts): ComplianceCell<'SEC-2'> {
  const fix: ComplianceFix = { screen: 'account', accountId: f.accountId, section: 'summary' };
  const hasEmail = f.login === 'institutional' || f.linkedLogin === 'institutional';
  return judged(
    'SEC-2',
    [
      loginFinding(f.login, 'login'),
      f.linkedLogin && loginFinding(f.linkedLogin, 'linked'),
      f.kind === 'linked_email' &&
        f.login !== 'institutional' &&
        f.login !== 'free_provider' &&
        f.login !== 'not_institutional' &&
        red('login_not_institutional', { which: 'login' }),
      f.kind !== 'linked_email' && !hasEmail && f.login !== 'free_provider' && f.login !== 'not_institutional' && amber('no_institutional_email'),
    ],
    fix,
  );
}

/** SEC-3 (Congreso 6.2.3; MITIC 6.1.1.I): an institution phone held by the administrator; any recovery e-mail institutional. */
export function sec3(f: AccountFacts): ComplianceCell<'SEC-3'> {
  const found = findings(f).filter((x) => x.rule === 'SEC-3');
  return judged(
    'SEC-3',
    [
      f.twoStep.recoveryDevice === null && amber('recovery_phone_missing'),
      ...found.map((x) => (x.reason === 'personal_phone' ? red('recovery_phone_personal') : red('recovery_phone_holder'))),
      f.twoStep.recoveryEmailInstitutional === false && red('recovery_email'),
    ],
    twoStep(f),
  );
}

/** SEC-4 (MITIC 6.1.1.I, 6.1.2, 6.1.6): the profile's verification requested from its platform (advice: amber at most). */
export function sec4(f: AccountFacts): ComplianceCell<'SEC-4'> {
  if (f.verification === null) return notEvaluated('SEC-4');
  if (f.kind === 'linked_email') return notApplicable('SEC-4', 'not_admin_platform');
  return judged('SEC-4', [f.verification === 'not_requested' && amber('verification_not_requested')], {
    screen: 'account',
    accountId: f.accountId,
    section: 'summary',
  });
}

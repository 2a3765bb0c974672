import type { ComplianceCell, ComplianceFix } from '../../../shared/compliance';
import { amber, judged, notApplicable, red } from './cells';
import type { AccountFacts, InstitutionFacts } from './facts';

/**
 * POL-1..POL-6 for one account. The password itself is never opened: POL-1 and POL-2 are judged
 * when a version is proposed and again at its authorization (main/services/rotation/password-policy.ts),
 * so what the vault can say now is whether the version in force went through that judgment, under
 * the minimum in force today; POL-3 compares keyed fingerprints.
 */
const password = (f: AccountFacts): ComplianceFix => ({ screen: 'account', accountId: f.accountId, section: 'password' });

const outside = (f: AccountFacts) => f.outsideChanges !== null && f.outsideChanges > 0 && red('changed_outside', { count: f.outsideChanges });

/** POL-1 (Congreso 6.2.4): checked under the minimum length in force now. */
export function pol1(f: AccountFacts, i: InstitutionFacts): ComplianceCell<'POL-1'> {
  if (!f.current) return notApplicable('POL-1', 'no_password');
  const raised = i.minLengthRaised;
  return judged(
    'POL-1',
    [
      outside(f),
      !f.current.cosigned && red('not_cosigned'),
      raised !== null && raised.at > f.current.authorizedAt && amber('min_length_raised', { from: raised.from, to: raised.to }),
    ],
    password(f),
  );
}

/** POL-2 (Congreso 6.2.4; MITIC 6.1.1.IV): the version in force passed the dictionary, names and years check. */
export function pol2(f: AccountFacts): ComplianceCell<'POL-2'> {
  if (!f.current) return notApplicable('POL-2', 'no_password');
  return judged('POL-2', [outside(f), !f.current.cosigned && red('not_cosigned')], password(f));
}

/** POL-3: no other version of any account shares the fingerprint of the one in force. */
export function pol3(f: AccountFacts): ComplianceCell<'POL-3'> {
  if (!f.current) return notApplicable('POL-3', 'no_password');
  return judged('POL-3', [outside(f), f.current.reused && red('reused')], password(f));
}

/** POL-4 (Congreso 6.2.5): within its rotation interval, applied on time, and everyone who must know it notified. */
export function pol4(f: AccountFacts): ComplianceCell<'POL-4'> {
  const d = f.deadline;
  const notify = f.current !== null && f.recipients.notified < f.recipients.total;
  return judged(
    'POL-4',
    [
      d.status === 'missing' && red('no_password'),
      d.status === 'overdue' && red('overdue', { dueAt: d.dueAt ?? '' }),
      d.status === 'due_soon' && amber('due_soon', { dueAt: d.dueAt ?? '' }),
      d.applyLate && amber('apply_late'),
      notify && amber('recipients_not_notified', { count: f.recipients.total - f.recipients.notified }),
    ],
    notify && d.status === 'ok' && !d.applyLate ? { screen: 'account', accountId: f.accountId, section: 'distribution' } : password(f),
  );
}

/** POL-5 (Congreso 6.2.6; MITIC 6.1.1.III): every version applied with both signatures; none made outside Custodia. */
export function pol5(f: AccountFacts): ComplianceCell<'POL-5'> {
  if (!f.current && f.versionsNotCosigned === 0 && !f.outsideChanges) return notApplicable('POL-5', 'no_password');
  return judged('POL-5', [f.versionsNotCosigned > 0 && red('not_cosigned', { count: f.versionsNotCosigned }), outside(f)], {
    screen: 'account',
    accountId: f.accountId,
    section: 'history',
  });
}

/** POL-6 (Congreso 6.2.7): deliveries only by institutional e-mail or in person. */
export function pol6(f: AccountFacts): ComplianceCell<'POL-6'> {
  if (f.recipients.total === 0 && f.recipients.refusedChannel === 0) return notApplicable('POL-6', 'no_recipients');
  return judged('POL-6', [f.recipients.refusedChannel > 0 && red('channel_refused', { count: f.recipients.refusedChannel })], {
    screen: 'account',
    accountId: f.accountId,
    section: 'distribution',
  });
}

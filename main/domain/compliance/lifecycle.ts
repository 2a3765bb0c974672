import type { ComplianceCell, ComplianceFix } from '../../../shared/compliance';
import { amber, judged, notApplicable, notEvaluated, red } from './cells';
import type { AccountFacts, InstitutionFacts, PersonFacts } from './facts';

/** LIFE-1..LIFE-4, HAND-1..HAND-3 and SUP-2: the account's and the person's lifecycle, handovers, departures and incidents. */
const summary = (f: AccountFacts): ComplianceFix => ({ screen: 'account', accountId: f.accountId, section: 'summary' });

/** LIFE-1 (Congreso 6.1.2; MITIC 6.1.1.I, Formulario A): active only with a written justification approved by the head. */
export function life1(f: AccountFacts): ComplianceCell<'LIFE-1'> {
  if (f.lifecycle === null) return notEvaluated('LIFE-1');
  return judged(
    'LIFE-1',
    [f.lifecycle.alta === 'pending' && amber('alta_pending'), f.lifecycle.alta === 'without_form' && amber('no_formulario_a')],
    summary(f),
  );
}

/** LIFE-2 (MITIC 4, 6.1.2): a support account lives between a start and an end date; past the end it is decommissioned. */
export function life2(f: AccountFacts, i: InstitutionFacts): ComplianceCell<'LIFE-2'> {
  if (f.kind !== 'support') return notApplicable('LIFE-2', 'not_support');
  const { start, end } = f.support;
  if (!start || !end) return judged('LIFE-2', [red('support_dates_missing')], summary(f));
  return judged(
    'LIFE-2',
    [end < i.today && red('support_past_end', { end }), end >= i.today && end <= i.soon && amber('support_ends_soon', { end })],
    summary(f),
  );
}

/** LIFE-3 (MITIC 6.1.4) on an account still in the register: a baja in progress (its password first). */
export function life3(f: AccountFacts): ComplianceCell<'LIFE-3'> {
  if (f.lifecycle === null) return notEvaluated('LIFE-3');
  if (!f.lifecycle.decommissioning) return notApplicable('LIFE-3', 'not_archived');
  return judged('LIFE-3', [amber('baja_in_progress')], { screen: 'account', accountId: f.accountId, section: 'password' });
}

/** LIFE-3 on an archived account: its last password was the baja's («decommission»), changed before the archive. */
export function life3Archived(accountId: string, lastReason: string | null): ComplianceCell<'LIFE-3'> {
  return judged('LIFE-3', [lastReason !== 'decommission' && red('archived_without_rotation')], { screen: 'account', accountId, section: 'history' });
}

/** LIFE-4 (MITIC Anexo II): the profile's creation recorded with the head's authorization (Formulario A). */
export function life4Account(f: AccountFacts): ComplianceCell<'LIFE-4'> {
  if (f.lifecycle === null) return notEvaluated('LIFE-4');
  return judged(
    'LIFE-4',
    [f.lifecycle.alta === 'pending' && amber('alta_pending'), f.lifecycle.alta === 'without_form' && amber('no_formulario_a')],
    summary(f),
  );
}

/** LIFE-4 for a person: their Formulario B on record (a recipient known only by name has none). */
export function life4Person(p: PersonFacts): ComplianceCell<'LIFE-4'> {
  return judged('LIFE-4', [!p.complete && amber('formulario_b_missing')], { screen: 'personRecord', personId: p.personId });
}

/** HAND-1 (MITIC 6.1.1.III): an open handover's items on this account. */
export function hand1Account(f: AccountFacts): ComplianceCell<'HAND-1'> {
  if (f.handover === null) return notApplicable('HAND-1', 'no_handover');
  return judged('HAND-1', [f.handover.openItems > 0 && amber('handover_open', { count: f.handover.openItems })], {
    screen: 'handover',
    handoverId: f.handover.handoverId,
  });
}

/** HAND-2: nobody leaving still holds a role on the account; red once their leaving date has passed. */
export function hand2Account(f: AccountFacts): ComplianceCell<'HAND-2'> {
  const first = f.leavingHolders[0];
  return judged(
    'HAND-2',
    f.leavingHolders.map((h) => (h.overdue ? red('leaving_holds_role') : amber('leaving_holds_role'))),
    first ? { screen: 'person', personId: first.personId } : summary(f),
  );
}

/** HAND-3: nothing in force on the account was shown to someone leaving or to a revoked keyholder. */
export function hand3Account(f: AccountFacts): ComplianceCell<'HAND-3'> {
  const overdue = f.leavingExposed.filter((h) => h.overdue).length;
  const open = f.leavingExposed.length - overdue;
  return judged(
    'HAND-3',
    [
      f.retiredExposed > 0 && red('exposed_to_retired', { count: f.retiredExposed }),
      overdue > 0 && red('exposed_to_leaving', { count: overdue }),
      open > 0 && amber('exposed_to_leaving', { count: open }),
    ],
    { screen: 'account', accountId: f.accountId, section: 'password' },
  );
}

export function hand1Person(p: PersonFacts): ComplianceCell<'HAND-1'> {
  if (p.handover === null) return notApplicable('HAND-1', 'no_handover');
  return judged('HAND-1', [p.handover.left > 0 && amber('handover_open', { count: p.handover.left })], {
    screen: 'handover',
    handoverId: p.handover.handoverId,
  });
}

function departureCell<R extends 'HAND-2' | 'HAND-3'>(rule: R, p: PersonFacts, left: (d: NonNullable<PersonFacts['departure']>) => number): ComplianceCell<R> {
  if (p.departure === null) return notApplicable(rule, 'not_leaving');
  const n = left(p.departure);
  return judged(rule, [n > 0 && (p.departure.overdue ? red('departure_overdue', { count: n }) : amber('departure_open', { count: n }))], {
    screen: 'person',
    personId: p.personId,
  });
}

/** HAND-2: a person leaving is removed from every account (roles, distribution lists, phones returned). */
export const hand2Person = (p: PersonFacts) => departureCell('HAND-2', p, (d) => d.roleItems);
/** HAND-3: what a person leaving could have seen is rotated or replaced. */
export const hand3Person = (p: PersonFacts) => departureCell('HAND-3', p, (d) => d.exposureItems);

/** SUP-2 (MITIC 6.1.1.III, 6.1.6): incidents on the account acted upon at once. */
export function sup2(f: AccountFacts): ComplianceCell<'SUP-2'> {
  if (f.incidents === null) return notEvaluated('SUP-2');
  return judged(
    'SUP-2',
    [
      f.incidents.overdue > 0 && red('incident_overdue', { count: f.incidents.overdue }),
      f.incidents.open > f.incidents.overdue && amber('incident_open', { count: f.incidents.open - f.incidents.overdue }),
    ],
    f.incidents.incidentId ? { screen: 'incident', incidentId: f.incidents.incidentId } : { screen: 'home' },
  );
}

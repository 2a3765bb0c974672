import type { Services } from '../../main/services';
import { appendSyntheticEvents } from '../fixtures/generate';
import { timeRuns } from './measure';

/**
 * monthly_report (issue 17; SUP-3): the month's figures and the compliance summary behind the
 * signed report, in the large vault (`accountIds` × 10 versions, the people, exposures, handover and
 * compliance facts of the figures before it), with at least `events` audit events. The month read
 * is the one in which most versions were applied (the synthetic history spreads them over the
 * months before 2026): each version, its predecessor's due date, the versions in force at the
 * month's end, the requests decided, all checked against the log. The first report after a change
 * checks every row it reads; it is logged apart.
 * n = accounts. Target < 2 s.
 */
export async function monthlyReportFigure(
  services: Services,
  accountIds: readonly string[],
  options: { events: number; runs: number },
  log: (text: string) => void,
): Promise<{ n: number; times: number[] }> {
  const session = services.sessions.require();
  const db = services.vault.require();
  const events = () => db.prepare('SELECT COUNT(*) FROM audit_events').pluck().get() as number;
  appendSyntheticEvents(services, options.events - events());
  const month = db
    .prepare(`SELECT substr(applied_at, 1, 7) FROM credential_versions WHERE applied_at IS NOT NULL GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1`)
    .pluck()
    .get() as string;
  const cold = performance.now();
  const first = services.reports.monthly(session, month);
  log(
    `monthly_report: ${month}, first report after a change ${(performance.now() - cold).toFixed(0)} ms over ${events().toLocaleString('en')} events; ${first.figures.changes.authorized} changes, ${first.figures.rotations.applied} rotations, ${first.compliance.red} red cells`,
  );
  return { n: accountIds.length, times: await timeRuns(options.runs, () => services.reports.monthly(session, month)) };
}

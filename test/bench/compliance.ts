import type { Services } from '../../main/services';
import type { Actor } from '../../main/services/vault/session';
import { keyholderId } from '../fixtures/vault';
import { timeRuns } from './measure';

/**
 * compliance (issue 17; SUP-1): the whole matrix, accounts × rules and people × rules, in the large
 * vault (`accountIds` × 10 versions, the 50 people and exposures of departure_plan, the open
 * handover of handover_plan). Before timing, part of the office records its second step and
 * recovery phone through the service, as the administrator would, so that SEC-1 and SEC-3 judge
 * real rows. The first matrix after a change opens the logins (SEC-2) and checks every row read
 * against the log; it is logged apart. n = accounts judged.
 */
export async function complianceFigure(
  services: Services,
  _head: Actor,
  accountIds: readonly string[],
  options: { runs: number },
  log: (text: string) => void,
): Promise<{ n: number; times: number[] }> {
  const session = services.sessions.require();
  const phone = services.twoStep.addDevice(session, {
    label: 'Teléfono de recuperación (bench)',
    number: '+51 987 000 777',
    institutionOwned: true,
    holderKeyholderId: keyholderId(services, 'administrator'),
  }).deviceId;
  for (const [i, accountId] of accountIds.slice(0, 200).entries())
    services.twoStep.update(session, accountId, { method: i % 10 === 0 ? 'none' : 'totp_vault', recoveryDeviceId: phone });
  const cold = performance.now();
  const first = services.compliance.matrix(session);
  log(
    `compliance: first matrix after a change ${(performance.now() - cold).toFixed(0)} ms; ${first.accounts.length} accounts × ${first.accounts[0]?.cells.length ?? 0} rules, ${first.people.length} people; ${JSON.stringify(first.counts)}`,
  );
  return { n: first.accounts.length, times: await timeRuns(options.runs, () => services.compliance.matrix(session)) };
}

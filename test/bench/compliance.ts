import type { Services } from '../../main/services';
import type { Actor } from '../../main/services/vault/session';
import { freshSecret, keyholderId } from '../fixtures/vault';
import { timeRuns } from './measure';

/**
 * compliance (issue 17; SUP-1): the whole matrix, accounts × rules and people × rules, in the large
 * vault (`accountIds` × 10 versions, the 50 people and exposures of departure_plan, the open
 * handover of handover_plan). Before timing, part of the office records its second step and
 * recovery phone through the service, as the administrator would, so that SEC-1 and SEC-3 judge
 * real rows. The very first matrix opens the logins (SEC-2) and checks every row read against
 * the log; it is logged apart. `cold`: each matrix right after a small write, as the office makes
 * them in turn (a second step recorded, a password revealed, a co-signed rotation applied): what
 * the screens show first after a change (the figure `compliance`). `warm`: the matrix again with
 * nothing written (`compliance_warm`). n = accounts judged.
 */
export async function complianceFigure(
  services: Services,
  head: Actor,
  accountIds: readonly string[],
  options: { runs: number },
  log: (text: string) => void,
): Promise<{ n: number; cold: number[]; warm: number[] }> {
  const session = services.sessions.require();
  const phone = services.twoStep.addDevice(session, {
    label: 'Teléfono de recuperación (bench)',
    number: '+51 987 000 777',
    institutionOwned: true,
    holderKeyholderId: keyholderId(services, 'administrator'),
  }).deviceId;
  for (const [i, accountId] of accountIds.slice(0, 200).entries())
    services.twoStep.update(session, accountId, { method: i % 10 === 0 ? 'none' : 'totp_vault', recoveryDeviceId: phone });
  const started = performance.now();
  const first = services.compliance.matrix(session);
  log(
    `compliance: the very first matrix (logins opened, every row checked) ${(performance.now() - started).toFixed(0)} ms; ${first.accounts.length} accounts × ${first.accounts[0]?.cells.length ?? 0} rules, ${first.people.length} people; ${JSON.stringify(first.counts)}`,
  );
  // The accounts revealed are among the first twenty, rotated through the service by cosign_commit and handover_plan.
  let round = 0;
  const write = () => {
    const i = round++;
    if (i % 3 === 0) services.twoStep.update(session, accountIds[200 + i]!, { method: 'totp_device', recoveryDeviceId: phone });
    else if (i % 3 === 1) services.credentials.reveal(session, accountIds[i % 20]!);
    else {
      const { requestId } = services.cosign.propose(session, { accountId: accountIds[400 + i]!, secret: freshSecret(), reason: 'scheduled' });
      services.cosign.approve(requestId, head);
      services.rotation.confirmApplied(session, accountIds[400 + i]!);
    }
  };
  write();
  const cold = await timeRuns(options.runs, () => services.compliance.matrix(session), write);
  const warm = await timeRuns(options.runs, () => services.compliance.matrix(session));
  log(`compliance: after a write ${cold.map((t) => t.toFixed(0)).join(' ')} ms; with nothing written ${warm.map((t) => t.toFixed(0)).join(' ')} ms`);
  return { n: first.accounts.length, cold, warm };
}

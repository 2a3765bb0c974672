import type { Services } from '../../main/services';
import { handoverChecklist } from '../../main/services/handover/plan';
import type { Actor } from '../../main/services/vault/session';
import { startHandover } from '../fixtures/handover';
import { KNOWN, freshSecret } from '../fixtures/vault';
import { median, timeRuns } from './measure';

/**
 * handover_plan (issue 16): the handover checklist computed from the records at `accountIds`
 * accounts × 10 versions (the same large vault as departure_plan, its exposures included). The
 * handover is started as the office starts one (the real enrolment, co-signed), and the incoming
 * administrator has worked through part of it: rotations «entrega de cargo» and sessions closed.
 */
export async function handoverPlanFigure(
  services: Services,
  head: Actor,
  accountIds: readonly string[],
  options: { runs: number },
  log: (text: string) => void,
): Promise<{ n: number; times: number[] }> {
  const session = services.sessions.require();
  const { requestId } = services.staff.proposeRegister(session, {
    profile: {
      names: 'Entrante',
      surnames: 'Prueba',
      documentId: 'BENCH0002',
      dependency: 'Prensa',
      link: 'permanent',
      email: `entrante.bench@${KNOWN.domain}`,
      mobile: '+51 987 000 555',
      function: 'account_administrator',
      agreement: null,
      internalContactId: null,
      startDate: '2024-01-01',
    },
  });
  const personId = services.cosign.approve(requestId, head).subjects.person!;
  const { handoverId, incoming } = await startHandover(services, session, head, {
    personId,
    role: 'administrator',
    replaces: session.keyholderId,
    passphrase: 'cóndor andino sobre la cordillera 58',
  });
  for (const accountId of accountIds.slice(0, 20)) {
    const { requestId: rotation } = services.cosign.propose(incoming, { accountId, secret: freshSecret(), reason: 'handover' });
    services.cosign.approve(rotation, head);
    services.rotation.confirmApplied(incoming, accountId);
  }
  for (const accountId of accountIds.slice(0, 200)) services.handover.confirmSessions(incoming, handoverId, accountId);
  const db = services.vault.require();
  const checklist = handoverChecklist(db, handoverId)!;
  log(`handover_plan: ${checklist.accounts.length} accounts, ${JSON.stringify(checklist.progress)}, ${checklist.refs.length} rows judged`);
  log(`the checklist as the screen reads it (names opened): ${median(await timeRuns(5, () => services.handover.plan(handoverId))).toFixed(1)} ms`);
  return { n: checklist.accounts.length, times: await timeRuns(options.runs, () => handoverChecklist(db, handoverId)) };
}

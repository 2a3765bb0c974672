import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Channel } from '../../shared/channels';
import type { RequestOf, ResultOf } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { staffProfile } from '../fixtures/staff';
import { KNOWN, foundingRequest, freshSecret, keyholderId, registerAccount } from '../fixtures/vault';
import { openHarness, savedDocuments, SCREENSHOTS, type Harness } from './harness';

/**
 * The office of handover-journey.test.ts (issue 16) and what its steps share: the people, the three
 * accounts, the harness with the office set up through the services (`useOffice()`), and the
 * page helpers the journey's steps use.
 */
export const OUTGOING = { names: 'Rosalinda', surnames: 'Quispecahua Trelles', name: KNOWN.administrator, documentId: '40111222' } as const;
export const INCOMING = { names: 'Wilfredo', surnames: 'Condori Apaza', name: 'Wilfredo Condori Apaza', documentId: '41333444' } as const;
export const CONTRACTED = { names: 'Maricielo', surnames: 'Ccahuana Poma', name: 'Maricielo Ccahuana Poma' } as const;
export const ACCOUNTS = [
  { platform: 'facebook', kind: 'principal', displayName: 'Página Oficial Zafiroquinta', role: 'full_control' },
  { platform: 'instagram', kind: 'principal', displayName: 'Instagram Zafiroquinta', role: 'full_control' },
  { platform: 'x', kind: 'principal', displayName: 'Cuenta X Zafiroquinta', role: 'owner' },
] as const;
export const SEED = 'JBSWY3DPEHPK3PXPJBSWY3DP';
export const ROLE = 'Administrador de Cuentas';
const DOCS = join(process.cwd(), 'docs', 'screenshots');
export const codeBlock = (tag: string) => Array.from({ length: 10 }, (_, i) => `${i + 1}. ${tag}${String(1000 + i * 7)}`).join('\n');

// The app's save dialog: the acta goes to a folder of the test's own.
export const { saved, savePath } = savedDocuments('custodia-acta-e2e-');
export let h: Harness;
export let accountIds: string[];
export let outgoingId: string;
export let headId: string;
export let incomingPerson: string;

/** Opens the harness on the office as it stands before the handover; closes it after the file. */
export function useOffice(): void {
  beforeAll(async () => {
    h = await openHarness({ savePath });
    const { services } = h;
    // The office as it stands before the handover, through the services: three accounts with their
    // passwords applied, the outgoing administrator holding the admin role on each (and having seen
    // the page's password), a seed on the page, recovery codes on Instagram; both administrators and
    // a contracted community manager on the staff registry.
    await services.setup.create(foundingRequest());
    const admin = services.sessions.require();
    outgoingId = admin.keyholderId;
    headId = keyholderId(services, 'head');
    const head = await services.sessions.authenticate(headId, KNOWN.headPass);
    const approve = (requestId: string) => services.cosign.approve(requestId, head);
    const own = services.staff.list().people.find((p) => p.keyholderId === outgoingId)!;
    const register = (profile: ReturnType<typeof staffProfile>, personId?: string) =>
      approve(services.staff.proposeRegister(admin, { profile, ...(personId ? { personId } : {}) }).requestId).subjects.person!;
    const outgoingPerson = register(
      staffProfile(OUTGOING.names, {
        surnames: OUTGOING.surnames,
        documentId: OUTGOING.documentId,
        function: 'account_administrator',
        email: `rquispecahua@${KNOWN.domain}`,
      }),
      own.id,
    );
    incomingPerson = register(
      staffProfile(INCOMING.names, {
        surnames: INCOMING.surnames,
        documentId: INCOMING.documentId,
        function: 'account_administrator',
        email: `wcondori@${KNOWN.domain}`,
      }),
    );
    register(staffProfile(CONTRACTED.names, { surnames: CONTRACTED.surnames, documentId: '47125836', link: 'contracted', function: 'community_manager' }));
    accountIds = [];
    for (const a of ACCOUNTS) {
      const accountId = registerAccount(services, admin, head, { platform: a.platform, kind: a.kind, displayName: a.displayName });
      approve(services.cosign.propose(admin, { accountId, secret: freshSecret(), reason: 'creation' }).requestId);
      services.rotation.confirmApplied(admin, accountId);
      const grant = approve(services.staff.proposeGrant(admin, { accountId, personId: outgoingPerson, role: a.role }).requestId).subjects.grant!;
      services.staff.confirmApplied(admin, grant);
      accountIds.push(accountId);
    }
    services.credentials.reveal(admin, accountIds[0]!);
    approve(services.totp.propose(admin, accountIds[0]!, { secret: SEED }).requestId);
    services.recovery.store(admin, accountIds[1]!, codeBlock('antes'));
    services.sessions.release(head);
    services.sessions.lock('manual');
    await h.page.reload();
  });
  afterAll(() => h.close());
}

export const page = () => h.page;
export const region = (name: string) => page().getByRole('region', { name });
export const pending = () => region('Solicitudes pendientes de autorización');
export const fingerprintOf = (id: string) => h.services.setup.status().keyholders.find((k) => k.id === id)?.fingerprint;
export const incomingId = () => h.services.setup.status().keyholders.find((k) => k.role === 'administrator' && k.id !== outgoingId)!.id;
export const asIncoming = () => new RegExp(`${ROLE}.*${fingerprintOf(incomingId())!}`);

/** What a screen would send, sent through the same bridge (`window.custodia.<group>.<method>`), as the unlocked keyholder. */
export async function viaBridge<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResultOf<C>> {
  const result = (await page().evaluate(
    ({ channel, request }) => {
      const [group, method] = channel.split('.') as [string, string];
      const api = window.custodia as unknown as Record<string, Record<string, (r: unknown) => Promise<unknown>>>;
      return api[group]![method]!(request);
    },
    { channel, request },
  )) as Result<ResultOf<C>>;
  if (!result.ok) throw new Error(`${channel} refused: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** A screenshot in the test artifacts and, for the README, in docs/screenshots. */
export async function shot(name: string, doc?: string, options: { dialog?: boolean } = {}): Promise<void> {
  // A dialog is drawn over the viewport: a full-page picture would cut it where the viewport ends.
  if (options.dialog) await page().screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  else await h.screenshot(name);
  if (!doc) return;
  mkdirSync(DOCS, { recursive: true });
  copyFileSync(join(SCREENSHOTS, `${name}.png`), join(DOCS, `${doc}.png`));
}

export async function openHandover(): Promise<void> {
  await page().getByRole('button', { name: 'Custodios', exact: true }).click();
  await page().getByRole('heading', { level: 1, name: 'Custodios' }).waitFor();
  await region('Entregas de cargo')
    .getByRole('link', { name: `${ROLE}: ${OUTGOING.name} → ${INCOMING.name}` })
    .click();
  await page()
    .getByRole('heading', { level: 1, name: `Entrega de cargo: ${ROLE}` })
    .waitFor();
}

/** The head authorizes every waiting request in one batch: one passphrase, each signed alone. */
export async function headAuthorizesAll(count: number, screenshot?: string): Promise<void> {
  await h.unlockAs(/Jefe de la Oficina/, KNOWN.headPass);
  await pending().getByText(`${count} solicitudes esperan su decisión.`).waitFor();
  await pending().getByRole('button', { name: 'Seleccionar todas' }).click();
  await pending()
    .getByRole('button', { name: `Autorizar las ${count} seleccionadas…` })
    .click();
  const dialog = page().getByRole('dialog', { name: `Autorizar ${count} solicitudes` });
  await dialog.getByLabel('Frase de acceso de quien decide').fill(KNOWN.headPass);
  if (screenshot) {
    await h.checkAccessibility('autorización en lote de la entrega');
    await shot(screenshot, 'entrega-autorizacion-en-lote', { dialog: true });
  }
  await dialog.getByRole('button', { name: `Autorizar las ${count}` }).click();
  await dialog
    .getByTestId('batch-summary')
    .filter({ hasText: `${count} de ${count} autorizadas.` })
    .waitFor({ timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Cerrar' }).click();
  await h.lock();
}

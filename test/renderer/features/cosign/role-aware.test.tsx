import { fireEvent, render, screen, within } from '@testing-library/react';
import i18n from 'i18next';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildBridge, type Invoke } from '../../../../shared/bridge';
import type { Channel } from '../../../../shared/channels';
import type { KeyholderView } from '../../../../shared/contract';
import type { RequestView } from '../../../../shared/requests';
import { CosignDialog } from '../../../../renderer/src/features/cosign/CosignDialog';
import { DuplicateLink } from '../../../../renderer/src/features/cosign/DuplicateLink';
import { AccountRequests, HomeRequests } from '../../../../renderer/src/features/cosign/RequestLists';
import { PasswordSection } from '../../../../renderer/src/features/rotation/PasswordSection';
import { SettingsPage } from '../../../../renderer/src/features/settings/SettingsPage';
import { ACCOUNT, ADMIN, HEAD, detail, home, unlockedAs } from '../../fixtures';
import { DEFAULT_SETTINGS } from '../../../fixtures/settings';

const BACKUP = '66666666-6666-4666-8666-666666666666';
const inFuture = new Date(Date.now() + 86_400_000).toISOString();
const request = (patch: Partial<RequestView>): RequestView => ({
  id: '33333333-3333-4333-8333-333333333333',
  kind: 'credential.rotate',
  accountId: ACCOUNT,
  accountName: 'Página Oficial Zafiroquinta',
  platform: 'facebook',
  state: 'pending',
  proposedBy: { keyholderId: ADMIN, name: 'Rosalinda Quispecahua', role: 'administrator' },
  proposedAt: '2026-11-22T15:00:00Z',
  expiresAt: inFuture,
  decidedBy: null,
  decidedAt: null,
  rejectionReason: null,
  reason: 'Rotación de noviembre',
  description: { kind: 'credential.rotate', reason: 'scheduled', from: { version: 1 }, to: { version: 2 } },
  ...patch,
});
const SETTINGS = DEFAULT_SETTINGS;

let requests: RequestView[];
beforeEach(async () => {
  await i18n.changeLanguage('es');
  requests = [];
  const answer = (channel: Channel) => (channel === 'cosign.requests' ? requests : channel === 'settings.get' ? SETTINGS : undefined);
  window.custodia = buildBridge(
    vi.fn<Invoke>(async (channel) => ({ ok: true, value: answer(channel) })),
    () => () => {},
  );
});
const routed = (ui: ReactNode) => (
  <RouterProvider
    router={createMemoryRouter([
      { path: '/', element: ui },
      { path: '*', element: <p>elsewhere</p> },
    ])}
  />
);

describe('screens offer only what the unlocked keyholder may do (shared/permissions.ts)', () => {
  it('the head sees no proposal on an account’s password, and is told who proposes and who authorizes', () => {
    render(
      unlockedAs(
        'head',
        <PasswordSection account={{ ...detail, currentVersion: 1 }} deadline={detail.deadline} timeZone="America/Lima" now={Date.now()} onChanged={() => {}} />,
      ),
    );
    expect(screen.queryByLabelText('Nueva contraseña')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Generar una contraseña' })).toBeNull();
    expect(screen.getByTestId('role-note').textContent).toBe(
      'Proponer una nueva contraseña: la solicitud la presenta el Administrador de Cuentas o el Administrador de respaldo. La autoriza el Jefe de la Oficina.',
    );
  });

  it('the administrator proposes, and is told the head authorizes', () => {
    render(
      unlockedAs(
        'administrator',
        <PasswordSection account={{ ...detail, currentVersion: 1 }} deadline={detail.deadline} timeZone="America/Lima" now={Date.now()} onChanged={() => {}} />,
      ),
    );
    expect(screen.getByLabelText('Nueva contraseña')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Generar una contraseña' })).toBeTruthy();
    expect(screen.getByText('La autoriza el Jefe de la Oficina con su frase de acceso.')).toBeTruthy();
  });

  it('the head reads the settings and cannot propose a change to them', async () => {
    render(unlockedAs('head', <SettingsPage />));
    await screen.findByRole('heading', { level: 1, name: 'Configuración' });
    expect(screen.queryAllByRole('spinbutton')).toHaveLength(0);
    expect(screen.queryByRole('button', { name: 'Enviar para autorización' })).toBeNull();
    expect(screen.getByText('Intervalo de rotación (días)').nextSibling?.textContent).toBe('15');
  });

  it('the head is offered the decision on what waits for them; the proposer never is, and reads a rejection and its reason', async () => {
    requests = [
      request({}),
      request({
        id: '77777777-7777-4777-8777-777777777777',
        state: 'rejected',
        decidedBy: { keyholderId: HEAD, name: 'Teodomiro Huamanchumo', role: 'head' },
        decidedAt: '2026-11-22T16:00:00Z',
        rejectionReason: 'Espere al acta',
      }),
    ];
    const { unmount } = render(unlockedAs('head', routed(<HomeRequests />)));
    const waiting = await screen.findByRole('region', { name: 'Solicitudes pendientes de autorización' });
    expect(within(waiting).getByText('1 solicitud espera su decisión.')).toBeTruthy();
    expect(within(waiting).getAllByRole('button', { name: /^Autorizar… / })).toHaveLength(1);
    unmount();

    render(unlockedAs('administrator', routed(<HomeRequests />)));
    const mine = await screen.findByRole('region', { name: 'Sus solicitudes' });
    expect(screen.queryByRole('button', { name: /Autorizar/ })).toBeNull();
    expect(within(mine).getByTestId('rejection-reason').textContent).toBe('Motivo del rechazo: «Espere al acta»');
    expect(within(mine).getAllByTestId('request-status')[0]!.textContent).toMatch(/quedan \d+ horas\. La decide el Jefe de la Oficina\.$/);
  });

  it('an alta expired undecided is offered to the head to close with a reason, never to authorize; not to its proposer (LIFE-1)', async () => {
    const line = {
      id: ACCOUNT,
      platform: 'instagram' as const,
      kind: 'support' as const,
      displayName: 'Campaña Verano',
      handle: null,
      supportStart: null,
      supportEnd: null,
    };
    requests = [
      request({
        kind: 'account.create',
        state: 'expired',
        expiresAt: '2026-11-23T15:00:00Z',
        description: { kind: 'account.create', account: line, authorizedUsers: 0, withPassword: false },
      }),
    ];
    const { unmount } = render(unlockedAs('head', routed(<AccountRequests accountId={ACCOUNT} />)));
    fireEvent.click(await screen.findByRole('button', { name: 'Cerrar la solicitud vencida…' }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByRole('heading', { level: 2 }).textContent).toBe('Rechazar el Formulario A');
    expect(within(dialog).getByLabelText('Motivo del rechazo (lo leerá quien la propuso)')).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: /Autorizar/ })).toBeNull();
    unmount();

    render(unlockedAs('administrator', routed(<AccountRequests accountId={ACCOUNT} />)));
    await screen.findByText(/^Venció el /);
    expect(screen.queryByRole('button', { name: 'Cerrar la solicitud vencida…' })).toBeNull();
  });

  it('the co-sign dialog offers only keyholders whose role decides the kind and who did not propose it', () => {
    const keyholders: KeyholderView[] = [
      ...home.keyholders,
      { id: BACKUP, role: 'backup_administrator', fingerprint: 'EEEE', name: 'Eulalia Pachacutec', status: 'active', createdAt: '2026-11-01T00:00:00Z' },
    ];
    render(
      <CosignDialog
        request={request({ proposedBy: { keyholderId: BACKUP, name: 'Eulalia Pachacutec', role: 'backup_administrator' } })}
        mode="approve"
        keyholders={keyholders}
        zone="America/Lima"
        now={Date.now()}
        onDone={() => {}}
        onCancel={() => {}}
      />,
    );
    const dialog = screen.getByRole('dialog', { name: 'Autorizar el cambio de contraseña' });
    expect(
      within(dialog)
        .getAllByRole('radio')
        .map((r) => r.closest('label')?.textContent),
    ).toEqual(['Teodomiro HuamanchumoJefe de la Oficina']);
    expect(within(dialog).getByText('Versión 1 → versión 2: una contraseña nueva reemplaza a la vigente.')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rechazar con un motivo…' }));
    expect(screen.getByRole('dialog', { name: 'Rechazar el cambio de contraseña' })).toBeTruthy();
    expect(screen.getByLabelText('Motivo del rechazo (lo leerá quien la propuso)')).toBeTruthy();
  });

  it('a duplicate proposal links to the open request', () => {
    render(
      routed(
        <DuplicateLink refusal={{ code: 'COSIGN_DUPLICATE', details: { requestId: '88888888-8888-4888-8888-888888888888', kind: 'credential.rotate' } }} />,
      ),
    );
    expect(screen.getByRole('link', { name: 'Ver la solicitud abierta' }).getAttribute('href')).toBe('/requests/88888888-8888-4888-8888-888888888888');
  });
});

import { fireEvent, render, screen, within } from '@testing-library/react';
import i18n from 'i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildBridge, type Invoke } from '../../../../shared/bridge';
import type { Channel } from '../../../../shared/channels';
import type { RequestView } from '../../../../shared/requests';
import { CosignDialog } from '../../../../renderer/src/features/cosign/CosignDialog';
import { HomeRequests } from '../../../../renderer/src/features/cosign/RequestLists';
import { ACCOUNT, CONTACT, PERSON, home, unlockedAs } from '../../fixtures';
import { pendingRequest } from './approval';

const inFuture = new Date(Date.now() + 86_400_000).toISOString();
const carla = { id: PERSON, name: 'Maricielo Ccahuana Poma', function: 'community_manager', link: 'outsourced' } as const;
let n = 0;
const request = (patch: Pick<RequestView, 'kind' | 'description'> & Partial<RequestView>): RequestView =>
  pendingRequest({ id: `33333333-3333-4333-8333-${String(++n).padStart(12, '0')}`, expiresAt: inFuture, ...patch });
const onPage = { accountId: ACCOUNT, accountName: 'Página Oficial Zafiroquinta', platform: 'facebook' } as const;
const grant = request({ kind: 'role.grant', ...onPage, description: { kind: 'role.grant', person: carla, role: 'partial_content', admin: false } });
const revoke = request({
  kind: 'role.revoke',
  ...onPage,
  description: { kind: 'role.revoke', person: carla, role: 'full_control', admin: true, grantId: CONTACT },
});
const rotation = request({
  kind: 'credential.rotate',
  ...onPage,
  description: { kind: 'credential.rotate', reason: 'exposure', from: { version: 1 }, to: { version: 2 } },
});

let requests: RequestView[];
let invoke: ReturnType<typeof vi.fn<Invoke>>;
beforeEach(async () => {
  await i18n.changeLanguage('es');
  requests = [];
  invoke = vi.fn<Invoke>(async (channel: Channel) => {
    if (channel === 'cosign.requests') return { ok: true, value: requests };
    if (channel === 'cosign.approveMany')
      return {
        ok: true,
        value: [
          { requestId: grant.id, ok: false, error: { code: 'ROLE_TEAM_ADMIN', rule: 'ROLE-2' } },
          { requestId: rotation.id, ok: true },
        ],
      };
    return { ok: false, error: { code: 'INTERNAL' } };
  });
  window.custodia = buildBridge(invoke, () => () => {});
});
const routed = (ui: React.ReactNode) => <RouterProvider router={createMemoryRouter([{ path: '*', element: ui }])} />;
const facts = () => screen.getByRole('dialog').querySelector('.request-facts')!.textContent;

describe('the staff and role kinds, as the head reads what they sign', () => {
  it('names the person, their function and link, the role and its level, from → to, and the departure date', () => {
    const cases: [RequestView, string, string][] = [
      [
        request({ kind: 'person.register', description: { kind: 'person.register', person: carla, completes: false } }),
        'Autorizar el Formulario B',
        'Nadie → Maricielo Ccahuana Poma (Community manager, Tercerizado): entra al registro de personal.',
      ],
      [
        request({
          kind: 'person.update',
          description: {
            kind: 'person.update',
            person: carla,
            changes: [
              { setting: 'agreement.date', from: null, to: '2026-11-20' },
              { setting: 'agreement.reference', from: null, to: 'AC-2026-014' },
              { setting: 'internalContact', from: null, to: 'Rosalinda Quispecahua' },
            ],
          },
        }),
        'Autorizar el Formulario B',
        'Fecha del acuerdo de confidencialidad: — → 20/11/26Referencia del acuerdo de confidencialidad: — → AC-2026-014Contacto interno: — → Rosalinda Quispecahua',
      ],
      [
        request({ kind: 'person.depart', description: { kind: 'person.depart', person: carla, date: '2026-11-30' } }),
        'Autorizar el Formulario B',
        'Maricielo Ccahuana Poma (Community manager, Tercerizado): activo → saliente, con salida el 30/11/26.',
      ],
      [
        grant,
        'Autorizar el cambio de rol en la plataforma',
        'Maricielo Ccahuana Poma (Community manager, Tercerizado): ningún rol → «Editor (acceso parcial: contenido)».',
      ],
      [revoke, 'Autorizar el cambio de rol en la plataforma', '«Control total — nivel de administración» → ningún rol.'],
    ];
    for (const [r, title, line] of cases) {
      const { unmount } = render(
        unlockedAs(
          'head',
          <CosignDialog request={r} mode="approve" keyholders={home.keyholders} zone="America/Lima" now={Date.now()} onDone={() => {}} onCancel={() => {}} />,
        ),
      );
      expect(screen.getByRole('dialog', { name: title })).toBeTruthy();
      expect(facts()).toContain(line);
      expect(facts()).toContain('PersonaMaricielo Ccahuana Poma (Community manager, Tercerizado)');
      unmount();
    }
  });
});

describe('the head authorizes several requests at once', () => {
  it('lists each with what it changes, takes one passphrase, and shows each request’s own outcome', async () => {
    requests = [grant, rotation];
    render(unlockedAs('head', routed(<HomeRequests />)));
    const waiting = await screen.findByRole('region', { name: 'Solicitudes pendientes de autorización' });
    const open = within(waiting).getByRole('button', { name: 'Autorizar las seleccionadas…' });
    expect((open as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(waiting).getByLabelText(/^Seleccionar: Página Oficial Zafiroquinta \(Facebook\): asignar un rol/));
    fireEvent.click(within(waiting).getByLabelText(/^Seleccionar: Página Oficial Zafiroquinta \(Facebook\): nueva contraseña/));
    fireEvent.click(within(waiting).getByRole('button', { name: 'Autorizar las 2 seleccionadas…' }));

    const dialog = screen.getByRole('dialog', { name: 'Autorizar 2 solicitudes' });
    expect(
      within(dialog)
        .getAllByTestId('batch-item')
        .map((li) => li.textContent),
    ).toEqual([
      'Página Oficial Zafiroquinta (Facebook): asignar un rol a Maricielo Ccahuana PomaMaricielo Ccahuana Poma (Community manager, Tercerizado): ningún rol → «Editor (acceso parcial: contenido)».',
      'Página Oficial Zafiroquinta (Facebook): nueva contraseña — ExposiciónVersión 1 → versión 2: una contraseña nueva reemplaza a la vigente.',
    ]);
    expect(within(dialog).getByRole('radio', { name: /Teodomiro Huamanchumo/ })).toHaveProperty('checked', true);
    fireEvent.change(within(dialog).getByLabelText('Frase de acceso de quien decide'), { target: { value: 'murciélago sereno' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Autorizar las 2' }));

    await within(dialog).findByTestId('batch-summary');
    expect(invoke).toHaveBeenCalledWith('cosign.approveMany', {
      requestIds: [grant.id, rotation.id],
      approverId: home.keyholders[1]!.id,
      passphrase: 'murciélago sereno',
    });
    expect(within(dialog).getByTestId('batch-summary').textContent).toBe('1 de 2 autorizadas.');
    const [refused, approved] = within(dialog).getAllByTestId('batch-item');
    expect(within(refused!).getByText('No autorizada')).toBeTruthy();
    expect(within(refused!).getByTestId('batch-refusal').textContent).toBe(
      'Los miembros del equipo reciben roles de editor, analista o menores, nunca de administración. · Regla ROLE-2',
    );
    expect(within(approved!).getByText('Autorizada')).toBeTruthy();
    expect(within(approved!).queryByTestId('batch-refusal')).toBeNull();
    expect((within(dialog).queryByLabelText('Frase de acceso de quien decide') as HTMLInputElement | null)?.value).toBeUndefined();
  });

  it('is not offered to whoever does not decide', async () => {
    requests = [grant, rotation];
    render(unlockedAs('administrator', routed(<HomeRequests />)));
    await screen.findByRole('region', { name: 'Sus solicitudes' });
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(screen.queryByRole('button', { name: /seleccionad/ })).toBeNull();
  });
});

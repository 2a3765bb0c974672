import { fireEvent, screen, within } from '@testing-library/react';
import i18n from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import { HANDOVER_MISSING, type HandoverItemView, type HandoverPlanView, type HandoverSummary } from '../../../../shared/handover';
import { PLATFORMS } from '../../../../shared/platforms';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { routes } from '../../../../renderer/src/app/routes';
import { VaultSessionContext } from '../../../../renderer/src/features/vault/session';
import { ACCOUNT, ADMIN, CONTACT, PERSON, home } from '../../fixtures';
import { fakeMain, openAs } from '../staff/bridge';

const HANDOVER = '66666666-6666-4666-8666-666666666666';
const INCOMING = '99999999-9999-4999-8999-999999999999';
const ok = (value: unknown) => ({ ok: true as const, value });
const outgoing = { keyholderId: ADMIN, personId: CONTACT, name: 'Rosalinda Quispecahua' };
const incoming = { keyholderId: INCOMING, personId: PERSON, name: 'Wilfredo Condori' };
const open = (item: HandoverItemView['item'], missing: HandoverItemView['missing']): HandoverItemView => ({ item, state: 'open', by: null, at: null, missing });

function plan(overrides: Partial<HandoverPlanView> = {}): HandoverPlanView {
  return {
    handoverId: HANDOVER,
    role: 'administrator',
    status: 'open',
    startedAt: '2026-11-20T15:00:00Z',
    completedAt: null,
    outgoing,
    incoming,
    accounts: [
      {
        accountId: ACCOUNT,
        accountName: 'Página Oficial Zafiroquinta',
        platform: 'facebook',
        items: [
          { item: 'password_changed', state: 'done', by: incoming, at: '2026-11-21T15:00:00Z', missing: null },
          open('roles_reassigned', 'outgoing_admin_role'),
          open('sessions_closed', 'confirmation_missing'),
          open('recovery_contacts_updated', 'phone_not_incoming'),
          { item: 'seed_replaced', state: 'not_applicable', by: null, at: null, missing: null },
          open('recovery_codes_replaced', 'codes_not_replaced'),
        ],
        done: 1,
        total: 5,
      },
    ],
    exposures: [{ kind: 'recovery_codes', accountId: ACCOUNT, accountName: 'Página Oficial Zafiroquinta', platform: 'facebook', version: null }],
    departure: null,
    progress: { itemsDone: 1, itemsTotal: 5, accountsLeft: 1, exposuresLeft: 1, departureLeft: 0, left: 5 },
    complete: false,
    ...overrides,
  };
}
const done = (): HandoverPlanView =>
  plan({
    accounts: plan().accounts.map((a) => ({
      ...a,
      items: a.items.map((i) => ({ ...i, state: i.state === 'open' ? 'done' : i.state, by: incoming, at: '2026-11-22T15:00:00Z', missing: null })),
      done: 5,
    })),
    exposures: [],
    progress: { itemsDone: 5, itemsTotal: 5, accountsLeft: 0, exposuresLeft: 0, departureLeft: 0, left: 0 },
    complete: true,
  });

/** The handover page as the incoming administrator sees it (the fixtures' sessions are the founders'). */
function openAsIncoming() {
  const router = createMemoryRouter(routes[0]!.children!, { initialEntries: [`/handovers/${HANDOVER}`] });
  const session = { home: { ...home, session: { keyholderId: INCOMING, role: 'administrator' as const } }, lock: () => {}, refresh: () => {} };
  return render(
    <VaultSessionContext value={session}>
      <RouterProvider router={router} />
    </VaultSessionContext>,
  );
}

beforeEach(async () => {
  await i18n.changeLanguage('es');
});

describe('«Entrega de cargo»', () => {
  it('shows who, how far, each item with who did it or what is missing and where it is done', async () => {
    fakeMain({ 'handover.plan': ok(plan()) });
    openAs('head', `/handovers/${HANDOVER}`);
    await screen.findByRole('heading', { level: 1, name: 'Entrega de cargo: Administrador de Cuentas' });
    expect(screen.getByTestId('handover-progress').textContent).toBe('1 de 5 acciones hechas');
    const items = within(screen.getByRole('region', { name: /Página Oficial Zafiroquinta/ })).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual([
      expect.stringMatching(/^Hecho Contraseña cambiada \(motivo «entrega de cargo»\) — Wilfredo Condori, 21\/11\/26/),
      expect.stringContaining('Pendiente Roles de administración reasignadosEl saliente aún tiene un rol de administración'),
      expect.stringContaining('Pendiente Sesiones abiertas cerradas en la plataforma'),
      expect.stringContaining('(regla SEC-3)'),
      expect.stringContaining('Faltan reemplazar los códigos de recuperación.'),
    ]);
    expect(screen.getByRole('link', { name: 'Retirar los roles de Rosalinda Quispecahua' }).getAttribute('href')).toBe(`/staff/${CONTACT}`);
    expect(screen.getAllByRole('link', { name: 'Ir a la verificación en dos pasos de Página Oficial Zafiroquinta' })).toHaveLength(2);
    expect(screen.getByText(/^Facebook: Configuración › Centro de cuentas/)).toBeTruthy();
    expect(screen.getByRole('region', { name: /regla HAND-3/ }).textContent).toContain('Códigos de recuperación de Página Oficial Zafiroquinta');
    // The head may confirm the sessions; only the incoming keyholder proposes the completion.
    expect(screen.getByRole('button', { name: 'Confirmar sesiones cerradas en Página Oficial Zafiroquinta' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Completar la entrega' })).toBeNull();
    expect(screen.getByText('La propone Wilfredo Condori, la persona entrante, con su sesión.')).toBeTruthy();
  });

  it('words every reason an item can be open, never a key', () => {
    for (const reason of HANDOVER_MISSING) {
      for (const lng of ['es', 'en'] as const) {
        const text = i18n.t(`handover.missing.${reason}`, { lng });
        expect(text, `${lng} ${reason}`).not.toContain('handover.missing');
        expect(text.length).toBeGreaterThan(20);
      }
    }
    for (const p of PLATFORMS) expect(i18n.t(`handover.closeSessions.${p.id}`)).toMatch(new RegExp(`^${p.id === 'youtube' ? 'YouTube' : ''}`));
  });

  it('confirms an account’s sessions closed through handover.confirmSessions', async () => {
    const main = fakeMain({ 'handover.plan': ok(plan()), 'handover.confirmSessions': ok(null) });
    openAs('head', `/handovers/${HANDOVER}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Confirmar sesiones cerradas en Página Oficial Zafiroquinta' }));
    await screen.findByRole('button', { name: 'Confirmar sesiones cerradas en Página Oficial Zafiroquinta' });
    expect(main.of('handover.confirmSessions')).toEqual([{ handoverId: HANDOVER, accountId: ACCOUNT }]);
  });

  it('the outgoing keyholder is offered no confirmation; a refusal from main is shown with its rule', async () => {
    fakeMain({ 'handover.plan': ok(plan()) });
    openAs('administrator', `/handovers/${HANDOVER}`);
    await screen.findByRole('heading', { level: 1, name: 'Entrega de cargo: Administrador de Cuentas' });
    expect(screen.queryByRole('button', { name: /Confirmar sesiones cerradas/ })).toBeNull();
    expect(screen.getByText('Lo confirma la persona entrante o el Jefe de la Oficina.')).toBeTruthy();
  });

  it('the acta: a draft while open, saved or cancelled as main says', async () => {
    const main = fakeMain({ 'handover.plan': ok(plan()), 'handover.acta': ok({ saved: false }) });
    openAs('head', `/handovers/${HANDOVER}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Imprimir acta (borrador)' }));
    await screen.findByText('No se guardó el acta.');
    expect(main.of('handover.acta')).toEqual([{ handoverId: HANDOVER }]);
  });
});

describe('the completion and the home card', () => {
  it('only the incoming keyholder proposes the completion, once nothing is left; a refusal names its rule', async () => {
    const incomplete = {
      ok: false as const,
      error: { code: 'HANDOVER_INCOMPLETE' as const, rule: 'HAND-3' as const, details: { items: 0, accounts: 0, exposures: 1, departureItems: 0 } },
    };
    fakeMain({ 'handover.plan': ok(plan()), 'keyholders.proposeRevoke': incomplete });
    const { unmount } = openAsIncoming();
    const button = await screen.findByRole('button', { name: 'Completar la entrega' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Se podrá completar cuando no falte nada.')).toBeTruthy();
    unmount();
    fakeMain({ 'handover.plan': ok(done()), 'keyholders.proposeRevoke': incomplete });
    openAsIncoming();
    const ready = await screen.findByRole('button', { name: 'Completar la entrega' });
    expect((ready as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(ready);
    expect((await screen.findByRole('alert')).textContent).toMatch(/^La entrega no puede concluir: .+ · Regla HAND-3$/);
  });

  it('the completion sent: the revocation of the outgoing keyholder with the handover, and a link to the request', async () => {
    const main = fakeMain({ 'handover.plan': ok(done()), 'keyholders.proposeRevoke': ok({ requestId: '55555555-5555-4555-8555-555555555555' }) });
    openAsIncoming();
    fireEvent.click(await screen.findByRole('button', { name: 'Completar la entrega' }));
    await screen.findByText(/^Solicitud enviada: el Jefe de la Oficina la autoriza en Inicio\./);
    expect(main.of('keyholders.proposeRevoke')).toEqual([{ keyholderId: ADMIN, handoverId: HANDOVER }]);
    expect(screen.getByRole('link', { name: 'Ver la solicitud' }).getAttribute('href')).toBe('/requests/55555555-5555-4555-8555-555555555555');
  });

  it('the home screen shows each handover in progress with what is left, linking to it', async () => {
    const summary: HandoverSummary = { ...plan(), progress: plan().progress };
    fakeMain({ 'handover.current': ok([summary]) });
    openAs('head', '/');
    const card = await screen.findByTestId('home-handover');
    expect(card.textContent).toContain('Administrador de Cuentas: Rosalinda Quispecahua → Wilfredo Condori');
    expect(within(card).getByTestId('handover-left').textContent).toBe(
      'Falta completar 1 cuenta.1 credencial que vio el saliente sigue vigente (regla HAND-3).',
    );
    expect(within(card).getByRole('link', { name: 'Abrir la entrega de cargo: Administrador de Cuentas' }).getAttribute('href')).toBe(`/handovers/${HANDOVER}`);
  });
});

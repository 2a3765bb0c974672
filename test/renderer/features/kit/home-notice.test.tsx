import { fireEvent, screen, waitFor } from '@testing-library/react';
import i18n from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import type { KitStatus } from '../../../../shared/kit';
import { HomeKitNotice } from '../../../../renderer/src/features/kit/HomeKitNotice';
import { fakeMain, openAs } from '../staff/bridge';

const ok = (value: KitStatus) => ({ ok: true as const, value });
const needed = (reason: KitStatus['reason']): KitStatus => ({ inForce: null, newKitNeeded: true, reason, printable: [] });

beforeEach(async () => {
  await i18n.changeLanguage('es');
});

describe('the home screen’s emergency-kit notice (issue 18, scope 6)', () => {
  it.each([
    ['none_issued', 'La bóveda todavía no tiene un kit de emergencia'],
    ['used', 'El kit de emergencia se usó en una recuperación y ya no abre la bóveda'],
    ['rekeyed', 'La bóveda cambió de clave y el kit de emergencia ya no la abre'],
  ] as const)('says why a new kit is needed (%s) and links to «Kit de emergencia»', async (reason, words) => {
    fakeMain({ 'kit.status': ok(needed(reason)) });
    const router = openAs('administrator', '/', <HomeKitNotice />);
    const notice = await screen.findByTestId('kit-needed');
    expect(notice.textContent).toContain(words);
    fireEvent.click(screen.getByRole('link', { name: 'Ir a Kit de emergencia' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/kit'));
  });

  it('shows nothing while a kit is in force', async () => {
    const main = fakeMain();
    openAs('head', '/', <HomeKitNotice />);
    await waitFor(() => expect(main.of('kit.status')).toEqual([{}]));
    await waitFor(() => expect(screen.queryByTestId('kit-needed')).toBeNull());
    expect(screen.queryByText(/kit de emergencia/i)).toBeNull();
  });

  it('is on the home page itself', async () => {
    fakeMain({ 'kit.status': ok(needed('used')) });
    openAs('administrator', '/');
    expect((await screen.findByTestId('kit-needed')).textContent).toContain('se necesita un kit nuevo');
  });
});

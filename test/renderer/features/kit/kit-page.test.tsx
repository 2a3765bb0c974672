import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import i18n from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import type { KitStatus } from '../../../../shared/kit';
import { fakeMain, openAs } from '../staff/bridge';

const REQUEST = '77777777-7777-4777-8777-777777777777';
const KIT = '99999999-9999-4999-8999-999999999999';
const ok = (value: unknown) => ({ ok: true as const, value });
const noKit: KitStatus = { inForce: null, newKitNeeded: true, reason: 'none_issued', printable: [] };
const authorized: KitStatus = { ...noKit, printable: [{ requestId: REQUEST, shares: null }] };
const printed = {
  saved: true,
  file: '/media/usb/kit-emergencia-CZ-2026-11-29.pdf',
  kit: { id: KIT, issuedAt: '2026-11-29T15:00:00.000Z', status: 'issued', shares: null, fingerprint: 'KQ7M-2XWD' },
  chainHead: { seq: 41, hash: 'ab'.repeat(32), short: 'ABABABABABABABAB' },
};

beforeEach(async () => {
  await i18n.changeLanguage('es');
});

describe('«Kit de emergencia» (issue 18, scope 6)', () => {
  it('says what the kit is and that there is none in force', async () => {
    fakeMain({ 'kit.status': ok(noKit) });
    openAs('administrator', '/kit');
    await screen.findByRole('heading', { level: 1, name: 'Kit de emergencia' });
    expect(screen.getByText(/sobre cerrado y firmado en la caja fuerte/)).toBeTruthy();
    expect(screen.getByText(/Su uso queda registrado en la auditoría y obliga a emitir un kit nuevo/)).toBeTruthy();
    const inForce = await screen.findByTestId('kit-in-force');
    expect(inForce.textContent).toContain('No hay ningún kit vigente.');
  });

  it('shows the kit in force: issued when (the office’s time zone), its fingerprint and its form', async () => {
    fakeMain({
      'kit.status': ok({
        inForce: { id: KIT, issuedAt: '2026-11-02T03:00:00.000Z', status: 'issued', shares: { k: 2, n: 3 }, fingerprint: 'KQ7M-2XWD' },
        newKitNeeded: false,
        reason: null,
        printable: [],
      }),
    });
    openAs('head', '/kit');
    const inForce = await screen.findByTestId('kit-in-force');
    await waitFor(() => expect(inForce.textContent).toContain('KQ7M-2XWD'));
    expect(inForce.textContent).toContain('2 de 3 partes');
    // 03:00 UTC on the 2nd is still the 1st in Lima.
    expect(inForce.textContent).toContain('Emitido el1/11/26, 10:00 p. m.');
  });

  it('the administrator requests a single key with a reason; the head must authorize it (POL-5)', async () => {
    const main = fakeMain({ 'kit.status': ok(noKit), 'kit.propose': ok({ requestId: REQUEST }) });
    openAs('administrator', '/kit');
    fireEvent.change(await screen.findByLabelText('Motivo'), { target: { value: 'Kit inicial' } });
    fireEvent.click(screen.getByRole('button', { name: 'Solicitar el kit' }));
    expect((await screen.findByTestId('kit-proposed')).textContent).toContain('El Jefe de la Oficina debe autorizarla en Inicio');
    expect(main.of('kit.propose')).toEqual([{ shares: null, note: 'Kit inicial' }]);
  });

  it('asks for k-of-n shares naming each holder; a holder left blank is refused here and nothing is sent', async () => {
    const main = fakeMain({ 'kit.status': ok(noKit), 'kit.propose': ok({ requestId: REQUEST }) });
    openAs('administrator', '/kit');
    fireEvent.click(await screen.findByRole('radio', { name: 'Dividida en partes, cada una en manos de una autoridad' }));
    fireEvent.change(screen.getByLabelText('Número de partes'), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('Partes necesarias para abrir la bóveda'), { target: { value: '2' } });
    fireEvent.change(screen.getByLabelText('Autoridad que guarda la parte 1'), { target: { value: 'Teodomiro Huamanchumo' } });
    fireEvent.change(screen.getByLabelText('Autoridad que guarda la parte 2'), { target: { value: 'Rosalinda Quispecahua' } });
    fireEvent.click(screen.getByRole('button', { name: 'Solicitar el kit' }));
    const third = screen.getByLabelText('Autoridad que guarda la parte 3');
    await waitFor(() => expect(third.getAttribute('aria-invalid')).toBe('true'));
    expect(third.parentElement!.textContent).toContain('Obligatorio.');
    expect(main.of('kit.propose')).toEqual([]);
    fireEvent.change(third, { target: { value: '  Secretaría General  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Solicitar el kit' }));
    await screen.findByTestId('kit-proposed');
    expect(main.of('kit.propose')).toEqual([{ shares: { k: 2, n: 3, holders: ['Teodomiro Huamanchumo', 'Rosalinda Quispecahua', '  Secretaría General  '] } }]);
  });

  it('needing more shares than there are is not offered: k follows n down', async () => {
    const main = fakeMain({ 'kit.status': ok(noKit), 'kit.propose': ok({ requestId: REQUEST }) });
    openAs('administrator', '/kit');
    fireEvent.click(await screen.findByRole('radio', { name: 'Dividida en partes, cada una en manos de una autoridad' }));
    fireEvent.change(screen.getByLabelText('Número de partes'), { target: { value: '5' } });
    fireEvent.change(screen.getByLabelText('Partes necesarias para abrir la bóveda'), { target: { value: '4' } });
    fireEvent.change(screen.getByLabelText('Número de partes'), { target: { value: '3' } });
    const k = screen.getByLabelText('Partes necesarias para abrir la bóveda') as HTMLSelectElement;
    await waitFor(() => expect([...k.options].map((o) => o.value)).toEqual(['2', '3']));
    expect(screen.queryByLabelText('Autoridad que guarda la parte 4')).toBeNull();
    for (const n of [1, 2, 3]) fireEvent.change(screen.getByLabelText(`Autoridad que guarda la parte ${n}`), { target: { value: `Autoridad ${n}` } });
    fireEvent.click(screen.getByRole('button', { name: 'Solicitar el kit' }));
    await screen.findByTestId('kit-proposed');
    expect(main.of('kit.propose')).toEqual([{ shares: { k: 3, n: 3, holders: ['Autoridad 1', 'Autoridad 2', 'Autoridad 3'] } }]);
  });

  it('the head does not request it: the page says who does and who authorizes it', async () => {
    fakeMain({ 'kit.status': ok(noKit) });
    openAs('head', '/kit');
    await screen.findByTestId('kit-in-force');
    expect(screen.queryByRole('button', { name: 'Solicitar el kit' })).toBeNull();
    expect(screen.getByTestId('role-note').textContent).toContain('El kit de emergencia');
  });

  it('prints an authorized kit once: the file, its fingerprint and the chain head, and what to do with the paper', async () => {
    let status = authorized;
    const main = fakeMain({
      'kit.status': () => ok(status),
      'kit.print': () => {
        status = { ...noKit, inForce: printed.kit as KitStatus['inForce'], newKitNeeded: false, reason: null };
        return ok(printed);
      },
    });
    openAs('administrator', '/kit');
    const region = await screen.findByRole('region', { name: 'Kits autorizados por imprimir' });
    expect(region.textContent).toContain('Kit autorizado: una sola clave.');
    fireEvent.click(within(region).getByRole('button', { name: 'Imprimir el kit…' }));
    const notice = await screen.findByTestId('kit-printed');
    expect(notice.textContent).toContain(
      'Kit guardado en /media/usb/kit-emergencia-CZ-2026-11-29.pdf (huella KQ7M-2XWD). Cabeza de la cadena de auditoría: n.º 41, ABABABABABABABAB.',
    );
    expect(notice.textContent).toContain('Imprímalo ahora, guárdelo en sobre cerrado y firmado en la caja fuerte');
    expect(notice.textContent).toContain('borre el archivo de este equipo');
    expect(main.of('kit.print')).toEqual([{ requestId: REQUEST }]);
    // Read again: printed, it is the kit in force and no longer waits to be printed; the notice stays.
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Kits autorizados por imprimir' })).toBeNull());
    expect(screen.getByTestId('kit-in-force').textContent).toContain('KQ7M-2XWD');
    expect(screen.getByTestId('kit-printed')).toBeTruthy();
  });

  it('a cancelled dialog prints nothing; a refusal of main is shown translated', async () => {
    let answer: unknown = ok({ saved: false });
    fakeMain({ 'kit.status': ok(authorized), 'kit.print': () => answer as ReturnType<typeof ok> });
    openAs('administrator', '/kit');
    fireEvent.click(await screen.findByRole('button', { name: 'Imprimir el kit…' }));
    expect((await screen.findByTestId('kit-printed')).textContent).toBe('No se guardó el kit: la solicitud sigue autorizada.');
    answer = { ok: false, error: { code: 'KIT_PRINTED' } };
    fireEvent.click(screen.getByRole('button', { name: 'Imprimir el kit…' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Este kit de emergencia ya fue impreso: una solicitud se imprime una sola vez.');
  });
});

import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import i18n from 'i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildBridge, type Invoke } from '../../../../shared/bridge';
import { UnlockPage as Unlock } from '../../../../renderer/src/features/vault/UnlockPage';

const keyholders = [
  { id: '11111111-1111-4111-8111-111111111111', role: 'administrator' as const, fingerprint: 'AAAA-BBBB-CCCC-DDDD-EEEE', revoked: false },
  { id: '22222222-2222-4222-8222-222222222222', role: 'head' as const, fingerprint: '1111-2222-3333-4444-5555', revoked: false },
];

let invoke: ReturnType<typeof vi.fn<Invoke>>;
beforeEach(async () => {
  await i18n.changeLanguage('es');
  invoke = vi.fn<Invoke>();
  window.custodia = buildBridge(invoke, () => () => {});
});

describe('Unlock screen', () => {
  it('lists keyholders by role and fingerprint, never by name', () => {
    render(<Unlock keyholders={keyholders} initialRetryAt={null} notice={null} onUnlocked={() => {}} />);
    expect(screen.getByRole('radio', { name: /Administrador de Cuentas/ })).toBeTruthy();
    expect(screen.getByRole('radio', { name: /Jefe de la Oficina.*1111-2222/ })).toBeTruthy();
  });

  it('sends the chosen keyholder and passphrase, and clears the field after a refusal', async () => {
    const retryAt = Date.now() + 60_000;
    invoke.mockResolvedValue({ ok: false, error: { code: 'UNLOCK_FAILED', details: { failures: 3, retryAt, fingerprint: '2D64-6993-0353-4441-7983' } } });
    render(<Unlock keyholders={keyholders} initialRetryAt={null} notice={null} onUnlocked={() => {}} />);
    fireEvent.click(screen.getByRole('radio', { name: /Jefe de la Oficina/ }));
    const field = screen.getByLabelText('Frase de acceso') as HTMLInputElement;
    fireEvent.change(field, { target: { value: 'frase equivocada' } });
    fireEvent.click(screen.getByRole('button', { name: 'Desbloquear' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Frase de acceso incorrecta, o la ranura de este custodio fue alterada: compare la huella 2D64-6993-0353-4441-7983 con la anotada en su acta de alta.',
      ),
    );
    expect(invoke).toHaveBeenCalledWith('vault.unlock', { keyholderId: keyholders[1]!.id, passphrase: 'frase equivocada' });
    expect(field.value).toBe('');
    expect(screen.getByText(/Podrá reintentar en \d+ s\./)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Desbloquear' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('reports the session on success', async () => {
    invoke.mockResolvedValue({ ok: true, value: { keyholderId: keyholders[0]!.id, role: 'administrator' } });
    const onUnlocked = vi.fn();
    render(<Unlock keyholders={keyholders} initialRetryAt={null} notice={null} onUnlocked={onUnlocked} />);
    fireEvent.change(screen.getByLabelText('Frase de acceso'), { target: { value: 'tordo-violeta-acantilado-9' } });
    fireEvent.click(screen.getByRole('button', { name: 'Desbloquear' }));
    await waitFor(() => expect(onUnlocked).toHaveBeenCalledWith({ keyholderId: keyholders[0]!.id, role: 'administrator' }));
  });

  it('marks a revoked keyholder (HAND-1) and never chooses them by default, even listed first', () => {
    const revoked = { id: '33333333-3333-4333-8333-333333333333', role: 'administrator' as const, fingerprint: '9999-8888-7777-6666-5555', revoked: true };
    render(<Unlock keyholders={[revoked, ...keyholders]} initialRetryAt={null} notice={null} onUnlocked={() => {}} />);
    const marked = screen.getByRole('radio', { name: /Administrador de Cuentas revocado.*9999-8888/ }) as HTMLInputElement;
    expect(marked.checked).toBe(false);
    expect((screen.getByRole('radio', { name: /Administrador de Cuentas Huella AAAA-BBBB/ }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getAllByText('revocado')).toHaveLength(1);
  });
});

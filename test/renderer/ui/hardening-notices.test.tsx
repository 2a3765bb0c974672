import { fireEvent, render, screen } from '@testing-library/react';
import i18n from 'i18next';
import { describe, expect, it, vi } from 'vitest';
import { ErrorNotice } from '../../../renderer/src/ui/ErrorNotice';
import { VaultUnavailable } from '../../../renderer/src/features/vault/VaultUnavailable';

describe('storage and input refusals, as people read them', () => {
  it('an unavailable vault says what failed and what to do, offers to look again, and never a ceremony', async () => {
    await i18n.changeLanguage('es');
    const retry = vi.fn();
    render(<VaultUnavailable error={{ code: 'STORAGE_FULL', details: { cause: 'SQLITE_FULL' } }} onRetry={retry} />);
    expect(screen.getByRole('alert').textContent).toBe(
      'El disco donde está la bóveda está lleno. No se aplicó ningún cambio. Libere espacio en el equipo y vuelva a intentar.',
    );
    expect(screen.queryByText(/Crear la bóveda/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Volver a comprobar' }));
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('a vault in use names the other instance’s process and when it started', async () => {
    await i18n.changeLanguage('es');
    render(<ErrorNotice error={{ code: 'VAULT_IN_USE', details: { pid: 4242, startedAt: '2026-11-28T14:05:00.000Z', host: 'pc' } }} />);
    const text = screen.getByRole('alert').textContent!;
    expect(text).toContain('proceso 4242');
    expect(text).toContain('28/11/26');
  });

  it('an input refusal names the field and why, in both languages', async () => {
    await i18n.changeLanguage('es');
    const { unmount } = render(<ErrorNotice error={{ code: 'INVALID_REQUEST', details: { field: 'displayName', reason: 'bidi' } }} />);
    expect(screen.getByRole('alert').textContent).toBe(
      'El campo «nombre de la cuenta» contiene caracteres que cambian la dirección del texto: podría mostrarse como algo distinto de lo que es.',
    );
    unmount();
    await i18n.changeLanguage('en');
    render(<ErrorNotice error={{ code: 'INVALID_REQUEST', details: { field: 'supportEnd', reason: 'date' } }} />);
    expect(screen.getByRole('alert').textContent).toBe('The field “end date” is not a real date between 2000-01-01 and 2100-12-31.');
    await i18n.changeLanguage('es');
  });
});

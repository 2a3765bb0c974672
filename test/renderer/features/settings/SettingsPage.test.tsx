import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import i18n from 'i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildBridge, type Invoke } from '../../../../shared/bridge';
import { SettingsPage as Settings } from '../../../../renderer/src/features/settings/SettingsPage';
import { unlockedAs } from '../../fixtures';
import { DEFAULT_SETTINGS } from '../../../fixtures/settings';

const CURRENT = DEFAULT_SETTINGS;

let invoke: ReturnType<typeof vi.fn<Invoke>>;
beforeEach(async () => {
  await i18n.changeLanguage('es');
  invoke = vi.fn<Invoke>(async (channel) => (channel === 'settings.get' ? { ok: true, value: CURRENT } : { ok: true, value: { requestId: 'r' } }));
  window.custodia = buildBridge(invoke, () => () => {});
});

describe('Settings', () => {
  it('sends the whole changed set as a proposal for the head, per-kind intervals included', async () => {
    render(unlockedAs('administrator', <Settings />));
    fireEvent.change(await screen.findByLabelText('Intervalo de rotación (días)'), { target: { value: '10' } });
    fireEvent.change(screen.getByLabelText('Intervalo para cuentas «De apoyo» (días, vacío = el general)'), { target: { value: '7' } });
    fireEvent.click(screen.getByLabelText('Rotar después de revelar, copiar o exportar'));
    fireEvent.click(screen.getByRole('button', { name: 'Enviar para autorización' }));
    await screen.findByText('Propuesta enviada. El Jefe de la Oficina debe autorizarla en Inicio.');
    expect(invoke).toHaveBeenCalledWith('settings.propose', {
      settings: { ...CURRENT, rotationIntervalDays: 10, kindIntervals: { support: 7 }, rotateAfterUse: true },
    });
  });

  it('proposes the backup reminder’s days like any other setting (issue 18)', async () => {
    render(unlockedAs('administrator', <Settings />));
    fireEvent.change(await screen.findByLabelText('Recordar una nueva copia de seguridad tras (días)'), { target: { value: '14' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enviar para autorización' }));
    await screen.findByText('Propuesta enviada. El Jefe de la Oficina debe autorizarla en Inicio.');
    expect(invoke).toHaveBeenCalledWith('settings.propose', { settings: { ...CURRENT, backupReminderDays: 14 } });
  });

  it('shows main’s refusal naming the setting, its bounds and the rule', async () => {
    invoke.mockImplementation(async (channel) =>
      channel === 'settings.get'
        ? { ok: true, value: CURRENT }
        : { ok: false, error: { code: 'SETTINGS_INVALID', rule: 'POL-1', details: { setting: 'policyMinLength', value: 10, min: 12, max: 128 } } },
    );
    render(unlockedAs('administrator', <Settings />));
    fireEvent.change(await screen.findByLabelText('Longitud mínima de las contraseñas'), { target: { value: '10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enviar para autorización' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('«Longitud mínima de las contraseñas» debe estar entre 12 y 128 (se indicó 10). · Regla POL-1'),
    );
  });
});

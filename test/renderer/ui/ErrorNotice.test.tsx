import { render, screen } from '@testing-library/react';
import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../shared/permissions';
import { ERROR_CODES } from '../../../shared/result';
import { ErrorNotice } from '../../../renderer/src/ui/ErrorNotice';
import { en, es } from '../../../renderer/src/i18n/resources';

describe('ErrorNotice', () => {
  it('says which domain broke SEC-2, in Spanish, naming the rule', async () => {
    await i18n.changeLanguage('es');
    render(<ErrorNotice error={{ code: 'EMAIL_DOMAIN_INVALID', rule: 'SEC-2', details: { domain: 'gmail.com', reason: 'free_provider' } }} />);
    expect(screen.getByRole('alert').textContent).toBe('El correo de «gmail.com» es de un proveedor gratuito: use un correo institucional. · Regla SEC-2');
  });

  it('falls back to the code’s general message when a reason has no message of its own', async () => {
    await i18n.changeLanguage('es');
    render(<ErrorNotice error={{ code: 'COSIGN_INTEGRITY', details: { part: 'digest' } }} />);
    expect(screen.getByRole('alert').textContent).toBe('La solicitud fue alterada después de proponerse; no se aplicó.');
  });

  it('says who may authorize when the role is wrong (POL-5), naming the kind of change', async () => {
    await i18n.changeLanguage('es');
    const { rerender } = render(
      <ErrorNotice error={{ code: 'COSIGN_ROLE', rule: 'POL-5', details: { role: 'backup_administrator', as: 'approver', kind: 'credential.rotate' } }} />,
    );
    expect(screen.getByRole('alert').textContent).toBe('Solo el Jefe de la Oficina autoriza los cambios de contraseña. · Regla POL-5');
    rerender(
      <ErrorNotice error={{ code: 'COSIGN_ROLE', rule: 'POL-5', details: { role: 'backup_administrator', as: 'approver', kind: 'settings.update' } }} />,
    );
    expect(screen.getByRole('alert').textContent).toBe('Solo el Jefe de la Oficina autoriza los cambios de configuración. · Regla POL-5');
    rerender(<ErrorNotice error={{ code: 'COSIGN_ROLE', rule: 'POL-5', details: { role: 'head', as: 'proposer', kind: 'totp.set' } }} />);
    expect(screen.getByRole('alert').textContent).toBe(
      'Solo el Administrador de Cuentas o el de respaldo proponen las semillas de verificación en dos pasos. · Regla POL-5',
    );
  });

  it('names the action a role may not take, and who takes it, from the permission table (ACTION_ROLE)', async () => {
    await i18n.changeLanguage('es');
    const { rerender } = render(<ErrorNotice error={{ code: 'ACTION_ROLE', rule: 'POL-5', details: { role: 'head', action: 'recovery.use' } }} />);
    expect(screen.getByRole('alert').textContent).toBe(
      'Su rol no permite marcar un código de recuperación como usado: lo hace el Administrador de Cuentas o el Administrador de respaldo. · Regla POL-5',
    );
    await i18n.changeLanguage('en');
    rerender(<ErrorNotice error={{ code: 'ACTION_ROLE', rule: 'POL-5', details: { role: 'head', action: 'device.add' } }} />);
    expect(screen.getByRole('alert').textContent).toBe(
      "Your role does not allow you to register the institution's phones: the account administrator or the backup administrator does. · Rule POL-5",
    );
  });

  it('has the words for every action of the permission table, in both languages', () => {
    for (const catalogue of [es, en]) {
      const names = (catalogue as unknown as { permissions: { actionNames: Record<string, string> } }).permissions.actionNames;
      expect(Object.keys(names).sort()).toEqual([...ACTIONS].sort());
    }
  });

  it('numbers keyholders from one for people', async () => {
    await i18n.changeLanguage('en');
    render(<ErrorNotice error={{ code: 'PASSPHRASE_WEAK', details: { reason: 'score', keyholder: 1 } }} />);
    expect(screen.getByRole('alert').textContent).toContain('keyholder #2');
    await i18n.changeLanguage('es');
  });

  it('renders nothing without an error', () => {
    const { container } = render(<ErrorNotice error={null} />);
    expect(container.textContent).toBe('');
  });

  it('has a Spanish and an English message for every error code', () => {
    for (const code of ERROR_CODES) {
      expect(es.errors[code], code).toMatch(/\S/);
      expect(en.errors[code], code).toMatch(/\S/);
      expect(en.errors[code]).not.toBe(es.errors[code]);
    }
  });
});

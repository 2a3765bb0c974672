import { fireEvent, screen, waitFor } from '@testing-library/react';
import i18n from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BackupReminder } from '../../../../shared/backup-reminder';
import { HomeBackupReminder } from '../../../../renderer/src/features/backup/HomeBackupReminder';
import { fakeMain, openAs } from '../staff/bridge';

const ok = (value: BackupReminder) => ({ ok: true as const, value });
const home = () => <HomeBackupReminder timeZone="America/Lima" />;

beforeEach(async () => {
  await i18n.changeLanguage('es');
});

describe('the home screen’s backup reminder (issue 18)', () => {
  it('says how old the last backup is, in the institution’s time zone, and links to «Copias de seguridad»', async () => {
    fakeMain({ 'backup.reminder': ok({ reminderDays: 7, last: { at: '2026-11-20T03:00:00.000Z', seq: 40, ageDays: 9 }, unverified: false, due: true }) });
    const router = openAs('administrator', '/', home());
    const notice = await screen.findByTestId('backup-reminder');
    // 03:00 UTC on the 20th is still the 19th in Lima.
    expect(notice.querySelector('p')!.textContent).toBe(
      'La última copia de seguridad es del 19/11/26 (hace 9 días): guarde una nueva. Ir a Copias de seguridad',
    );
    fireEvent.click(screen.getByRole('link', { name: 'Ir a Copias de seguridad' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/backup'));
  });

  it('tells a vault without any backup to save the first one', async () => {
    fakeMain({ 'backup.reminder': ok({ reminderDays: 7, last: null, unverified: false, due: true }) });
    openAs('head', '/', home());
    expect((await screen.findByTestId('backup-reminder')).textContent).toContain(
      'Todavía no hay ninguna copia de seguridad: guarde la primera en un medio externo.',
    );
  });

  it('does not trust a last backup whose event did not verify', async () => {
    fakeMain({ 'backup.reminder': ok({ reminderDays: 7, last: null, unverified: true, due: true }) });
    openAs('administrator', '/', home());
    expect((await screen.findByTestId('backup-reminder')).textContent).toContain('no se pudo verificar');
  });

  it('shows nothing while the last backup is recent', async () => {
    const main = fakeMain({
      'backup.reminder': ok({ reminderDays: 7, last: { at: '2026-11-27T15:00:00.000Z', seq: 40, ageDays: 1 }, unverified: false, due: false }),
    });
    openAs('administrator', '/', home());
    await waitFor(() => expect(main.of('backup.reminder')).toEqual([{}]));
    await waitFor(() => expect(screen.queryByTestId('backup-reminder')).toBeNull());
    expect(screen.queryByText(/copia de seguridad/)).toBeNull();
  });
});

import { renderHook } from '@testing-library/react';
import i18n from 'i18next';
import { afterAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, type AuditAction } from '../../../../shared/audit-actions';
import type { AuditEventView } from '../../../../shared/audit-log';
import { auditCsv, csvCell } from '../../../../renderer/src/features/audit/csv';
import { EVENT_GROUPS, useEventWords } from '../../../../renderer/src/features/audit/useEventWords';
import { isMessageKey } from '../../../../renderer/src/i18n/keys';
import { ADMIN } from '../../fixtures';

const event = (action: AuditAction, patch: Partial<AuditEventView> = {}): AuditEventView => ({
  seq: 7,
  at: '2026-11-22T15:00:00.000Z',
  actor: { keyholderId: ADMIN, name: 'Rosalinda Quispecahua', role: 'administrator' },
  action,
  accountId: '44444444-4444-4444-8444-444444444444',
  accountName: 'Página Oficial',
  personId: null,
  personName: 'Wilmer Ancasi',
  requestId: null,
  facts: { n: 2, seq: 6, channel: 'in_person', reason: 'idle', role: 'head', platform: 'facebook', method: 'sms' },
  hashShort: '0123456789ab',
  signature: 'valid',
  ...patch,
});
afterAll(() => i18n.changeLanguage('es'));

describe('every audit event in words', () => {
  it('names the emergency kit as the signer of its use and of the recovery it closes; any other event without a keyholder stays «desconocido»', async () => {
    await i18n.changeLanguage('es');
    const { result } = renderHook(() => useEventWords());
    expect(result.current(event('kit.used', { actor: null }))).toMatch(/^El kit de emergencia abrió la bóveda en modo de recuperación/);
    expect(result.current(event('kit.recovered', { actor: null }))).toMatch(/^El kit de emergencia cerró la recuperación/);
    expect(result.current(event('kit.issued', { actor: null }))).toMatch(/^Un firmante desconocido imprimió/);
    expect(result.current(event('settings.update.approved', { actor: null }))).toMatch(/^Un firmante desconocido autorizó/);
    await i18n.changeLanguage('en');
    expect(result.current(event('kit.issued', { actor: null }))).toMatch(/^An unknown signer /);
  });

  it.each(['es', 'en'])('each action of the catalogue has its own sentence and its noun (%s), none left as its id', async (language) => {
    await i18n.changeLanguage(language);
    const { result } = renderHook(() => useEventWords());
    for (const action of AUDIT_ACTIONS) {
      const sentence = result.current(event(action));
      expect(sentence, action).toMatch(/^Rosalinda Quispecahua \S.*\.$/);
      expect(sentence, action).not.toContain(action);
      expect(sentence, action).not.toMatch(/\{\{|undefined|—/);
      expect(isMessageKey(`auditActions.${action}`), `noun of ${action}`).toBe(true);
    }
  });

  it('words who did what to which account, a co-signed kind by its own name', async () => {
    await i18n.changeLanguage('es');
    const { result } = renderHook(() => useEventWords());
    expect(result.current(event('settings.update.approved', { accountName: null, accountId: null }))).toBe(
      'Rosalinda Quispecahua autorizó el cambio de configuración.',
    );
    expect(result.current(event('credential.rotate.rejected'))).toBe('Rosalinda Quispecahua rechazó el cambio de contraseña en «Página Oficial».');
    expect(result.current(event('credential.delivered'))).toBe(
      'Rosalinda Quispecahua registró la entrega de la contraseña de «Página Oficial» (versión 2) a Wilmer Ancasi (En persona).',
    );
    expect(result.current(event('vault.locked', { accountName: null }))).toBe('Rosalinda Quispecahua bloqueó la bóveda (por inactividad).');
    await i18n.changeLanguage('en');
    expect(result.current(event('credential.rotate.proposed'))).toBe('Rosalinda Quispecahua proposed the password change on “Página Oficial”.');
  });

  it('every action can be reached through a kind of the filter, and no kind is empty', () => {
    const reached = (action: string) => EVENT_GROUPS.some((g) => g.actions.some((prefix) => action === prefix || action.startsWith(`${prefix}.`)));
    expect(AUDIT_ACTIONS.filter((a) => !reached(a))).toEqual([]);
    for (const group of EVENT_GROUPS)
      expect(
        AUDIT_ACTIONS.some((a) => group.actions.some((p) => a === p || a.startsWith(`${p}.`))),
        group.id,
      ).toBe(true);
  });
});

describe('the CSV export', () => {
  it('quotes what must be quoted and defuses what a spreadsheet would run', () => {
    expect(csvCell('22/11/26, 3:00 p. m.')).toBe('"22/11/26, 3:00 p. m."');
    expect(csvCell('dice "hola"')).toBe('"dice ""hola"""');
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+51 912')).toBe("'+51 912");
    expect(csvCell(12)).toBe('12');
  });

  it('is a header and one line per event, with a BOM for the accents', () => {
    const text = auditCsv([event('vault.unlocked'), event('vault.locked')], { header: ['n.º', 'descripción'], row: (e) => [e.seq, e.action] });
    expect(text).toBe('\uFEFFn.º,descripción\r\n7,vault.unlocked\r\n7,vault.locked\r\n');
  });
});

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { dueOrder, orderByDue } from '../../../../main/services/rotation/due-order';
import type { DeadlineRow } from '../../../../main/vault/repositories/deadlines';
import { ACCOUNTS, KNOWN, registerAccount, rotateApplied, unlockedWithActors } from '../../../fixtures/vault';

const deadline = (accountId: string, dueAt: string | null): DeadlineRow => ({
  accountId,
  kind: 'principal',
  dueAt,
  firstUse: null,
  unapplied: null,
  pending: false,
});

describe('the dashboard’s order', () => {
  it.each([
    ['no due date first, then by date', ['a', 'b', 'c'], { a: '2026-12-02T00:00:00Z', b: null, c: '2026-12-01T00:00:00Z' }, ['b', 'c', 'a']],
    [
      'equal dates keep the order given (by name)',
      ['c', 'a', 'b'],
      { a: '2026-12-01T00:00:00Z', b: '2026-12-01T00:00:00Z', c: '2026-12-01T00:00:00Z' },
      ['c', 'a', 'b'],
    ],
    ['accounts without a deadline row (archived) are left out', ['a', 'x', 'b'], { a: null, b: null }, ['a', 'b']],
    ['nothing', [], {}, []],
  ])('%s', (_what, names, dues, expected) => {
    const order = dueOrder(Object.entries(dues).map(([id, due]) => deadline(id, due)));
    expect(
      orderByDue(
        names.map((id) => ({ id })),
        order,
      ).map((o) => o.summary.id),
    ).toEqual(expected);
  });
});

describe('the dashboard after unlock', () => {
  it('is what it was before the lock: by due date, and by name among equal dates', async () => {
    const own = await unlockedWithActors();
    try {
      const { services } = own;
      const register = (displayName: string) => registerAccount(services, own.admin, own.head, { ...ACCOUNTS.facebook, displayName });
      for (const name of ['Zeta Prensa', 'Álamo Eventos', 'ñandú Imagen', 'alamo campañas', 'Beta Radio']) register(name);
      rotateApplied(own, register('Cuenta rotada'));
      const before = services.rotation.dashboard();
      expect(before.rows.map((r) => r.displayName)).toEqual(['alamo campañas', 'Álamo Eventos', 'Beta Radio', 'ñandú Imagen', 'Zeta Prensa', 'Cuenta rotada']);

      services.sessions.lock('manual');
      await services.sessions.unlock(own.admin.keyholderId, KNOWN.adminPass);
      const after = services.rotation.dashboard();
      expect({ ...after, now: before.now }).toEqual(before);
    } finally {
      await own.services.close();
    }
  });

  it('fills in, at the first dashboard after unlock, the due dates a vault made before they were stored lacks', async () => {
    const own = await unlockedWithActors();
    try {
      const { services } = own;
      const accountId = registerAccount(services, own.admin, own.head, ACCOUNTS.facebook);
      rotateApplied(own, accountId);
      const due = services.rotation.dashboard().rows.find((r) => r.accountId === accountId)?.dueAt;
      services.sessions.lock('manual');
      const db = services.vault.require();
      db.prepare('UPDATE credential_versions SET due_at = NULL WHERE account_id = ?').run(accountId);
      db.prepare('UPDATE accounts SET due_at = NULL WHERE id = ?').run(accountId);
      await services.sessions.unlock(own.admin.keyholderId, KNOWN.adminPass);
      expect(services.rotation.dashboard().rows.find((r) => r.accountId === accountId)?.dueAt).toBe(due);
    } finally {
      await own.services.close();
    }
  });

  it('reads the deadlines again when another connection wrote the file during the unlock', async () => {
    const own = await unlockedWithActors();
    try {
      const { services } = own;
      const accountId = registerAccount(services, own.admin, own.head, ACCOUNTS.facebook);
      rotateApplied(own, accountId);
      services.sessions.lock('manual');
      // After the dashboard's own early read (its listener came first): an editor moves the due date.
      services.sessions.onUnlocking(() => {
        const editor = new Database(services.vault.path);
        editor.prepare('UPDATE accounts SET due_at = ? WHERE id = ?').run('2030-01-01T00:00:00.000Z', accountId);
        editor.close();
      });
      await services.sessions.unlock(own.admin.keyholderId, KNOWN.adminPass);
      expect(services.rotation.dashboard().rows.find((r) => r.accountId === accountId)?.dueAt).toBe('2030-01-01T00:00:00.000Z');
    } finally {
      await own.services.close();
    }
  });
});

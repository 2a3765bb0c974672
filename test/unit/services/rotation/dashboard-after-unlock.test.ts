import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { byScheduledDue } from '../../../../main/services/rotation/due-order';
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

describe('the order read during the KDF', () => {
  it.each([
    ['no due date first, then by date', { a: '2026-12-02T00:00:00Z', b: null, c: '2026-12-01T00:00:00Z' }, ['b', 'c', 'a']],
    ['equal dates keep the order read', { c: '2026-12-01T00:00:00Z', a: '2026-12-01T00:00:00Z', b: '2026-12-01T00:00:00Z' }, ['c', 'a', 'b']],
    ['nothing', {}, []],
  ])('%s', (_what, dues, expected) => {
    expect(byScheduledDue(Object.entries(dues).map(([id, due]) => deadline(id, due))).map((r) => r.accountId)).toEqual(expected);
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

describe('the register’s index after unlock', () => {
  it('is built in the background a while after the unlock, and not when a lock comes first', async () => {
    const own = await unlockedWithActors();
    try {
      const { services } = own;
      registerAccount(services, own.admin, own.head, ACCOUNTS.facebook);
      services.sessions.lock('manual');
      await services.sessions.unlock(own.admin.keyholderId, KNOWN.adminPass);
      const names = vi.spyOn(services.accounts, 'namesOf');
      expect(await services.accounts.backgroundIndex()).toBe(true);
      // Built: a page of the board takes its names from the index, opening none.
      expect(services.rotation.dashboardPage({ offset: 0, limit: 10 }).rows.map((r) => r.displayName)).toEqual([ACCOUNTS.facebook.displayName]);
      expect(names).toHaveBeenCalled();
      expect(names.mock.results.every((r) => r.type === 'return' && r.value.inNameOrder)).toBe(true);

      services.sessions.lock('manual');
      await services.sessions.unlock(own.admin.keyholderId, KNOWN.adminPass);
      const cancelled = services.accounts.backgroundIndex();
      services.sessions.lock('manual');
      expect(await cancelled).toBe(false);
    } finally {
      await own.services.close();
    }
  });
});

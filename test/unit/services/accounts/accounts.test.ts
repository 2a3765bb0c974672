import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountInput } from '../../../../shared/accounts';
import Database from 'better-sqlite3';
import { ACCOUNTS, KNOWN, registerAccount, unlockedWithActors } from '../../../fixtures/vault';

let ctx: Awaited<ReturnType<typeof unlockedWithActors>>;
beforeAll(async () => {
  ctx = await unlockedWithActors();
});
afterAll(() => ctx.services.close());

const register = (input: Record<string, unknown>) => ({ accountId: registerAccount(ctx.services, ctx.admin, ctx.head, accountInput.parse(input)) });

describe('account registry', () => {
  it('registers a Facebook page linked to the institutional mailbox behind it: requested by the administrator, authorized by the head (LIFE-1)', () => {
    const { accountId: mailbox } = register(ACCOUNTS.mailbox);
    const { accountId } = register({ ...ACCOUNTS.facebook, linkedEmailAccountId: mailbox });
    const detail = ctx.services.accounts.get(accountId);
    expect(detail).toMatchObject({
      platform: 'facebook',
      kind: 'principal',
      status: 'active',
      displayName: ACCOUNTS.facebook.displayName,
      handle: '@ZafiroquintaOficial',
      currentVersion: null,
      versions: [],
      pendingRequests: 0,
    });
    expect(detail.linkedEmail).toEqual({ id: mailbox, displayName: ACCOUNTS.mailbox.displayName, loginIdentifier: ACCOUNTS.mailbox.loginIdentifier });
    const event = (action: string) =>
      ctx.services.vault.require().prepare('SELECT actor_id, subjects FROM audit_events WHERE action = ? ORDER BY seq DESC LIMIT 1').get(action) as {
        actor_id: string;
        subjects: string;
      };
    expect(event('account.create.proposed').actor_id).toBe(ctx.admin.keyholderId);
    expect(JSON.parse(event('account.create.proposed').subjects)).toMatchObject({ account: accountId });
    expect(event('account.create.approved').actor_id).toBe(ctx.head.keyholderId);
  });

  it.each([
    [
      'a gmail login',
      { ...ACCOUNTS.facebook, loginIdentifier: 'prensa.zafiro@gmail.com' },
      { code: 'EMAIL_DOMAIN_INVALID', rule: 'SEC-2', details: { field: 'loginIdentifier', domain: 'gmail.com', reason: 'free_provider' } },
    ],
    ['a hotmail mailbox', { ...ACCOUNTS.mailbox, loginIdentifier: 'prensa@hotmail.com' }, { code: 'EMAIL_DOMAIN_INVALID', rule: 'SEC-2' }],
    [
      'another institution’s domain',
      { ...ACCOUNTS.facebook, loginIdentifier: 'prensa@otra.gob.pe' },
      { code: 'EMAIL_DOMAIN_INVALID', rule: 'SEC-2', details: { field: 'loginIdentifier', domain: 'otra.gob.pe', reason: 'not_institutional' } },
    ],
    [
      'a mailbox without an e-mail login',
      { ...ACCOUNTS.mailbox, loginIdentifier: 'prensa' },
      { code: 'ACCOUNT_INVALID', details: { field: 'loginIdentifier', reason: 'email_required' } },
    ],
    ['a support account without dates', { ...ACCOUNTS.facebook, kind: 'support' }, { code: 'ACCOUNT_INVALID', rule: 'LIFE-2' }],
    [
      'a support account ending before it starts',
      { ...ACCOUNTS.facebook, kind: 'support', supportStart: '2026-12-01', supportEnd: '2026-11-01' },
      { code: 'ACCOUNT_INVALID', rule: 'LIFE-2', details: { field: 'supportEnd', reason: 'end_before_start' } },
    ],
    ['an unknown linked mailbox', { ...ACCOUNTS.facebook, linkedEmailAccountId: '5b4c1e4e-0c7a-4c1e-9a51-0f1f7b1b2c3d' }, { code: 'ACCOUNT_UNKNOWN' }],
  ])('refuses %s and writes nothing', (_label, input, error) => {
    const before = ctx.services.vault.require().prepare('SELECT count(*) FROM accounts').pluck().get();
    expect(() => register(input)).toThrow(expect.objectContaining(error));
    expect(ctx.services.vault.require().prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(before);
  });

  it('refuses a linked e-mail that is not a mailbox account', () => {
    const { accountId } = register({ ...ACCOUNTS.facebook, displayName: 'Otra página' });
    expect(() => register({ ...ACCOUNTS.facebook, linkedEmailAccountId: accountId })).toThrow(
      expect.objectContaining({ code: 'ACCOUNT_INVALID', details: { field: 'linkedEmailAccountId', reason: 'not_linked_email' } }),
    );
  });

  it('accepts a login on a subdomain of the institution and a support account with dates', () => {
    expect(() =>
      register({
        platform: 'x',
        kind: 'support',
        displayName: 'Campaña Vacunación',
        handle: '@vacunate',
        loginIdentifier: 'campana@prensa.zafiroquinta.gob.pe',
        supportStart: '2026-11-01',
        supportEnd: '2027-01-31',
      }),
    ).not.toThrow();
  });

  it('searches by name, handle and platform, ignoring accents and case, and sorts', () => {
    register({ platform: 'youtube', kind: 'principal', displayName: 'Canal Público Árbol', handle: '@canalarbol' });
    expect(ctx.services.accounts.list('arbol').map((a) => a.displayName)).toEqual(['Canal Público Árbol']);
    expect(ctx.services.accounts.list('PUBLICO youtube').map((a) => a.platform)).toEqual(['youtube']);
    expect(ctx.services.accounts.list('@vacunate').map((a) => a.displayName)).toEqual(['Campaña Vacunación']);
    expect(ctx.services.accounts.list('no existe')).toEqual([]);
    const names = ctx.services.accounts.list('', 'name').map((a) => a.displayName);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'es', { sensitivity: 'base' })));
    const platforms = ctx.services.accounts.list('', 'platform').map((a) => a.platform);
    expect(platforms).toEqual([...platforms].sort());
  });

  it('refuses an unknown account id', () => {
    expect(() => ctx.services.accounts.get('5b4c1e4e-0c7a-4c1e-9a51-0f1f7b1b2c3d')).toThrow(expect.objectContaining({ code: 'ACCOUNT_UNKNOWN' }));
  });
});

describe('the account list after unlock', () => {
  it('reads the sealed rows while the KDF runs, and opens the same list as before the lock', async () => {
    const own = await unlockedWithActors();
    try {
      const { services } = own;
      for (const name of ['Zeta Prensa', 'Álamo Eventos', 'Ñandú Imagen', 'alamo campañas'])
        registerAccount(services, own.admin, own.head, { ...ACCOUNTS.facebook, displayName: name });
      const before = { name: services.accounts.list(''), search: services.accounts.list('alamo'), platform: services.accounts.list('', 'platform') };
      expect(before.search.map((a) => a.displayName).sort()).toEqual(['alamo campañas', 'Álamo Eventos']);
      const reads: number[] = [];
      services.sessions.onUnlocking(() => reads.push(services.vault.require().prepare('SELECT count(*) FROM accounts').pluck().get() as number));
      services.sessions.lock('manual');
      await services.sessions.unlock(own.admin.keyholderId, KNOWN.adminPass);
      expect(reads).toEqual([4]);
      expect({ name: services.accounts.list(''), search: services.accounts.list('alamo'), platform: services.accounts.list('', 'platform') }).toEqual(before);
    } finally {
      await own.services.close();
    }
  });

  it('after unlock, shows a first page (its handles opened for it alone) as the whole list shows it', async () => {
    const own = await unlockedWithActors();
    try {
      const { services } = own;
      for (const [name, handle] of [
        ['Zeta Prensa', '@zeta'],
        ['Álamo Eventos', null],
        ['Ñandú Imagen', '@nandu'],
        ['alamo campañas', '@alamo'],
      ] as const)
        registerAccount(services, own.admin, own.head, { ...ACCOUNTS.facebook, displayName: name, handle: handle ?? undefined });
      services.sessions.lock('manual');
      await services.sessions.unlock(own.admin.keyholderId, KNOWN.adminPass);
      const first = services.accounts.page('', 'name', 0, 2);
      const names = services.accounts.names().map((a) => a.displayName);
      const second = services.accounts.page('', 'platform', 2, 2);
      const whole = { name: services.accounts.list(''), platform: services.accounts.list('', 'platform') };
      expect(first).toEqual({ total: 4, offset: 0, items: whole.name.slice(0, 2) });
      expect(first.items.map((a) => [a.displayName, a.handle])).toEqual([
        ['alamo campañas', '@alamo'],
        ['Álamo Eventos', null],
      ]);
      expect(second.items).toEqual(whole.platform.slice(2, 4));
      expect(names).toEqual(whole.name.map((a) => a.displayName));
      expect(services.accounts.page('nandu', 'name', 0, 10).items.map((a) => a.handle)).toEqual(['@nandu']);
    } finally {
      await own.services.close();
    }
  });

  it('reads them again when another connection wrote the file during the unlock: a swapped name is refused, not shown from the early read', async () => {
    const own = await unlockedWithActors();
    try {
      const { services } = own;
      const a = registerAccount(services, own.admin, own.head, { ...ACCOUNTS.facebook, displayName: 'Primera' });
      const b = registerAccount(services, own.admin, own.head, { ...ACCOUNTS.facebook, displayName: 'Segunda' });
      services.sessions.lock('manual');
      services.sessions.onUnlocking(() => {
        const editor = new Database(services.vault.path);
        editor.exec(`UPDATE accounts SET display_name = (SELECT display_name FROM accounts WHERE id = '${b}') WHERE id = '${a}'`);
        editor.close();
      });
      await services.sessions.unlock(own.admin.keyholderId, KNOWN.adminPass);
      expect(() => services.accounts.list('')).toThrow(
        expect.objectContaining({ code: 'RECORD_TAMPERED', details: expect.objectContaining({ rowId: a, column: 'display_name' }) }),
      );
    } finally {
      await own.services.close();
    }
  });
});

describe('a page of the account list', () => {
  it('is the same slice of the search as the whole list, with its total', () => {
    const whole = ctx.services.accounts.list('');
    expect(whole.length).toBeGreaterThan(3);
    const first = ctx.services.accounts.page('', 'name', 0, 2);
    expect(first).toEqual({ total: whole.length, offset: 0, items: whole.slice(0, 2) });
    expect(ctx.services.accounts.page('', 'name', 2, 2).items).toEqual(whole.slice(2, 4));
    expect(ctx.services.accounts.page('', 'name', whole.length + 5, 2)).toEqual({ total: whole.length, offset: whole.length, items: [] });
    const found = ctx.services.accounts.list('zafiro', 'updated');
    expect(ctx.services.accounts.page('zafiro', 'updated', 0, 50)).toEqual({ total: found.length, offset: 0, items: found });
    const { accountId } = register({ ...ACCOUNTS.facebook, displayName: 'Zafiroquinta Página Nueva' });
    expect(ctx.services.accounts.page('zafiro', 'updated', 0, 50).items.map((a) => a.id)).toContain(accountId);
  });
});

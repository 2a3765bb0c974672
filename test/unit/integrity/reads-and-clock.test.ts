import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNTS, freshSecret, keyholderId, KNOWN, registerAccount, rotateApplied, unlockedWithActors } from '../../fixtures/vault';

type Ctx = Awaited<ReturnType<typeof unlockedWithActors>>;
let ctx: Ctx | undefined;
afterEach(async () => {
  await ctx?.services.close();
  ctx = undefined;
});

/** A second process with the sqlite3 command line, editing the file while Custodia has it open. */
function editWithSqlite(file: string, sql: string): void {
  const db = new Database(file);
  db.pragma('foreign_keys = OFF');
  db.exec(sql);
  db.close();
}

describe('reads verify what they return (issue 10)', () => {
  it('a reveal refuses a version whose row was edited under an open session, naming the row, and records nothing', async () => {
    ctx = await unlockedWithActors();
    const { services, admin, head } = ctx;
    const mailbox = registerAccount(services, admin, head, ACCOUNTS.mailbox);
    const facebook = registerAccount(services, admin, head, { ...ACCOUNTS.facebook, linkedEmailAccountId: mailbox });
    rotateApplied(ctx, mailbox);
    const version = rotateApplied(ctx, facebook);
    expect(services.credentials.reveal(admin, facebook).versionN).toBe(1);
    const exposures = () => services.vault.require().prepare('SELECT count(*) FROM exposures').pluck().get();
    const before = exposures();
    // A second process moves the current version's due date, as sqlite3 would.
    editWithSqlite(services.vault.path, `UPDATE credential_versions SET due_at = '2030-01-01T00:00:00.000Z' WHERE id = '${version}';`);
    expect(() => services.credentials.reveal(admin, facebook)).toThrow(
      expect.objectContaining({ code: 'VAULT_TAMPERED', details: { part: 'row', table: 'credential_versions', key: JSON.stringify([version]) } }),
    );
    expect(exposures()).toBe(before);
    expect(services.integrity.verify()).toMatchObject({
      ok: false,
      faults: [{ kind: 'row_altered', table: 'credential_versions', key: JSON.stringify([version]) }],
    });
    // A vault found altered is written to no more: not even a new proposal.
    expect(() => services.cosign.propose(admin, { accountId: mailbox, secret: freshSecret(), reason: 'scheduled' })).toThrow(
      expect.objectContaining({ code: 'VAULT_TAMPERED' }),
    );
  });

  it('TOTP codes and approvals check their rows too', async () => {
    ctx = await unlockedWithActors();
    const { services, admin, head } = ctx;
    const mailbox = registerAccount(services, admin, head, ACCOUNTS.mailbox);
    services.cosign.approve(services.totp.propose(admin, mailbox, { secret: 'JBSWY3DPEHPK3PXP' }).requestId, head);
    expect(services.totp.codes(admin, [mailbox])).toHaveLength(1);
    const { requestId } = services.totp.propose(admin, mailbox, { secret: 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ' });
    editWithSqlite(
      services.vault.path,
      `UPDATE totp_seeds SET set_at = '2020-01-01T00:00:00.000Z'; UPDATE change_requests SET expires_at = '2030-01-01T00:00:00.000Z' WHERE id = '${requestId}';`,
    );
    expect(() => services.totp.codes(admin, [mailbox])).toThrow(
      expect.objectContaining({ code: 'VAULT_TAMPERED', details: expect.objectContaining({ table: 'totp_seeds' }) }),
    );
    expect(() => services.cosign.approve(requestId, head)).toThrow(expect.objectContaining({ code: 'VAULT_TAMPERED' }));
  });
});

describe('the clock (issue 10)', () => {
  it('set back, it cannot revive an expired request: the approval is refused and nothing changes', async () => {
    let now = Date.UTC(2026, 10, 20, 9);
    ctx = await unlockedWithActors({ clock: () => new Date(now) });
    const { services, admin } = ctx;
    const mailbox = registerAccount(services, admin, ctx.head, ACCOUNTS.mailbox);
    const { requestId } = services.cosign.propose(admin, { accountId: mailbox, secret: freshSecret(), reason: 'scheduled' });
    now += 25 * 3_600_000;
    services.sessions.lock('idle');
    await services.sessions.unlock(keyholderId(services, 'administrator'), KNOWN.adminPass);
    const head = await services.sessions.authenticate(keyholderId(services, 'head'), KNOWN.headPass);
    expect(() => services.cosign.approve(requestId, head)).toThrow(expect.objectContaining({ code: 'COSIGN_EXPIRED' }));
    now -= 24 * 3_600_000; // an hour after the proposal, as the workstation's clock now says
    expect(() => services.cosign.approve(requestId, head)).toThrow(expect.objectContaining({ code: 'CLOCK_BEHIND' }));
    expect(services.vault.require().prepare('SELECT status FROM change_requests WHERE id = ?').pluck().get(requestId)).toBe('pending');
    services.sessions.release(head);
  });

  it('a write earlier than the last event beyond the tolerance is refused; within it, accepted', async () => {
    let now = Date.UTC(2026, 10, 20, 9);
    ctx = await unlockedWithActors({ clock: () => new Date(now) });
    const { services, admin, head } = ctx;
    now -= 60_000;
    expect(registerAccount(services, admin, head, ACCOUNTS.mailbox)).toBeTruthy();
    now -= 10 * 60_000;
    expect(() => registerAccount(services, admin, head, { ...ACCOUNTS.mailbox, loginIdentifier: 'otra@zafiroquinta.gob.pe', displayName: 'Otra' })).toThrow(
      expect.objectContaining({ code: 'CLOCK_BEHIND' }),
    );
    expect(services.accounts.list('', 'name')).toHaveLength(1);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { listChangeRequests } from '../../../../main/vault/repositories/change-requests';
import type { Services } from '../../../../main/services';
import { ACCOUNTS, freshSecret, registerAccount, rotateApplied, unlockedWithActors } from '../../../fixtures/vault';

let services: Services | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

/**
 * The request lists (home, account page) show the newest requests and every one still open, whatever
 * its age; the list's columns (the version it became, whether it waits to be applied) are read for
 * those alone.
 */
describe('the listed requests', () => {
  it('are the newest ones and every pending one however old, newest first, each with its state', async () => {
    const ctx = await unlockedWithActors();
    services = ctx.services;
    const mailbox = registerAccount(services, ctx.admin, ctx.head, ACCOUNTS.mailbox);
    const facebook = registerAccount(services, ctx.admin, ctx.head, ACCOUNTS.facebook);
    const oldPending = services.cosign.propose(ctx.admin, { accountId: mailbox, secret: freshSecret(), reason: 'scheduled' }).requestId;
    for (let i = 0; i < 3; i++) rotateApplied(ctx, facebook);
    const authorized = services.cosign.propose(ctx.admin, { accountId: facebook, secret: freshSecret(), reason: 'scheduled' }).requestId;
    services.cosign.approve(authorized, ctx.head);

    const db = services.vault.require();
    const now = new Date().toISOString();
    const all = listChangeRequests(db, { accountId: null, now, limit: 100 });
    expect(all).toHaveLength(7); // two altas, the pending one, three applied rotations, the authorized one
    const newest = listChangeRequests(db, { accountId: null, now, limit: 3 });
    // The three newest, then the pending one from before them; nothing else.
    expect(newest.map((r) => r.id)).toEqual([...all.slice(0, 3).map((r) => r.id), oldPending]);
    expect(newest[0]).toMatchObject({ id: authorized, status: 'approved', awaiting: true });
    expect(newest[1]).toMatchObject({ status: 'approved', awaiting: false, versionN: 3 });
    expect(newest[3]).toMatchObject({ id: oldPending, status: 'pending', awaiting: false, versionN: null });
    // One account's: only its own.
    const ofMailbox = listChangeRequests(db, { accountId: mailbox, now, limit: 1 });
    expect(ofMailbox.map((r) => r.id)).toEqual([oldPending]);
    // Once expired, an old pending request is no longer carried past the limit.
    const later = new Date(Date.now() + 30 * 86_400_000).toISOString();
    expect(listChangeRequests(db, { accountId: null, now: later, limit: 3 }).map((r) => r.id)).toEqual(all.slice(0, 3).map((r) => r.id));
  });
});

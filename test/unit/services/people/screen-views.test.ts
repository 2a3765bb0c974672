import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unlockedWithActors } from '../../../fixtures/vault';
import { accountWithPassword, outsourcedWithAgreement, personOfKeyholder, profile, registerStaff, type Ctx } from './people.context';

/**
 * What the staff screens read (issue 15's renderer): a person's checklist links each item to the
 * open request that settles it and names phones by their label; an authorized role waits as
 * «autorizada, por aplicar» until confirmed; an account names who holds which role on it; a
 * change of internal contact names the people, not their ids.
 */
let ctx: Ctx;
beforeAll(async () => {
  ctx = await unlockedWithActors();
});
afterAll(() => ctx.services.close());

describe('the views the staff screens read', () => {
  it('a role authorized by the head reads «authorized» until it is confirmed applied; the account lists who holds it', () => {
    const { services, admin, head } = ctx;
    const contact = registerStaff(ctx, profile({ function: 'designer' }));
    const account = accountWithPassword(ctx, 'facebook');
    const cm = outsourcedWithAgreement(ctx, contact);
    const { requestId } = services.staff.proposeGrant(admin, { accountId: account, personId: cm, role: 'partial_content' });
    const grant = services.cosign.approve(requestId, head).subjects.grant!;
    const stateOf = () => services.cosign.requests(account).find((r) => r.id === requestId)?.state;
    expect(stateOf()).toBe('authorized');
    expect(services.staff.exposedToCurrent(account).grants).toEqual([
      expect.objectContaining({ id: grant, personId: cm, personName: services.staff.detail(cm).name, role: 'partial_content', state: 'granting' }),
    ]);
    services.staff.confirmApplied(admin, grant);
    expect(stateOf()).toBe('applied');
    expect(services.staff.exposedToCurrent(account).grants.map((g) => g.state)).toEqual(['active']);
  });

  it('a leaving person’s checklist links its items to the open requests, and names the phone by its label', () => {
    const { services, admin, head } = ctx;
    const contact = registerStaff(ctx, profile({ function: 'designer' }));
    const account = accountWithPassword(ctx, 'facebook');
    const cm = outsourcedWithAgreement(ctx, contact);
    const grant = services.cosign.approve(services.staff.proposeGrant(admin, { accountId: account, personId: cm, role: 'partial_content' }).requestId, head)
      .subjects.grant!;
    services.staff.confirmApplied(admin, grant);
    services.distribution.addRecipient(admin, account, cm);
    services.distribution.recordDelivery(admin, { accountId: account, personId: cm, channel: 'in_person' });
    services.twoStep.addDevice(admin, { label: 'Celular de prensa 7', number: '+51 987 000 777', institutionOwned: true, holderPersonId: cm });
    services.cosign.approve(services.staff.proposeDepart(admin, { personId: cm, date: '2026-11-30' }).requestId, head);

    const { requestIds } = services.departures.proposeTasks(admin, cm);
    const items = services.staff.detail(cm).departure!.items;
    const requestOf = (kind: 'revoke_role' | 'rotate_password') => {
      const item = items.find((i) => i.kind === kind);
      return item && 'requestId' in item ? item.requestId : undefined;
    };
    expect(new Set([requestOf('revoke_role'), requestOf('rotate_password')])).toEqual(new Set(requestIds));
    expect(items.find((i) => i.kind === 'return_device')).toMatchObject({ label: 'Celular de prensa 7', done: false });
    expect(services.departures.plan(cm).items).toEqual(items);
  });

  it('a change of internal contact reads as the people’s names', () => {
    const { services, admin } = ctx;
    const first = registerStaff(ctx, profile({ function: 'designer' }));
    const own = personOfKeyholder(services, admin.keyholderId);
    registerStaff(ctx, profile({ function: 'account_administrator' }), own);
    const cm = outsourcedWithAgreement(ctx, first);
    const current = services.staff.detail(cm).profile!;
    const { requestId } = services.staff.proposeUpdate(admin, { personId: cm, profile: { ...current, internalContactId: own } });
    const change = services.cosign.requests().find((r) => r.id === requestId)!.description;
    expect(change).toMatchObject({
      kind: 'person.update',
      changes: [{ setting: 'internalContact', from: services.staff.detail(first).name, to: services.staff.detail(own).name }],
    });
  });
});

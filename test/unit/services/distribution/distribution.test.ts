import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustodiaError } from '../../../../main/domain/errors';
import { ACCOUNTS, KNOWN, rawVaultBytes, registerAccount, registerPerson, rotateApplied, unlockedWithActors } from '../../../fixtures/vault';

let ctx: Awaited<ReturnType<typeof unlockedWithActors>>;
let account: string;
let person: string;
const PERSON = { name: 'Wilmer Ancasi Turpo', email: 'wilmer.ancasi@zafiroquinta.gob.pe' };
const register = (input: { name: string; email: string }) => registerPerson(ctx.services, ctx.admin, ctx.head, input);
const exposures = () => ctx.services.vault.require().prepare('SELECT count(*) FROM exposures').pluck().get() as number;

beforeAll(async () => {
  ctx = await unlockedWithActors();
  account = registerAccount(ctx.services, ctx.admin, ctx.head, ACCOUNTS.facebook);
  person = register(PERSON);
});
afterAll(() => ctx.services.close());

describe('people who may receive a password', () => {
  it('are a name and an institutional e-mail (SEC-2), listed by name, never duplicated', () => {
    expect(ctx.services.distribution.people()).toEqual([{ id: person, ...PERSON }]);
    const pending = () => ctx.services.cosign.pending().length;
    const before = pending();
    // Refused when proposed (LIFE-4): no request reaches the head.
    expect(() => ctx.services.staff.proposeRecipient(ctx.admin, { name: 'Otra', email: 'otra@gmail.com' })).toThrow(
      expect.objectContaining({ code: 'EMAIL_DOMAIN_INVALID', rule: 'SEC-2' }),
    );
    expect(() => ctx.services.staff.proposeRecipient(ctx.admin, PERSON)).toThrow(expect.objectContaining({ code: 'PERSON_EXISTS' }));
    expect(pending()).toBe(before);
  });

  it('are on record only once the head authorizes the request (LIFE-4)', () => {
    const candidate = { name: 'Norma Pendiente Llave', email: 'norma.pendiente@zafiroquinta.gob.pe' };
    const { personId, requestId } = ctx.services.staff.proposeRecipient(ctx.admin, candidate);
    expect(ctx.services.distribution.people().some((p) => p.id === personId)).toBe(false);
    expect(() => ctx.services.distribution.addRecipient(ctx.admin, account, personId)).toThrow(expect.objectContaining({ code: 'PERSON_UNKNOWN' }));
    expect(() => ctx.services.cosign.approve(requestId, ctx.admin)).toThrow(expect.objectContaining({ code: 'COSIGN_SELF_APPROVAL' }));
    ctx.services.cosign.approve(requestId, ctx.head);
    expect(ctx.services.distribution.people()).toContainEqual({ id: personId, ...candidate });
  });

  it('join the password dictionary: a registered person’s surname with symbols is refused (POL-2)', () => {
    const surname = 'Chuqhuyk#9vLm$2wRx';
    expect(ctx.services.policy.check(account, surname)).toBeNull();
    register({ name: 'Fortunata Chuqhuyk', email: 'fortunata.ch@zafiroquinta.gob.pe' });
    expect(ctx.services.policy.check(account, surname)).toMatchObject({
      code: 'POLICY_VIOLATION',
      rule: 'POL-2',
      details: { reason: 'name', token: 'Chuqhuyk' },
    });
  });

  it('are sealed at rest', () => {
    const raw = rawVaultBytes(ctx.services);
    expect(raw.includes(Buffer.from(PERSON.name))).toBe(false);
    expect(raw.includes(Buffer.from(PERSON.email))).toBe(false);
  });
});

describe('the distribution record (POL-6)', () => {
  it('after a rotation lists the authorized people, and records a delivery as an exposure of that version', () => {
    const versionId = rotateApplied(ctx, account);
    ctx.services.distribution.addRecipient(ctx.admin, account, person);
    expect(ctx.services.distribution.checklist(account)).toMatchObject({
      current: { versionN: 1 },
      recipients: [{ person: { id: person, name: PERSON.name }, deliveries: [] }],
    });
    ctx.services.distribution.recordDelivery(ctx.admin, { accountId: account, personId: person, channel: 'institutional_email' });
    const checklist = ctx.services.distribution.checklist(account);
    expect(checklist.recipients[0]!.deliveries).toEqual([
      expect.objectContaining({ channel: 'institutional_email', recordedBy: expect.objectContaining({ name: KNOWN.administrator }) }),
    ]);
    const exposure = ctx.services.vault
      .require()
      .prepare('SELECT credential_version_id AS version, person_id AS person, keyholder_id AS keyholder, how FROM exposures WHERE person_id IS NOT NULL')
      .get();
    expect(exposure).toEqual({ version: versionId, person, keyholder: null, how: 'institutional_email' });
    const event = ctx.services.vault.require().prepare("SELECT subjects, details FROM audit_events WHERE action = 'credential.delivered'").get() as {
      subjects: string;
      details: string;
    };
    expect(JSON.parse(event.subjects)).toEqual({ account, version: versionId, person });
    expect(JSON.parse(event.details)).toMatchObject({ n: 1, channel: 'institutional_email', rows: { exposures: expect.any(Object) } });
    expect(ctx.services.audit.verify().ok).toBe(true);
  });

  it('a new version starts a new checklist', () => {
    rotateApplied(ctx, account);
    expect(ctx.services.distribution.checklist(account)).toMatchObject({ current: { versionN: 2 }, recipients: [{ deliveries: [] }] });
  });

  it('refuses a messaging app by name (POL-6), a person not authorized for the account, and changes nothing', () => {
    const before = exposures();
    expect(() => ctx.services.distribution.recordDelivery(ctx.admin, { accountId: account, personId: person, channel: 'whatsapp' })).toThrow(
      expect.objectContaining({ code: 'DELIVERY_CHANNEL', rule: 'POL-6', details: { channel: 'whatsapp' } }),
    );
    const other = register({ name: 'Rosa Mamani', email: 'rosa.mamani@zafiroquinta.gob.pe' });
    expect(() => ctx.services.distribution.recordDelivery(ctx.admin, { accountId: account, personId: other, channel: 'in_person' })).toThrow(
      expect.objectContaining({ code: 'DELIVERY_NOT_RECIPIENT', rule: 'POL-6' }),
    );
    ctx.services.distribution.removeRecipient(ctx.admin, account, person);
    expect(() => ctx.services.distribution.recordDelivery(ctx.admin, { accountId: account, personId: person, channel: 'in_person' })).toThrow(
      expect.objectContaining({ code: 'DELIVERY_NOT_RECIPIENT' }),
    );
    expect(exposures()).toBe(before);
  });

  it('refuses a delivery before any password is applied', () => {
    const fresh = registerAccount(ctx.services, ctx.admin, ctx.head, { ...ACCOUNTS.facebook, displayName: 'Sin contraseña' });
    ctx.services.distribution.addRecipient(ctx.admin, fresh, person);
    expect(() => ctx.services.distribution.recordDelivery(ctx.admin, { accountId: fresh, personId: person, channel: 'in_person' })).toThrow(
      expect.objectContaining({ code: 'CREDENTIAL_NONE' }),
    );
  });

  it('refuses a person who already is a recipient, and records nothing', () => {
    const again = registerAccount(ctx.services, ctx.admin, ctx.head, { ...ACCOUNTS.facebook, displayName: 'Destinatario repetido' });
    const db = ctx.services.vault.require();
    const added = () => db.prepare("SELECT count(*) FROM audit_events WHERE action = 'distribution.recipient_added'").pluck().get() as number;
    const events = () => db.prepare('SELECT count(*) FROM audit_events').pluck().get() as number;
    const rows = () => db.prepare('SELECT count(*) FROM account_recipients WHERE account_id = ?').pluck().get(again) as number;
    const before = { added: added(), events: events() };
    ctx.services.distribution.addRecipient(ctx.admin, again, person);
    expect({ added: added(), events: events(), rows: rows() }).toEqual({ added: before.added + 1, events: before.events + 1, rows: 1 });

    let refusal: unknown;
    try {
      ctx.services.distribution.addRecipient(ctx.admin, again, person);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(CustodiaError);
    expect((refusal as CustodiaError).toAppError()).toEqual({ code: 'PERSON_EXISTS', details: { reason: 'recipient' } });
    expect({ added: added(), events: events(), rows: rows() }).toEqual({ added: before.added + 1, events: before.events + 1, rows: 1 });
    expect(ctx.services.audit.verify().ok).toBe(true);
  });
});

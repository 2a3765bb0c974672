import { existsSync, readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN, rawVaultBytes, unlockedWithActors } from '../../../fixtures/vault';
import { accountWithPassword, deliver, grantApplied, profile, registerStaff, type Ctx } from './people.context';

/**
 * Formulario B is sealed at rest (issue 15; CONTRIBUTING «Add a table», 2 and 5): names, cédulas,
 * mobiles, e-mails, companies, dependencies and agreement references written through the services
 * (registration, change, a recipient's quick registration, a rejected request, notes) appear
 * nowhere in the vault file or its WAL, in any form a grep would find.
 */
let ctx: Ctx;
beforeAll(async () => {
  ctx = await unlockedWithActors();
});
afterAll(() => ctx.services.close());

const FIRST = {
  names: 'Wenceslaa Yupanquiña',
  surnames: 'Quirogatupac Betancurzeta',
  documentId: 'ZX98765432',
  dependency: 'Subgerencia Xochipilliana',
  linkDetail: 'Agencia Quetzalcoatlia SAC',
  email: `wenceslaa.quirogatupac@${KNOWN.domain}`,
  mobile: '+51 955 123 987',
  reference: 'CONF-ACUERDO-77341-QZ',
};
const CHANGED = {
  surnames: 'Huamanttupa Zavaletazo',
  documentId: 'ZX11223344',
  mobile: '+51 944 765 321',
  reference: 'CONF-ADENDA-99127-QZ',
  email: `w.huamanttupa@${KNOWN.domain}`,
};
const RECIPIENT = { name: 'Anacleta Ccorimanya Pillpe', email: `anacleta.ccorimanya@${KNOWN.domain}` };
const REJECTED = { names: 'Rigoberta Tiquillahuanca', documentId: 'QW55667788', linkDetail: 'Consultora Wiracochana EIRL', reference: 'CONF-RECHAZO-40404' };
const NOTES = ['Nota de alta Ollantaytambina', 'Nota de rol Pachacamaquina'];

/** Each string as typed, and the forms it could take on disk: NFD, upper and lower case, the mobile's bare digits. */
function forms(text: string): string[] {
  const variants = [text, text.normalize('NFD'), text.toUpperCase(), text.toLowerCase()];
  if (/^\+?[\d ]+$/.test(text)) variants.push(text.replace(/\D/g, ''), text.replace(/\D/g, '').slice(2));
  return [...new Set(variants)];
}
const SECRETS = [
  ...Object.values(FIRST),
  ...Object.values(CHANGED),
  ...Object.values(RECIPIENT),
  ...Object.values(REJECTED),
  ...NOTES,
  // Pieces of the names, in case they are stored split.
  'Wenceslaa',
  'Yupanquiña',
  'Quirogatupac',
  'Quetzalcoatlia',
  'Ccorimanya',
].flatMap(forms);

const found = (bytes: Buffer) => SECRETS.filter((secret) => bytes.includes(Buffer.from(secret, 'utf8')) || bytes.includes(Buffer.from(secret, 'utf16le')));

describe('the staff registry at rest', () => {
  it('no name, cédula, mobile, e-mail, company, dependency or agreement reference is in the file or its WAL', async () => {
    const { services, admin, head } = ctx;
    const contact = registerStaff(ctx, profile({ function: 'designer' }));
    const { requestId } = services.staff.proposeRegister(admin, {
      profile: profile({
        names: FIRST.names,
        surnames: FIRST.surnames,
        documentId: FIRST.documentId,
        dependency: FIRST.dependency,
        link: 'outsourced',
        linkDetail: FIRST.linkDetail,
        email: FIRST.email,
        mobile: FIRST.mobile,
        agreement: { date: '2024-02-01', reference: FIRST.reference },
        internalContactId: contact,
      }),
      note: NOTES[0],
    });
    const person = services.cosign.approve(requestId, head).subjects.person!;
    const fb = accountWithPassword(ctx, 'facebook');
    const { requestId: grant } = services.staff.proposeGrant(admin, { accountId: fb, personId: person, role: 'partial_content', note: NOTES[1] });
    services.staff.confirmApplied(admin, services.cosign.approve(grant, head).subjects.grant!);
    deliver(ctx, fb, person);

    const current = services.staff.detail(person).profile!;
    const update = services.staff.proposeUpdate(admin, {
      personId: person,
      profile: {
        ...current,
        surnames: CHANGED.surnames,
        documentId: CHANGED.documentId,
        mobile: CHANGED.mobile,
        email: CHANGED.email,
        agreement: { date: '2024-06-01', reference: CHANGED.reference },
      },
    });
    services.cosign.approve(update.requestId, head);

    const recipient = services.staff.proposeRecipient(admin, RECIPIENT);
    services.cosign.approve(recipient.requestId, head);

    const rejected = services.staff.proposeRegister(admin, {
      profile: profile({
        names: REJECTED.names,
        documentId: REJECTED.documentId,
        link: 'outsourced',
        linkDetail: REJECTED.linkDetail,
        agreement: { date: '2024-03-01', reference: REJECTED.reference },
        internalContactId: contact,
      }),
    });
    services.cosign.reject(rejected.requestId, head, 'No corresponde');
    grantApplied(ctx, fb, contact, 'partial_insights');

    // What was written reads back through the services, so it is in the vault.
    expect(services.staff.detail(person)).toMatchObject({ name: `${FIRST.names} ${CHANGED.surnames}`, email: CHANGED.email });
    expect(services.staff.detail(person).profile).toMatchObject({ linkDetail: FIRST.linkDetail, documentId: CHANGED.documentId });
    expect(services.staff.list().people.map((p) => p.name)).toContain(RECIPIENT.name);

    const wal = `${services.vault.path}-wal`;
    expect(existsSync(wal) && statSync(wal).size > 0, 'the WAL holds the recent pages').toBe(true);
    const raw = rawVaultBytes(services);
    expect(raw.length).toBeGreaterThan(readFileSync(services.vault.path).length);
    expect(found(raw)).toEqual([]);
    // The search finds what is kept in clear (the kind of link, the role), and would find any of the strings, so an absence means something.
    expect(found(Buffer.from(`…${FIRST.documentId}…${CHANGED.mobile.replace(/\D/g, '')}…`))).toEqual(expect.arrayContaining([FIRST.documentId, '51944765321']));
    expect(raw.includes(Buffer.from('outsourced')) && raw.includes(Buffer.from('partial_content'))).toBe(true);

    // And once the WAL is folded into the file at close.
    const path = services.vault.path;
    await services.close();
    expect(found(readFileSync(path))).toEqual([]);
    expect(
      found(
        Buffer.concat(
          ['-wal', '-shm']
            .map((s) => path + s)
            .filter(existsSync)
            .map((f) => readFileSync(f)),
        ),
      ),
    ).toEqual([]);
  });
});

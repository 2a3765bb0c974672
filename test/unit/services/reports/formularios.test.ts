import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountInput } from '../../../../shared/accounts';
import { accountChanges, formularioA } from '../../../../shared/lifecycle';
import { call, tableOf } from '../../attack/helpers';
import { CAMPAIGN } from '../../../fixtures/lifecycle';
import { FORM_A, freshSecret, unlockedWithActors } from '../../../fixtures/vault';
import { profile, type Ctx } from '../people/people.context';
import { documentsDir, flat, headOnRecord, HEAD_CI, keepFirstPage, KNOWN, markedAction, pdfText, refusal, withDialog } from './reports.context';

/**
 * Formularios A and B (issue 17; LIFE-4, MITIC 678/2022 Anexo II): printed from the co-signed
 * request, every field of the annex filled in, the action marked, the head's authorization with
 * name, cédula and date; a request not authorized prints as a draft. Read back with pdftotext.
 */
const clock = { now: Date.parse('2026-12-10T15:00:00Z') };
let ctx: Ctx;
let cm: string;
let cmRequest: string;
beforeAll(async () => {
  ctx = await unlockedWithActors({ clock: () => new Date((clock.now += 1000)) });
  headOnRecord(ctx);
  const { requestId } = ctx.services.staff.proposeRegister(ctx.admin, {
    profile: profile({
      names: 'Yolanda',
      surnames: 'Ccahuana Mamani',
      documentId: '45112233',
      dependency: 'Unidad de Prensa Yanahuara',
      link: 'seconded',
      linkDetail: 'Municipalidad de Quillacollo',
      mobile: '+51 987 111 222',
      email: `yolanda.ccahuana@${KNOWN.domain}`,
      function: 'community_manager',
    }),
    note: 'Refuerzo para la campaña Ñandutí',
  });
  cmRequest = requestId;
  cm = ctx.services.cosign.approve(requestId, ctx.head).subjects.person!;
}, 60_000);
afterAll(() => ctx.services.close());

const print = async (requestId: string, name: string) => {
  const path = join(documentsDir, `${name}.pdf`);
  const result = await ctx.services.reports.formulario(ctx.admin, requestId, { path });
  return { result, text: flat(pdfText(path)), path };
};

describe('Formulario A (LIFE-1, LIFE-4)', () => {
  let accountId: string;
  let altaRequest: string;

  it('an alta still «en trámite» prints as a draft: every field, no authorization', async () => {
    const alta = ctx.services.lifecycle.requestAlta(ctx.admin, {
      account: accountInput.parse({ ...CAMPAIGN, altHandle: '@nanduti.alterno', supportStart: '2026-12-01', supportEnd: '2027-03-31' }),
      form: formularioA.parse({ ...FORM_A, authorizedUsers: [{ personId: cm, role: 'operator' }], otherData: 'Pauta compartida con Quillacollo' }),
      note: 'Campaña de verano',
    });
    ({ accountId, requestId: altaRequest } = alta);
    const { result, text } = await print(altaRequest, 'formulario-a-borrador');
    expect(result).toEqual({ form: 'A', draft: true, saved: true });
    expect(text).toContain('BORRADOR — solicitud pendiente de la autorización del Jefe de la Oficina');
    expect(text).not.toContain(HEAD_CI);
  });

  it('once the head authorizes it, prints the annex filled in with the head’s name, cédula and date', async () => {
    ctx.services.cosign.approve(altaRequest, ctx.head);
    const { result, text, path } = await print(altaRequest, 'formulario-a');
    expect(result).toEqual({ form: 'A', draft: false, saved: true });
    expect(text).not.toContain('BORRADOR');
    for (const words of [
      'Formulario A',
      'Altas, Bajas y Modificaciones (ABM) de perfiles de cuentas oficiales institucionales en redes sociales',
      'Alta Baja Modif. Descripción',
      'Alta del perfil en TikTok (LIFE-1).',
      'Motivo: «Campaña de verano»',
      `Descripción de la cuenta: ${FORM_A.description}`,
      `Nombre del perfil: ${CAMPAIGN.displayName} (${CAMPAIGN.handle})`,
      'Nombre del perfil: (alternativa) @nanduti.alterno',
      'Nombre de la Red Social: TikTok',
      `Objetivo: ${FORM_A.objective}`,
      'Pauta compartida con Quillacollo',
      'Tipo de cuenta: De apoyo (campaña, programa o dependencia) — del 2026-12-01 al 2027-03-31',
      FORM_A.postingPlan,
      FORM_A.indicators,
      'Yolanda Ccahuana Mamani Operador',
      'Firma y Sello de la MAI:',
      `Aclaración/C.I.: Teodomiro Huamanchumo Barreda — C.I. ${HEAD_CI}`,
      'Fecha: 10 de diciembre de 2026',
      'Resolución MITIC N° 678/2022 — Anexo II',
      KNOWN.institution.toUpperCase(),
    ])
      expect(text).toContain(words);
    // The action marked: the X sits under «Alta».
    expect(markedAction(path)).toBe('Alta');
    keepFirstPage(path, 'formulario-a');
  });

  it('a modificación marks «Modif.» and names each change from → to; a baja marks «Baja» (LIFE-3)', async () => {
    const { platform: _p, ...account } = { ...CAMPAIGN, altHandle: '@nanduti.alterno', supportStart: '2026-12-01', supportEnd: '2027-03-31' };
    const modify = ctx.services.lifecycle.requestModify(ctx.admin, {
      accountId,
      account: accountChanges.parse({ ...account, handle: '@nanduti.verano' }),
    });
    const modified = await print(modify.requestId, 'formulario-a-modif');
    expect(modified.text).toContain('Modificación de los datos del perfil: Nombre del perfil: de «@nanduti.esmeralda» a «@nanduti.verano»');
    expect(markedAction(modified.path)).toBe('Modif.');
    expect(modified.result.draft).toBe(true);
    ctx.services.cosign.approve(modify.requestId, ctx.head);

    const baja = ctx.services.lifecycle.requestDecommission(ctx.admin, { accountId, secret: freshSecret(), note: 'Fin de la campaña' });
    const decommission = await print(baja.requestId, 'formulario-a-baja');
    expect(decommission.text).toContain('Baja del perfil: se cambia su contraseña y se archiva con toda su información (LIFE-3).');
    expect(decommission.text).toContain(`Nombre del perfil: ${CAMPAIGN.displayName} (@nanduti.verano)`);
    expect(decommission.text).toContain(FORM_A.postingPlan);
    expect(markedAction(decommission.path)).toBe('Baja');
  });
});

describe('Formulario B (LIFE-4)', () => {
  it('a person’s registration prints every field of the annex, with the head’s authorization', async () => {
    const { result, text, path } = await print(cmRequest, 'formulario-b');
    expect(result).toEqual({ form: 'B', draft: false, saved: true });
    for (const words of [
      'Formulario B',
      'Altas, Bajas y Modificaciones (ABM) de usuarios de cuentas oficiales institucionales en redes sociales',
      '2. Datos del personal autorizado a la acción solicitada (alta, baja o modificación)',
      'Alta del usuario autorizado (LIFE-4).',
      'Motivo: «Refuerzo para la campaña Ñandutí»',
      'Nombre y Apellido Yolanda Ccahuana Mamani',
      'CI 45112233',
      'Dependencia Unidad de Prensa Yanahuara',
      'Tipo vínculo (nombrado, contratado,',
      'Comisionado',
      'Institución de origen (si aplica) Municipalidad de Quillacollo',
      `Correo electrónico institucional yolanda.ccahuana@${KNOWN.domain}`,
      'Celular +51 987 111 222',
      'Perfil y cuentas autorizadas Community manager',
      'Roles',
      'Otros datos:',
      `Aclaración/C.I.: Teodomiro Huamanchumo Barreda — C.I. ${HEAD_CI}`,
    ])
      expect(text).toContain(words);
    expect(markedAction(path)).toBe('Alta');
    keepFirstPage(path, 'formulario-b');
  });

  it('a role granted is a modificación of the user, naming the account and the role', async () => {
    const account = ctx.services.accounts.list().find((a) => a.platform === 'tiktok')!;
    const { requestId } = ctx.services.staff.proposeGrant(ctx.admin, { accountId: account.id, personId: cm, role: 'operator' });
    const { text, path } = await print(requestId, 'formulario-b-rol');
    expect(text).toContain(`Alta del rol «Operador» en ${CAMPAIGN.displayName} (TikTok)`);
    expect(markedAction(path)).toBe('Modif.');
  });
});

describe('what a form refuses (LIFE-4)', () => {
  it('a request that is no alta, baja or modificación has no form', async () => {
    const account = ctx.services.accounts.list().find((a) => a.platform === 'tiktok')!;
    const other = registerRotation(account.id);
    expect(await refusal(() => ctx.services.reports.formulario(ctx.admin, other, { path: join(documentsDir, 'x.pdf') }))).toMatchObject({
      code: 'FORM_NOT_APPLICABLE',
      rule: 'LIFE-4',
    });
  });

  it('a request whose row was edited with sqlite3 (a pending alta made to look authorized) is never printed', async () => {
    const alta = ctx.services.lifecycle.requestAlta(ctx.admin, {
      account: accountInput.parse({ ...CAMPAIGN, displayName: 'Campaña Forjada Ayacucho', handle: '@forjada' }),
      form: formularioA.parse(FORM_A),
    });
    const db = ctx.services.vault.require();
    db.prepare(`UPDATE change_requests SET status = 'approved', decided_by = ?, decided_at = ? WHERE id = ?`).run(
      ctx.head.keyholderId,
      '2026-12-10T16:00:00.000Z',
      alta.requestId,
    );
    expect(await refusal(() => ctx.services.reports.formulario(ctx.admin, alta.requestId, { path: join(documentsDir, 'forjado.pdf') }))).toMatchObject({
      code: 'VAULT_TAMPERED',
    });
    db.prepare(`UPDATE change_requests SET status = 'pending', decided_by = NULL, decided_at = NULL WHERE id = ?`).run(alta.requestId);
  });

  it('through the IPC: a hostile payload is refused typed; the save dialog is asked, and a cancel saves nothing', async () => {
    const table = tableOf(ctx.services);
    expect(await call(table, 'reports.formulario', { requestId: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await call(table, 'reports.formulario', { requestId: cmRequest, path: '/tmp/elsewhere.pdf' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    });
    const asked: string[] = [];
    const now = () => new Date(clock.now);
    expect(await withDialog(ctx.services, now, null, asked).saveFormulario(ctx.admin, cmRequest)).toEqual({ form: 'B', draft: false, saved: false });
    const chosen = join(documentsDir, 'elegido.pdf');
    expect(await withDialog(ctx.services, now, chosen, asked).saveFormulario(ctx.admin, cmRequest)).toEqual({ form: 'B', draft: false, saved: true });
    expect(flat(pdfText(chosen))).toContain('CI 45112233');
    expect(asked).toEqual([`formulario-B-${KNOWN.acronym}-2026-12-10.pdf`, `formulario-B-${KNOWN.acronym}-2026-12-10.pdf`]);
  });
});

function registerRotation(accountId: string): string {
  return ctx.services.cosign.propose(ctx.admin, { accountId, secret: freshSecret(), reason: 'scheduled' }).requestId;
}

import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvProposeRequest } from '../../../../shared/import';
import type { SignedMonthlyReport } from '../../../../shared/reports';
import { signReport } from '../../../../main/services/reports/signed-report';
import { call, tableOf } from '../../attack/helpers';
import { ACCOUNTS, keyholderId, KNOWN, registerAccount, rotateApplied, unlockedWithActors } from '../../../fixtures/vault';
import { documentsDir, flat, headOnRecord, HEAD_CI, keepFirstPage, pdfText, refusal } from './reports.context';
import type { Ctx } from '../people/people.context';
import { MAPPING_BY_HEADER, HEADER, strongSecret } from '../import/import.context';

/**
 * The monthly report (issue 17; SUP-3, INPE P-E3.01.04 §7) on a real vault over a known month,
 * November 2026 in America/Lima: a rotation on time, a late one, a first password, and a password
 * changed outside Custodia found during an incident. The share comes out as 3 of 4. The head signs
 * it with their passphrase; the signed JSON verifies offline with scripts/verify-report.mjs, and a
 * changed figure or another key makes the script fail with its message.
 */
const clock = { now: Date.parse('2026-10-20T15:00:00Z') };
const at = (iso: string) => (clock.now = Date.parse(iso));
let ctx: Ctx;
const ids: Record<string, string> = {};
beforeAll(async () => {
  ctx = await unlockedWithActors({ clock: () => new Date((clock.now += 1000)) });
  const { services, admin, head } = ctx;
  headOnRecord(ctx);
  // October: two accounts with their first passwords, due on 4 November (15 days).
  ids.a = registerAccount(services, admin, head, { ...ACCOUNTS.facebook, displayName: 'Página Mensual A' });
  ids.b = registerAccount(services, admin, head, { ...ACCOUNTS.facebook, displayName: 'Página Mensual B' });
  rotateApplied(ctx, ids.a);
  rotateApplied(ctx, ids.b);
  // November: A rotated on time, B late; C registered with its first password; A's password seen once.
  at('2026-11-02T15:00:00Z');
  rotateApplied(ctx, ids.a);
  at('2026-11-10T15:00:00Z');
  rotateApplied(ctx, ids.b);
  services.credentials.reveal(admin, ids.a);
  // Found during an incident: someone changed A's password on the platform, outside Custodia.
  at('2026-11-12T15:00:00Z');
  ids.incident = services.incidents.record(admin, {
    kind: 'credential_compromise',
    occurredOn: '2026-11-12',
    occurredTime: '09:00',
    accountIds: [ids.a],
    description: 'Acceso no reconocido Huancavelica',
  }).incidentId;
  services.incidents.recordOutsideChange(admin, {
    incidentId: ids.incident,
    accountId: ids.a,
    kind: 'password_changed',
    changedOn: '2026-11-12',
    changedTime: '08:30',
    description: 'Cambio sin solicitud desde Huancavelica',
  });
  at('2026-11-20T15:00:00Z');
  ids.c = registerAccount(services, admin, head, { ...ACCOUNTS.facebook, displayName: 'Página Mensual C' });
  rotateApplied(ctx, ids.c);
  // December: another outside change, outside the month reported.
  at('2026-12-02T15:00:00Z');
  services.incidents.recordOutsideChange(admin, {
    incidentId: ids.incident,
    accountId: ids.b,
    kind: 'role_added',
    changedOn: '2026-12-02',
    changedTime: '08:00',
    description: 'Rol agregado en diciembre',
  });
  at('2026-12-03T15:00:00Z');
}, 60_000);
afterAll(() => ctx.services.close());

const headId = () => keyholderId(ctx.services, 'head');
const verifier = join(process.cwd(), 'scripts', 'verify-report.mjs');
function verify(file: string, ...args: string[]): { code: number; out: string; err: string } {
  try {
    const out = execFileSync(process.execPath, [verifier, file, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: 0, out, err: '' };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, out: e.stdout, err: e.stderr };
  }
}

describe('the figures of November 2026 (SUP-3)', () => {
  it('counts authorized changes against everything recorded, rotations on time and late, and what was overdue at the month’s end', () => {
    const r = ctx.services.reports.monthly(ctx.admin, '2026-11');
    expect(r).toMatchObject({
      month: '2026-11',
      complete: true,
      period: { from: '2026-11-01T05:00:00.000Z', to: '2026-12-01T05:00:00.000Z', timeZone: 'America/Lima' },
      signer: null,
    });
    expect(r.figures.changes).toMatchObject({ passwords: 3, twoStep: 0, authorized: 3, outside: 1, total: 4, sharePercent: 75 });
    expect(r.figures.changes.outsideByKind).toMatchObject({ password_changed: 1, role_added: 0 });
    expect(r.figures.rotations).toMatchObject({ applied: 2, onTime: 1, late: 1, overdueAtMonthEnd: 2, accountsAtMonthEnd: 3 });
    expect(r.figures.rotations.byReason).toMatchObject({ scheduled: 2, creation: 0 });
    expect(r.figures.exposures).toMatchObject({ revealed: 1, total: 1 });
    expect(r.figures.requests).toMatchObject({ altas: 1, rejected: 0, roleGrants: 0 });
    expect(r.figures.incidents).toEqual({ recorded: 1, closed: 0, openAtMonthEnd: 1 });
    expect(r.audit.seq).toBe(ctx.services.home.home().audit.events);
    expect(r.compliance.red).toBeGreaterThan(0);
    expect(r.compliance.byRule.find((x) => x.rule === 'SUP-2')).toBeDefined();
  });

  it('October holds its own figures; the month in course is partial, and a month to come is refused', async () => {
    const october = ctx.services.reports.monthly(ctx.head, '2026-10');
    expect(october.figures.changes).toMatchObject({ passwords: 2, outside: 0, sharePercent: 100 });
    expect(october.figures.rotations.applied).toBe(0);
    const december = ctx.services.reports.monthly(ctx.head, '2026-12');
    expect(december.complete).toBe(false);
    expect(december.figures.changes).toMatchObject({ authorized: 0, outside: 1, sharePercent: 0 });
    expect(await refusal(() => ctx.services.reports.monthly(ctx.admin, '2027-01'))).toMatchObject({ code: 'REPORT_MONTH_OPEN', rule: 'SUP-3' });
  });
});

describe('the head signs the report (SUP-3)', () => {
  const pdf = join(documentsDir, 'informe-2026-11.pdf');
  const json = join(documentsDir, 'informe-2026-11.json');
  const paths = async () => ({ pdf, json });
  let signed: SignedMonthlyReport;

  it('only the head, with their passphrase, and only a month that is over', async () => {
    const { services } = ctx;
    const before = services.home.home().audit.events;
    const admin = keyholderId(services, 'administrator');
    expect(await refusal(() => services.reports.signMonthly('2026-11', admin, KNOWN.adminPass, paths))).toMatchObject({ code: 'ACTION_ROLE', rule: 'SUP-3' });
    expect(await refusal(() => services.reports.signMonthly('2026-11', headId(), 'no es la frase del jefe', paths))).toMatchObject({ code: 'UNLOCK_FAILED' });
    expect(await refusal(() => services.reports.signMonthly('2026-12', headId(), KNOWN.headPass, paths))).toMatchObject({
      code: 'REPORT_MONTH_OPEN',
      rule: 'SUP-3',
    });
    // A cancelled save dialog signs nothing and records nothing.
    expect(await services.reports.signMonthly('2026-11', headId(), KNOWN.headPass, async () => null)).toMatchObject({ saved: false, digest: null });
    expect(services.home.home().audit.events).toBe(before);
  });

  it('signs, records `report.signed` with the digest, and writes the PDF and the signed JSON', async () => {
    const { services } = ctx;
    const result = await services.reports.signMonthly('2026-11', headId(), KNOWN.headPass, paths);
    const fingerprint = services.home.home().keyholders.find((k) => k.id === headId())!.fingerprint;
    expect(result).toEqual({ saved: true, digest: expect.stringMatching(/^[0-9a-f]{64}$/), fingerprint });
    // Signed by the head, in the chain, with the month and the digest of what was signed.
    expect(services.auditLog.list({}).events[0]).toMatchObject({ action: 'report.signed', actor: { keyholderId: headId() }, signature: 'valid' });
    const last = services.vault.require().prepare('SELECT action, details FROM audit_events ORDER BY seq DESC LIMIT 1').get() as {
      action: string;
      details: string;
    };
    expect(JSON.parse(last.details)).toEqual({ month: '2026-11', digest: result.digest, fingerprint });
    expect(services.audit.verify()).toMatchObject({ ok: true });
    signed = JSON.parse(readFileSync(json, 'utf8')) as SignedMonthlyReport;
    expect(signed.report.signer).toMatchObject({ role: 'head', name: KNOWN.head, documentId: HEAD_CI, fingerprint });
    expect(signed.report.figures.changes.sharePercent).toBe(75);

    const text = flat(pdfText(pdf));
    for (const words of [
      'INFORME MENSUAL DE CUSTODIA DE CREDENCIALES',
      'Mes de noviembre de 2026',
      '3 de 4 cambios autorizados: 75 %',
      'Cambios hechos fuera de Custodia, registrados en incidentes (SUP-2) 1',
      'Contraseña cambiada 1',
      'A tiempo (antes del vencimiento de la contraseña anterior) 1',
      'Tarde 1',
      'Cuentas vencidas al cierre del mes (de 3 vigentes) 2',
      'Contraseñas mostradas 1',
      'Contraseñas y semillas escritas en una exportación a KeePass autorizada 0',
      'Inventarios importados (hoja de cálculo o archivo KeePass) 0',
      'Exportaciones de la bóveda a un archivo KeePass 0',
      'Incidentes abiertos al cierre del mes 1',
      `Huella de la clave de firma del Jefe de la Oficina: ${fingerprint}`,
      `SHA-256 del archivo firmado: ${result.digest}`,
      signed.report.audit.head,
      `Aclaración / C.I.: ${HEAD_CI}`,
      KNOWN.head,
    ])
      expect(text).toContain(words);
    expect(text).not.toContain('BORRADOR');
    keepFirstPage(pdf, 'informe-mensual');
  });

  it('verifies offline with the script, with the published key as fingerprint or as hex', () => {
    const { fingerprint, publicKey } = signed.report.signer!;
    for (const key of [[], ['--key', fingerprint], ['--key', fingerprint.replace(/-/g, '').toLowerCase()], ['--key', publicKey]]) {
      const run = verify(json, ...key);
      expect(run.code, run.err).toBe(0);
      expect(run.out).toContain(`FIRMA VÁLIDA: informe mensual 2026-11 de ${KNOWN.institution}`);
      expect(run.out).toContain(`clave de huella ${fingerprint}`);
      expect(run.out).toContain('cambios de credenciales autorizados: 3 de 4 (75 %)');
    }
  });

  it('one changed figure fails; another key fails; a report re-signed by another keyholder fails against the published key', async () => {
    const { fingerprint } = signed.report.signer!;
    const changed = structuredClone(signed);
    changed.report.figures.changes.outside = 0;
    writeFileSync(join(documentsDir, 'cambiado.json'), JSON.stringify(changed));
    const altered = verify(join(documentsDir, 'cambiado.json'));
    expect(altered.code).toBe(1);
    expect(altered.err).toContain('FIRMA NO VÁLIDA');
    expect(altered.err).toContain('una cifra o un dato cambió después de la firma');

    const adminFingerprint = ctx.services.home.home().keyholders.find((k) => k.role === 'administrator')!.fingerprint;
    const other = verify(join(documentsDir, 'informe-2026-11.json'), '--key', adminFingerprint);
    expect(other.code).toBe(2);
    expect(other.err).toContain(`CLAVE DISTINTA: el informe está firmado con la clave de huella ${fingerprint}, no con la publicada (${adminFingerprint})`);

    // An insider who changes a figure and signs again with their own key, naming it as the signer.
    const s = ctx.services.sodium;
    const insider = s.crypto_sign_keypair();
    const forged = structuredClone(changed.report);
    forged.signer = { ...forged.signer!, publicKey: s.to_hex(insider.publicKey), fingerprint: '' };
    const { publicKeyFingerprint } = await import('../../../../main/vault/keyring');
    forged.signer.fingerprint = publicKeyFingerprint(s, insider.publicKey);
    writeFileSync(join(documentsDir, 'reforjado.json'), JSON.stringify(signReport(s, insider.privateKey, forged)));
    expect(verify(join(documentsDir, 'reforjado.json')).code).toBe(0);
    const refused = verify(join(documentsDir, 'reforjado.json'), '--key', fingerprint);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('CLAVE DISTINTA');
  });
});

describe('what the report refuses', () => {
  it('a credential version edited with sqlite3 is tampering, never a figure', async () => {
    // The late rotation moved back to look on time, by someone with sqlite3 on the live file.
    const attacker = new Database(ctx.services.vault.path);
    const row = attacker.prepare(`SELECT id, applied_at AS appliedAt FROM credential_versions WHERE account_id = ? ORDER BY n DESC LIMIT 1`).get(ids.b) as {
      id: string;
      appliedAt: string;
    };
    const edit = (appliedAt: string) => attacker.prepare('UPDATE credential_versions SET applied_at = ? WHERE id = ?').run(appliedAt, row.id);
    try {
      edit('2026-11-03T15:00:00.000Z');
      expect(await refusal(() => ctx.services.reports.monthly(ctx.admin, '2026-11'))).toMatchObject({
        code: 'VAULT_TAMPERED',
        details: { part: 'row', table: 'credential_versions' },
      });
      edit(row.appliedAt);
    } finally {
      attacker.close();
    }
    expect(ctx.services.reports.monthly(ctx.admin, '2026-11').figures.rotations.late).toBe(1);
  });

  it('hostile IPC payloads are refused typed: a malformed month, a path, a missing passphrase', async () => {
    const table = tableOf(ctx.services);
    for (const payload of [{ month: '2026-13' }, { month: '2026-11', path: '/tmp/x' }, { month: 202611 }])
      expect(await call(table, 'reports.monthly', payload)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await call(table, 'reports.signMonthly', { month: '2026-11', signerId: headId() })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    // No save dialog in this process: nothing is signed, nothing recorded.
    const before = ctx.services.home.home().audit.events;
    expect(await call(table, 'reports.signMonthly', { month: '2026-11', signerId: headId(), passphrase: KNOWN.headPass })).toMatchObject({
      ok: true,
      value: { saved: false },
    });
    expect(ctx.services.home.home().audit.events).toBe(before);
  });
});

describe('imports and exports in the month’s figures (issue 18)', () => {
  it('an inventory import and a KeePass export are counted, and each exported password is an exposure of the month', async () => {
    const { services, admin, head } = ctx;
    at('2026-12-05T15:00:00Z');
    const rows = ['Mensual D', 'Mensual E'].map((name, i) => `Facebook;Página ${name};;;redes.mensual${i}@${KNOWN.domain};;${strongSecret()};;`);
    const text = [HEADER, ...rows].join('\n');
    const imported = await services.csvImport.propose(
      admin,
      csvProposeRequest.parse({ text, delimiter: 'auto', hasHeader: true, mapping: [...MAPPING_BY_HEADER], note: 'Inventario de diciembre' }),
    );
    services.cosign.approve(imported.requestId, head);
    at('2026-12-06T15:00:00Z');
    const { requestId } = services.export.propose(admin, 'Copia para el auditor');
    services.cosign.approve(requestId, head);
    const file = join(documentsDir, 'diciembre.kdbx');
    const exported = await services.export.exportKdbx(admin, {
      requestId,
      passphrase: 'cóndor pizarra nublada 81 ribera',
      confirm: 'cóndor pizarra nublada 81 ribera',
      destination: file,
    });
    const december = services.reports.monthly(head, '2026-12');
    expect(december.figures.requests).toMatchObject({ inventoryImports: 1, vaultExports: 1 });
    // Five passwords in force (A, B, C and the two imported), each written into the file.
    expect(exported.passwords).toBe(5);
    expect(december.figures.exposures).toMatchObject({ exported: 5, seedsShown: 0, total: 5 });
    expect(december.figures.changes).toMatchObject({ passwords: 2, authorized: 2 });
    expect(services.reports.monthly(head, '2026-11').figures.exposures).toMatchObject({ exported: 0, total: 1 });

    // An exposure row removed with sqlite3 is tampering, never one fewer in the figures (the month's rows were all recorded).
    const attacker = new Database(services.vault.path);
    const row = attacker.prepare('SELECT * FROM export_exposures LIMIT 1').get() as Record<string, unknown>;
    try {
      attacker.prepare('DELETE FROM export_exposures WHERE id = ?').run(row.id);
      expect(await refusal(() => services.reports.monthly(head, '2026-12'))).toMatchObject({
        code: 'VAULT_TAMPERED',
        details: { part: 'rows_missing', table: 'export_exposures', missing: 1 },
      });
      // Nor does a forged row dated outside the month make up the count.
      attacker
        .prepare(
          'INSERT INTO export_exposures (id, request_id, keyholder_id, account_id, item, credential_version_id, seed_version, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run('relleno', row.request_id, row.keyholder_id, row.account_id, row.item, row.credential_version_id, row.seed_version, '2020-01-01T00:00:00.000Z');
      expect(await refusal(() => services.reports.monthly(head, '2026-12'))).toMatchObject({
        code: 'VAULT_TAMPERED',
        details: { part: 'row', table: 'export_exposures' },
      });
      attacker.prepare("DELETE FROM export_exposures WHERE id = 'relleno'").run();
    } finally {
      const columns = Object.keys(row);
      attacker.prepare(`INSERT INTO export_exposures (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...Object.values(row));
      attacker.close();
    }
    expect(services.reports.monthly(head, '2026-12').figures.exposures.exported).toBe(5);
  }, 60_000);
});

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MONTHLY_REPORT_FORMAT, type MonthlyReportBody } from '../../../shared/reports';
import { signReport } from '../../../main/services/reports/signed-report';
import { publicKeyFingerprint } from '../../../main/vault/keyring';
import { loadSodium } from '../../../main/vault/sodium';
import type { Sodium } from '../../../main/vault/sodium';
import { tempDir } from '../../fixtures/vault';

/**
 * scripts/verify-report.mjs (issue 17, SUP-3) as the oversight office runs it: plain Node, offline.
 * Its BLAKE2b fingerprint agrees with libsodium's for any key; what is not a signed report, a file it
 * cannot read and a wrong use are told apart by message and exit code. The report made by a real
 * vault is verified in test/unit/services/reports/monthly-report.test.ts.
 */
const dir = tempDir('custodia-verify-');
const script = join(process.cwd(), 'scripts', 'verify-report.mjs');
let s: Sodium;
beforeAll(async () => {
  s = await loadSodium();
});

function run(...args: string[]): { code: number; out: string; err: string } {
  try {
    return { code: 0, out: execFileSync(process.execPath, [script, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }), err: '' };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, out: e.stdout, err: e.stderr };
  }
}

function body(publicKey: Uint8Array): MonthlyReportBody {
  const zero = { password_changed: 0, two_step_changed: 0, role_added: 0, role_removed: 0, recovery_contact_changed: 0, profile_changed: 0, other: 0 };
  return {
    format: MONTHLY_REPORT_FORMAT,
    institution: { name: 'Oficina «Ñandú» de Prensa', acronym: 'OÑP' },
    month: '2026-10',
    period: { from: '2026-10-01T05:00:00.000Z', to: '2026-11-01T05:00:00.000Z', timeZone: 'America/Lima' },
    complete: true,
    generatedAt: '2026-11-02T15:00:00.000Z',
    figures: {
      changes: { passwords: 2, twoStep: 1, authorized: 3, outside: 0, outsideByKind: zero, total: 3, sharePercent: 100 },
      rotations: {
        applied: 1,
        onTime: 1,
        late: 0,
        byReason: { creation: 0, scheduled: 1, handover: 0, incident: 0, exposure: 0, decommission: 0 },
        overdueAtMonthEnd: 0,
        accountsAtMonthEnd: 2,
      },
      exposures: { revealed: 0, copied: 0, institutional_email: 0, in_person: 0, exported: 0, seedsShown: 0, recoveryCodes: 0, total: 0 },
      requests: {
        roleGrants: 0,
        roleRevocations: 0,
        altas: 0,
        modificaciones: 0,
        bajas: 0,
        peopleRegistered: 0,
        peopleUpdated: 0,
        departures: 0,
        inventoryImports: 0,
        vaultExports: 0,
        rejected: 0,
      },
      incidents: { recorded: 0, closed: 0, openAtMonthEnd: 0 },
      handovers: { started: 0, completed: 0 },
    },
    compliance: { at: '2026-11-02T15:00:00.000Z', red: 0, amber: 1, accountsRed: 0, peopleRed: 0, byRule: [{ rule: 'SEC-4', red: 0, amber: 1 }] },
    audit: { seq: 12, head: 'ab'.repeat(32) },
    signer: { role: 'head', name: 'Jefa de Prueba', documentId: null, publicKey: s.to_hex(publicKey), fingerprint: publicKeyFingerprint(s, publicKey) },
  };
}

const write = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};

describe('scripts/verify-report.mjs', () => {
  it('verifies a signed report and prints the fingerprint libsodium computes, for keys of any bytes', () => {
    for (let i = 0; i < 5; i++) {
      const keys = s.crypto_sign_keypair();
      const fingerprint = publicKeyFingerprint(s, keys.publicKey);
      const result = run(write(`ok-${i}.json`, signReport(s, keys.privateKey, body(keys.publicKey))), '--key', fingerprint);
      expect(result.code, result.err).toBe(0);
      expect(result.out).toContain(`clave de huella ${fingerprint}, la publicada`);
      expect(result.out).toContain('cambios de credenciales autorizados: 3 de 3 (100 %)');
      expect(result.out).toContain('Exposiciones: 0 (en exportaciones a KeePass: 0).');
      expect(result.out).toContain('Inventarios importados: 0. Exportaciones de la bóveda a KeePass: 0.');
    }
  });

  it('a report signed before the import and export figures existed still verifies, without their lines', () => {
    const keys = s.crypto_sign_keypair();
    const older = body(keys.publicKey) as unknown as { figures: { exposures: Record<string, number>; requests: Record<string, number> } };
    delete older.figures.exposures.exported;
    delete older.figures.exposures.seedsShown;
    delete older.figures.requests.inventoryImports;
    delete older.figures.requests.vaultExports;
    const result = run(write('anterior.json', signReport(s, keys.privateKey, older as unknown as MonthlyReportBody)));
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('Exposiciones: 0. Roles otorgados');
    expect(result.out).not.toContain('Inventarios importados');
  });

  it('a fingerprint written in the file that is not its key’s is refused (exit 1)', () => {
    const keys = s.crypto_sign_keypair();
    const lying = body(keys.publicKey);
    lying.signer = { ...lying.signer!, fingerprint: 'AAAA-BBBB-CCCC-DDDD-EEEE' };
    const result = run(write('huella.json', signReport(s, keys.privateKey, lying)));
    expect(result.code).toBe(1);
    expect(result.err).toContain('la huella escrita en el informe (AAAA-BBBB-CCCC-DDDD-EEEE) no es la de su clave');
  });

  it('tells a file that is no report (1), an unreadable one (3) and a wrong use (3) apart', () => {
    expect(run(write('otro.json', { hello: 'world' }))).toMatchObject({
      code: 1,
      err: expect.stringContaining('no es un informe mensual firmado de Custodia'),
    });
    expect(run(write('roto.json', '{ "report": '))).toMatchObject({ code: 3, err: expect.stringContaining('ILEGIBLE') });
    expect(run(join(dir, 'no-existe.json'))).toMatchObject({ code: 3, err: expect.stringContaining('ILEGIBLE') });
    expect(run()).toMatchObject({ code: 3, err: expect.stringContaining('Uso: node scripts/verify-report.mjs') });
    expect(run(write('sin-clave.json', {}), '--key')).toMatchObject({ code: 3 });
  });
});

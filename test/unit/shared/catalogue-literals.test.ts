import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FOREIGN, scan } from './catalogue-scan';

/**
 * Rule ids, error codes and audit actions are catalogued once in shared/ (rules.ts,
 * error-codes.ts, audit-actions.ts). No literal in main/ or shared/ may name one that is not there.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sources(path);
    // test/unit/boundaries.test.ts plants forbidden imports under these names for a moment, in parallel with this test.
    if (entry.name.startsWith('__boundary-probe-')) return [];
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('catalogue literals in main/ and shared/', () => {
  const files = ['main', 'shared'].flatMap(sources);

  it('name only rule ids, error codes and audit actions of their catalogues', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap((path) => scan(path, readFileSync(join(root, path), 'utf8')))).toEqual([]);
  });

  it('lists no exemption that no longer exists', () => {
    for (const f of FOREIGN) expect(readFileSync(join(root, f.file), 'utf8')).toContain(`'${f.text}'`);
  });

  it('finds a planted unknown id, code and action wherever they stand (the check can fail)', () => {
    const planted = [
      "export const a = { code: 'POLICY_VIOLATED', rule: 'POL-9', details: {} };",
      "export const b = () => new CustodiaError('VAULT_LOCKD', {}, 'SEC-7');",
      "export const c = { at: '', action: 'credential.reveald', subjects: {}, details: {} };",
      'export const d = (kind: string) => ({ action: `${kind}.approvd` });',
      "const FOUNDING = { 'vault.creatd': I } as const;",
      "export const TABLE = { writers: { ...FOUNDING, 'account.registerd': I, '*.proposd': I } };",
      "export interface Finding { rule: 'SEC-1' | 'SEC-9'; code: 'TOTP_NONE' | 'TOTP_NADA' }",
      "export const e = signerRoles('vault.unlockd');",
      "export const f = 'HAND-9';",
    ].join('\n');
    expect(scan('main/planted.ts', planted).map((f) => `${f.line} ${f.catalogue} ${f.text}`)).toEqual([
      '1 code POLICY_VIOLATED',
      '1 rule POL-9',
      '2 code VAULT_LOCKD',
      '2 rule SEC-7',
      '3 action credential.reveald',
      '4 action `${kind}.approvd`',
      '6 action vault.creatd',
      '6 action account.registerd',
      '6 action *.proposd',
      '7 rule SEC-9',
      '7 code TOTP_NADA',
      '8 action vault.unlockd',
      '9 rule HAND-9',
    ]);
  });

  it('accepts what the catalogues list, templates and writer patterns that match one of their entries', () => {
    const fine = [
      "export const a = { code: 'POLICY_VIOLATION', rule: 'POL-2', details: {} };",
      "export const b = () => new CustodiaError('VAULT_LOCKED', {}, 'SEC-1');",
      'export const c = (how: string) => ({ action: `credential.${how}` });',
      "export const TABLE = { writers: { 'account.registered': I, '*.approved': U } };",
    ].join('\n');
    expect(scan('main/fine.ts', fine)).toEqual([]);
  });
});

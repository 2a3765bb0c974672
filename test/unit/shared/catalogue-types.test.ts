import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * `npm run typecheck` refuses an unknown rule id, error code or audit action: a file planted in
 * main/domain (in memory only, never on disk) is type-checked with the project's own tsconfig.json
 * and must fail with the unknown value, and pass with a known one.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const { config } = ts.readConfigFile(join(root, 'tsconfig.json'), (path) => ts.sys.readFile(path));
const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
const planted = join(root, 'main/domain/__planted-catalogue-check.ts');
const parsed = new Map<string, ts.SourceFile | undefined>();
let previous: ts.Program | undefined;

/** The compiler's errors for `source` as a file of main/domain, each as `line: message`. */
function typecheck(source: string): string[] {
  const host = ts.createCompilerHost(options, true);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) => {
    if (name === planted) return ts.createSourceFile(name, source, language);
    if (!parsed.has(name)) parsed.set(name, read(name, language, ...rest));
    return parsed.get(name);
  };
  host.fileExists = (name) => name === planted || ts.sys.fileExists(name);
  host.readFile = (name) => (name === planted ? source : ts.sys.readFile(name));
  const program = ts.createProgram({ rootNames: [planted], options, host, ...(previous ? { oldProgram: previous } : {}) });
  previous = program;
  const file = program.getSourceFile(planted)!;
  return ts
    .getPreEmitDiagnostics(program, file)
    .map((d) => `${file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

const refusal = (code: string, rule: string) =>
  `import { CustodiaError } from './errors';\nexport const refusal = new CustodiaError('${code}', {}, '${rule}');\n`;

describe('the catalogues are types: a planted file with an unknown value does not compile', () => {
  it('passes with a known rule id and error code', () => {
    expect(typecheck(refusal('POLICY_VIOLATION', 'POL-2'))).toEqual([]);
  });

  it('fails on an unknown rule id', () => {
    expect(typecheck(refusal('POLICY_VIOLATION', 'POL-99'))).toEqual([expect.stringContaining('"POL-99"')]);
  });

  it('fails on an unknown rule id in an AppError and in a subset of rules', () => {
    const source = [
      "import type { AppError } from '../../shared/result';",
      "import type { RuleSubset } from '../../shared/rules';",
      "export const e: AppError = { code: 'POLICY_VIOLATION', rule: 'POL-7' };",
      "export type Findings = RuleSubset<'SEC-1' | 'SEC-9'>;",
    ].join('\n');
    expect(typecheck(source)).toEqual([expect.stringContaining('"POL-7"'), expect.stringContaining('"SEC-9"')]);
  });

  it('fails on an unknown error code', () => {
    expect(typecheck(refusal('VAULT_LOCKD', 'POL-2'))).toEqual([expect.stringContaining('"VAULT_LOCKD"')]);
  });

  it('takes a known audit action with its payload, and refuses an unknown one or a wrong payload', () => {
    const source = [
      "import type { AuditEntry } from '../../shared/audit-actions';",
      "export const known: AuditEntry = { at: '', action: 'vault.unlocked', subjects: { keyholder: 'k' }, details: { failedAttempts: 0 } };",
      "export const unknown: AuditEntry = { at: '', action: 'vault.unlockd', subjects: { keyholder: 'k' }, details: { failedAttempts: 0 } };",
      "export const misshapen: AuditEntry = { at: '', action: 'vault.unlocked', subjects: { keyholder: 'k' }, details: { failedAttempts: 'none' } };",
    ].join('\n');
    const errors = typecheck(source);
    expect(errors.map((e) => e.split(':')[0])).toEqual(['3', '4']);
    expect(errors[0]).toContain('"vault.unlockd"');
  });
});

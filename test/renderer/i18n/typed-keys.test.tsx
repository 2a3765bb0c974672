import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm run typecheck` refuses a misspelt translation key: a file that uses one is planted inside
 * the project, compiled with the project's own compiler options (tsconfig.json) and the i18next
 * augmentation of renderer/src/i18n/resources.ts, and must fail, while the same file with the
 * right key passes.
 */
const root = `${resolve(dirname(fileURLToPath(import.meta.url)), '../../..')}/`;
const dir = `${root}test-artifacts/typed-keys-${process.pid}/`;

const planted = (key: string) => `import { useTranslation } from 'react-i18next';
import i18n from 'i18next';
import '../../renderer/src/i18n/resources';

export function Planted({ count }: { count: number }) {
  const { t } = useTranslation();
  return <p title={i18n.t('${key}', { count })}>{t('${key}', { count })}</p>;
}
`;

function compile(files: Record<string, string>): Map<string, string[]> {
  mkdirSync(dir, { recursive: true });
  const paths = Object.entries(files).map(([name, text]) => {
    writeFileSync(dir + name, text);
    return dir + name;
  });
  const parsed = ts.getParsedCommandLineOfConfigFile(
    `${root}tsconfig.json`,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error('tsconfig.json not readable');
  const program = ts.createProgram({ rootNames: paths, options: { ...parsed.options, noEmit: true } });
  const errors = new Map<string, string[]>(paths.map((p) => [p, []]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const file = d.file?.fileName;
    if (file && errors.has(file)) errors.get(file)!.push(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }
  return new Map([...errors].map(([path, messages]) => [path.slice(dir.length), messages]));
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('typed translation keys', () => {
  it('a misspelt key fails to compile; the right one, a plural key, compiles', () => {
    const errors = compile({ 'misspelt.tsx': planted('accounts.cuont'), 'right.tsx': planted('accounts.count') });
    expect(errors.get('right.tsx')).toEqual([]);
    const wrong = errors.get('misspelt.tsx')!;
    expect(wrong.length).toBeGreaterThanOrEqual(2); // both t() and i18n.t()
    expect(wrong.join('\n')).toMatch(/accounts\.cuont/);
  }, 120_000);
});

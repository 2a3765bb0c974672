import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from '../fixtures/vault';

/**
 * Files stay at 400 lines or fewer (CONTRIBUTING.md, "Where things go"): a longer one is split by
 * what it does (a threat, a stage of a journey, a section of the stylesheet), its shared setup in a
 * helper beside it. The check walks the folders rather than asking git, so that a new file fails
 * before it is ever committed. Nothing is excluded: no source file here is generated or vendored
 * (the folders .gitignore names, node_modules/, dist/, test-artifacts/…, are skipped wherever they
 * appear, as git skips them).
 */
const MAX_LINES = 400;
const SOURCE = /\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs|css)$/;
/** The folders that hold source; files at the top (eslint.config.js, vitest.config.ts) count too. */
const FOLDERS = ['main', 'renderer', 'shared', 'test', 'scripts'];
const root = fileURLToPath(new URL('../../', import.meta.url));

/** Folder names .gitignore leaves out (`node_modules/`, `dist/`…). */
function ignoredFolders(): Set<string> {
  return new Set(
    readFileSync(join(root, '.gitignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.endsWith('/') && !line.startsWith('#'))
      .map((line) => line.slice(0, -1)),
  );
}

/** Source files under `base` (its top level and FOLDERS, walked), as paths relative to it with '/'. */
function sourceFiles(base: string, skip: Set<string>): string[] {
  const found: string[] = [];
  const walk = (dir: string, deep: boolean) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && deep && !skip.has(entry.name)) walk(path, true);
      else if (entry.isFile() && SOURCE.test(entry.name)) found.push(relative(base, path).split(sep).join('/'));
    }
  };
  walk(base, false);
  for (const folder of FOLDERS) if (readdirSync(base).includes(folder)) walk(join(base, folder), true);
  return found.sort();
}

/** Lines as `wc -l` counts them, plus a last line without its newline. */
const lineCount = (text: string) => text.split('\n').length - (text.endsWith('\n') || text === '' ? 1 : 0);

/** The files (relative to base) over MAX_LINES, each as "path: N lines". */
function oversized(base: string, files: string[]): string[] {
  return files.flatMap((file) => {
    const lines = lineCount(readFileSync(join(base, file), 'utf8'));
    return lines > MAX_LINES ? [`${file}: ${lines} lines`] : [];
  });
}

describe(`no source file over ${MAX_LINES} lines`, () => {
  it('every source file of the repository is within the limit (split the ones named)', () => {
    const files = sourceFiles(root, ignoredFolders());
    // The walk sees the repository, not an empty or wrong folder.
    expect(files).toEqual(expect.arrayContaining(['main/services/index.ts', 'renderer/src/main.tsx', 'test/unit/file-size.test.ts', 'eslint.config.js']));
    expect(oversized(root, files)).toEqual([]);
  });

  const planted = tempDir('custodia-file-size-');
  afterAll(() => removeDir(planted));

  it(`the check names a ${MAX_LINES + 1}-line file, with or without its last newline, and passes one of ${MAX_LINES}`, () => {
    const lines = (count: number) => Array.from({ length: count }, (_, i) => `export const l${i} = ${i};`).join('\n');
    const plant = (path: string, text: string) => {
      mkdirSync(join(planted, path, '..'), { recursive: true });
      writeFileSync(join(planted, path), text);
    };
    plant('main/services/big.ts', `${lines(MAX_LINES + 1)}\n`);
    plant('renderer/src/styles/long.css', lines(MAX_LINES + 1).replaceAll('export const', '.x'));
    plant('at-the-top.config.mjs', `${lines(MAX_LINES + 1)}\n`);
    plant('test/unit/fits.test.ts', `${lines(MAX_LINES)}\n`);
    // Not source, or where .gitignore says: not looked at.
    plant('main/notes.md', `${lines(MAX_LINES + 1)}\n`);
    plant('renderer/node_modules/dep/index.js', `${lines(MAX_LINES + 1)}\n`);
    plant('docs/example.ts', `${lines(MAX_LINES + 1)}\n`);

    const files = sourceFiles(planted, ignoredFolders());
    expect(files).toEqual(['at-the-top.config.mjs', 'main/services/big.ts', 'renderer/src/styles/long.css', 'test/unit/fits.test.ts']);
    expect(oversized(planted, files)).toEqual([
      `at-the-top.config.mjs: ${MAX_LINES + 1} lines`,
      `main/services/big.ts: ${MAX_LINES + 1} lines`,
      `renderer/src/styles/long.css: ${MAX_LINES + 1} lines`,
    ]);
  });
});

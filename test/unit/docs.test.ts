import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../shared/rules';
import { renderRulesDoc } from '../../scripts/rules-doc';

/**
 * What the README and the rules document promise a newcomer: every file the README cites is in
 * the repository, nothing points outside it, and every rule id leads to docs/rules.md.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const readme = read('README.md');
const RULE_ID = /\b(?:POL|SEC|ROLE|LIFE|HAND|SUP)-\d+\b/g;

/** Top-level names the repository holds (what a fresh clone has), leaving out what .gitignore says commands make. */
function repositoryTopLevel(): Set<string> {
  const ignored = read('.gitignore')
    .split('\n')
    .map((line) => line.trim().replace(/\/$/, ''))
    .filter((line) => line && !line.startsWith('#'));
  const isIgnored = (name: string) => ignored.some((pattern) => (pattern.startsWith('*') ? name.endsWith(pattern.slice(1)) : name === pattern));
  // docs/ and resources/ count even before they exist: a citation of them must then fail.
  return new Set([...readdirSync(root).filter((name) => name !== '.git' && !isIgnored(name)), 'docs', 'resources']);
}

/**
 * Relative paths the README cites: link targets, backticked spans, and path-like words (in prose
 * and in code blocks) that start at one of the repository's top-level names. Git-ignored output
 * (`.electron-native/`, `test-artifacts/…`) and paths that are not the repository's (`seen/`
 * beside a vault, `…/Custodia/vault/`) are not files of the repository and are left out.
 */
function citedPaths(markdown: string): { links: string[]; paths: string[] } {
  const links = [...markdown.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#'))
    .map((target) => target.split('#')[0]!);
  const top = repositoryTopLevel();
  const isUrl = (word: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(word);
  // A backticked file name such as `rules.md` is a citation too, of a file at the repository's root.
  const backticked = [...markdown.matchAll(/`([^`\s]+)`/g)]
    .map((m) => m[1]!)
    .filter((word) => !isUrl(word) && (top.has(word.split('/')[0]!) || /^[\w.-]+\.(md|tsx?|mjs|js|json|ya?ml|png|html|css)$/.test(word)));
  const words = [...markdown.matchAll(/(?<![\w./…-])\.?[\w-]+(?:\/[\w.-]+)+\/?/g)]
    .map((m) => m[0].replace(/[.,;:]+$/, ''))
    .filter((word) => top.has(word.split('/')[0]!));
  const paths = [...backticked, ...words];
  return { links, paths: [...new Set(paths)] };
}

describe('docs/rules.md and the typed rule catalogue', () => {
  const documented = [...read('docs/rules.md').matchAll(/^\| ((?:POL|SEC|ROLE|LIFE|HAND|SUP)-\d+) \|/gm)].map((m) => m[1]);

  it('is exactly what `npm run docs:rules` writes from shared/rules.ts (edit the catalogue, then run it)', () => {
    expect(read('docs/rules.md')).toBe(renderRulesDoc());
  });

  it('lists exactly the ids of shared/rules.ts, in the same order', () => {
    expect(documented.length).toBeGreaterThan(20);
    expect(documented).toEqual([...RULE_IDS]);
  });

  it('every rule id the README cites is in the catalogue', () => {
    const cited = new Set(readme.match(RULE_ID) ?? []);
    expect(cited.size).toBeGreaterThan(5);
    expect([...cited].filter((id) => !(RULE_IDS as readonly string[]).includes(id))).toEqual([]);
  });

  it('every rule id cited in the source (main/, shared/, renderer/src/) is in the catalogue', () => {
    const unknown = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
        const path = `${dir}/${entry.name}`;
        if (entry.isDirectory()) walk(path);
        else if (/\.tsx?$/.test(entry.name))
          for (const id of read(path).match(RULE_ID) ?? []) if (!(RULE_IDS as readonly string[]).includes(id)) unknown.add(`${id} in ${path}`);
      }
    };
    for (const dir of ['main', 'shared', 'renderer/src']) walk(dir);
    expect([...unknown]).toEqual([]);
  });
});

describe('README.md', () => {
  const { links, paths } = citedPaths(readme);

  it('cites only files that are in the repository', () => {
    expect(links.length + paths.length).toBeGreaterThan(10);
    expect([...links, ...paths].filter((path) => !existsSync(join(root, path)))).toEqual([]);
  });

  it('cites nothing outside the repository', () => {
    expect(readme).not.toContain('../shared');
    expect([...links, ...[...readme.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)].filter((path) => path.startsWith('../') || path.startsWith('/work'))).toEqual(
      [],
    );
  });

  it('leads rule ids to docs/rules.md', () => {
    expect(links).toContain('docs/rules.md');
  });

  it('finds a cited path that does not exist (the check can fail)', () => {
    const { paths: made } = citedPaths('See `main/vault/nowhere.ts`, `rules.md` and [the notes](docs/nowhere.md), not `seen/` nor `vault.sqlite`.');
    expect(made).toEqual(['main/vault/nowhere.ts', 'rules.md', 'docs/nowhere.md']);
    expect(made.filter((path) => !existsSync(join(root, path)))).toEqual(made);
    expect(citedPaths('[the notes](docs/nowhere.md)').links).toEqual(['docs/nowhere.md']);
  });
});

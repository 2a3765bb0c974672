import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RULE_SECTIONS, RULE_SOURCES, RULES } from '../shared/rules';

/**
 * docs/rules.md, written from the typed catalogue (shared/rules.ts): `npm run docs:rules` writes
 * it, `npm run docs:rules -- --check` fails when the file differs (CI runs the same comparison in
 * test/unit/docs.test.ts). Edit the catalogue, never the document.
 */
export const RULES_DOC = fileURLToPath(new URL('../docs/rules.md', import.meta.url));

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
const separator = (columns: number) => `|${'---|'.repeat(columns)}`;

export function renderRulesDoc(): string {
  const lines = [
    '> **Generated** from the typed catalogue `shared/rules.ts` by `npm run docs:rules`: change a rule there, never here',
    '> (`test/unit/docs.test.ts` fails when the two differ). The seed procedures it cites (`seeds/…`, Spanish originals)',
    '> are not part of this repository.',
    '',
    '# The rules Custodia enforces',
    '',
    'Every rule below comes from one of the three procedures in `seeds/` (Spanish originals):',
    '',
    row(['seed file', 'what it is']),
    separator(2),
    ...RULE_SOURCES.map((s) => row([`\`${s.file}\``, s.what])),
    '',
    'Each rule has a stable id. Code, tests, error messages, the compliance screen and the reports cite these ids, so an auditor can go from a red cell to the clause that it enforces. "Blocks" means the vault refuses the action with a clear, translated message naming the rule; "flags" means the compliance view and reports show it until it is fixed.',
  ];
  for (const section of RULE_SECTIONS) {
    lines.push('', `## ${section}`, row(['id', 'rule', 'source', 'how']), separator(4));
    for (const r of RULES.filter((r) => r.section === section)) lines.push(row([r.id, r.text, r.source, r.how]));
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const written = renderRulesDoc();
  if (process.argv.includes('--check')) {
    if (readFileSync(RULES_DOC, 'utf8') !== written) {
      console.error('docs/rules.md is not what shared/rules.ts says: run `npm run docs:rules`.');
      process.exit(1);
    }
  } else {
    writeFileSync(RULES_DOC, written);
  }
}

import ts from 'typescript';
import { AUDIT_ACTIONS, isAuditAction } from '../../../shared/audit-actions';
import { ERROR_CODES } from '../../../shared/error-codes';
import { isRuleId } from '../../../shared/rules';

/**
 * Finds string literals used as a rule id, an error code or an audit action (by where they stand
 * in the syntax tree) that their catalogue in shared/ does not list. Types catch most of these;
 * this catches the rest: values typed as plain strings (`Record<string, …>` keys, a `string`
 * field), type literals such as `rule: 'SEC-9'`, and any string shaped like a rule id.
 */
export type Catalogue = 'rule' | 'code' | 'action';

export interface Finding {
  file: string;
  line: number;
  catalogue: Catalogue;
  text: string;
}

const RULE_SHAPE = /^[A-Z]{2,6}-\d+$/;
/** Fields that hold a catalogue value, in object literals and in types. */
const FIELDS: Readonly<Record<string, Catalogue>> = { rule: 'rule', code: 'code', action: 'action' };
/** Functions and constructors that take a catalogue value, by argument position. */
const ARGUMENTS: Readonly<Record<string, Readonly<Record<number, Catalogue>>>> = {
  CustodiaError: { 0: 'code', 2: 'rule' },
  cosignStep: { 0: 'action' },
  cosignStepOf: { 0: 'action' },
  signerRoles: { 0: 'action' },
  allowedOps: { 1: 'action' },
};
/** Such a field filled for someone else's API: the literal, and why it is not ours. */
export const FOREIGN: readonly { file: string; text: string; why: string }[] = [
  { file: 'main/app/guards.ts', text: 'deny', why: "Electron's answer to window.open ({ action: 'deny' })" },
  { file: 'shared/input.ts', text: 'custom', why: "zod's issue code ({ code: 'custom' })" },
  { file: 'shared/staff.ts', text: 'custom', why: "zod's issue code ({ code: 'custom' }), for a cédula's shape" },
  { file: 'main/vault/instance-lock.ts', text: 'LOCK_UNUSABLE', why: 'an internal Error code, like a Node one, that becomes a STORAGE_ error or a retry' },
];

/** A literal's text, or a pattern for a template (`${kind}.approved`) or an integrity writer (`*.approved`). */
type Candidate = { text: string; pattern?: RegExp };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function candidates(node: ts.Node | undefined): Candidate[] {
  if (!node) return [];
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [{ text: node.text }];
  if (ts.isTemplateExpression(node)) {
    const source = [escape(node.head.text), ...node.templateSpans.map((s) => `.+${escape(s.literal.text)}`)].join('');
    return [{ text: node.getText(), pattern: new RegExp(`^${source}$`) }];
  }
  if (ts.isConditionalExpression(node)) return [...candidates(node.whenTrue), ...candidates(node.whenFalse)];
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) return candidates(node.expression);
  if (
    ts.isBinaryExpression(node) &&
    (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)
  ) {
    return [...candidates(node.left), ...candidates(node.right)];
  }
  if (ts.isLiteralTypeNode(node)) return candidates(node.literal);
  if (ts.isUnionTypeNode(node)) return node.types.flatMap(candidates);
  if (ts.isTypeReferenceNode(node)) return (node.typeArguments ?? []).flatMap(candidates);
  return [];
}

const nameOf = (name: ts.PropertyName | undefined): string | undefined =>
  name && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) ? name.text : undefined;

function known(catalogue: Catalogue, c: Candidate): boolean {
  const matches = (value: string) => (c.pattern ? c.pattern.test(value) : value === c.text);
  if (catalogue === 'rule') return c.pattern ? false : isRuleId(c.text);
  if (catalogue === 'code') return ERROR_CODES.some(matches);
  return c.pattern ? AUDIT_ACTIONS.some(matches) : isAuditAction(c.text);
}

/** The keys of an integrity table's `writers` (audit actions, `*` for any dotted words), following spreads of constants in the same file. */
function writerKeys(node: ts.Expression, file: ts.SourceFile): Candidate[] {
  const target = ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isParenthesizedExpression(node) ? node.expression : node;
  if (ts.isIdentifier(target)) {
    let found: ts.Expression | undefined;
    const visit = (n: ts.Node): void => {
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === target.text && n.initializer) found = n.initializer;
      else ts.forEachChild(n, visit);
    };
    visit(file);
    return found ? writerKeys(found, file) : [];
  }
  if (!ts.isObjectLiteralExpression(target)) return [];
  return target.properties.flatMap((p): Candidate[] => {
    if (ts.isSpreadAssignment(p)) return writerKeys(p.expression, file);
    const key = nameOf(p.name);
    if (key === undefined) return [];
    const pattern = key.includes('*') ? new RegExp(`^${key.split('*').map(escape).join('[a-z_]+(?:\\.[a-z_]+)*')}$`) : undefined;
    return [pattern ? { text: key, pattern } : { text: key }];
  });
}

export function scan(path: string, source: string): Finding[] {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true, path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const report = (node: ts.Node, catalogue: Catalogue, list: Candidate[]) => {
    for (const c of list) {
      // An empty string is a placeholder (a reused row's field), not a value.
      if (c.text === '' || known(catalogue, c) || FOREIGN.some((f) => f.file === path && f.text === c.text)) continue;
      findings.push({ file: path, line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, catalogue, text: c.text });
    }
  };
  // A rule-shaped literal is checked wherever it stands, so fields and arguments add only the others.
  const field = (node: ts.Node, catalogue: Catalogue | undefined, value: ts.Node | undefined) => {
    if (catalogue)
      report(
        node,
        catalogue,
        candidates(value).filter((c) => catalogue !== 'rule' || !RULE_SHAPE.test(c.text)),
      );
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && RULE_SHAPE.test(node.text)) report(node, 'rule', [{ text: node.text }]);
    else if (ts.isPropertyAssignment(node)) {
      const name = nameOf(node.name);
      field(node, name === undefined ? undefined : FIELDS[name], node.initializer);
      if (name === 'writers') report(node, 'action', writerKeys(node.initializer, file));
    } else if (ts.isPropertySignature(node)) {
      const name = nameOf(node.name);
      field(node, name === undefined ? undefined : FIELDS[name], node.type);
    } else if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && ts.isIdentifier(node.expression)) {
      const positions = ARGUMENTS[node.expression.text] ?? {};
      (node.arguments ?? []).forEach((argument, i) => field(argument, positions[i], argument));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return findings;
}

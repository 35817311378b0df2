// The scorecards whose fixes the fuzz tests apply, and the check that `kpilens lint --fix` changes
// nothing but what its fixes mean to change.
import * as fc from 'fast-check';
import { isScalar, Lexer, parseDocument, Scalar, visit } from 'yaml';
import { fixFiles } from '../../server/src/engine';
import { AS_OF } from './corpus';

/** Text that looks like a suppression comment, for places where it is not one. */
const FAKE = [
  '# kpilens-disable-line kpi-owner',
  '# kpilens-disable-next-line schema',
  '# kpilens-disable-file',
  '#kpilens-disable-line smart-target, kpi-owner',
  '# note',
];
const RULE_IDS = ['kpi-owner', 'smart-target', 'schema', 'vanity-metric', 'not-a-rule', 'kpi-owner, schema'];

/** A value of one or more lines at `indent`: plain (with an apostrophe), quoted on several lines, or a block scalar. */
const fieldValue = (indent: string) =>
  fc.oneof(
    fc.constantFrom("Customer's NPS", 'Plain words', "it's #1 here", 'a#b'),
    fc.tuple(fc.constantFrom(...FAKE), fc.constantFrom('"', "'")).map(([fake, q]) => `${q}First line\n${indent}  ${fake.replace(/'/g, "''")}${q}`),
    fc
      .tuple(fc.constantFrom('|', '>', '|-', '>+'), fc.array(fc.constantFrom(...FAKE, 'text', "don't", '"quoted"'), { minLength: 1, maxLength: 3 }))
      .map(([h, lines]) => `${h}\n${lines.map((l) => `${indent}  ${l}`).join('\n')}`),
  );

/** A real comment, after a value or on a line of its own, that may or may not hide a finding. */
const realComment = fc.oneof(
  { weight: 2, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.constantFrom(...RULE_IDS).map((ids) => `  # kpilens-disable-line ${ids}`) },
  { weight: 1, arbitrary: fc.constant('  # a remark') },
);

const kpiArb = fc.record({
  owner: fc.boolean(),
  smart: fc.boolean(),
  name: fieldValue('    '),
  definition: fieldValue('    '),
  nameComment: realComment,
  idComment: realComment,
  before: fc.constantFrom('', '  # kpilens-disable-next-line kpi-owner\n', '  # kpilens-disable-next-line schema\n', '  # just a comment\n'),
  anchor: fc.constantFrom('none', 'anchor', 'alias'),
});

/** Scorecards with the fixes of kpi-owner, smart-target and unused-suppression to apply, and text that only looks like comments. */
export const fixableScorecard = fc.array(kpiArb, { minLength: 1, maxLength: 6 }).map((kpis) => {
  const lines = [
    'kpilens: 1',
    'scorecard: { id: fixable, title: Fixable, owner: ceo }',
    'vision:',
    '  statement: Grow.',
    '  values: [care]',
    'objectives:',
    '  - id: goal',
    '    title: Goal',
    '    supports: [vision]',
    'kpis:',
  ];
  let anchored = false;
  kpis.forEach((k, i) => {
    const item = [
      `${k.before}  - id: k${i}${k.idComment}`,
      `    name: ${k.name}${k.name.includes('\n') ? '' : k.nameComment}`,
      `    definition: ${k.definition}`,
      '    objective: goal',
    ];
    if (k.owner) item.push('    owner: someone');
    if (k.anchor === 'anchor' || (k.anchor === 'alias' && !anchored)) {
      item.push(`    unit: &unit percent`);
      anchored = true;
    } else if (k.anchor === 'alias') item.push('    unit: *unit');
    else item.push('    unit: percent');
    if (k.smart) item.push('    baseline: 10', '    target: { value: 20, by: 2027-06-30 }');
    lines.push(item.join('\n'));
  });
  lines.push('review: { cadence: yearly, last: 2026-06-01 }', '');
  return lines.join('\n');
});

/**
 * The comments of a text, straight from the yaml package's lexer (not through the engine, which
 * is what is checked): a token that starts with `#` and does not follow the scalar marker.
 */
function lexedComments(text: string): { span: { start: number }; text: string }[] {
  const out: { span: { start: number }; text: string }[] = [];
  let at = 0;
  let previous = '';
  for (const token of new Lexer().lex(text)) {
    if (token.startsWith('#') && previous !== '\x1f') out.push({ span: { start: at }, text: token });
    if (token !== '\x02' && token !== '\x18' && token !== '\x1f') at += token.length;
    previous = token;
  }
  return out;
}

/** The lines of a text without its comments; lines that only held a comment are left out. */
function codeLines(text: string): string[] {
  const comments = lexedComments(text);
  const out: string[] = [];
  let c = 0;
  let start = 0;
  for (const line of text.split('\n')) {
    const end = start + line.length;
    let code = line;
    let commented = false;
    while (c < comments.length && comments[c].span.start < end) {
      if (comments[c].span.start >= start && !commented) {
        code = line.slice(0, comments[c].span.start - start).trimEnd();
        commented = true;
      }
      c++;
    }
    if (!(commented && code.trim() === '')) out.push(code);
    start = end + 1;
  }
  return out;
}

/** The lines of `a` and `b` that a longest common subsequence keeps, as two sets of indexes. */
function commonLines(a: string[], b: string[]): { inA: Set<number>; inB: Set<number> } {
  const n = a.length;
  const m = b.length;
  const len = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) len[i][j] = a[i] === b[j] ? len[i + 1][j + 1] + 1 : Math.max(len[i + 1][j], len[i][j + 1]);
  const inA = new Set<number>();
  const inB = new Set<number>();
  for (let i = 0, j = 0; i < n && j < m;) {
    if (a[i] === b[j]) {
      inA.add(i++);
      inB.add(j++);
    } else if (len[i + 1][j] >= len[i][j + 1]) i++;
    else j++;
  }
  return { inA, inB };
}

/** The source of every block scalar and quoted string, in the order of the text. */
function quotedAndBlockScalars(text: string): string[] {
  const out: string[] = [];
  visit(parseDocument(text, { uniqueKeys: false }), {
    Scalar(_key, node: Scalar) {
      if (isScalar(node) && node.type !== 'PLAIN' && typeof node.value === 'string') out.push(`${node.type} ${node.value}`);
    },
  });
  return out;
}

const INSERTED_KEY = /^ +(owner: TODO|target: \{ (value: [^,]+, )?by: \d{4}-\d{2}-\d{2} \}|by: \d{4}-\d{2}-\d{2})$/;

/**
 * What `--fix` (the CLI's fix path, fixFiles) did to a text that it should not have: every line
 * that no fix touched is kept byte for byte (a fix may only remove a suppression comment or part
 * of one, or add a key on a line of its own), the code around the comments is kept in order, and
 * every block scalar and quoted string keeps its content. Empty when the fixes did only that.
 */
export function fixTextLoss(text: string): string[] {
  return textLoss(text, fixFiles([{ uri: 'x.kpi.yaml', text }], { asOf: AS_OF }).texts[0]);
}

/** What fixTextLoss checks, of a text and what the fixes made of it. */
export function textLoss(text: string, after: string): string[] {
  if (after === text) return [];
  const problems: string[] = [];
  const a = text.split('\n');
  const b = after.split('\n');
  const { inA, inB } = commonLines(a, b);
  const comments = lexedComments(text);
  const starts: number[] = [];
  a.reduce((at, line) => (starts.push(at), at + line.length + 1), 0);
  const suppressionOn = (i: number) =>
    comments.some((c) => c.span.start >= starts[i] && c.span.start <= starts[i] + a[i].length && /kpilens-disable/.test(c.text));
  const changedCode = new Set<string>();
  a.forEach((line, i) => {
    if (inA.has(i)) return;
    if (!suppressionOn(i)) problems.push(`line ${i + 1} changed or removed, but it holds no suppression comment: ${JSON.stringify(line)}`);
    else changedCode.add(codeLines(`${line}\n`)[0] ?? '');
  });
  b.forEach((line, j) => {
    if (inB.has(j) || INSERTED_KEY.test(line) || changedCode.has(codeLines(`${line}\n`)[0] ?? '')) return;
    problems.push(`line ${j + 1} of the fixed text is neither an added key nor a line whose suppression was trimmed: ${JSON.stringify(line)}`);
  });
  const code = codeLines(after);
  let k = 0;
  for (const line of codeLines(text)) {
    while (k < code.length && code[k] !== line) k++;
    if (k === code.length) {
      problems.push(`code lost: ${JSON.stringify(line)}`);
      break;
    }
    k++;
  }
  if (JSON.stringify(quotedAndBlockScalars(after)) !== JSON.stringify(quotedAndBlockScalars(text))) problems.push('a block scalar or quoted string changed');
  return problems.length ? [...problems, `--- before\n${text}\n--- after\n${after}`] : [];
}

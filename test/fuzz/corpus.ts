// Seeds, mutations and the properties every lint must keep, shared by the short fuzz test
// (test/unit/fuzz.test.ts) and the long run (`npm run fuzz`).
import * as fc from 'fast-check';
import { isScalar, Lexer, parseDocument, Scalar, visit } from 'yaml';
import { applyEdits, applyFixes, fixFiles, lintFiles } from '../../server/src/engine';
import type { Finding, LintOptions, SourceFile } from '../../server/src/engine';

export const AS_OF = '2026-11-24';

/** A root scorecard that touches every part of the format, with suppressions and a data file. */
export const ROOT = `# Root of a small test company.
kpilens: 1
scorecard:
  id: harbor
  title: Harbor Logistics — "FY28"
  owner: md
vision:
  statement: Every parcel arrives when we said it would.
  values: [reliability, care]
objectives:
  - id: on-time
    title: Parcels arrive on time
    supports: [vision]
  - id: safe-work
    title: Nobody gets hurt
    supports: [vision]
kpis:
  - id: otd
    name: On-time delivery
    definition: Share of parcels delivered inside the promised window
    objective: on-time
    owner: ops-lead
    unit: percent
    direction: increase
    baseline: 91
    target: { value: 97, by: 2027-12-31 }
    thresholds: { warn: 94, alert: 92 }
    indicator: lagging
    horizon: long
    cadence: weekly
    noise: 0.6
    poles: [task, stability]
    history:
      - { date: 2026-01-05, value: 90.5 }
      - { date: 2026-01-12, value: 91.2 }
      - { date: 2026-01-19, value: 90.9 }
  - id: injuries
    name: Lost-time injuries
    objective: [safe-work]
    owner: hse
    unit: count
    direction: decrease
    baseline: 12
    target:
      value: 4
      by: 2027-06-30
    data: { csv: data/injuries.csv, column: injuries }
    poles: [relationship]
  - id: app-downloads # kpilens-disable-line vanity-metric
    name: App downloads
    objective: on-time
    owner: ops-lead
levers:
  - id: route-planning
    name: Dynamic route planning
    owner: ops-lead
    improves: { otd: high }
    worsens: [injuries]
disturbances:
  - id: weather
    name: Storms
    affects: [otd]
correlations:
  - between: [otd, injuries]
    r: -0.2
polarities:
  act-reflect: { act: 6, reflect: 2 }
  task-relationship: { task: 5, relationship: 3 }
review:
  cadence: quarterly
  last: 2026-08-01
wheel:
  capabilities: [plan, move, deliver, care, learn, lead]
  responsibilities: [people, parcels, planet]
`;

/** A team scorecard below the root, with refs across the cascade and a few deliberate faults. */
export const TEAM = `kpilens: 1
scorecard:
  id: depot-north
  title: 'Depot North'
  parent: harbor
objectives:
  - id: fast-sorting
    title: Sorting keeps up
    supports: [harbor/on-time, harbor/on-tme]
kpis:
  - id: sort-rate
    name: Parcels sorted per hour
    objective: fast-sorting
    owner: depot-lead
    direction: increase
    baseline: 1200
    target: { value: 1500 }
    contributes: [harbor/otd]
  - id: sort-rate
    name: Duplicate id
    objective: fast-sorting
  # kpilens-disable-next-line kpi-owner
  - id: misroutes
    name: Misrouted parcels
    objective: fast-sorting
    direction: decrease
    thresholds: { warn: 5, alert: 3 }
levers:
  - id: new-scanner
    name: Handheld scanners
    owner: depot-lead
    improves: [sort-rate, misroutes, harbor/otd]
review: { cadence: monthly, last: 2025-01-01 }
`;

export const DATA = 'date,injuries\n2026-01-01,3\n2026-02-01,2\n2026-03-01,x\n';

export const SEEDS = [ROOT, TEAM];

/** Strings chosen to break parsers, number handling, object keys, output escaping and file access (data paths). */
export const NASTY = [
  '1e400',
  '-1e400',
  '.nan',
  '.NaN',
  '.inf',
  '-.Inf',
  'NaN',
  'Infinity',
  '0x1F',
  '0o17',
  '0b101',
  '1_000',
  '-0',
  '9007199254740993',
  '~',
  'null',
  'true',
  'yes',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '99999-01-01',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '__proto__: {polluted: 1}',
  '!!binary aGVsbG8=',
  '!custom x',
  '!!set {a, b}',
  '!!omap [a: 1]',
  '!<tag:x> y',
  '!!str',
  '!!int x',
  '!!timestamp 2026-01-01',
  '&a',
  '*a',
  '&a [1, *a]',
  '<<: *a',
  '? [a, b]\n: c',
  '? {x: 1}\n: y',
  '{[a]: b}',
  '[a: b]',
  '---',
  '...',
  '--- |',
  '%YAML 1.1\n---',
  '%TAG ! tag:x,2000:\n---',
  '|',
  '>-',
  '|+2',
  '"',
  "'",
  '"\\u0000\\x1b[31m"',
  "'it''s'",
  '#',
  ' # c',
  ':',
  '- ',
  '? ',
  '- - - -',
  '\t',
  '\r\n',
  '\r',
  '\n\n\n',
  '\uFEFF',
  '\u0000',
  '\u0085',
  '\u2028',
  '\u00a0',
  '\ud800',
  '\udc00',
  '\ud83d\ude00',
  '\u202e',
  '\u2066',
  '\u200f',
  '\u001b[2J\u001b[31m',
  '\u009b31m',
  '\u0007',
  '<script>alert(1)</script>',
  '<!--',
  ']]>',
  '&amp;',
  '| a | b |',
  '**x** _y_ `z` [l](http://e) ![i](x)',
  '%0A::error::x',
  '$(rm -rf)',
  '[[[[[[[[[[[[[[[[[[[[',
  '{{{{{{{{{{',
  ']]]]]]',
  '}}}}',
  '../../../../../../etc/passwd',
  '/dev/zero',
  '/dev/stdin',
  '/proc/self/environ',
  'data/../../x.csv',
  'C:\\Windows\\win.ini',
  '\\\\server\\share\\x.csv',
  'file:///etc/passwd',
];

// --- Mutations: each is a small change a person, a merge or a bad tool could make. ---

export type Mutation =
  | { kind: 'delete-line'; at: number }
  | { kind: 'duplicate-line'; at: number }
  | { kind: 'swap-lines'; at: number; other: number }
  | { kind: 'indent'; at: number; by: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'replace-char'; at: number; text: string }
  | { kind: 'crlf' }
  | { kind: 'bom' }
  | { kind: 'tabs' }
  | { kind: 'deep'; at: number; depth: number; open: string };

/**
 * Positions are fractions of the text (0 to 1), so that one mutation fits any text. Spread
 * evenly: fc.double draws among the representable doubles, nine in ten of them below 1e-6, which
 * put almost every position at the very start of the text.
 */
export const frac = fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1_000_000);

export const text = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12, unit: 'binary' }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12, unit: fc.constantFrom(...'-:[]{},#&*!|>\'"?% \n\tab1.') }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: 'grapheme' }) },
);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete-line' as const), at: frac }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: frac }),
  fc.record({ kind: fc.constant('swap-lines' as const), at: frac, other: frac }),
  fc.record({ kind: fc.constant('indent' as const), at: frac, by: fc.integer({ min: -6, max: 6 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: frac }),
  fc.record({ kind: fc.constant('insert' as const), at: frac, text }),
  fc.record({ kind: fc.constant('delete' as const), at: frac, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('replace-char' as const), at: frac, text }),
  fc.constant({ kind: 'crlf' as const }),
  fc.constant({ kind: 'bom' as const }),
  fc.constant({ kind: 'tabs' as const }),
  fc.record({ kind: fc.constant('deep' as const), at: frac, depth: fc.integer({ min: 1, max: 400 }), open: fc.constantFrom('[', '{a: ', '- ', '? ') }),
);

export function mutate(src: string, m: Mutation): string {
  const lines = src.split('\n');
  const line = (f: number) => Math.min(lines.length - 1, Math.floor(f * lines.length));
  const pos = (f: number) => Math.min(src.length, Math.floor(f * (src.length + 1)));
  switch (m.kind) {
    case 'delete-line':
      return lines.filter((_, i) => i !== line(m.at)).join('\n');
    case 'duplicate-line': {
      const i = line(m.at);
      return [...lines.slice(0, i + 1), lines[i], ...lines.slice(i + 1)].join('\n');
    }
    case 'swap-lines': {
      const out = [...lines];
      const [a, b] = [line(m.at), line(m.other)];
      [out[a], out[b]] = [out[b], out[a]];
      return out.join('\n');
    }
    case 'indent': {
      const i = line(m.at);
      const out = [...lines];
      out[i] = m.by >= 0 ? ' '.repeat(m.by) + out[i] : out[i].replace(new RegExp(`^ {0,${-m.by}}`), '');
      return out.join('\n');
    }
    case 'truncate':
      return src.slice(0, pos(m.at));
    case 'insert':
      return src.slice(0, pos(m.at)) + m.text + src.slice(pos(m.at));
    case 'delete':
      return src.slice(0, pos(m.at)) + src.slice(pos(m.at) + m.length);
    case 'replace-char':
      return src.slice(0, pos(m.at)) + m.text + src.slice(pos(m.at) + 1);
    case 'crlf':
      return src.replace(/\n/g, '\r\n');
    case 'bom':
      return `\uFEFF${src}`;
    case 'tabs':
      return src.replace(/^( {2})+/gm, (s) => '\t'.repeat(s.length / 2));
    case 'deep':
      return src.slice(0, pos(m.at)) + m.open.repeat(m.depth) + src.slice(pos(m.at));
  }
}

/** A seed scorecard with a few mutations applied, one after the other. */
export const mutatedScorecard = fc
  .tuple(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([seed, ms]) => ms.reduce(mutate, seed));

/** YAML-shaped noise: indicators, quotes, indentation and words in any order. */
export const randomYaml = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'kpilens: 1\n',
        'scorecard:\n',
        '  id: a\n',
        'kpis:\n',
        '  - id: k\n',
        '    name: x\n',
        '    target: {value: 1}\n',
        'levers:\n',
        'objective: ',
        'improves: [',
        ']\n',
        '{',
        '}',
        '- ',
        ': ',
        '\n',
        '  ',
        '&a ',
        '*a',
        '<<: ',
        '"',
        "'",
        '|\n',
        '# c\n',
      ),
      text,
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

/** Any value as YAML, through the yaml package (valid YAML, arbitrary shape). */
export const anyDocument = fc.anything({ maxDepth: 4, withNullPrototype: true, withBigInt: false }).map((v) => {
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '';
  }
});

/** An editor's change: replace a range of the current text (positions as fractions, like the mutations). */
export interface Edit {
  at: number;
  length: number;
  text: string;
}

export const edit: fc.Arbitrary<Edit> = fc.record({
  at: frac,
  length: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 30 }) }),
  text: fc.oneof({ weight: 3, arbitrary: fc.string({ maxLength: 3, unit: fc.constantFrom(...'abc- :[]{}#\n\'"0') }) }, { weight: 1, arbitrary: text }),
});

/** The edit as offsets into the text: what an editor sends as a range and new text. */
export function place(src: string, e: Edit): { start: number; end: number; text: string } {
  const start = Math.min(src.length, Math.floor(e.at * (src.length + 1)));
  return { start, end: Math.min(src.length, start + e.length), text: e.text };
}

export function applyEdit(src: string, e: Edit): string {
  const p = place(src, e);
  return src.slice(0, p.start) + p.text + src.slice(p.end);
}

// --- The properties. ---

export interface Problem {
  property: string;
  detail: string;
}

function options(errors: Problem[]): LintOptions {
  return {
    asOf: AS_OF,
    readData: (_uri, csv) => (csv === 'data/injuries.csv' ? DATA : undefined),
    onRuleError: (rule, uri, e) => errors.push({ property: 'no rule throws', detail: `${rule} on ${uri}: ${e instanceof Error ? e.stack : String(e)}` }),
  };
}

/** Findings as plain JSON, for comparing two runs. */
function snapshot(findings: Map<string, Finding[]>): string {
  return JSON.stringify([...findings].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function inside(span: { start: number; end: number }, length: number): boolean {
  return Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= length;
}

/**
 * Lints a workspace and checks the properties: nothing throws (the engine nor any rule), every
 * range lies inside its document, a second lint gives the same findings, and applying the fixes
 * (all safe fixes together, or any one suggestion) to a document without YAML errors leaves it
 * without YAML errors. Returns what broke, empty when all held, and how long the first lint took
 * (the one an editor or the CLI would run; the others are the properties' own).
 */
export function check(files: readonly SourceFile[]): Problem[] & { lintMs?: number } {
  const problems: Problem[] & { lintMs?: number } = [];
  let first: Map<string, Finding[]>;
  try {
    const started = performance.now();
    first = lintFiles(files, options(problems)).findings;
    problems.lintMs = performance.now() - started;
  } catch (e) {
    return [{ property: 'lint never throws', detail: e instanceof Error ? (e.stack ?? e.message) : String(e) }];
  }
  const texts = new Map(files.map((f) => [f.uri, f.text]));
  for (const [uri, list] of first) {
    const length = texts.get(uri)!.length;
    for (const f of list) {
      if (!inside(f.span, length))
        problems.push({ property: 'finding inside its document', detail: `${f.rule} ${JSON.stringify(f.span)} in ${uri} (length ${length})` });
      for (const r of f.related ?? []) {
        const other = texts.get(r.location.uri);
        if (other === undefined || !inside(r.location.span, other.length))
          problems.push({ property: 'related location inside its document', detail: `${f.rule} → ${r.location.uri} ${JSON.stringify(r.location.span)}` });
      }
      for (const fix of [f.fix, ...(f.suggestions ?? [])]) {
        for (const e of fix?.edits ?? []) {
          if (!inside(e.span, length))
            problems.push({ property: 'fix inside its document', detail: `${f.rule} ${fix!.title} ${JSON.stringify(e.span)} (length ${length})` });
        }
      }
    }
  }
  try {
    const again = lintFiles(files, options(problems)).findings;
    if (snapshot(again) !== snapshot(first))
      problems.push({ property: 'lint is deterministic', detail: 'a second lint of the same files gave other findings' });
  } catch (e) {
    problems.push({ property: 'lint never throws', detail: String(e) });
  }
  for (const f of files) {
    const findings = first.get(f.uri) ?? [];
    if (findings.some((x) => x.rule === 'yaml-syntax')) continue;
    const candidates: { what: string; text: string }[] = [{ what: 'all fixes', text: applyFixes(f.text, findings).text }];
    for (const x of findings)
      for (const s of x.suggestions ?? []) candidates.push({ what: `${x.rule} suggestion "${s.title}"`, text: applyEdits(f.text, s.edits).text });
    for (const c of candidates) {
      if (c.text === f.text) continue;
      const after =
        lintFiles(
          files.map((g) => (g.uri === f.uri ? { uri: g.uri, text: c.text } : g)),
          options(problems),
        ).findings.get(f.uri) ?? [];
      const broken = after.find((x) => x.rule === 'yaml-syntax');
      if (broken)
        problems.push({
          property: 'fixes keep the YAML valid',
          detail: `${c.what} on ${f.uri}: ${broken.message}\n--- before\n${f.text}\n--- after\n${c.text}`,
        });
    }
  }
  return problems;
}

/** The workspace a mutated text is linted in: the mutated file beside an intact sibling. */
export function workspaceWith(mutated: string): SourceFile[] {
  return [
    { uri: 'harbor.kpi.yaml', text: ROOT },
    { uri: 'mutated.kpi.yaml', text: mutated },
  ];
}

// --- `kpilens lint --fix` must change nothing but what its fixes mean to change. ---

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

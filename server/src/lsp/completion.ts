import { CompletionItem, CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind } from 'vscode-languageserver';
import { CADENCES, DIRECTIONS, itemsOf, LIST_OF, PERIODS, REF_FIELDS as REF_FIELDS_OF_ITEMS, RULES } from '../engine';
import type { ItemKind, Scorecard, Span, Workspace } from '../engine';
import { cursorContext } from '../engine/editor';
import type { CursorContext } from '../engine/editor';
import { enumValuesAt, isDateAt, propertiesAt } from '../engine/syntax';
import type { PropertyInfo, Segment } from '../engine/syntax';
import { range } from './convert';
import { pushAll } from '../engine/arrays';

type YamlContext = Extract<CursorContext, { position: 'key' | 'value' }>;

/** Where refs are written (`list.key`) and what they may name: the items' ref fields as model.ts describes them, correlations and the parent. */
const REF_FIELDS = new Map<string, readonly ItemKind[] | 'scorecard'>([
  ...REF_FIELDS_OF_ITEMS.map((f) => [`${LIST_OF[f.kind]}.${f.key}`, f.kinds] as const),
  ['correlations.between', ['kpi']],
  ['scorecard.parent', 'scorecard'],
]);

function lastKey(path: readonly Segment[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return undefined;
}

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, '\\$&');
}

interface Ctx {
  ws: Workspace;
  sc: Scorecard;
  asOf: string;
  yaml: YamlContext;
}

function item(sc: Scorecard, prefix: Span, label: string, kind: CompletionItemKind, insert: string, extra: Partial<CompletionItem> = {}): CompletionItem {
  return { label, kind, textEdit: { range: range(sc, prefix), newText: insert }, ...extra };
}

function keyItems(c: Ctx, props: PropertyInfo[]): CompletionItem[] {
  const { yaml, sc } = c;
  const inner = ' '.repeat(yaml.column + 2);
  return props
    .filter((p) => !yaml.present.includes(p.name))
    .map((p) => {
      let insert = `${p.name}: `;
      if (p.shape === 'inline-list') insert = `${p.name}: [$1]`;
      else if (yaml.block && p.shape === 'object') insert = `${p.name}:\n${inner}`;
      else if (yaml.block && p.shape === 'list') insert = `${p.name}:\n${inner}- `;
      return item(sc, yaml.prefix, p.name, CompletionItemKind.Property, insert, {
        insertTextFormat: InsertTextFormat.Snippet,
        insertTextMode: InsertTextMode.asIs,
        documentation: p.description ? { kind: MarkupKind.Markdown, value: p.description } : undefined,
        sortText: `${p.required ? '0' : '1'}${p.name}`,
      });
    });
}

function refItems(c: Ctx, field: string, kinds: readonly ItemKind[] | 'scorecard'): CompletionItem[] {
  const { ws, sc, yaml } = c;
  const out: CompletionItem[] = [];
  const space = yaml.needsSpace ? ' ' : '';
  if (kinds === 'scorecard') {
    for (const other of ws.scorecards) {
      if (other === sc || !other.id) continue;
      out.push(item(sc, yaml.prefix, other.id.value, CompletionItemKind.Module, space + other.id.value, { detail: other.title?.value }));
    }
    return out;
  }
  if (field === 'supports' && ws.isRoot(sc))
    out.push(
      item(sc, yaml.prefix, 'vision', CompletionItemKind.Keyword, `${space}vision`, { detail: 'the vision of this root scorecard', sortText: '0vision' }),
    );
  const parent = ws.parentOf(sc);
  for (const other of ws.scorecards) {
    const local = other === sc;
    if (!local && !other.id) continue;
    const rank = local ? '1' : other === parent ? '2' : '3';
    for (const it of itemsOf(other)) {
      if (!kinds.includes(it.kind)) continue;
      const label = local ? it.id : `${other.id!.value}/${it.id}`;
      const detail = it.kind === 'objective' ? it.title?.value : it.name?.value;
      out.push(item(sc, yaml.prefix, label, CompletionItemKind.Reference, space + label, { detail, sortText: `${rank}${label}` }));
    }
  }
  return out;
}

function dateItems(c: Ctx): CompletionItem[] {
  const [y, m] = c.asOf.split('-').map(Number);
  const quarterEnd = (year: number, q: number) => {
    const month = q * 3;
    const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return `${year}-${String(month).padStart(2, '0')}-${day}`;
  };
  const q = Math.ceil(m / 3);
  const dates: [string, string][] = [
    [c.asOf, 'today (the as-of date)'],
    [quarterEnd(y, q), 'end of this quarter'],
    [q === 4 ? quarterEnd(y + 1, 1) : quarterEnd(y, q + 1), 'end of next quarter'],
    [`${y}-12-31`, 'end of this year'],
    [`${y + 1}-12-31`, 'end of next year'],
  ];
  const seen = new Set<string>();
  const space = c.yaml.needsSpace ? ' ' : '';
  return dates
    .filter(([d]) => !seen.has(d) && seen.add(d))
    .map(([d, detail], i) => item(c.sc, c.yaml.prefix, d, CompletionItemKind.Value, space + d, { detail, sortText: String(i) }));
}

function valueItems(c: Ctx, path: readonly Segment[]): CompletionItem[] {
  const key = lastKey(path);
  const space = c.yaml.needsSpace ? ' ' : '';
  const kinds = key && REF_FIELDS.get(`${String(path[0])}.${key}`);
  if (key && kinds) {
    // In the map form of improves/worsens/affects, the value after a ref is its level.
    const isLevel = path[path.length - 1] !== key && path[path.length - 1] !== -1;
    if (!isLevel) return refItems(c, key, kinds);
  }
  if (isDateAt(path)) return dateItems(c);
  if (key === 'owner') {
    const owners = new Set<string>();
    for (const sc of c.ws.scorecards) {
      if (sc.owner) owners.add(sc.owner.value);
      for (const x of [...sc.kpis, ...sc.levers]) for (const o of x.owner) owners.add(o.value);
    }
    // In a list of co-owners, those already named are not offered again (each may appear once).
    for (const o of c.yaml.present) owners.delete(o);
    return [...owners].sort().map((o) => item(c.sc, c.yaml.prefix, o, CompletionItemKind.Value, space + o));
  }
  return enumValuesAt(path).map(({ value, description }) =>
    item(
      c.sc,
      c.yaml.prefix,
      String(value),
      CompletionItemKind.EnumMember,
      space + String(value),
      description ? { documentation: { kind: MarkupKind.Markdown, value: description } } : {},
    ),
  );
}

function endOfYear(asOf: string): string {
  return `${asOf.slice(0, 4)}-12-31`;
}

/** A choice of values in a snippet: `${n|a,b,c|}`. */
function choice(n: number, values: readonly unknown[]): string {
  return `\${${n}|${values.join(',')}|}`;
}

/** A snippet item: its lines joined at the cursor's column (continuation lines indented by `pad`). */
function snippet(c: Ctx, label: string, detail: string, lines: readonly string[], pad: string, extra: Partial<CompletionItem> = {}): CompletionItem {
  return item(c.sc, c.yaml.prefix, label, CompletionItemKind.Snippet, lines.join(`\n${pad}`), {
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.asIs,
    sortText: '~',
    detail,
    ...extra,
  });
}

/** Snippets of a new KPI, a measured KPI or a lever (with `- ` unless it is typed already) at the cursor's column. */
function itemSnippets(c: Ctx, list: 'kpis' | 'levers'): CompletionItem[] {
  const { yaml } = c;
  const dash = yaml.dash ? '' : '- ';
  const pad = ' '.repeat(yaml.dash ? yaml.column : yaml.column + 2);
  if (list === 'levers') {
    return [
      snippet(
        c,
        'New lever',
        'a lever with its owner and the KPIs it improves',
        [`${dash}id: \${1:new-lever}`, 'name: ${2:What is done}', 'owner: $3', 'improves: [$4]'],
        pad,
      ),
    ];
  }
  const kpi = [
    `${dash}id: \${1:new-kpi}`,
    `name: \${2:What is measured}`,
    'objective: $3',
    'owner: $4',
    'unit: $5',
    `direction: ${choice(6, DIRECTIONS)}`,
    'baseline: ${7:0}',
    `target: { value: \${8:0}, by: \${9:${endOfYear(c.asOf)}} }`,
    `cadence: ${choice(10, CADENCES)}`,
  ];
  // A measured KPI says what exactly it measures and starts its history with the dated baseline.
  const measured = [
    `${dash}id: \${1:new-kpi}`,
    `name: \${2:What is measured}`,
    `measure: { of: \${3:quantity}, stat: ${choice(
      4,
      enumValuesAt(['kpis', -1, 'measure', 'stat']).map((v) => v.value),
    )}, window: ${choice(5, PERIODS)} }`,
    'objective: $6',
    'owner: $7',
    'unit: $8',
    `direction: ${choice(9, DIRECTIONS)}`,
    `baseline: { value: \${10:0}, date: \${11:${c.asOf}} }`,
    `target: { value: \${12:0}, by: \${13:${endOfYear(c.asOf)}} }`,
    `cadence: ${choice(14, CADENCES)}`,
    'history:',
    '  - { date: ${11}, value: ${10} }',
  ];
  return [
    snippet(c, 'New KPI', 'a KPI with the fields a SMART target needs', kpi, pad),
    snippet(c, 'New measured KPI', 'a KPI with what it measures, a dated baseline and its first observation', measured, pad),
  ];
}

/** Snippets among the keys of a KPI in block style: a standing target. */
function kpiKeySnippets(c: Ctx): CompletionItem[] {
  if (c.yaml.present.includes('target')) return [];
  // Found by typing the key it writes.
  return [
    snippet(c, 'Standing target', 'a target met in every period, such as 99.95 every month', [`target: { value: \${1:0}, every: ${choice(2, PERIODS)} }`], '', {
      filterText: 'target',
    }),
  ];
}

/** A snippet of a milestone, in the `milestones` list (with `- ` unless it is typed already). */
function milestoneSnippet(c: Ctx): CompletionItem {
  return snippet(
    c,
    'New milestone',
    'an interim target on the way to the dated target',
    [`${c.yaml.dash ? '' : '- '}{ value: \${1:0}, by: \${2:${endOfYear(c.asOf)}} }`],
    '',
  );
}

function scorecardSnippet(c: Ctx): CompletionItem {
  const file = c.sc.uri.slice(c.sc.uri.lastIndexOf('/') + 1).replace(/\.kpi\.yaml$/, '');
  const id = /^[a-z0-9]+(-[a-z0-9]+)*$/.test(file) ? file : 'scorecard-id';
  const text = [
    'kpilens: 1.1',
    'scorecard:',
    `  id: \${1:${escapeSnippet(id)}}`,
    '  title: ${2:Title}',
    '  owner: $3',
    '  parent: $4',
    'objectives:',
    '  - id: ${5:objective-id}',
    '    title: ${6:What we want to achieve}',
    '    supports: [$7]',
    'kpis:',
    '  - id: ${8:kpi-id}',
    '    name: ${9:What is measured}',
    '    objective: ${5}',
    '    owner: $3',
    `    target: { value: \${10:0}, by: \${11:${endOfYear(c.asOf)}} }`,
    'levers:',
    '  - id: ${12:lever-id}',
    '    name: ${13:What is done}',
    '    improves: [${8}]',
    '',
  ].join('\n');
  return item(c.sc, c.yaml.prefix, 'New scorecard', CompletionItemKind.Snippet, text, {
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.asIs,
    detail: 'a scorecard with one objective, KPI and lever',
    sortText: '~',
  });
}

function suppressionItems(sc: Scorecard, prefix: Span, present: readonly string[]): CompletionItem[] {
  return RULES.filter((r) => !present.includes(r.meta.id)).map((r) =>
    item(sc, prefix, r.meta.id, CompletionItemKind.Keyword, r.meta.id, { detail: r.meta.description }),
  );
}

/** Completion items at an offset of a scorecard. */
export function completion(ws: Workspace, sc: Scorecard, offset: number, asOf: string): CompletionItem[] {
  const ctx = cursorContext(sc.text, offset);
  if (!ctx) return [];
  if (ctx.position === 'suppression') return suppressionItems(sc, ctx.prefix, ctx.present);
  const c: Ctx = { ws, sc, asOf, yaml: ctx };
  if (ctx.position === 'value') return valueItems(c, ctx.path);
  const props = propertiesAt(ctx.path);
  const out: CompletionItem[] = [];
  const top = ctx.path.length === 0;
  const list = ctx.path[0];
  const inList = (ctx.path.length === 1 && !ctx.dash) || (ctx.path.length === 2 && ctx.dash && ctx.present.length === 0);
  if (ctx.block && inList && (list === 'kpis' || list === 'levers')) pushAll(out, itemSnippets(c, list));
  const path = ctx.path.join('/');
  if (ctx.block && path === 'kpis/-1' && !ctx.dash) pushAll(out, kpiKeySnippets(c));
  // A new milestone: on a line of its own under `milestones:`, or after a fresh `- ` there.
  if (ctx.block && (path === 'kpis/-1/milestones' || (path === 'kpis/-1/milestones/-1' && ctx.dash && !ctx.present.length))) out.push(milestoneSnippet(c));
  if (props.length) pushAll(out, keyItems(c, props));
  else if (!inList) pushAll(out, valueItems(c, ctx.path));
  if (top && ctx.block && ctx.column === 0 && !ctx.present.includes('kpilens')) out.push(scorecardSnippet(c));
  return out;
}

import { Alias, Composer, CST, Document, isAlias, isMap, isPair, isScalar, isSeq, Lexer, Pair, Parser, visit, YAMLMap, YAMLParseError, YAMLSeq } from 'yaml';
import type { DocumentOptions, Node as YNode, ParseOptions, SchemaOptions } from 'yaml';
import {
  Baseline, CADENCES, Comment, Correlation, DataFile, Disturbance, fieldsOf, Item, Kpi, Level, LEVELS, Lever, MapShape, Measure, Milestone,
  Objective, OBSERVATION_FLAGS, Observation, PERIODS, POLARITIES, PolarityAssessment, Pole, Ref, REPORTED_STATUSES, Scorecard, Target, Thresholds, Val,
} from '../model/model';

const PENDING = ['tbd', 'withheld'] as const;
import { scanShape } from './prescan';
import { lineStarts } from '../text';
import type { Report, Span } from '../types';
import { pushAll } from '../arrays';

/** Limits past which only what is safe is checked (reported as `file-limit`). */
export const LIMITS = {
  maxBytes: 16 * 1024 * 1024,
  maxDepth: 64,
  maxAliases: 1000,
  /** Past these (estimated before parsing) the file is not parsed at all: see prescan.ts. */
  maxParseDepth: 256,
  /**
   * The yaml package needs about 1 KB and 10 µs per value: a file of 990,000 keys took the CLI
   * 25 s and 3.6 GB at its peak. The 20,000-KPI scorecard of the bench counts 480,000.
   */
  maxNodes: 500_000,
  /** Scorecards linted in one workspace: see lintParsed. */
  maxScorecards: 5000,
  /** Findings of one rule in one file; the others are summed up in one more (see lintOne). */
  maxFindingsPerRule: 1000,
};

export interface Parsed {
  scorecard: Scorecard;
  /** `yaml-syntax` reports. */
  syntax: Report[];
  /** `file-limit` reports. */
  limits: Report[];
  /** The document as plain data for the JSON Schema check (undefined when not a mapping). */
  data: unknown;
  /** Span of the value at a JSON pointer (ajv's instancePath), falling back to the closest parent. */
  spanAt(pointer: string): { span: Span; keySpan?: Span };
}

const REF_RE = /^(?:([a-z0-9]+(?:-[a-z0-9]+)*)\/)?([a-z0-9]+(?:-[a-z0-9]+)*)$/;

type AnyNode = YNode | Alias | null | undefined;

function spanOfNode(node: AnyNode, fallback: Span): Span {
  const r = node?.range;
  // A copy: no two fields of the model share a span, so moving one in place never moves another.
  if (!r) return { start: fallback.start, end: fallback.end };
  return { start: r[0], end: Math.max(r[0], r[1]) };
}

export function emptyScorecard(uri: string, text: string): Scorecard {
  return {
    uri, text, lineStarts: lineStarts(text), isMapping: false,
    objectives: [], kpis: [], levers: [], disturbances: [], correlations: [], polarities: [], comments: [],
  };
}

/** Parse one scorecard. Never throws: anything unexpected becomes a finding. */
export function parseScorecard(uri: string, text: string): Parsed {
  const sc = emptyScorecard(uri, text);
  const syntax: Report[] = [];
  const limits: Report[] = [];
  const whole: Span = { start: 0, end: Math.min(text.length, lineEndAt(text, 0)) };
  const noSpan = () => ({ span: whole });
  if (text.length > LIMITS.maxBytes) {
    limits.push({
      span: whole,
      message: `The file is ${(text.length / 1048576).toFixed(1)} MB, over the ${LIMITS.maxBytes / 1048576} MB limit: it is not checked.`,
    });
    return { scorecard: sc, syntax, limits, data: undefined, spanAt: noSpan };
  }
  const shape = scanShape(text, LIMITS.maxParseDepth, LIMITS.maxNodes);
  if (shape.depth > LIMITS.maxParseDepth || shape.nodes > LIMITS.maxNodes) {
    limits.push({
      span: whole,
      message: shape.depth > LIMITS.maxParseDepth
        ? `Nesting deeper than ${LIMITS.maxParseDepth} levels: the file is not checked.`
        : `More than ${LIMITS.maxNodes.toLocaleString('en-US')} YAML values: the file is not checked.`,
    });
    return { scorecard: sc, syntax, limits, data: undefined, spanAt: noSpan };
  }
  let doc: Document.Parsed;
  try {
    ({ doc, comments: sc.comments } = parseYaml(text));
  } catch (e) {
    // The yaml parser recurses on nesting; a pathological file can exhaust the stack.
    limits.push({ span: whole, message: `The file could not be parsed safely (${e instanceof Error ? e.message : String(e)}): it is not checked.` });
    return { scorecard: sc, syntax, limits, data: undefined, spanAt: noSpan };
  }
  for (const err of doc.errors) {
    const [s, e] = err.pos;
    syntax.push({ span: { start: s, end: Math.max(s, e) }, message: yamlMessage(err.code, err.message) });
  }
  pushAll(syntax, duplicateKeys(doc));
  const conv = new Converter(doc, text);
  let data: unknown;
  try {
    data = conv.toData(doc.contents, 0);
  } catch {
    data = undefined;
  }
  if (conv.depthExceeded) limits.push({ span: conv.depthSpan ?? whole, message: `Nesting deeper than ${LIMITS.maxDepth} levels: the deeper values are not checked.` });
  if (conv.aliasesExceeded) limits.push({ span: conv.aliasSpan ?? whole, message: `More than ${LIMITS.maxAliases} alias expansions: further aliases are not expanded or checked.` });

  const contents = doc.contents as AnyNode;
  if (isMap(contents)) {
    try {
      new ModelBuilder(sc, conv).build(contents);
    } catch {
      // The model builder only reads; should a corner of the AST surprise it, the schema and
      // syntax findings still stand and the rules see what was built so far.
    }
  }
  // Only errors of the parser damage a region: a duplicate key leaves the text readable (the first value counts).
  if (doc.errors.length) {
    const damaged = damagedRegions(doc, conv, text, doc.errors.map((e) => ({ start: e.pos[0], end: Math.max(e.pos[0], e.pos[1]) })));
    if (damaged.length) sc.damaged = damaged;
  }
  const spanAt = (pointer: string) => locate(doc, conv, pointer, whole);
  return { scorecard: sc, syntax, limits, data, spanAt };
}

/**
 * The regions that syntax errors damage: the list items (of a top-level list), or else the
 * top-level entries, that have text on the line of an error; the error itself outside them. A
 * line is the unit because the parser reports an error where it noticed it, which may be the
 * start of the next item or the end of the file (an unterminated quote runs to it).
 */
function damagedRegions(doc: Document.Parsed, conv: Converter, text: string, errors: readonly Span[]): { span: Span; key: string }[] {
  const out: { span: Span; key: string }[] = [];
  const root = doc.contents as AnyNode;
  const add = (span: Span, key: string) => {
    if (!out.some((d) => d.span.start === span.start && d.span.end === span.end)) out.push({ span, key });
  };
  for (const e of errors) {
    let from = e.start;
    while (from > 0 && text[from - 1] !== '\n' && text[from - 1] !== '\r') from--;
    const to = lineEndAt(text, e.start);
    const touches = (r: readonly number[] | null | undefined) => !!r && r[0] <= to && r[1] >= from;
    let found = false;
    if (isMap(root)) {
      for (const pair of root.items) {
        const k = pair.key as AnyNode;
        const v = pair.value as AnyNode;
        const start = k?.range?.[0] ?? v?.range?.[0];
        const end = v?.range?.[1] ?? k?.range?.[1];
        if (start === undefined || end === undefined || !touches([start, end])) continue;
        found = true;
        const key = conv.keyString(k);
        const items = isSeq(v) ? v.items.map((it) => (it as AnyNode)?.range).filter((r) => touches(r)) : [];
        if (items.length) for (const r of items) add({ start: r![0], end: r![1] }, key);
        else add({ start, end }, key);
      }
    }
    if (!found) add({ start: e.start, end: e.end }, '');
  }
  return out;
}

function lineEndAt(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

function yamlMessage(code: string, message: string): string {
  if (code === 'DUPLICATE_KEY') return 'Duplicate key: a key may appear only once in a mapping.';
  if (code === 'MULTIPLE_DOCS') return 'A scorecard file holds one YAML document; remove the `---` separator and what follows, or move it to its own file.';
  // The yaml package appends " at line L, column C:" and an excerpt; the range already says where.
  const cut = message.search(/ at line \d+, column \d+/);
  const m = (cut >= 0 ? message.slice(0, cut) : message).trim();
  return m.endsWith('.') ? m : `${m}.`;
}

/** Keys equal to an earlier key of their mapping (scalars by value, as the yaml package compares them). */
export function duplicateKeys(doc: Document.Parsed): Report[] {
  const out: Report[] = [];
  visit(doc, (_key, node) => {
    if (!isMap(node)) return;
    const seen = new Set<unknown>();
    for (const pair of node.items) {
      const key = pair.key;
      const value = isScalar(key) ? key.value : key;
      if (!seen.has(value)) seen.add(value);
      else if (isScalar(key) && key.range) out.push({ span: { start: key.range[0], end: key.range[0] + 1 }, message: yamlMessage('DUPLICATE_KEY', '') });
    }
  });
  return out;
}

/**
 * The options of every parse. Duplicate keys are found by duplicateKeys: the yaml package
 * compares each key with every earlier one, which takes minutes on a mapping of 300,000 keys.
 */
export const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: false, keepSourceTokens: false } as const;

/**
 * `parseDocument` of the yaml package, which also returns the comments its parser met. A `#` is
 * a comment only where the parser's tokens say so: not inside a block scalar or a quoted string,
 * and always after a plain scalar, whatever that scalar holds.
 */
export function parseYaml(text: string, options: ParseOptions & DocumentOptions & SchemaOptions = PARSE_OPTIONS): { doc: Document.Parsed; comments: Comment[] } {
  const comments: Comment[] = [];
  const parser = new Parser();
  // The parser counts offsets the same way: the lexer's control tokens take no room in the
  // text, and the token after the scalar marker is a scalar's source, even one that starts with `#`.
  function* tokens() {
    let offset = 0;
    let atScalar = false;
    for (const lexeme of new Lexer().lex(text)) {
      if (atScalar) {
        atScalar = false;
        offset += lexeme.length;
      } else {
        const type = CST.tokenType(lexeme);
        if (type === 'scalar') atScalar = true;
        else if (type !== 'doc-mode' && type !== 'flow-error-end') {
          if (type === 'comment') comments.push({ span: { start: offset, end: offset + lexeme.length }, text: lexeme });
          offset += lexeme.length;
        }
      }
      yield* parser.next(lexeme);
    }
    yield* parser.end();
  }
  let doc: Document.Parsed | undefined;
  for (const d of new Composer(options).compose(tokens(), true, text.length)) {
    if (!doc) doc = d;
    else {
      // As parseDocument does: a second document is an error, and parsing stops there.
      doc.errors.push(new YAMLParseError([d.range[0], d.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
      break;
    }
  }
  return { doc: doc!, comments };
}

/** Turns the YAML AST into plain data, following aliases within limits. */
export class Converter {
  depthExceeded = false;
  aliasesExceeded = false;
  depthSpan?: Span;
  aliasSpan?: Span;
  private aliasCount = 0;
  private targets?: Map<Alias, AnyNode>;
  private pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

  constructor(private readonly doc: Document.Parsed, private readonly text: string) {}

  /** The node an alias points to, or undefined past the alias budget. */
  resolve(node: AnyNode): AnyNode {
    if (!isAlias(node)) return node;
    if (++this.aliasCount > LIMITS.maxAliases) {
      if (!this.aliasesExceeded) this.aliasSpan = spanOfNode(node, { start: 0, end: 0 });
      this.aliasesExceeded = true;
      return undefined;
    }
    this.targets ??= aliasTargets(this.doc);
    return this.targets.get(node);
  }

  /** The first pair of a mapping with a key; the index is built once per mapping, as findings look up thousands of keys. */
  pair(map: YAMLMap, key: string): Pair | undefined {
    let index = this.pairIndex.get(map);
    if (!index) {
      index = new Map();
      for (const p of map.items) {
        const k = this.keyString(p.key as AnyNode);
        if (!index.has(k)) index.set(k, p);
      }
      this.pairIndex.set(map, index);
    }
    return index.get(key);
  }

  toData(node: AnyNode, depth: number): unknown {
    if (depth > LIMITS.maxDepth) {
      if (!this.depthExceeded) this.depthSpan = spanOfNode(node, { start: 0, end: 0 });
      this.depthExceeded = true;
      return null;
    }
    const n = this.resolve(node);
    if (n === undefined || n === null) return null;
    if (isScalar(n)) return n.value === undefined ? null : n.value;
    if (isSeq(n)) return n.items.map((it) => this.toData(it as AnyNode, depth + 1));
    if (isMap(n)) {
      const obj: Record<string, unknown> = {};
      for (const pair of n.items) {
        const key = this.keyString(pair.key as AnyNode);
        if (Object.prototype.hasOwnProperty.call(obj, key)) continue; // duplicate keys: the first one counts
        // defineProperty, so that a key such as `__proto__` stays an ordinary property.
        Object.defineProperty(obj, key, { value: this.toData(pair.value as AnyNode, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return obj;
    }
    return null;
  }

  keyString(node: AnyNode): string {
    const n = this.resolve(node);
    if (isScalar(n)) return String(n.value);
    if (n && n.range) return this.text.slice(n.range[0], n.range[1]);
    return '';
  }
}

/**
 * The node each alias names: the last node before it with that anchor. Alias.resolve in the yaml
 * package finds it by walking the whole document for every alias, which is quadratic.
 */
function aliasTargets(doc: Document.Parsed): Map<Alias, AnyNode> {
  const latest = new Map<string, AnyNode>();
  const targets = new Map<Alias, AnyNode>();
  visit(doc, (_key, node) => {
    if (isAlias(node)) targets.set(node, latest.get(node.source));
    else if ((isScalar(node) || isMap(node) || isSeq(node)) && node.anchor) latest.set(node.anchor, node);
  });
  return targets;
}

/** Finds the node at a JSON pointer by walking the AST; aliases are followed but spans stay at the use site. */
export function locate(doc: Document.Parsed, conv: Converter, pointer: string, whole: Span): { span: Span; keySpan?: Span } {
  const parts = pointer === '' ? [] : pointer.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node = doc.contents as AnyNode;
  let best: { span: Span; keySpan?: Span } = { span: spanOfNode(node, whole) };
  for (const part of parts) {
    const n = conv.resolve(node);
    if (isSeq(n)) {
      const child = n.items[Number(part)] as AnyNode;
      if (child === undefined) break;
      node = child;
      best = { span: spanOfNode(isAlias(node) ? node : node, best.span) };
    } else if (isMap(n)) {
      const pair = conv.pair(n, part);
      if (!pair) break;
      const keySpan = spanOfNode(pair.key as AnyNode, best.span);
      node = pair.value as AnyNode;
      const vs = spanOfNode(node, keySpan);
      best = { span: vs.end > vs.start ? vs : keySpan, keySpan };
    } else break;
  }
  return best;
}

/** A text value; `shared` for values that repeat across items (units, owners), kept once. */
function str(node: AnyNode, shared = false): Val<string> | undefined {
  if (isScalar(node) && typeof node.value === 'string') return { value: shared ? intern(node.value) : node.value, span: spanOfNode(node, { start: 0, end: 0 }) };
  return undefined;
}

function num(node: AnyNode): Val<number> | undefined {
  if (isScalar(node) && typeof node.value === 'number' && Number.isFinite(node.value)) return { value: node.value, span: spanOfNode(node, { start: 0, end: 0 }) };
  return undefined;
}

function oneOf<T extends string>(node: AnyNode, allowed: readonly T[]): Val<T> | undefined {
  const s = str(node);
  const i = s ? (allowed as readonly string[]).indexOf(s.value) : -1;
  // The allowed value itself, not the parsed copy: a large scorecard repeats a handful of them.
  return i < 0 ? undefined : { value: allowed[i], span: s!.span };
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function date(node: AnyNode): Val<string> | undefined {
  const s = str(node);
  return s && DATE_RE.test(s.value) ? s : undefined;
}

export function parseRef(raw: string, span: Span, level?: Level): Ref | undefined {
  const m = REF_RE.exec(raw);
  if (!m) return undefined;
  // A bare ref is its own id: one string for both.
  return m[1] ? { raw, scorecard: m[1], id: m[2], span, level } : { raw, id: raw, span, level };
}

/**
 * One copy of each key name, unit and owner: a large scorecard repeats them in every item. The
 * table is bounded, so a file of made-up names cannot grow it without end.
 */
const names = new Map<string, string>();
function intern(name: string): string {
  const known = names.get(name);
  if (known !== undefined) return known;
  if (names.size < 4096 && name.length <= 64) names.set(name, name);
  return name;
}

/** The one empty list that every item without refs, poles or history shares: most items of a large file. */
const NONE = Object.freeze([]) as never[];

export class ModelBuilder {
  constructor(private readonly sc: Scorecard, private readonly conv: Converter) {}

  private r(node: AnyNode): AnyNode {
    return this.conv.resolve(node);
  }

  shape(map: YAMLMap): MapShape {
    const span = spanOfNode(map, { start: 0, end: 0 });
    const keys: string[] = [];
    // A set only for large mappings: a search of the list would be quadratic in their keys.
    const seen = map.items.length > 16 ? new Set<string>() : undefined;
    let lastValueEnd = span.start;
    let indent = 0;
    for (const pair of map.items) {
      const k = pair.key as AnyNode;
      const key = spanOfNode(k, span);
      const value = spanOfNode(pair.value as AnyNode, { start: key.end, end: key.end });
      const name = intern(this.conv.keyString(k));
      if (seen ? !seen.has(name) : !keys.includes(name)) {
        keys.push(name);
        seen?.add(name);
      }
      lastValueEnd = Math.max(lastValueEnd, value.end, key.end);
    }
    const first = map.items[0]?.key as AnyNode;
    if (first?.range) {
      const ls = this.sc.lineStarts;
      let lo = 0;
      let hi = ls.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (ls[mid] <= first.range[0]) lo = mid;
        else hi = mid - 1;
      }
      indent = first.range[0] - ls[lo];
    }
    return { span, flow: !!map.flow, indent, lastValueEnd, keys };
  }

  pairs(map: YAMLMap): Map<string, { key: AnyNode; value: AnyNode }> {
    const out = new Map<string, { key: AnyNode; value: AnyNode }>();
    for (const p of map.items) {
      if (!isPair(p)) continue;
      const name = this.conv.keyString(p.key as AnyNode);
      if (!out.has(name)) out.set(name, { key: p.key as AnyNode, value: this.r(p.value as AnyNode) });
    }
    return out;
  }

  build(root: YAMLMap): void {
    const sc = this.sc;
    sc.isMapping = true;
    sc.shape = this.shape(root);
    const top = this.pairs(root);
    const version = top.get('kpilens');
    if (version && isScalar(version.value)) sc.version = { value: version.value.value, span: spanOfNode(version.value, { start: 0, end: 0 }) };

    const card = top.get('scorecard');
    if (card) {
      sc.scorecardKeySpan = spanOfNode(card.key, { start: 0, end: 0 });
      if (isMap(card.value)) {
        const p = this.pairs(card.value);
        sc.id = str(p.get('id')?.value);
        sc.title = str(p.get('title')?.value);
        sc.owner = str(p.get('owner')?.value);
        const parent = str(p.get('parent')?.value);
        if (parent) sc.parent = parseRef(parent.value, parent.span);
      }
    }

    const vision = top.get('vision');
    if (vision && isMap(vision.value)) {
      const p = this.pairs(vision.value);
      const values = p.get('values')?.value;
      sc.vision = {
        keySpan: spanOfNode(vision.key, { start: 0, end: 0 }),
        span: spanOfNode(vision.value, { start: 0, end: 0 }),
        statement: str(p.get('statement')?.value),
        values: isSeq(values) ? values.items.map((v) => str(this.r(v as AnyNode))).filter((v): v is Val<string> => !!v) : undefined,
        keys: [...p.keys()],
      };
    }

    this.items(top.get('objectives')?.value, (m, base) => this.objective(m, base), sc.objectives);
    this.items(top.get('kpis')?.value, (m, base) => this.kpi(m, base), sc.kpis);
    this.items(top.get('levers')?.value, (m, base) => this.lever(m, base), sc.levers);
    this.items(top.get('disturbances')?.value, (m, base) => this.disturbance(m, base), sc.disturbances);

    const corr = top.get('correlations')?.value;
    if (isSeq(corr)) {
      for (const c of corr.items) {
        const m = this.r(c as AnyNode);
        if (!isMap(m)) continue;
        const p = this.pairs(m);
        const entry: Correlation = { span: spanOfNode(m, { start: 0, end: 0 }), between: this.refList(p.get('between')?.value), r: num(p.get('r')?.value) };
        sc.correlations.push(entry);
      }
    }

    const pol = top.get('polarities')?.value;
    if (isMap(pol)) {
      for (const [key, { key: k, value }] of this.pairs(pol)) {
        const def = POLARITIES.find(([name]) => name === key);
        if (!def || !isMap(value)) continue;
        const p = this.pairs(value);
        const scores: PolarityAssessment['scores'] = {};
        for (const pole of [def[1], def[2]] as Pole[]) {
          const v = num(p.get(pole)?.value);
          // Only scores the schema accepts (whole numbers 1..7) reach the rules.
          if (v && Number.isInteger(v.value) && v.value >= 1 && v.value <= 7) scores[pole] = v;
        }
        sc.polarities.push({ key: def[0], keySpan: spanOfNode(k, { start: 0, end: 0 }), span: spanOfNode(value, { start: 0, end: 0 }), scores });
      }
    }

    const review = top.get('review');
    if (review) {
      const keySpan = spanOfNode(review.key, { start: 0, end: 0 });
      const p = isMap(review.value) ? this.pairs(review.value) : new Map<string, { key: AnyNode; value: AnyNode }>();
      sc.review = { keySpan, span: spanOfNode(review.value, keySpan), cadence: oneOf(p.get('cadence')?.value, CADENCES), last: date(p.get('last')?.value), keys: [...p.keys()] };
    }

    const wheel = top.get('wheel')?.value;
    if (isMap(wheel)) {
      const p = this.pairs(wheel);
      const names = (n: AnyNode) => (isSeq(n) ? n.items.map((v) => str(this.r(v as AnyNode))?.value).filter((v): v is string => v !== undefined) : []);
      sc.wheel = { span: spanOfNode(wheel, { start: 0, end: 0 }), capabilities: names(p.get('capabilities')?.value), responsibilities: names(p.get('responsibilities')?.value) };
    }
  }

  items<T extends Item>(node: AnyNode, make: (m: YAMLMap, base: ItemBaseArgs) => T, into: T[]): void {
    if (!isSeq(node)) return;
    node.items.forEach((raw, index) => {
      const m = this.r(raw as AnyNode);
      if (!isMap(m)) return;
      const id = str(this.pairs(m).get('id')?.value);
      if (!id) return;
      into.push(make(m, { id: id.value, idSpan: id.span, span: spanOfNode(m, id.span), shape: this.shape(m), index }));
    });
  }

  refList(node: AnyNode): Ref[] {
    const out: Ref[] = [];
    const add = (n: AnyNode, level?: Level) => {
      const s = str(n);
      if (!s) return;
      const ref = parseRef(s.value, s.span, level);
      if (ref) out.push(ref);
    };
    if (isScalar(node)) add(node);
    else if (isSeq(node)) for (const it of node.items) add(this.r(it as AnyNode));
    else if (isMap(node)) {
      // The map form: ref -> low | medium | high. A ref without a (valid) level counts as medium.
      for (const p of node.items) {
        const lv = this.r(p.value as AnyNode);
        const level = isScalar(lv) && LEVELS.includes(lv.value as Level) ? (lv.value as Level) : 'medium';
        add(this.r(p.key as AnyNode), level);
      }
    }
    return out.length ? out : NONE;
  }

  objective(m: YAMLMap, base: ItemBaseArgs): Objective {
    return this.described({ kind: 'objective', ...base } as Objective, m);
  }

  kpi(m: YAMLMap, base: ItemBaseArgs): Kpi {
    return this.described({ kind: 'kpi', ...base } as Kpi, m);
  }

  lever(m: YAMLMap, base: ItemBaseArgs): Lever {
    return this.described({ kind: 'lever', ...base } as Lever, m);
  }

  disturbance(m: YAMLMap, base: ItemBaseArgs): Disturbance {
    return this.described({ kind: 'disturbance', ...base } as Disturbance, m);
  }

  /** Reads the fields of an item as model.ts describes them; a value of the wrong type is left out. */
  private described<T extends Item>(item: T, m: YAMLMap): T {
    const p = this.pairs(m);
    const out = item as unknown as Record<string, unknown>;
    let rejected: string[] | undefined;
    for (const [key, f] of fieldsOf(item.kind)) {
      const node = p.get(key)?.value;
      switch (f.type) {
        case 'text':
          out[key] = str(node, f.shared);
          break;
        case 'number':
          out[key] = num(node);
          break;
        case 'date':
          out[key] = date(node);
          break;
        case 'enum':
          out[key] = oneOf(node, f.values);
          break;
        case 'enums': {
          const list: Val<string>[] = [];
          if (isSeq(node)) for (const it of node.items) {
            const v = oneOf(this.r(it as AnyNode), f.values);
            if (v) list.push(v);
          }
          out[key] = list.length ? list : NONE;
          break;
        }
        case 'refs':
          out[key] = this.refList(node);
          break;
        case 'owners': {
          const list: Val<string>[] = [];
          if (isSeq(node)) for (const it of node.items) {
            const v = str(this.r(it as AnyNode), true);
            if (v) list.push(v);
          } else {
            const v = str(node, true);
            if (v) list.push(v);
          }
          out[key] = list.length ? list : NONE;
          break;
        }
        case 'structures': {
          const list: unknown[] = [];
          if (isSeq(node)) for (const it of node.items) {
            const m = this.r(it as AnyNode);
            const v = isMap(m) ? this[f.name](m, item.idSpan) : undefined;
            if (v) list.push(v);
          }
          out[key] = list.length ? list : NONE;
          break;
        }
        case 'observations': {
          const list = isSeq(node) ? this.observations(node) : NONE;
          out[key] = list.length ? list : NONE;
          if (isSeq(node)) out[`${key}Span`] = spanOfNode(node, item.idSpan);
          break;
        }
        case 'structure':
          // A baseline may also be a plain number.
          out[key] = isMap(node) ? this[f.name](node, item.idSpan) : f.name === 'baseline' ? num(node) : undefined;
          break;
      }
      if (p.has(key) && isRejected(f.type, node, out[key])) (rejected ??= []).push(key);
    }
    if (rejected) item.rejected = rejected;
    return item;
  }

  target(m: YAMLMap, at: Span): Target {
    const t = this.pairs(m);
    const value = t.get('value')?.value;
    const out: Target = {
      span: spanOfNode(m, at), shape: this.shape(m), value: num(value), pending: oneOf(value, PENDING),
      by: date(t.get('by')?.value), every: oneOf(t.get('every')?.value, PERIODS),
    };
    const rejected = [
      t.has('value') && !out.value && !out.pending ? 'value' : '',
      t.has('by') && !out.by ? 'by' : '',
      t.has('every') && !out.every ? 'every' : '',
    ].filter(Boolean);
    if (rejected.length) out.rejected = rejected;
    return out;
  }

  baseline(m: YAMLMap): Baseline | undefined {
    const p = this.pairs(m);
    const value = num(p.get('value')?.value);
    return value && { ...value, date: date(p.get('date')?.value) };
  }

  measure(m: YAMLMap, at: Span): Measure {
    const p = this.pairs(m);
    return {
      span: spanOfNode(m, at), of: str(p.get('of')?.value, true), stat: str(p.get('stat')?.value, true),
      numerator: str(p.get('numerator')?.value), denominator: str(p.get('denominator')?.value), window: oneOf(p.get('window')?.value, PERIODS),
    };
  }

  milestone(m: YAMLMap, at: Span): Milestone {
    const p = this.pairs(m);
    return { span: spanOfNode(m, at), value: num(p.get('value')?.value), by: date(p.get('by')?.value) };
  }

  thresholds(m: YAMLMap, at: Span): Thresholds {
    const t = this.pairs(m);
    return { span: spanOfNode(m, at), warn: num(t.get('warn')?.value), alert: num(t.get('alert')?.value) };
  }

  data(m: YAMLMap, at: Span): DataFile | undefined {
    const p = this.pairs(m);
    const csv = str(p.get('csv')?.value);
    const column = str(p.get('column')?.value);
    return csv && column ? { span: spanOfNode(m, at), csv, column } : undefined;
  }

  observations(seq: YAMLSeq): Observation[] {
    const out: Observation[] = [];
    for (const it of seq.items) {
      const h = this.r(it as AnyNode);
      if (!isMap(h)) continue;
      const hp = this.pairs(h);
      const d = date(hp.get('date')?.value);
      const val = num(hp.get('value')?.value);
      if (!d || !val) continue;
      const o: Observation = { date: d.value, value: val.value };
      const status = oneOf(hp.get('status')?.value, REPORTED_STATUSES);
      const note = str(hp.get('note')?.value);
      const flag = oneOf(hp.get('flag')?.value, OBSERVATION_FLAGS);
      // Only what is there: most observations are a date and a value, and a long history is kept small.
      if (status) o.status = status.value;
      if (note) o.note = note.value;
      if (flag) o.flag = flag.value;
      out.push(o);
    }
    return out;
  }
}

/**
 * Whether a written value is one the model leaves out as the schema rejects it: a value of the
 * wrong type, or a list none of whose entries could be read. An empty list is a value (with
 * nothing in it); so is an empty owner (`owner:`), which kpi-owner reports as still to be named.
 */
function isRejected(type: string, node: AnyNode, value: unknown): boolean {
  if (Array.isArray(value) ? value.length > 0 : value !== undefined) return false;
  if (type === 'owners' && (node === null || node === undefined || (isScalar(node) && (node.value === null || node.value === '')))) return false;
  // An empty list of owners names nobody, which the schema rejects; any other empty list is a value.
  if ((isSeq(node) || isMap(node)) && node.items.length === 0) return type === 'owners';
  return true;
}

interface ItemBaseArgs {
  id: string;
  idSpan: Span;
  span: Span;
  shape: MapShape;
  index: number;
}


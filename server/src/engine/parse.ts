import { Alias, Composer, CST, Document, isAlias, isMap, isPair, isScalar, isSeq, Lexer, Pair, Parser, visit, YAMLMap, YAMLParseError } from 'yaml';
import type { DocumentOptions, Node as YNode, ParseOptions, SchemaOptions } from 'yaml';
import {
  Cadence, Comment, Correlation, Direction, Disturbance, Item, Kpi, Level, Lever, MapShape, Objective, Observation,
  POLARITIES, PolarityAssessment, Pole, POLES, Ref, Scorecard, Val,
} from './model';
import { scanShape } from './prescan';
import { lineStarts } from './text';
import type { Report, Span } from './types';
import { pushAll } from './arrays';

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

/** An id as the schema allows it; a ref names one, and a suggested id must be one. */
export const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

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
  // `spanAt` keeps the document; its errors, as many as the lines of a broken file, are read.
  doc.errors = [];
  pushAll(syntax, duplicateKeys(doc));
  const conv = new Converter(doc, text);
  let data: unknown;
  try {
    data = conv.toData(doc.contents as AnyNode, 0);
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
  const spanAt = (pointer: string) => locate(doc, conv, pointer, whole);
  return { scorecard: sc, syntax, limits, data, spanAt };
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
  // The parser makes an Error for every problem it meets, and V8 captures a stack trace for each,
  // frames that hold on to the parser's state: a brace typed at the top of a file of 150,000
  // lines made 450,000 errors, 4.7 s and a gigabyte, where without traces it takes 1.5 s. Their
  // stacks are never read.
  const traces = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    for (const d of new Composer(options).compose(tokens(), true, text.length)) {
      if (!doc) doc = d;
      else {
        // As parseDocument does: a second document is an error, and parsing stops there.
        doc.errors.push(new YAMLParseError([d.range[0], d.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
        break;
      }
    }
  } finally {
    Error.stackTraceLimit = traces;
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

const LEVELS: readonly Level[] = ['low', 'medium', 'high'];
const DIRECTIONS: readonly Direction[] = ['increase', 'decrease', 'maintain'];
const CADENCES: readonly Cadence[] = ['daily', 'weekly', 'biweekly', 'monthly', 'quarterly', 'yearly'];
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
      sc.review = { keySpan, span: spanOfNode(review.value, keySpan), cadence: oneOf(p.get('cadence')?.value, CADENCES), last: date(p.get('last')?.value) };
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
    const p = this.pairs(m);
    return { kind: 'objective', ...base, title: str(p.get('title')?.value), supports: this.refList(p.get('supports')?.value) };
  }

  kpi(m: YAMLMap, base: ItemBaseArgs): Kpi {
    const p = this.pairs(m);
    const v = (k: string) => p.get(k)?.value;
    const kpi: Kpi = {
      kind: 'kpi', ...base,
      name: str(v('name')), definition: str(v('definition')), objective: this.refList(v('objective')),
      owner: str(v('owner'), true), unit: str(v('unit'), true), direction: oneOf(v('direction'), DIRECTIONS),
      baseline: num(v('baseline')), indicator: oneOf(v('indicator'), ['leading', 'lagging'] as const),
      horizon: oneOf(v('horizon'), ['short', 'long'] as const), cadence: oneOf(v('cadence'), CADENCES),
      noise: num(v('noise')), contributes: this.refList(v('contributes')),
      poles: [], history: [],
    };
    const target = v('target');
    if (isMap(target)) {
      const t = this.pairs(target);
      kpi.target = { span: spanOfNode(target, base.idSpan), shape: this.shape(target), value: num(t.get('value')?.value), by: date(t.get('by')?.value) };
    }
    const th = v('thresholds');
    if (isMap(th)) {
      const t = this.pairs(th);
      kpi.thresholds = { span: spanOfNode(th, base.idSpan), warn: num(t.get('warn')?.value), alert: num(t.get('alert')?.value) };
    }
    const poles = v('poles');
    if (isSeq(poles)) {
      for (const it of poles.items) {
        const pole = oneOf(this.r(it as AnyNode), POLES);
        if (pole) kpi.poles.push(pole);
      }
    }
    const history = v('history');
    if (isSeq(history)) {
      kpi.historySpan = spanOfNode(history, base.idSpan);
      for (const it of history.items) {
        const h = this.r(it as AnyNode);
        if (!isMap(h)) continue;
        const hp = this.pairs(h);
        const d = date(hp.get('date')?.value);
        const val = num(hp.get('value')?.value);
        if (d && val) kpi.history.push({ date: d.value, value: val.value } satisfies Observation);
      }
    }
    const data = v('data');
    if (isMap(data)) {
      const dp = this.pairs(data);
      const csv = str(dp.get('csv')?.value);
      const column = str(dp.get('column')?.value);
      if (csv && column) kpi.data = { span: spanOfNode(data, base.idSpan), csv, column };
    }
    if (!kpi.poles.length) kpi.poles = NONE;
    if (!kpi.history.length) kpi.history = NONE;
    return kpi;
  }

  lever(m: YAMLMap, base: ItemBaseArgs): Lever {
    const p = this.pairs(m);
    return {
      kind: 'lever', ...base, name: str(p.get('name')?.value), owner: str(p.get('owner')?.value, true),
      improves: this.refList(p.get('improves')?.value), worsens: this.refList(p.get('worsens')?.value),
    };
  }

  disturbance(m: YAMLMap, base: ItemBaseArgs): Disturbance {
    const p = this.pairs(m);
    return { kind: 'disturbance', ...base, name: str(p.get('name')?.value), affects: this.refList(p.get('affects')?.value) };
  }
}

interface ItemBaseArgs {
  id: string;
  idSpan: Span;
  span: Span;
  shape: MapShape;
  index: number;
}


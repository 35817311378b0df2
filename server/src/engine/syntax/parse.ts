import { Alias, Composer, CST, Document, isAlias, isMap, isScalar, isSeq, Lexer, Pair, Parser, visit, YAMLMap, YAMLParseError } from 'yaml';
import type { DocumentOptions, Node as YNode, ParseOptions, SchemaOptions } from 'yaml';
import type { Comment, Scorecard } from '../model/model';

import { ModelBuilder } from './build';
import { scanShape } from './prescan';
import { lineStarts } from '../text';
import type { Report, Span } from '../types';
import { pushAll, upperBound, upperBoundBy } from '../arrays';

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

export type AnyNode = YNode | Alias | null | undefined;

export function spanOfNode(node: AnyNode, fallback: Span): Span {
  const r = node?.range;
  // A copy: no two fields of the model share a span, so moving one in place never moves another.
  if (!r) return { start: fallback.start, end: fallback.end };
  return { start: r[0], end: Math.max(r[0], r[1]) };
}

export function emptyScorecard(uri: string, text: string): Scorecard {
  return {
    uri,
    text,
    lineStarts: lineStarts(text),
    isMapping: false,
    objectives: [],
    kpis: [],
    levers: [],
    disturbances: [],
    correlations: [],
    polarities: [],
    comments: [],
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
      message:
        shape.depth > LIMITS.maxParseDepth
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
  const errorSpans: Span[] = [];
  for (const err of doc.errors) {
    const [s, e] = err.pos;
    const span = { start: s, end: Math.max(s, e) };
    errorSpans.push(span);
    syntax.push({ span, message: yamlMessage(err.code, err.message) });
  }
  // `spanAt` keeps the document; its errors, as many as the lines of a broken file, are read.
  doc.errors = [];
  pushAll(syntax, duplicateKeys(doc));
  const conv = new Converter(doc, text);
  let data: unknown;
  try {
    data = conv.toData(doc.contents, 0);
  } catch {
    data = undefined;
  }
  if (conv.depthExceeded)
    limits.push({ span: conv.depthSpan ?? whole, message: `Nesting deeper than ${LIMITS.maxDepth} levels: the deeper values are not checked.` });
  if (conv.aliasesExceeded)
    limits.push({ span: conv.aliasSpan ?? whole, message: `More than ${LIMITS.maxAliases} alias expansions: further aliases are not expanded or checked.` });

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
  if (errorSpans.length) {
    const damaged = damagedRegions(doc, conv, text, sc.lineStarts, errorSpans);
    if (damaged.length) sc.damaged = damaged;
  }
  const spanAt = (pointer: string) => locate(doc, conv, pointer, whole);
  return { scorecard: sc, syntax, limits, data, spanAt };
}

/**
 * The regions that syntax errors damage: the list items (of a top-level list), or else the
 * top-level entries, that have text on the line of an error; the error itself outside them. A
 * line is the unit because the parser reports an error where it noticed it, which may be the
 * start of the next item or the end of the file (an unterminated quote runs to it). A broken
 * file can have an error on every line of a large mapping: each error finds its line and the
 * entries on it by binary search, so the cost grows with the errors, not with their square.
 */
function damagedRegions(
  doc: Document.Parsed,
  conv: Converter,
  text: string,
  starts: readonly number[],
  errors: readonly Span[],
): { span: Span; key: string }[] {
  const out: { span: Span; key: string }[] = [];
  const seen = new Set<string>();
  const add = (span: Span, key: string) => {
    const id = `${span.start}:${span.end}`;
    if (!seen.has(id)) {
      seen.add(id);
      out.push({ span, key });
    }
  };
  const root = doc.contents as AnyNode;
  // The top-level entries in text order, which their ranges keep.
  const entries: { start: number; end: number; key: AnyNode; value: AnyNode; items?: Span[] }[] = [];
  if (isMap(root))
    for (const pair of root.items) {
      const k = pair.key as AnyNode;
      const v = pair.value as AnyNode;
      const start = k?.range?.[0] ?? v?.range?.[0];
      const end = v?.range?.[1] ?? k?.range?.[1];
      if (start !== undefined && end !== undefined) entries.push({ start, end, key: k, value: v });
    }
  let line = { from: -1, to: -1 };
  for (const e of errors) {
    if (e.start < line.from || e.start > line.to) {
      const from = starts[Math.max(0, upperBound(starts, e.start) - 1)];
      line = { from, to: lineEndAt(text, Math.max(from, e.start)) };
    }
    const { from, to } = line;
    let found = false;
    // Entries (and list items) in text order: from the first that ends on the line or after it.
    for (let i = upperBoundBy(entries, from - 1, (e) => e.end); i < entries.length && entries[i].start <= to; i++) {
      const entry = entries[i];
      found = true;
      const key = conv.keyString(entry.key);
      if (isSeq(entry.value) && !entry.items)
        entry.items = entry.value.items.flatMap((it) => {
          const r = (it as AnyNode)?.range;
          return r ? [{ start: r[0], end: r[1] }] : [];
        });
      const items = entry.items ?? [];
      let touched = false;
      for (let j = upperBoundBy(items, from - 1, (e) => e.end); j < items.length && items[j].start <= to; j++) {
        add(items[j], key);
        touched = true;
      }
      if (!touched) add({ start: entry.start, end: entry.end }, key);
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
export function parseYaml(
  text: string,
  options: ParseOptions & DocumentOptions & SchemaOptions = PARSE_OPTIONS,
): { doc: Document.Parsed; comments: Comment[] } {
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
  // stackTraceLimit is V8's (Node and Chromium's web workers); elsewhere setting it does nothing.
  const v8 = Error as { stackTraceLimit?: number };
  const traces = v8.stackTraceLimit;
  v8.stackTraceLimit = 0;
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
    v8.stackTraceLimit = traces;
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

  constructor(
    private readonly doc: Document.Parsed,
    private readonly text: string,
  ) {}

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
  const parts =
    pointer === ''
      ? []
      : pointer
          .slice(1)
          .split('/')
          .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
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

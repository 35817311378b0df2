// Parsing for the editor, one list item at a time. A full parse of a 1,000-KPI scorecard takes
// about 150-200 ms with `yaml`; an edit among list items (a KPI, lever, objective or disturbance)
// re-parses only those items and shifts the spans of everything after them (reparse.ts). A first
// parse goes block by block and item by item too, so that no Document of the whole file is ever
// held (a 5 MB file would need hundreds of MB for it); `spanAt` re-parses the one block or item a
// schema finding points into. The results are exactly what `parseScorecard` returns for the same
// text (test/unit/incremental.test.ts checks that on random edits); any text the piecewise parse
// cannot prove equivalent gets `parseScorecard` itself.
import { isMap, isScalar, isSeq, Pair, visit, YAMLMap, YAMLSeq } from 'yaml';
import type { Document, Node as YNode } from 'yaml';
import type { Comment, Item, ItemList } from '../model/model';
import { ModelBuilder } from './build';
import { scanLayout } from './regions';
import type { Block, Layout } from './regions';
import { Converter, duplicateKeys, emptyScorecard, LIMITS, locate, PARSE_OPTIONS, parseScorecard, parseYaml } from './parse';
import { scanShape } from './prescan';
import type { Parsed } from './parse';

/** How the text of each piecewise parse divides, for the next edit's re-parse. */
export const layouts = new WeakMap<Parsed, Layout>();

/** The most text of consecutive top-level blocks (other than item lists) that the first parse takes in one piece. */
const CHUNK = 64 * 1024;

/** Anchors, aliases and tags tie distant parts of a document together; such files are always parsed whole. */
export const ENTANGLED = /(?:^|[\s[{,])[&*!][^\s]/m;

/** A full parse for the editor: piece by piece when the text divides cleanly, else `parseScorecard`. Never throws. */
export function parseForEditing(uri: string, text: string): Parsed {
  try {
    const pieces = parsePieces(uri, text);
    if (pieces) return pieces;
  } catch {
    // A piece that surprises the builder: the whole-file parse decides.
  }
  return parseScorecard(uri, text);
}

/** Moves every node's range by `offset`, from a slice's coordinates to the whole text's. */
function moveRanges(doc: Document.Parsed, offset: number): void {
  visit(doc, (_key, node) => {
    const n = node as YNode | null;
    if (n?.range) n.range = [n.range[0] + offset, n.range[1] + offset, n.range[2] + offset];
  });
}

export interface ParsedItems {
  doc: Document.Parsed;
  /** The comments the parser met in the items' lines, at their offsets in the whole text. */
  comments: Comment[];
  seq: YNode;
  nodes: YNode[];
  /** Where the last item's node ends in the whole text, trailing comment included: where its list ends when it is the last. */
  end: number;
}

/**
 * The same pre-scan as a whole-file parse: a piece nested past the parser's safe depth goes to
 * the full parse, which refuses it with a finding instead of exhausting the stack.
 */
export function safeToParse(piece: string): boolean {
  const shape = scanShape(piece, LIMITS.maxParseDepth, LIMITS.maxNodes);
  return shape.depth <= LIMITS.maxParseDepth && shape.nodes <= LIMITS.maxNodes;
}

/**
 * A copy of a piece of the text that does not hold on to the whole text. V8 makes a slice of a
 * long string a view into it, and the parser's strings are views into the piece: without a copy,
 * every value of the model would keep alive the whole text it was parsed from, a new one for
 * each edit (the server grew by the size of the file per edit).
 */
function detached(piece: string): string {
  return (' ' + piece).slice(1);
}

/**
 * Whether a piece parsed without errors and without duplicate keys. Duplicates are searched by
 * duplicateKeys in one pass: the yaml package's own check compares each key with every earlier
 * one, which took minutes on a mapping of 100,000 keys. A piece with duplicates takes the
 * whole-file parse, which reports them.
 */
function clean(doc: Document.Parsed): boolean {
  return doc.errors.length === 0 && duplicateKeys(doc).length === 0;
}

/**
 * Parses the lines of `count` consecutive items alone, with ranges moved to where they sit in the
 * whole text. `prescanned`: the whole text around them passed the pre-scan already.
 */
export function parseItems(region: string, offset: number, count: number, prescanned = false): ParsedItems | undefined {
  if (!prescanned && !safeToParse(region)) return undefined;
  const { doc, comments } = parseYaml(detached(region), PARSE_OPTIONS);
  const seq = doc.contents;
  if (!clean(doc) || !isSeq(seq) || seq.items.length !== count) return undefined;
  moveRanges(doc, offset);
  const nodes = seq.items as (YNode | null)[];
  const last = nodes[count - 1];
  if (nodes.some((n) => !n?.range) || (endsEmpty(last) && endsWithCommentOrBlank(region))) return undefined;
  return { doc, seq, nodes: nodes as YNode[], comments: moveComments(comments, offset), end: last!.range![2] };
}

/**
 * Whether a node ends with an empty value (`key:` with nothing after it). Followed by comment or
 * blank lines, such an item ends at the next item's dash in place, but at the end of its lines
 * when parsed alone; those items take a full parse.
 */
function endsEmpty(node: YNode | null): boolean {
  if (isMap(node)) return node.items.length === 0 ? false : endsEmpty(node.items[node.items.length - 1].value as YNode | null);
  if (isSeq(node)) return node.items.length === 0 ? false : endsEmpty(node.items[node.items.length - 1] as YNode | null);
  return !node?.range || node.range[0] === node.range[1];
}

/**
 * Whether the last line of a text (before its final newline) is blank or holds a comment: after
 * an empty value, a comment on its own line or after the key (`unit: # to do  # later`) ends the
 * node elsewhere in place than alone.
 */
function endsWithCommentOrBlank(region: string): boolean {
  const body = region.endsWith('\n') ? region.slice(0, -1) : region;
  const last = body.slice(body.lastIndexOf('\n') + 1).trimStart();
  return last === '' || last.includes('#');
}

/** The models of the items in `seq` (those with an id), the first being item `first` of the whole list. */
export function buildItems(builder: ModelBuilder, key: ItemList, seq: YNode, first: number): Item[] {
  const into: Item[] = [];
  switch (key) {
    case 'objectives':
      builder.items(seq, (m: YAMLMap, b) => builder.objective(m, b), into);
      break;
    case 'kpis':
      builder.items(seq, (m: YAMLMap, b) => builder.kpi(m, b), into);
      break;
    case 'levers':
      builder.items(seq, (m: YAMLMap, b) => builder.lever(m, b), into);
      break;
    case 'disturbances':
      builder.items(seq, (m: YAMLMap, b) => builder.disturbance(m, b), into);
      break;
  }
  for (const item of into) item.index += first;
  return into;
}

/** Comments of a slice, moved to where the slice sits in the whole text. */
function moveComments(comments: Comment[], offset: number): Comment[] {
  for (const c of comments) c.span = { start: c.span.start + offset, end: c.span.end + offset };
  return comments;
}

/**
 * Parses a slice of a text that passed the pre-scan, with ranges moved to where it sits, and adds
 * its comments to `comments`; undefined when YAML finds anything wrong.
 */
export function parseSlice(text: string, start: number, end: number, comments: Comment[]): Document.Parsed | undefined {
  const parsed = parseYaml(detached(text.slice(start, end)), PARSE_OPTIONS);
  if (!clean(parsed.doc)) return undefined;
  moveRanges(parsed.doc, start);
  for (const c of moveComments(parsed.comments, start)) comments.push(c);
  return parsed.doc;
}

/**
 * The whole-file parse, piece by piece: each top-level block alone, each list item alone. The
 * model is built by the same ModelBuilder from a mapping stitched out of the pieces, its lists
 * filled item by item, so no syntax tree of the whole file exists at any time.
 */
function parsePieces(uri: string, text: string): Parsed | undefined {
  if (text.length > LIMITS.maxBytes || text.includes('\r') || text.includes('\t') || ENTANGLED.test(text)) return undefined;
  const shape = scanShape(text, LIMITS.maxParseDepth, LIMITS.maxNodes);
  if (shape.depth > LIMITS.maxParseDepth || shape.nodes > LIMITS.maxNodes) return undefined;
  const scanned = scanLayout(text);
  if (!scanned) return undefined;
  const root = new YAMLMap();
  const lists: { key: ItemList; seq: YAMLSeq; block: Block }[] = [];
  // Comments come piece by piece too, in the order of the text: first those before the first key.
  const comments: Comment[] = [];
  if (scanned.blocks[0].start > 0 && !parseSlice(text, 0, scanned.blocks[0].start, comments)) return undefined;
  let firstDoc: Document.Parsed | undefined;
  let lastEnd = 0;
  const blocks = scanned.blocks;
  for (let k = 0; k < blocks.length;) {
    // Consecutive blocks that are not item lists are parsed together, up to CHUNK characters:
    // each parse has a fixed cost, which a file of 100,000 top-level keys would pay 100,000 times.
    let next = k + 1;
    if (!blocks[k].items) while (next < blocks.length && !blocks[next].items && blocks[next].end - blocks[k].start <= CHUNK) next++;
    const last = blocks[next - 1];
    const doc = parseSlice(text, blocks[k].start, last.items ? last.items.starts[0] : last.end, comments);
    const map = doc?.contents;
    if (!doc || !isMap(map) || map.items.length !== next - k || map.flow) return undefined;
    firstDoc ??= doc;
    for (let j = k; j < next; j++) {
      const b = blocks[j];
      const pair = map.items[j - k] as Pair<YNode, YNode | null>;
      if (!isScalar(pair.key) || pair.key.value !== b.key || pair.key.range?.[0] !== b.start) return undefined;
      if (b.items) {
        if (pair.value !== null && !(isScalar(pair.value) && pair.value.value === null)) return undefined;
        // The list's node, empty here: its items are parsed one by one below.
        const seq = new YAMLSeq();
        const dash = b.items.starts[0] + b.items.indent;
        seq.range = [dash, dash, dash];
        pair.value = seq;
        lists.push({ key: b.key as ItemList, seq, block: b });
      }
      root.items.push(pair);
    }
    lastEnd = map.range[1];
    k = next;
  }
  const sc = emptyScorecard(uri, text);
  const conv = new Converter(firstDoc!, text);
  const builder = new ModelBuilder(sc, conv);
  // Each item's syntax tree is dropped as soon as its data and model are built: holding the trees
  // of a whole large file at once would take several times the memory of its model.
  const built: { key: ItemList; data: unknown[]; models: Item[] }[] = [];
  for (const list of lists) {
    const starts = list.block.items!.starts;
    const data: unknown[] = [];
    const models: Item[] = [];
    let last: ParsedItems | undefined;
    for (let i = 0; i < starts.length; i++) {
      last = parseItems(text.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : list.block.end), starts[i], 1, true);
      if (!last) return undefined;
      for (const c of last.comments) comments.push(c);
      data.push(conv.toData(last.nodes[0], 2));
      for (const model of buildItems(builder, list.key, last.seq, i)) models.push(model);
    }
    // A sequence ends where its last item's node ends, trailing comment included.
    const tail = last!.seq.range!;
    list.seq.range = [list.seq.range![0], tail[1], tail[2]];
    built.push({ key: list.key, data, models });
  }
  // So does a mapping: the top-level one ends with its last value's node.
  const lastValue = root.items[root.items.length - 1].value as YNode;
  root.range = [scanned.blocks[0].start, isSeq(lastValue) && lists.some((l) => l.seq === lastValue) ? lastValue.range![2] : lastEnd, text.length];

  const data = conv.toData(root, 0) as Record<string, unknown>;
  builder.build(root);
  for (const b of built) {
    const values = data[b.key] as unknown[];
    for (const v of b.data) values.push(v);
    const items = sc[b.key] as Item[];
    for (const m of b.models) items.push(m);
  }
  if (conv.depthExceeded || conv.aliasesExceeded) return undefined;
  // The items were parsed after the heads of all blocks: back to the order of the text.
  sc.comments = comments.sort((a, b) => a.span.start - b.span.start);
  const layout: Layout = { blocks: scanned.blocks, byKey: scanned.byKey, root: { start: root.range[0], end: root.range[1] } };
  const parsed: Parsed = { scorecard: sc, syntax: [], limits: [], data, spanAt: blockLocator(text, layout) };
  layouts.set(parsed, layout);
  return parsed;
}

/** `spanAt` without the whole Document: parses just the item or block a pointer leads into. */
export function blockLocator(text: string, layout: Layout): Parsed['spanAt'] {
  // Schema findings ask several pointers of one item in a row; the last slice parsed is kept.
  let last: { start: number; doc: Document.Parsed; conv: Converter } | undefined;
  let whole: { doc: Document.Parsed; conv: Converter } | undefined;
  const sliceAt = (start: number, end: number) => {
    if (last?.start !== start) {
      const { doc } = parseYaml(text.slice(start, end));
      moveRanges(doc, start);
      last = { start, doc, conv: new Converter(doc, text) };
    }
    return last;
  };
  return (pointer) => {
    if (pointer === '') return { span: layout.root };
    const raw = pointer.slice(1).split('/');
    const key = raw[0].replace(/~1/g, '/').replace(/~0/g, '~');
    const bi = layout.byKey.get(key);
    const block = bi === undefined ? undefined : layout.blocks[bi];
    if (!block) return { span: layout.root };
    const index = raw.length >= 2 && /^\d+$/.test(raw[1]) ? Number(raw[1]) : -1;
    if (block.items && index >= 0 && index < block.items.starts.length) {
      const starts = block.items.starts;
      const item = sliceAt(starts[index], index + 1 < starts.length ? starts[index + 1] : block.end);
      if (!item.doc.errors.length && isSeq(item.doc.contents)) {
        return locate(item.doc, item.conv, `/0${raw.length > 2 ? `/${raw.slice(2).join('/')}` : ''}`, layout.root);
      }
    } else {
      const slice = sliceAt(block.start, block.end);
      if (!slice.doc.errors.length && isMap(slice.doc.contents)) return locate(slice.doc, slice.conv, pointer, layout.root);
    }
    // A slice that does not parse alone as it does in place: the whole text, once for all the
    // pointers that need it (a parse of a large file takes seconds).
    if (!whole) {
      const { doc } = parseYaml(text);
      whole = { doc, conv: new Converter(doc, text) };
    }
    return locate(whole.doc, whole.conv, pointer, layout.root);
  };
}

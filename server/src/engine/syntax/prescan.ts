/**
 * A quick look at the shape of a YAML text before the `yaml` package parses it. That parser
 * recurses once per nesting level, and near the end of the stack V8 may abort the whole process
 * (a regular expression compiled there fails as "out of memory") instead of throwing; its memory
 * also grows with the number of nodes, about 1 KB each. Both are estimated here in one linear
 * pass so that a file past the limits is refused before it is parsed.
 */
export interface Shape {
  /** The deepest nesting of collections: block levels by indentation and indicators, flow levels by brackets. */
  depth: number;
  /** About how many nodes the parser will build: content lines, block indicators, flow items. */
  nodes: number;
}

/**
 * Estimates the shape of a text. Brackets and quotes are only taken as such where YAML allows a
 * node to start (so `don't [x]` in a plain scalar counts nothing), comments and block scalars
 * are skipped. Scanning stops as soon as either limit is passed.
 */
export function scanShape(text: string, maxDepth: number, maxNodes: number): Shape {
  const n = text.length;
  // Indentation columns of the open block levels; a `- ` entry weighs two (the sequence and its item).
  const cols: number[] = [];
  const weights: number[] = [];
  let blockDepth = 0;
  let flow = 0;
  let quote = '';
  let blockScalarIndent = -1;
  let depth = 0;
  let nodes = 0;
  let i = 0;
  while (i < n && depth <= maxDepth && nodes <= maxNodes) {
    const lineStart = i;
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    const indent = i - lineStart;
    const blank = i >= n || text[i] === '\n' || text[i] === '\r';
    if (blockScalarIndent >= 0 && (blank || indent > blockScalarIndent)) {
      i = lineEnd(text, i);
      i = nextLine(text, i);
      continue;
    }
    blockScalarIndent = -1;
    if (!quote && flow === 0 && !blank && text[i] !== '#') {
      while (cols.length && cols[cols.length - 1] > indent) blockDepth -= pop(cols, weights);
      if (!cols.length || cols[cols.length - 1] < indent) blockDepth += push(cols, weights, indent, 1);
      nodes++;
      while ((text[i] === '-' || text[i] === '?' || text[i] === ':') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
        const weight = text[i] === '-' ? 2 : 1;
        i += 2;
        while (text[i] === ' ' || text[i] === '\t') i++;
        blockDepth += push(cols, weights, i - lineStart, weight);
        nodes++;
      }
    }
    let last = '';
    let lastAt = -1;
    for (; i < n && text[i] !== '\n' && text[i] !== '\r'; i++) {
      const c = text[i];
      if (quote) {
        if (c === quote) {
          if (quote === "'" && text[i + 1] === "'") i++;
          else quote = '';
        } else if (c === '\\' && quote === '"') i++;
        continue;
      }
      if (c === '#' && (i === lineStart || text[i - 1] === ' ' || text[i - 1] === '\t')) {
        i = lineEnd(text, i);
        break;
      }
      if (c === ' ' || c === '\t') continue;
      const nodeStart = last === '' || ':-?,[{'.includes(last) || ((text[i - 1] === ' ' || text[i - 1] === '\t') && startsWithProperty(text, i));
      if ((c === '"' || c === "'") && nodeStart) quote = c;
      else if ((c === '[' || c === '{') && (flow > 0 || nodeStart)) {
        flow++;
        nodes++;
        depth = Math.max(depth, blockDepth + flow);
      } else if ((c === ']' || c === '}') && flow > 0) flow--;
      else if (c === ',' && flow > 0) nodes++;
      // A bracket inside a plain scalar is a character like any other, and so is what follows it.
      last = (c === '[' || c === '{' || c === ',') && flow === 0 ? 'x' : c;
      lastAt = i;
    }
    depth = Math.max(depth, blockDepth + flow);
    if (!quote && flow === 0 && endsWithBlockScalarHeader(text, lineStart, lastAt)) blockScalarIndent = indent;
    i = nextLine(text, i);
  }
  return { depth, nodes };
}

function push(cols: number[], weights: number[], col: number, weight: number): number {
  cols.push(col);
  weights.push(weight);
  return weight;
}

function pop(cols: number[], weights: number[]): number {
  cols.pop();
  return weights.pop()!;
}

/** Whether the word before a position is a tag or an anchor, after which a node may still start. */
function startsWithProperty(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  while (j >= 0 && text[j] !== ' ' && text[j] !== '\t' && text[j] !== '\n' && text[j] !== '\r') j--;
  return text[j + 1] === '!' || text[j + 1] === '&';
}

function lineEnd(text: string, i: number): number {
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

function nextLine(text: string, i: number): number {
  return text[i] === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
}

/** Whether a line's content ends with `|` or `>` and its indicators, so that the lines below are text. */
function endsWithBlockScalarHeader(text: string, lineStart: number, lastAt: number): boolean {
  let p = lastAt;
  while (p > lineStart && p > lastAt - 2 && '-+123456789'.includes(text[p])) p--;
  if (p < 0 || (text[p] !== '|' && text[p] !== '>')) return false;
  return p === lineStart || text[p - 1] === ' ' || text[p - 1] === '\t';
}

// Mutations of the seed scorecards and an editor's edits, as fast-check arbitraries: what the fuzz
// tests and the long run feed the engine, the CLI and the server.
import * as fc from 'fast-check';
import { NASTY, SEEDS } from './corpus';

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

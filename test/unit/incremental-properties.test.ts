// The incremental parse held to a full parse on random edits: typing and punctuation anywhere,
// and whole lines deleted, copied and moved.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { reparse, reparsePart } from '../../server/src/engine/syntax/reparse';
import { parseForEditing } from '../../server/src/engine/syntax/incremental';
import { assertSame, BASE, edit, fresh } from '../helpers/incremental';

/**
 * Applies each sequence of edits to the fixture (or to a text of `start`), re-parsing after each,
 * and holds every result to a full parse. The property only means something if the fast path ran often enough: in more
 * than `share` of the edits.
 */
function holdsUnder<E>(
  edits: fc.Arbitrary<E>,
  apply: (text: string, e: E) => string,
  o: { runs: number; seed: number; maxLength: number; share: number; start?: fc.Arbitrary<string> },
): void {
  let fast = 0;
  let steps = 0;
  fc.assert(
    fc.property(o.start ?? fc.constant(BASE), fc.array(edits, { minLength: 1, maxLength: o.maxLength }), (start, list) => {
      let text = start;
      let prev = start === BASE ? fresh() : parseForEditing('team.kpi.yaml', start);
      for (const e of list) {
        text = apply(text, e);
        const quick = reparsePart(prev, text);
        if (quick) fast++;
        steps++;
        prev = quick ?? reparse(prev, text);
        assertSame(prev, text);
      }
    }),
    { numRuns: o.runs, seed: o.seed },
  );
  assert.ok(fast > steps * o.share, `fast path used ${fast} times in ${steps} edits`);
}

const FRAGMENTS = [
  'a',
  '7',
  '0',
  ' ',
  '  ',
  '\n',
  '\n    ',
  '\n  - ',
  ':',
  ': ',
  '- ',
  '#',
  '"',
  "'",
  '{',
  '}',
  '[',
  ']',
  ',',
  '&a ',
  '*a',
  '!x ',
  '|',
  '>',
  '\t',
  'é',
  '😀',
  'id: z',
  'name: N',
  '---\n',
];

const lineStarts = (t: string) => [0, ...[...t.matchAll(/\n/g)].map((m) => m.index + 1).filter((p) => p < t.length)];

describe('incremental parsing: random edits', () => {
  it('equals a full parse after any sequence of random edits', function () {
    this.timeout(120_000);
    // Mostly typing (words, digits, deletions), sometimes YAML punctuation that breaks structure.
    const typing = fc.oneof(
      { weight: 3, arbitrary: fc.record({ at: fc.nat(), remove: fc.nat({ max: 3 }), insert: fc.stringMatching(/^[a-z0-9 ]{0,4}$/) }) },
      { weight: 1, arbitrary: fc.record({ at: fc.nat(), remove: fc.nat({ max: 6 }), insert: fc.constantFrom(...FRAGMENTS) }) },
    );
    holdsUnder(typing, (text, e) => edit(text, e.at % (text.length + 1), e.remove, e.insert), { runs: 60, seed: 20261125, maxLength: 6, share: 1 / 5 });
  });

  it('equals a full parse after random edits of whole lines: deleted, copied, moved', function () {
    this.timeout(120_000);
    const lines = fc.record({ kind: fc.constantFrom('delete', 'copy', 'move'), a: fc.nat(), n: fc.integer({ min: 1, max: 8 }), to: fc.nat() });
    const apply = (text: string, e: { kind: string; a: number; n: number; to: number }) => {
      const ls = lineStarts(text);
      const from = ls[e.a % ls.length];
      const end = ls[(e.a % ls.length) + e.n] ?? text.length;
      const cut = text.slice(from, end);
      const rest = text.slice(0, from) + text.slice(end);
      if (e.kind === 'delete') return rest;
      if (e.kind === 'copy') return edit(text, ls[e.to % ls.length], 0, cut);
      const rs = lineStarts(rest);
      const to = rs[e.to % rs.length];
      return rest.slice(0, to) + cut + rest.slice(to);
    };
    // Most random cuts of lines break the structure (a full parse); enough of them move whole items.
    holdsUnder(lines, apply, { runs: 80, seed: 20261206, maxLength: 5, share: 1 / 20 });
  });

  it('equals a full parse after random edits near the end of files that end in each way', function () {
    this.timeout(120_000);
    // The end of a file closes every container at once; comments, blank lines and empty values there end nodes in several ways.
    const tails = [
      'kpis:\n  - id: a\n    name: A\n  - id: b\n    name: B\n',
      'levers:\n- id: l\n  name: L\n  improves: [a]\n- id: m\n  name: M\n',
      'review:\n  cadence: quarterly\n  last: 2026-09-30\n',
      'vision:\n  statement: S\n  values: [a, b]\n',
      'kpis:\n  - id: a\n    unit: # to do\n\n  # next\n  - id: b\n    history:\n      - { date: 2026-01-01, value: 1 }\n',
      'kpis:\n  - id: a\n    definition: |\n      line\n\n',
    ];
    const endings = ['', '# the end\n', '\n\n', '  # indented end\n', '\n# end\n\n'];
    const start = fc.tuple(fc.constantFrom(...tails), fc.constantFrom(...endings)).map(([t, e]) => `kpilens: 1\nscorecard: { id: t }\n${t}${e}`);
    const fragments = ['a', ' ', '\n', '\n  - id: n\n', '\n    name: N', '#', ':', '- ', '  - id: z\n    name: Z\n', '\n\n', '"', '|'];
    const typing = fc.record({
      back: fc.nat(80),
      remove: fc.nat(12),
      insert: fc.oneof(fc.constantFrom(...fragments), fc.stringMatching(/^[a-z ]{0,3}$/)),
    });
    const apply = (text: string, e: { back: number; remove: number; insert: string }) => edit(text, Math.max(0, text.length - e.back), e.remove, e.insert);
    holdsUnder(typing, apply, { runs: 300, seed: 20261207, maxLength: 6, share: 1 / 50, start });
  });
});

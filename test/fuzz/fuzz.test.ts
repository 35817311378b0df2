import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { lintFiles, LIMITS, parseScorecard, Workspace } from '../../server/src/engine';
import { cursorContext, keyAt } from '../../server/src/engine/editor/cursor';
import { symbolAt } from '../../server/src/engine/model/query';
import { AS_OF, SEEDS } from './corpus';
import { fixableScorecard, fixTextLoss } from './fixes';
import { anyDocument, applyEdit, edit, frac, mutatedScorecard, randomYaml } from './mutations';
import { check, workspaceWith } from './properties';

// A few thousand cases in all, so that CI stays fast; `npm run fuzz` runs many more. The seed is
// fixed, so that a CI run is reproducible and a red one points at the change that made it; set
// KPILENS_FUZZ_SEED to explore. A failure prints fast-check's seed and path to replay it.
const RUNS = { mutated: 500, random: 600, json: 300, edits: 40, fix: 150 };
fc.configureGlobal({ seed: Number(process.env.KPILENS_FUZZ_SEED ?? 20261206) });

const holds = (texts: string[]) => {
  const problems = texts.flatMap((t) => check(workspaceWith(t)));
  assert.deepEqual(problems, []);
};

describe('fuzz: the engine on hostile input', function () {
  // Each test runs hundreds of lints; mocha's default per-test timeout is meant for one.
  this.timeout(120_000);

  it('keeps every property on mutated scorecards', () => {
    fc.assert(
      fc.property(mutatedScorecard, (t) => holds([t])),
      { numRuns: RUNS.mutated },
    );
  });

  it('keeps every property on random YAML-shaped text', () => {
    fc.assert(
      fc.property(randomYaml, (t) => holds([t])),
      { numRuns: RUNS.random },
    );
  });

  it('keeps every property on arbitrary data written as YAML', () => {
    fc.assert(
      fc.property(anyDocument, (t) => holds([t])),
      { numRuns: RUNS.json },
    );
  });

  it('keeps every property after each edit of a sequence, as an editor sends them', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEEDS), fc.array(edit, { minLength: 1, maxLength: 15 }), (seed, edits) => {
        let t = seed;
        const texts = edits.map((e) => (t = applyEdit(t, e)));
        holds(texts);
      }),
      { numRuns: RUNS.edits },
    );
  });

  it('changes nothing on --fix but what the fixes mean to change (block scalars, quoted strings, anchors, comments)', () => {
    fc.assert(
      fc.property(fixableScorecard, (t) => assert.deepEqual(fixTextLoss(t), [])),
      { numRuns: RUNS.fix },
    );
  });

  it('answers what is at any offset of a mutated scorecard without throwing (completion, hover, definition)', () => {
    fc.assert(
      fc.property(mutatedScorecard, fc.array(frac, { minLength: 1, maxLength: 20 }), (text, wheres) => {
        const sc = parseScorecard('x', text).scorecard;
        const ws = new Workspace([sc]);
        for (const w of wheres) {
          const offset = Math.floor(w * (text.length + 1));
          cursorContext(text, offset);
          keyAt(text, offset);
          symbolAt(ws, sc, offset);
        }
      }),
      { numRuns: RUNS.mutated },
    );
  });

  it('reads a line with a Unicode line or paragraph separator as one line (completion threw on it)', () => {
    const text = 'kpis:\n  - id: a\u2028b\n    name: x\n    \n';
    assert.deepEqual(cursorContext(text, text.length - 1), cursorContext(text.replace('\u2028', ' '), text.length - 1));
  });

  it('survives every truncation of a scorecard', () => {
    const seed = SEEDS[1];
    for (let at = 0; at <= seed.length; at++) {
      const t = seed.slice(0, at);
      const { findings } = lintFiles(workspaceWith(t), {
        asOf: AS_OF,
        onRuleError: (rule, _uri, e) => assert.fail(`${rule} threw at length ${at}: ${String(e)}`),
      });
      for (const f of findings.get('mutated.kpi.yaml')!)
        assert.ok(f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= t.length, `${f.rule} at length ${at}`);
    }
  });
});

/** Findings of a single text as `rule start-end message`. */
function findings(text: string): string[] {
  const { findings: all } = lintFiles([{ uri: 'x.kpi.yaml', text }], { asOf: AS_OF });
  return all.get('x.kpi.yaml')!.map((f) => `${f.rule} ${f.span.start}-${f.span.end} ${f.message}`);
}

describe('engine limits', () => {
  // Each of these once crashed the process, ran out of memory or took minutes.
  const tooDeep = (firstLineEnd: number) => `file-limit 0-${firstLineEnd} Nesting deeper than ${LIMITS.maxParseDepth} levels: the file is not checked.`;

  it('refuses deep flow nesting before parsing (V8 aborted the process near the stack limit)', () => {
    assert.deepEqual(findings('['.repeat(100_000)), [tooDeep(100_000)]);
    assert.deepEqual(findings('{a: '.repeat(100_000)), [tooDeep(400_000)]);
    assert.deepEqual(findings(`kpilens: 1\nx: ${'['.repeat(1000)}${']'.repeat(1000)}`), [tooDeep(10)]);
  });

  it('refuses deep block nesting, by indentation or by indicators', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
    assert.deepEqual(findings(lines), [tooDeep(2)]);
    assert.deepEqual(findings(`${'- '.repeat(200)}x`), [tooDeep(401)]);
  });

  it('still parses nesting past 64 levels but within the parse limit, and says what is not checked', () => {
    const text = `kpilens: 1\nscorecard: {id: a}\nwheel:\n  capabilities: ${'['.repeat(100)}x${']'.repeat(100)}\n`;
    const out = findings(text).filter((f) => f.startsWith('file-limit'));
    assert.deepEqual(out, [`file-limit 116-191 Nesting deeper than ${LIMITS.maxDepth} levels: the deeper values are not checked.`]);
  });

  it('does not count brackets inside quotes, comments, plain words or block scalars as nesting', () => {
    const deep = '['.repeat(400);
    const text = `kpilens: 1\nscorecard:\n  id: a\n  title: "${deep}"\n  owner: don't ${deep}\n# ${deep}\nvision:\n  statement: |\n    ${deep}\n  values: ['${deep}']\n`;
    assert.deepEqual(
      findings(text).filter((f) => f.startsWith('file-limit')),
      [],
    );
  });

  it('refuses a file of more than 500,000 values before parsing (it would need gigabytes)', () => {
    assert.deepEqual(findings(`a: [${'1,'.repeat(LIMITS.maxNodes)}]\n`), [`file-limit 0-1000005 More than 500,000 YAML values: the file is not checked.`]);
  });

  it('reports duplicate keys itself, at the later key, in block and flow mappings', () => {
    const text = 'kpilens: 1\nscorecard: {id: a, id: b}\nkpilens: 2\n1: x\n"1": y\n';
    assert.deepEqual(
      findings(text).filter((f) => f.startsWith('yaml-syntax')),
      [
        'yaml-syntax 30-31 Duplicate key: a key may appear only once in a mapping.',
        'yaml-syntax 37-38 Duplicate key: a key may appear only once in a mapping.',
      ],
    );
  });

  it('finds duplicates among 50,000 keys, and places the first 1,000 findings of each rule, then says there are more', () => {
    const text = Array.from({ length: 50_000 }, (_, i) => `k${i % 25_000}: 1\n`).join('');
    const out = findings(text);
    assert.equal(out.filter((f) => f.startsWith('yaml-syntax')).length, 1000);
    assert.equal(out.filter((f) => f.startsWith('schema')).length, 1000);
    const at = (needle: string) => `${text.indexOf(needle)}-${text.indexOf(needle) + needle.length}`;
    // Two of the first 1,000 say that `kpilens` and `scorecard` are missing.
    assert.ok(
      out.includes(
        `schema ${at('k997')} Unknown key \`k997\` in the scorecard. Allowed keys: kpilens, scorecard, vision, objectives, kpis, levers, disturbances, correlations, polarities, review, wheel.`,
      ),
    );
    // The 1,001st duplicate: the second `k1000`.
    const again = text.indexOf('\nk1000:', text.indexOf('\nk1000:') + 1) + 1;
    assert.deepEqual(
      out.filter((f) => f.startsWith('file-limit')),
      [
        `file-limit ${at('k998')} More than 1,000 findings of \`schema\` in this file: the others are not reported.`,
        `file-limit ${again}-${again + 1} More than 1,000 findings of \`yaml-syntax\` in this file: the others are not reported.`,
      ],
    );
  });

  it('resolves an alias to the last anchor of its name before it', () => {
    const p = parseScorecard('x', 'a: &n 1\nb: *n\nc: &n 2\nd: *n\ne: *missing\n');
    assert.deepEqual(p.data, { a: 1, b: 1, c: 2, d: 2, e: null });
  });

  it('stops expanding aliases past the budget', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`),
    ].join('\n');
    const p = parseScorecard('x', bomb);
    assert.deepEqual(
      p.limits.map((l) => l.message),
      [`More than ${LIMITS.maxAliases} alias expansions: further aliases are not expanded or checked.`],
    );
  });

  it('checks only the first scorecards of a workspace past the limit, and tells the others', () => {
    const saved = LIMITS.maxScorecards;
    // The limit is 5,000; three make the same point faster.
    LIMITS.maxScorecards = 3;
    try {
      const files = ['d', 'b', 'a', 'c'].map((id) => ({ uri: `${id}.kpi.yaml`, text: `kpilens: 1\nscorecard: {id: ${id}, parent: a}\n` }));
      const { findings: all } = lintFiles(files, { asOf: AS_OF });
      assert.deepEqual(
        all.get('d.kpi.yaml')!.map((f) => `${f.rule} ${f.span.start}-${f.span.end} ${f.message}`),
        ['file-limit 0-10 The workspace holds more than 3 scorecards: past the first 3 by path, a scorecard is not checked.'],
      );
      assert.ok(all.get('c.kpi.yaml')!.some((f) => f.rule === 'review-overdue'));
      assert.ok(!all.get('c.kpi.yaml')!.some((f) => f.rule === 'file-limit'));
    } finally {
      LIMITS.maxScorecards = saved;
    }
  });

  it('keeps keys such as __proto__ as plain data and reads odd numbers as they are', () => {
    const p = parseScorecard('x', '__proto__: {polluted: 1}\nconstructor: 1\nbig: 1e400\nnan: .nan\nhex: 0x1F\n? [a, b]\n: c\n');
    const data = p.data as Record<string, unknown>;
    assert.deepEqual(Object.keys(data), ['__proto__', 'constructor', 'big', 'nan', 'hex', '[a, b]']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(data.big, Infinity);
    assert.ok(Number.isNaN(data.nan));
    assert.equal(data.hex, 31);
  });
});

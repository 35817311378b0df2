// Large files that are legal (inside every limit of the README) must be linted in time linear in
// their size and must not crash: each of these once overflowed the stack or took minutes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintFiles, parseConfig, parseScorecard, RULES } from '../../server/src/engine';
import { parseForEditing } from '../../server/src/engine/syntax/incremental';
import { parseYaml } from '../../server/src/engine/syntax/parse';

const AS_OF = '2026-11-24';

function findings(text: string) {
  return lintFiles([{ uri: 'x.kpi.yaml', text }], { asOf: AS_OF }).findings.get('x.kpi.yaml')!;
}

describe('large legal files', function () {
  this.timeout(30_000);

  it('reports each of 150,000 duplicate keys (1 MB) without overflowing the stack', () => {
    const text = `kpilens: 1\n${'dup: 1\n'.repeat(150_001)}`;
    const out = findings(text).filter((f) => f.rule === 'yaml-syntax' || f.rule === 'file-limit');
    assert.equal(out.length, 1001);
    assert.deepEqual([out[0].span, out[0].message], [{ start: 18, end: 19 }, 'Duplicate key: a key may appear only once in a mapping.']);
    assert.deepEqual(
      [out[1000].rule, out[1000].message],
      ['file-limit', 'More than 1,000 findings of `yaml-syntax` in this file: the others are not reported.'],
    );
  });

  it("keeps no stack trace of the parser's errors, which a brace typed at the top makes for every line", () => {
    const before = Error.stackTraceLimit;
    const { doc } = parseYaml(`-#:?% {\n: 1\n${'dup: 1\n'.repeat(10_000)}`);
    assert.equal(doc.errors.length, 30_002);
    assert.deepEqual(doc.errors.filter((e) => /\n\s+at /.test(e.stack ?? '')).length, 0);
    assert.equal(Error.stackTraceLimit, before);
  });

  it('marks each region a syntax error damages once, however many errors a line holds', () => {
    const damage = (text: string) => parseScorecard('x.kpi.yaml', text).scorecard.damaged?.map((d) => [d.key, text.slice(d.span.start, d.span.end)]);
    const list = 'kpis:\n  - id: a\n  - { id: b }}\n  - id: c\nlevers:\n  - id: l\n';
    assert.deepEqual(damage(list), [
      ['kpis', 'id: a\n'],
      ['kpis', '{ id: b }'],
      ['', '-'],
      ['', 'id'],
      ['', ':'],
      ['', 'c'],
      ['', 'levers'],
      ['', ':'],
      ['', '-'],
      ['', 'id'],
      ['', ':'],
      ['', 'l'],
    ]);
    // A brace typed on line 4 of a 100,000-key mapping: every later line is in error, its key, colon and value each a region.
    const lines = Array.from({ length: 100_000 }, (_, i) => (i === 3 ? 'k3: }c: ]' : `k${i}: 1`));
    const regions = damage(`${lines.join('\n')}\n`)!;
    assert.deepEqual(regions.slice(0, 4), [
      ['k3', 'k3: '],
      ['', 'k4'],
      ['', ':'],
      ['', '1'],
    ]);
    assert.equal(regions.length, 1 + 3 * (100_000 - 4));
  });

  it('reports 1,000 findings of a rule in a file, and one file-limit finding that says there are more', () => {
    const text = `kpilens: 1\nscorecard: { id: s }\n${Array.from({ length: 1500 }, (_, i) => `k${i}: 1\n`).join('')}`;
    const out = findings(text).filter((f) => f.rule === 'schema' || f.rule === 'file-limit');
    assert.equal(out.length, 1001);
    assert.deepEqual(
      [out[999].rule, out[999].span, out[999].message],
      [
        'schema',
        { start: text.indexOf('k999:'), end: text.indexOf('k999:') + 4 },
        'Unknown key `k999` in the scorecard. Allowed keys: kpilens, scorecard, vision, objectives, kpis, levers, disturbances, correlations, polarities, review, wheel.',
      ],
    );
    assert.deepEqual(
      [out[1000].rule, out[1000].span, out[1000].message],
      [
        'file-limit',
        { start: text.indexOf('k1000:'), end: text.indexOf('k1000:') + 5 },
        'More than 1,000 findings of `schema` in this file: the others are not reported.',
      ],
    );
  });

  it('refuses 990,000 keys (8.8 MB) before parsing, with a finding on line 1', () => {
    const text = Array.from({ length: 990_000 }, (_, i) => `k${i}:\n`).join('');
    assert.deepEqual(
      findings(text).map((f) => `${f.rule} ${f.span.start}-${f.span.end} ${f.message}`),
      ['file-limit 0-3 More than 500,000 YAML values: the file is not checked.'],
    );
  });

  it('parses a mapping of 100,000 keys for the editor as the CLI does, and finds its duplicate', () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => `  k${i}: 1\n`).join('');
    for (const text of [`kpilens: 1\nscorecard:\n${keys}  k7: 2\nreview: {}\n`, `kpilens: 1\n${keys.replace(/^ {2}/gm, '')}k7: 2\n`]) {
      const editor = parseForEditing('x.kpi.yaml', text);
      const cli = parseScorecard('x.kpi.yaml', text);
      assert.deepEqual(editor.syntax, cli.syntax);
      assert.deepEqual(
        editor.syntax.map((r) => [text.slice(r.span.start, r.span.end + 4), r.message]),
        [['k7: 2', 'Duplicate key: a key may appear only once in a mapping.']],
      );
      assert.deepEqual(editor.data, cli.data);
    }
  });
});

describe('a large .kpilens.yaml', function () {
  this.timeout(30_000);

  it('reports each of 20,000 unknown rules, with a suggestion for the first hundred', () => {
    const names = ['kpi-ownr', ...Array.from({ length: 19_998 }, (_, i) => `rule-${i}`), 'smart-targt'];
    const text = `rules:\n${names.map((n) => `  ${n}: off\n`).join('')}`;
    const { problems } = parseConfig(text, RULES);
    const at = (needle: string) => ({ start: text.indexOf(needle), end: text.indexOf(needle) + needle.length });
    assert.equal(problems.length, 20_000);
    assert.deepEqual(problems[0], { span: at('kpi-ownr'), message: 'Unknown rule "kpi-ownr". Did you mean "kpi-owner"?' });
    assert.deepEqual(problems[19_999], { span: at('smart-targt'), message: 'Unknown rule "smart-targt".' });
    // A key given twice is a syntax problem, found in one pass, and the rest is not read.
    const twice = `${text}  kpi-ownr: warning\n`;
    assert.deepEqual(parseConfig(twice, RULES).problems, [
      {
        span: { start: twice.lastIndexOf('kpi-ownr'), end: twice.lastIndexOf('kpi-ownr') + 1 },
        message: 'Duplicate key: a key may appear only once in a mapping.',
      },
    ]);
  });
});

describe('server/src', () => {
  it('spreads no array into the arguments of a call (an unbounded one overflows the stack)', () => {
    const root = path.join(__dirname, '..', '..', 'server', 'src');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(root);
    // An argument that is a spread: right after the call's `(` or after a comma at its top level.
    const spread = /(\.(push|unshift|concat|splice)|Math\.(max|min)|fromCharCode)\((?:[^(){}[\]]*,\s*)?\.\.\./;
    const found = files
      .flatMap((f) =>
        fs
          .readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${path.relative(root, f)}:${i + 1}` })),
      )
      .filter(({ line }) => !/^\s*(\/\/|\*)/.test(line) && spread.test(line))
      .map(({ at, line }) => `${at}: ${line.trim()}`);
    assert.deepEqual(found, []);
  });
});

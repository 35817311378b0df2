import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applyBaseline, readBaseline } from '../../server/src/cli/baseline';
import json from '../../server/src/cli/formats/json';
import type { FileResult } from '../../server/src/cli/formats/types';
import { lineStarts } from '../../server/src/engine';
import type { Finding } from '../../server/src/engine';
import { filterNew } from '../../server/src/engine/lint/baseline';

const entry = (file: string, rule: string, message: string, line: number) => ({ file, rule, message, line });

describe('baseline', () => {
  describe('filterNew', () => {
    it('keeps only findings that no entry with the same file, rule and message absorbs, ignoring positions', () => {
      const baseline = [entry('a.kpi.yaml', 'kpi-owner', 'KPI "x" has no owner.', 10), entry('a.kpi.yaml', 'smart-target', 'KPI "x" has no unit.', 10)];
      const current = [
        entry('a.kpi.yaml', 'kpi-owner', 'KPI "x" has no owner.', 14), // moved down by an edit above it
        entry('a.kpi.yaml', 'kpi-owner', 'KPI "y" has no owner.', 20), // another item: new
        entry('b.kpi.yaml', 'smart-target', 'KPI "x" has no unit.', 10), // another file: new
        entry('a.kpi.yaml', 'vanity-metric', 'KPI "x" has no unit.', 10), // another rule: new
      ];
      assert.deepEqual(filterNew(current, baseline), current.slice(1));
    });

    it('lets each entry absorb one finding, pairing the nearest lines first', () => {
      const baseline = [entry('a.kpi.yaml', 'schema', 'Unknown key `x`.', 5), entry('a.kpi.yaml', 'schema', 'Unknown key `x`.', 30)];
      const current = [
        entry('a.kpi.yaml', 'schema', 'Unknown key `x`.', 6),
        entry('a.kpi.yaml', 'schema', 'Unknown key `x`.', 18),
        entry('a.kpi.yaml', 'schema', 'Unknown key `x`.', 31),
      ];
      assert.deepEqual(filterNew(current, baseline), [current[1]]);
      assert.deepEqual(filterNew(current, []), current);
      assert.deepEqual(filterNew([], baseline), []);
    });

    it('reads a file written with backslashes or a leading ./ as the same file', () => {
      const baseline = [entry('.\\teams\\a.kpi.yaml', 'schema', 'm', 1)];
      assert.deepEqual(filterNew([entry('teams/a.kpi.yaml', 'schema', 'm', 1)], baseline), []);
    });
  });

  describe('lint --baseline', () => {
    const text = 'kpilens: 1\nscorecard:\n  id: a\nkpis:\n  - id: x\n  - id: y\n';
    const f = (rule: string, needle: string, message: string): Finding => ({
      rule,
      severity: 'warning',
      span: { start: text.indexOf(needle), end: text.indexOf(needle) + needle.length },
      message,
    });
    const today: FileResult[] = [{ file: 'teams/a.kpi.yaml', text, lineStarts: lineStarts(text), findings: [f('kpi-owner', 'x', 'KPI "x" has no owner.')] }];
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-baseline-'));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('round-trips the json lint output: old findings are absorbed, new ones reported', () => {
      fs.writeFileSync(path.join(dir, 'baseline.json'), `\uFEFF${json(today, { color: false, version: '0' })}`);
      const baseline = readBaseline('baseline.json', dir);
      const later: FileResult[] = [{ ...today[0], findings: [f('kpi-owner', 'x', 'KPI "x" has no owner.'), f('kpi-owner', 'y', 'KPI "y" has no owner.')] }];
      const kept = applyBaseline(later, baseline);
      assert.deepEqual(
        kept[0].findings.map((x) => x.message),
        ['KPI "y" has no owner.'],
      );
      assert.equal(kept[0].file, 'teams/a.kpi.yaml');
    });

    it('says in one line what is wrong with a baseline file', () => {
      const cases: [string, string | undefined, string][] = [
        ['missing.json', undefined, 'cannot read baseline missing.json: no such file'],
        ['bad.json', '{', 'baseline bad.json is not JSON ('],
        ['object.json', '{"file": "a"}', 'baseline object.json is not the array that kpilens lint --format json writes'],
        ['entry.json', '[{"file": "a", "rule": "r", "message": "m"}, {"file": "a", "line": 3}]', 'baseline entry.json: entry 2 has no file, rule and message'],
      ];
      for (const [name, content, message] of cases) {
        if (content !== undefined) fs.writeFileSync(path.join(dir, name), content);
        assert.throws(
          () => readBaseline(name, dir),
          (e: Error) => e.message.startsWith(message) && !e.message.includes('\n'),
          name,
        );
      }
    });
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../server/src/engine';
import { markers, runFixture } from '../helpers/fixtures';

// Every folder of test/fixtures/rules is a small workspace named after the rule it exercises.
// Its expected findings are written in the files as `# expect: <rule>` on the line where each
// finding starts. The test compares the findings of the folder's rule, and of any rule named in
// a marker, with the markers: nothing missing, nothing extra.
const root = path.join(__dirname, '..', 'fixtures', 'rules');

// Rules registered but still being written; each leaves this list with its fixtures.
const PENDING = new Set<string>([]);

describe('rule fixtures', () => {
  for (const dir of fs.readdirSync(root).sort()) {
    it(dir, () => {
      const run = runFixture(path.join(root, dir));
      const rules = new Set([dir.replace(/--.*$/, ''), ...run.files.flatMap((f) => markers(f.uri, f.text).map((m) => m.rule))]);
      assert.deepEqual(run.actual(rules), run.expected(rules));
    });
  }

  it('every rule has a fixture folder whose markers expect it at least once', () => {
    const dirs = fs.readdirSync(root);
    const missing = RULES.map((r) => r.meta.id)
      .filter((id) => !PENDING.has(id))
      .filter((id) => {
        const own = dirs.filter((d) => d === id || d.startsWith(`${id}--`));
        return !own.some((d) =>
          fs
            .readdirSync(path.join(root, d))
            .some((f) => f.endsWith('.kpi.yaml') && markers(f, fs.readFileSync(path.join(root, d, f), 'utf8')).some((m) => m.rule === id)),
        );
      });
    assert.deepEqual(missing, []);
  });
});

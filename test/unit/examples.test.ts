import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { RULES } from '../../server/src/engine';
import { runFixture } from '../helpers/fixtures';

// The examples trigger every rule on purpose, and say so: a comment that starts with rule ids
// and a colon (`# vanity-metric: an activity count`) marks the line where each finding starts.
// The examples must produce exactly those findings, nowhere else.
const dir = path.join(__dirname, '..', '..', 'examples');
const ids = new Set(RULES.map((r) => r.meta.id));

function marked(file: string, text: string): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    for (const part of line.split('#').slice(1)) {
      const m = /^\s*([a-z-]+(?:\s*,\s*[a-z-]+)*):/.exec(part);
      if (!m) continue;
      const rules = m[1].split(/\s*,\s*/);
      if (rules.every((r) => ids.has(r))) for (const r of rules) out.push(`${file}:${i + 1} ${r}`);
    }
  });
  return out;
}

describe('examples', () => {
  const run = runFixture(dir);
  const expected = run.files.flatMap((f) => marked(f.uri, f.text)).sort();

  it('find exactly the findings their comments announce', () => {
    assert.deepEqual(run.actual(ids), expected);
  });

  it('show every rule that a realistic scorecard can trigger', () => {
    const shown = new Set(expected.map((e) => e.split(' ')[1]));
    // file-limit needs a file past the engine's limits (16 MB, 64 levels, 1,000 aliases): its
    // fixture is in test/fixtures/rules/file-limit.
    assert.deepEqual(
      [...ids].filter((id) => !shown.has(id) && id !== 'file-limit'),
      [],
    );
  });
});

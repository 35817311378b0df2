// Limits that keep the code findable (docs/architecture.md): a file does one job and fits in a
// reader's head, and the top of the engine holds only its entry and the basics every wing shares.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const MAX_LINES = 450;
const MAX_ENGINE_TOP = 12;

/** The repository's code files as git tracks them, so that nothing installed or generated counts. */
function codeFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--', '*.ts', '*.mts', '*.cts', '*.js', '*.mjs', '*.cjs'], { cwd: ROOT, encoding: 'utf8' });
  return out.split('\0').filter((f) => f && !f.endsWith('.d.ts') && fs.existsSync(path.join(ROOT, f)));
}

function lineCount(text: string): number {
  return text.length === 0 ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

describe('code size', () => {
  it(`has no code file over ${MAX_LINES} lines`, () => {
    const files = codeFiles();
    assert.ok(files.length > 100, `only ${files.length} code files found`);
    const long = files
      .map((f) => ({ f, n: lineCount(fs.readFileSync(path.join(ROOT, f), 'utf8')) }))
      .filter(({ n }) => n > MAX_LINES)
      .map(({ f, n }) => `${f}: ${n} lines`);
    assert.deepEqual(long, []);
  });

  it(`has at most ${MAX_ENGINE_TOP} files at the top of the engine`, () => {
    const top = fs.readdirSync(path.join(ROOT, 'server/src/engine'), { withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.ts'));
    assert.ok(top.length <= MAX_ENGINE_TOP, `${top.length} files: ${top.map((e) => e.name).join(', ')}`);
  });

  it('counts lines as an editor shows them', () => {
    assert.equal(lineCount(''), 0);
    assert.equal(lineCount('a'), 1);
    assert.equal(lineCount('a\n'), 1);
    assert.equal(lineCount('a\nb'), 2);
    assert.equal(lineCount('a\n\n'), 2);
  });
});

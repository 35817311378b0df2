import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runPreview } from '../../server/src/cli/preview';

const fixtures = path.join(__dirname, '..', 'fixtures', 'view');

async function run(cwd: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runPreview(args, { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

/** A temporary folder holding the fixture workspace (two scorecards) and the hostile scorecard below it. */
function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-preview-'));
  for (const name of ['northwind.kpi.yaml', 'hub.kpi.yaml']) fs.copyFileSync(path.join(fixtures, 'workspace', name), path.join(dir, name));
  return dir;
}

describe('kpilens preview', () => {
  it('writes a self-contained HTML file with the cascade and a wheel per scorecard', async () => {
    const dir = workspace();
    const r = await run(dir, '--out', 'out/../preview.html', '--as-of', '2026-11-24');
    assert.deepEqual(r, { code: 0, stdout: 'Wrote out/../preview.html: 2 scorecards, 5 KPIs, 2 wheels.\n', stderr: '' });
    const html = fs.readFileSync(path.join(dir, 'preview.html'), 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.doesNotMatch(html, /<script/i);
    assert.equal(html.match(/class="kl-cascade"/g)?.length, 1);
    assert.equal(html.match(/<svg [^>]*class="kl-wheel"/g)?.length, 2);
    // Findings come from lint with the nearest config: the hub has no review block.
    assert.match(html, /review-overdue: Scorecard "hub" has no `review` block/);
  });

  it('writes SVG, one view, and honours the config of the workspace', async () => {
    const dir = workspace();
    fs.writeFileSync(path.join(dir, '.kpilens.yaml'), 'rules:\n  polarity-overuse: { gap: 5 }\n  review-overdue: off\n');
    const r = await run(dir, '.', '--out', 'w.svg', '--view', 'wheel');
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'Wrote w.svg: 2 scorecards, 5 KPIs, 2 wheels.\n');
    const svg = fs.readFileSync(path.join(dir, 'w.svg'), 'utf8');
    assert.match(svg, /^<\?xml/);
    assert.doesNotMatch(svg, /class="kl-cascade"|review-overdue/);
    assert.match(svg, /the other pole \+ 5\./);
    const cascade = await run(dir, 'northwind.kpi.yaml', '--out', 'c.svg', '--view', 'cascade');
    assert.equal(cascade.stdout, 'Wrote c.svg: 2 scorecards, 5 KPIs.\n', 'a file names its folder, as for lint');
    assert.doesNotMatch(fs.readFileSync(path.join(dir, 'c.svg'), 'utf8'), /kl-wheel"/);
  });

  it('exits 2 with a one-line reason for bad flags and paths', async () => {
    const dir = workspace();
    const cases: [string[], string][] = [
      [['--out', 'x.html', '--bogus'], "kpilens: Unknown option '--bogus'\n"],
      [['.'], 'kpilens: --out <file.html|file.svg> is required\n'],
      [['--out', 'x.png'], 'kpilens: --out must end in .html or .svg, not "x.png"\n'],
      [['--out', 'x.html', '--view', 'pie'], 'kpilens: unknown view "pie"; use cascade, wheel or both\n'],
      [['--out', 'x.html', '--as-of', '2026-13-01'], 'kpilens: --as-of must be a date written YYYY-MM-DD, not "2026-13-01"\n'],
      [['missing', '--out', 'x.html'], 'kpilens: cannot read missing: no such file or folder\n'],
      [['--out', 'no/such/dir/x.html'], 'kpilens: cannot write no/such/dir/x.html: no such folder\n'],
      [['--out', 'x.html', '--config', 'none.yaml'], 'kpilens: cannot read config none.yaml: no such file\n'],
    ];
    for (const [args, stderr] of cases) assert.deepEqual(await run(dir, ...args), { code: 2, stdout: '', stderr }, args.join(' '));
    assert.deepEqual(fs.readdirSync(dir).sort(), ['hub.kpi.yaml', 'northwind.kpi.yaml'], 'nothing written');
  });

  it('exits 0 for any scorecard content, however broken', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-preview-'));
    fs.writeFileSync(path.join(dir, 'bad.kpi.yaml'), 'kpilens: [\n  - : :\n\u0000\u202E');
    fs.copyFileSync(path.join(fixtures, 'hostile', 'hostile.kpi.yaml'), path.join(dir, 'hostile.kpi.yaml'));
    const r = await run(dir, '--out', 'p.html');
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(fs.readFileSync(path.join(dir, 'p.html'), 'utf8'), /<script/);
  });

  it('prints its help', async () => {
    const r = await run(os.tmpdir(), '--help');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: kpilens preview/);
  });
});

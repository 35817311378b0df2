import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import MarkdownIt from 'markdown-it';
import { main } from '../../server/src/cli/main';

// `kpilens status` on test/fixtures/status/ops.kpi.yaml, as of 2026-11-24: one KPI for each way
// of standing (FORMAT.md, Status), the figures computed as the comments say.
const fixture = path.join(__dirname, '..', 'fixtures', 'status');
const AS_OF = ['--as-of', '2026-11-24'];

async function run(cwd: string, args: string[], color = false) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), color, version: '0.0.0-test' });
  return { code, stdout, stderr };
}

/** A temporary folder holding the fixture, its config included. */
function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-status-'));
  for (const name of ['ops.kpi.yaml', '.kpilens.yaml']) fs.copyFileSync(path.join(fixture, name), path.join(dir, name));
  return dir;
}

const none = { plan: null, progress: null, expected: null };

describe('kpilens status', () => {
  it('json: one object per KPI with exactly the keys of RULES.md', async () => {
    const r = await run(fixture, ['status', 'ops.kpi.yaml', '--format', 'json', ...AS_OF]);
    assert.equal(r.code, 0, r.stderr);
    const kpi = (id: string) => ({ file: 'ops.kpi.yaml', scorecard: 'ops', kpi: id });
    assert.deepEqual(JSON.parse(r.stdout), [
      // 80 on 2026-01-01 to 90 on 2027-01-01 (365 days); 2026-09-30 is day 272.
      {
        ...kpi('on-time'),
        status: 'on-track',
        stale: false,
        last: { date: '2026-09-30', value: 87 },
        target: 90,
        plan: 87.4520547945,
        progress: 0.7,
        expected: 0.745205479452,
        met: false,
        hitRate: null,
        reported: null,
      },
      // Thresholds decide: 5.1 is at or above warn 5. The plan runs 240 days from the first observation.
      {
        ...kpi('dwell-time'),
        status: 'at-risk',
        stale: false,
        last: { date: '2026-11-16', value: 5.1 },
        target: 4,
        plan: 5.88333333333,
        progress: 0.45,
        expected: 0.0583333333333,
        met: false,
        hitRate: null,
        reported: 'on-track',
      },
      // The target date has passed and 26 is above 20: missed.
      {
        ...kpi('claims'),
        status: 'off-track',
        stale: false,
        last: { date: '2026-09-30', value: 26 },
        target: 20,
        plan: 20,
        progress: 0.7,
        expected: 1,
        met: false,
        hitRate: null,
        reported: null,
      },
      // A standing target: 99.45 misses 99.5 by less than the noise 0.1; 4 of the 6 months met it.
      {
        ...kpi('availability'),
        status: 'at-risk',
        stale: false,
        last: { date: '2026-10-31', value: 99.45 },
        target: 99.5,
        ...none,
        met: false,
        hitRate: 0.666666666667,
        reported: null,
      },
      // Quarterly, last observed 2026-03-31: older than 2026-05-24. 454 days of plan, day 89.
      {
        ...kpi('engagement'),
        status: 'on-track',
        stale: true,
        last: { date: '2026-03-31', value: 72 },
        target: 78,
        plan: 72.372246696,
        progress: 0.142857142857,
        expected: 0.196035242291,
        met: false,
        hitRate: null,
        reported: null,
      },
      // Maintained without noise or thresholds.
      {
        ...kpi('cost-per-parcel'),
        status: 'unknown',
        stale: false,
        last: { date: '2026-10-31', value: 2.6 },
        target: 2.5,
        ...none,
        met: false,
        hitRate: null,
        reported: null,
      },
      { ...kpi('returns'), status: 'no-data', stale: false, last: null, target: 3, ...none, met: false, hitRate: null, reported: null },
    ]);
  });

  it('stylish: a table per scorecard with aligned columns (wide characters measured), and a summary', async () => {
    const r = await run(fixture, ['status', ...AS_OF]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        '',
        'KPI status as of 2026-11-24',
        '',
        'ops.kpi.yaml  Parcel operations',
        '  KPI              Owner          Last                 Target              Plan         Progress  Status              Trend   Findings',
        '  on-time          coo            87 on 2026-09-30     90 by 2027-01-01  87.452   70% (plan 75%)  on track            ▁▅█            0',
        '  dwell-time       李娜           5.1 on 2026-11-16    4 by 2027-06-30    5.883    45% (plan 6%)  at risk             █▃▁            1',
        '  claims           cfo            26 on 2026-09-30     20 by 2026-09-30      20  70% (plan 100%)  off track (missed)  █▁             0',
        '  availability     cto, sre-lead  99.45 on 2026-10-31  99.5 every month       –       met 4 of 6  at risk             ▅▇▁█▄▂         0',
        '  engagement       chro           72 on 2026-03-31     78 by 2027-03-31  72.372   14% (plan 20%)  on track (stale)    ▄              1',
        '  cost-per-parcel  cfo            2.6 on 2026-10-31    2.5 every month        –                –  unknown             ▄              0',
        '  returns          coo            –                    3 by 2027-06-30        –                –  no data             –              0',
        '',
        '7 KPIs: 2 on track, 2 at risk, 1 off track, 1 unknown, 1 no data; 1 stale.',
        '',
      ].join('\n'),
    );
  });

  it('stylish: colours the status words where the terminal has colour, never in a file', async () => {
    const dir = workspace();
    const coloured = await run(dir, ['status', ...AS_OF], true);
    assert.match(coloured.stdout, /\u001b\[32mon track {10}\u001b\[0m/);
    assert.match(coloured.stdout, /\u001b\[33mat risk {11}\u001b\[0m/);
    assert.match(coloured.stdout, /\u001b\[31moff track \(missed\)\u001b\[0m/);
    assert.match(coloured.stdout, /\u001b\[90mno data {11}\u001b\[0m/);
    assert.equal(coloured.stdout.replace(/\u001b\[\d+m/g, ''), (await run(dir, ['status', ...AS_OF])).stdout);
    const toFile = await run(dir, ['status', ...AS_OF, '--output-file', 'status.txt'], true);
    assert.deepEqual(toFile, { code: 0, stdout: '', stderr: '' });
    assert.doesNotMatch(fs.readFileSync(path.join(dir, 'status.txt'), 'utf8'), /\u001b/);
  });

  it('markdown: a summary and a table with a row per KPI, the status in words', async () => {
    const r = await run(fixture, ['status', '--format', 'markdown', ...AS_OF]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.deepEqual(lines.slice(0, 9), [
      '## KPI status as of 2026-11-24',
      '',
      '7 KPIs: 2 on track, 2 at risk, 1 off track, 1 unknown, 1 no data; 1 stale.',
      '',
      '### ops.kpi.yaml: Parcel operations',
      '',
      '| KPI | Owner | Last | Target | Plan | Progress | Status | Trend | Findings |',
      '| --- | --- | --- | --- | ---: | ---: | --- | --- | ---: |',
      '| On-time delivery rate<br><sub>on-time</sub> | coo | 87 on 2026-09-30 | 90 by 2027-01-01 | 87.452 | 70% (plan 75%) | 🟢 on track | ▁▅█ | 0 |',
    ]);
    assert.equal(
      lines[9],
      '| Median dwell time in the hub<br><sub>dwell-time</sub><br><sub>reported on track: Peak season starts</sub> | 李娜 | 5.1 on 2026-11-16 | 4 by 2027-06-30 | 5.883 | 45% (plan 6%) | 🟡 at risk | █▃▁ | 1 |',
    );
    const html = new MarkdownIt().render(r.stdout);
    assert.equal(html.match(/<tr>/g)?.length, 8);
    for (const row of html.split('<tr>').slice(2)) assert.equal(row.match(/<td/g)?.length, 9);
  });

  it('html: a self-contained page, well-formed, light and dark, printable, with a chart per trend', async () => {
    const dir = workspace();
    const r = await run(dir, ['status', '--format', 'html', '--output-file', 'status.html', ...AS_OF]);
    assert.deepEqual(r, { code: 0, stdout: '', stderr: '' });
    const html = fs.readFileSync(path.join(dir, 'status.html'), 'utf8');
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.equal(XMLValidator.validate(html.replace(/^<!DOCTYPE html>\n/, '')), true);
    assert.doesNotMatch(html, /<script|\bsrc=|\bhref=|@import|url\(/i);
    assert.match(html, /@media \(prefers-color-scheme: dark\)/);
    assert.match(html, /@media print/);
    assert.match(html, /<title>KPI status as of 2026-11-24<\/title>/);
    assert.match(html, /<p class="summary">7 KPIs: 2 on track, 2 at risk, 1 off track, 1 unknown, 1 no data; 1 stale\.<\/p>/);
    // The status in words, with the reason as a tooltip; a chart for each KPI with observations.
    assert.match(html, /<span class="status off-track" title="target 20 by 2026-09-30 missed: 26 on 2026-09-30">off track \(missed\)<\/span>/);
    assert.equal(html.match(/<svg class="trend"/g)?.length, 6);
    assert.match(
      html,
      /<title>Last 3 values: 84, 85\.5, 87<\/title><polyline points="3\.0,21\.0 48\.0,12\.0 93\.0,3\.0"\/><circle cx="93\.0" cy="3\.0" r="2\.5"\/>/,
    );
    assert.match(html, /<div class="note">reported on track: Peak season starts<\/div>/);
  });

  it('reports only the scorecards the paths name, in cascade order, and says so when there are no KPIs', async () => {
    const dir = workspace();
    fs.writeFileSync(path.join(dir, 'team.kpi.yaml'), 'kpilens: 1.1\nscorecard: { id: team, title: Team, parent: ops }\n');
    fs.writeFileSync(path.join(dir, 'a.kpi.yaml'), 'kpilens: 1.1\nscorecard: { id: a, parent: team }\nkpis:\n  - { id: x, name: X, owner: ann }\n');
    const all = JSON.parse((await run(dir, ['status', '--format', 'json', ...AS_OF])).stdout) as { file: string; kpi: string }[];
    assert.deepEqual(
      [...new Set(all.map((k) => k.file))],
      ['ops.kpi.yaml', 'a.kpi.yaml'],
      'the root first, then down the cascade; a scorecard without KPIs has no table',
    );
    const one = await run(dir, ['status', 'team.kpi.yaml', ...AS_OF]);
    assert.deepEqual(one, { code: 0, stdout: '\nKPI status as of 2026-11-24\n\n0 KPIs.\n', stderr: '' });
  });

  it('exits 2 with a one-line reason when it cannot run, and writes nothing', async () => {
    const dir = workspace();
    fs.symlinkSync(path.join(dir, 'elsewhere.txt'), path.join(dir, 'link.txt'));
    const cases: [string[], string][] = [
      [['--format', 'sarif'], 'kpilens: unknown format "sarif"; use stylish, markdown, json, html\n'],
      [['--as-of', '2026-02-30'], 'kpilens: --as-of must be a date written YYYY-MM-DD, not "2026-02-30"\n'],
      [['--bogus'], "kpilens: Unknown option '--bogus'\n"],
      [['missing'], 'kpilens: cannot read missing: no such file or folder\n'],
      [['--config', 'none.yaml'], 'kpilens: cannot read config none.yaml: no such file\n'],
      [['--output-file', 'link.txt'], 'kpilens: will not write link.txt: it is a symbolic link\n'],
    ];
    for (const [args, stderr] of cases) assert.deepEqual(await run(dir, ['status', ...args]), { code: 2, stdout: '', stderr }, args.join(' '));
    assert.deepEqual(fs.readdirSync(dir).sort(), ['.kpilens.yaml', 'link.txt', 'ops.kpi.yaml']);
    assert.equal(fs.existsSync(path.join(dir, 'elsewhere.txt')), false, 'nothing written through the link');
  });

  it('exits 0 for any scorecard content, however broken', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-status-'));
    fs.writeFileSync(path.join(dir, 'bad.kpi.yaml'), 'kpilens: [\n  - : :\n\u0000\u202E');
    fs.writeFileSync(
      path.join(dir, 'odd.kpi.yaml'),
      'kpilens: 1.1\nscorecard: { id: odd }\nkpis:\n  - { id: k, name: K, direction: sideways, history: [{ date: 2026-13-01, value: x }, 3] }\n',
    );
    for (const format of ['stylish', 'markdown', 'json', 'html']) assert.equal((await run(dir, ['status', '--format', format, ...AS_OF])).code, 0, format);
  });

  it('has its help, and is listed in the CLI help', async () => {
    const r = await run(os.tmpdir(), ['status', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: kpilens status \[options\] \[paths or globs\.\.\.\]/);
    assert.match(r.stdout, /--format <name> {8}stylish \(default\), markdown, json, html/);
    assert.match((await run(os.tmpdir(), ['--help'])).stdout, /\n {2}status \[paths\.\.\.\] {6}where each KPI stands/);
  });
});

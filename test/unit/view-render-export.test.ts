// The exported HTML and SVG files, and the drawing options of `kpilens preview`.
import { strict as assert } from 'assert';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runPreview } from '../../server/src/cli/preview';
import { lintFiles } from '../../server/src/engine';
import { buildViewModel } from '../../server/src/engine/view';
import { exportHtml, exportSvg } from '../../server/src/engine/view/export';
import { examples, model, read, root, workspace } from '../helpers/view-models';

const TAGS = new Set([
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'h1',
  'h2',
  'h3',
  'p',
  'section',
  'article',
  'div',
  'span',
  'svg',
  'g',
  'rect',
  'path',
  'circle',
  'text',
  'tspan',
]);

describe('view: exported files', () => {
  const hostile = () => {
    const text = read('hostile/hostile.kpi.yaml');
    const { workspace: ws, findings } = lintFiles([{ uri: 'mem:hostile.kpi.yaml', text }], { asOf: '2026-11-24' });
    return buildViewModel(ws, findings);
  };

  it('holds every name as escaped text and nothing that runs or loads', () => {
    for (const out of [exportHtml(hostile(), 'both'), exportSvg(hostile(), 'both')]) {
      // Text never holds a raw '<', so every '<' opens a tag the renderer wrote: check them all.
      for (const m of out.matchAll(/<(?![!?/])[^>]*>/g)) {
        const tag = /^<([a-z][\w-]*)((?:\s+[\w:-]+="[^"<>]*")*)\s*\/?>$/i.exec(m[0]);
        assert.ok(tag, `malformed tag ${m[0]}`);
        assert.ok(TAGS.has(tag[1]), `unexpected element ${tag[1]}`);
        for (const a of tag[2].matchAll(/([\w:-]+)="[^"]*"/g)) assert.doesNotMatch(a[1], /^on|^(src|href|xlink:href)$/i, `attribute ${a[1]}`);
      }
      assert.doesNotMatch(out, /url\(|@import|https?:\/\/(?!www\.w3\.org\/2000\/svg")/, 'no external resource');
      for (const s of [
        '&lt;img src=x onerror=alert(1)&gt;',
        '&lt;script&gt;alert(3)&lt;/script&gt;',
        '&lt;/text&gt;&lt;/svg&gt;&lt;script&gt;alert(6)&lt;/script&gt;',
        '&lt;iframe src=javascript:alert(8)&gt;',
        '[U+202E]evil[U+202C] reversed',
        '&amp;amp; &amp;lt;',
      ]) {
        assert.ok(out.includes(s), `missing ${s}`);
      }
      assert.doesNotMatch(out, /data-|mem:hostile/, 'no webview keys, and so no file paths, in a file for readers');
      assert.ok(out.includes('&quot;quotes&quot; &amp; ampersands') || out.includes('"quotes" &amp; ampersands'));
    }
  });

  it('exports the views asked for', () => {
    const vm = workspace();
    const html = exportHtml(vm, 'both');
    assert.match(html, /^<!DOCTYPE html>/);
    // The cascade in columns for wide windows, as an outline for narrow ones, and each scorecard's part for its printed page.
    assert.equal(html.match(/<svg [^>]*class="kl-cascade"/g)?.length, 1);
    assert.equal(html.match(/<svg [^>]*class="kl-cascade kl-outline"/g)?.length, 1);
    assert.equal(html.match(/<svg [^>]*class="kl-cascade( kl-outline)? kl-part"/g)?.length, 2);
    assert.equal(html.match(/<svg [^>]*class="kl-wheel"/g)?.length, 2);
    assert.ok(html.indexOf('class="kl-cascade"') < html.indexOf('class="kl-wheel"'), 'the cascade comes first');
    assert.equal(exportHtml(vm, 'cascade').match(/class="kl-wheel"/g), null);
    assert.equal(exportHtml(vm, 'wheel').match(/class="kl-cascade/g), null);
    const svg = exportSvg(vm, 'wheel');
    assert.match(svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="kl-export"/);
    assert.equal(svg.match(/xmlns=/g)?.length, 1, 'nested pictures inherit the namespace');
    const none = model({ 'mem:a.kpi.yaml': 'kpilens: 1\nscorecard: { id: a }\n' });
    assert.match(exportHtml(none, 'wheel'), /<p class="kl-screen">No scorecard assesses polarities or has KPIs that serve poles.<\/p>/);
    assert.match(exportSvg(none, 'both'), /No scorecard assesses polarities/);
    for (const n of vm.cascade.nodes.filter((x) => x.kind === 'kpi')) assert.ok(html.includes(n.label), n.label);
  });

  it('shows the narrow layout below the width of the columns, and prints one page per scorecard', () => {
    const vm = examples();
    const html = exportHtml(vm, 'both');
    const wide = Number(/<svg [^>]*class="kl-cascade" width="(\d+)"/.exec(html)![1]);
    assert.match(html, new RegExp(`@media \\(max-width: ${wide + 40 - 1}px\\) \\{ \\.kl-wide \\{ display: none; \\}`));
    assert.match(html, new RegExp(`@media \\(min-width: ${wide + 40}px\\) \\{ \\.kl-narrow \\{ display: none; \\} \\}`));
    assert.equal(/<svg [^>]*class="kl-cascade kl-outline" width="(\d+)"/.exec(html)![1], '440');
    // Printed: a sheet per scorecard, the next one on a new page, each picture scaled to the page.
    assert.equal(html.match(/<article class="kl-sheet/g)?.length, vm.cascade.groups.length);
    assert.match(html, /\.kl-sheet \+ \.kl-sheet \{ break-before: page; \}/);
    for (const m of html.matchAll(/--kl-print-w: (\d+)px/g)) assert.ok(Number(m[1]) <= 700, `${m[1]} px fits the page`);
    // One scorecard alone, as `kpilens preview --scorecard sales` draws it.
    const sales = exportSvg(vm, 'both', { only: new Set(['mem:sales.kpi.yaml']) });
    assert.equal(sales.match(/class="kl-node /g)?.length, vm.cascade.nodes.filter((n) => n.group === 'mem:sales.kpi.yaml').length);
    assert.equal(sales.match(/<svg [^>]*class="kl-wheel"/g)?.length, 1);
  });
});

describe('view: kpilens preview, its drawing options', () => {
  const run = async (...args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runPreview([join(root, 'examples'), '--as-of', '2026-11-24', ...args], {
      cwd: tmpdir(),
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
    });
    return { code, stdout, stderr };
  };
  const out = (name: string) => join(mkdtempSync(join(tmpdir(), 'kpilens-view-')), name);

  it('draws one scorecard with --scorecard, and lays the cascade out for --width', async () => {
    const wheel = out('sales.svg');
    assert.deepEqual(await run('--scorecard', 'sales', '--view', 'wheel', '--out', wheel), {
      code: 0,
      stdout: `Wrote ${wheel}: 1 scorecard, 5 KPIs, 1 wheel.\n`,
      stderr: '',
    });
    const svg = readFileSync(wheel, 'utf8');
    assert.equal(svg.match(/class="kl-wheel"/g)?.length, 1);
    assert.match(svg, /Polarity wheel · Sales — pipeline and conversion/);
    const narrow = out('narrow.svg');
    assert.equal((await run('--width', '480', '--view', 'cascade', '--out', narrow)).code, 0);
    assert.match(readFileSync(narrow, 'utf8'), /<svg class="kl-cascade kl-outline" width="480"/);
    const two = out('two.html');
    assert.equal((await run('--scorecard', 'sales', '--scorecard', 'people', '--out', two)).code, 0);
    assert.equal(readFileSync(two, 'utf8').match(/<article class="kl-sheet/g)?.length, 2);
  });

  it('exits 2 for an unknown scorecard or a width out of range', async () => {
    assert.deepEqual(await run('--scorecard', 'nope', '--out', out('x.svg')), {
      code: 2,
      stdout: '',
      stderr: 'kpilens: no scorecard with id "nope" in the workspace\n',
    });
    assert.deepEqual(await run('--width', '12', '--out', out('x.svg')), {
      code: 2,
      stdout: '',
      stderr: 'kpilens: --width must be a whole number of pixels from 300 to 10000, not "12"\n',
    });
  });
});

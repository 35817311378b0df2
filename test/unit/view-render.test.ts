import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { lintFiles, parseScorecard, Workspace } from '../../server/src/engine';
import { buildViewModel, ViewModel } from '../../server/src/engine/view';
import { el, escapeAttr, toMarkup, txt } from '../../server/src/engine/view/el';
import { exportHtml, exportSvg } from '../../server/src/engine/view/export';
import { clip, display, wrap } from '../../server/src/engine/view/label';
import { CARD_W, COL } from '../../server/src/engine/view/layout';
import { renderCascade } from '../../server/src/engine/view/render-cascade';
import { renderWheel } from '../../server/src/engine/view/render-wheel';
import { exportCss, RENDER_CSS } from '../../server/src/engine/view/style';

const root = join(__dirname, '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'view');
const read = (p: string) => readFileSync(join(fixtures, p), 'utf8');

function model(files: Record<string, string>): ViewModel {
  const ws = new Workspace(Object.entries(files).map(([uri, text]) => parseScorecard(uri, text).scorecard));
  return buildViewModel(ws, new Map());
}

const workspace = () => model({ 'mem:northwind.kpi.yaml': read('workspace/northwind.kpi.yaml'), 'mem:hub.kpi.yaml': read('workspace/hub.kpi.yaml') });

describe('view: element trees as markup', () => {
  it('escapes text and attribute values, and drops characters XML cannot hold', () => {
    const tree = el('g', { 'data-key': `a"b'c<d>&e`, x: 1.5, y: 2, w: 1 / 3, skip: undefined }, [txt('text', {}, '<script>&amp;\u0001\uD800</script>')]);
    assert.equal(toMarkup(tree), '<g data-key="a&quot;b&#39;c&lt;d&gt;&amp;e" x="1.5" y="2" w="0.33"><text>&lt;script&gt;&amp;amp;\uFFFD\uFFFD&lt;/script&gt;</text></g>');
    assert.equal(toMarkup(el('rect')), '<rect/>');
    assert.equal(escapeAttr('\u{1F600}'), '\u{1F600}', 'a surrogate pair is kept');
  });
});

describe('view: labels', () => {
  it('shows bidi controls as code points and controls as spaces', () => {
    assert.equal(display('\u202Eevil\u202C x'), '[U+202E]evil[U+202C] x');
    assert.equal(display(' a\tb\n\nc\u0000 '), 'a b c');
  });

  it('wraps on words, splits what is too long, and clips the last line', () => {
    assert.deepEqual(wrap('Open critical vulnerabilities at week end', 16, 3), ['Open critical', 'vulnerabilities', 'at week end']);
    assert.deepEqual(wrap('abcdefghij', 4, 5), ['abcd', 'efgh', 'ij']);
    assert.deepEqual(wrap('one two three four five six', 9, 2), ['one two', 'three fo…']);
    assert.deepEqual(wrap('', 10, 2), ['']);
    assert.deepEqual(wrap('Production deployments per week', 27, 3, 23), ['Production deployments', 'per week']);
    assert.equal(clip('漢字漢字', 5), '漢字…', 'wide characters count twice');
  });
});

describe('view: cascade picture', () => {
  it('puts each kind in its column, a team one column further right, and nothing on top of anything', () => {
    const { layout } = renderCascade(workspace().cascade);
    const at = (key: string) => layout.nodes.find((n) => n.node.key.endsWith(key))!;
    const col = (key: string) => (at(key).x - 28) / COL;
    assert.deepEqual(
      ['northwind.kpi.yaml#:vision', 'northwind.kpi.yaml#on-time', 'northwind.kpi.yaml#on-time-rate', 'northwind.kpi.yaml#route-planning', 'hub.kpi.yaml#fast-sort', 'hub.kpi.yaml#dwell-time', 'hub.kpi.yaml#extra-shift'].map(col),
      [0, 1, 2, 3, 2, 3, 4],
    );
    for (const a of layout.nodes) {
      assert.equal(a.w, CARD_W);
      for (const b of layout.nodes) {
        if (a === b) continue;
        const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
        assert.ok(apart, `${a.node.key} overlaps ${b.node.key}`);
      }
    }
    const [nw, hub] = layout.groups;
    assert.ok(nw.y + nw.h < hub.y, 'bands are stacked');
    for (const n of layout.nodes) {
      const g = layout.groups.find((x) => x.group.key === n.node.group)!;
      assert.ok(n.x >= g.x && n.x + n.w <= g.x + g.w && n.y >= g.y + 46 && n.y + n.h <= g.y + g.h, `${n.node.key} is inside its band`);
    }
    assert.ok(layout.width >= Math.max(...layout.groups.map((g) => g.x + g.w)));
    // A KPI sits next to its objective: the tidy tree centres a parent on its children.
    const obj = at('northwind.kpi.yaml#safe-work');
    const kpi = at('northwind.kpi.yaml#lost-time-injuries');
    assert.ok(Math.abs(obj.y + obj.h / 2 - (kpi.y + kpi.h / 2)) <= 1);
  });

  it('draws one path per edge, and edges into a collapsed scorecard end at its header', () => {
    const vm = workspace();
    const full = toMarkup(renderCascade(vm.cascade).svg);
    assert.equal(full.match(/<path class="kl-edge /g)?.length, vm.cascade.edges.length);
    assert.match(full, /class="kl-edge kl-edge-worsens"/);
    const { svg, layout } = renderCascade(vm.cascade, { collapsed: new Set(['mem:hub.kpi.yaml']), interactive: true });
    const markup = toMarkup(svg);
    assert.deepEqual(layout.nodes.filter((n) => n.node.group === 'mem:hub.kpi.yaml'), []);
    assert.equal(layout.groups[1].collapsed, true);
    // Into the collapsed hub: supports, contributes and worsens (each once); inside it: nothing.
    assert.equal(markup.match(/<path class="kl-edge /g)?.length, 6 + 3);
    assert.match(markup, /data-toggle="mem:hub.kpi.yaml"[^>]*aria-expanded="false"/);
    assert.doesNotMatch(full, /data-toggle|tabindex/, 'exports have no controls');
  });

  it('marks nodes with their worst finding and lists the findings on hover', () => {
    const text = read('workspace/hub.kpi.yaml');
    const at = text.indexOf('dwell-time');
    const ws = new Workspace([parseScorecard('mem:hub.kpi.yaml', text).scorecard]);
    const vm = buildViewModel(ws, new Map([['mem:hub.kpi.yaml', [{ rule: 'kpi-owner', severity: 'error' as const, span: { start: at, end: at + 10 }, message: 'Oops <b>here</b>.' }]]]));
    const markup = toMarkup(renderCascade(vm.cascade).svg);
    assert.match(markup, /<g class="kl-node kl-kind-kpi kl-status-unknown kl-sev-error" data-key="mem:hub.kpi.yaml#dwell-time"/);
    assert.match(markup, /<title>KPI: Median dwell time in the hub \(dwell-time\)\nOwner: hub-manager\n[^<]*\n\n1 finding:\n13:9 error kpi-owner: Oops &lt;b&gt;here&lt;\/b&gt;.<\/title>/);
    assert.equal(markup.match(/<g class="kl-marker kl-sev-error" [^>]*><circle r="8"\/><text class="kl-marker-count" [^>]*>1<\/text><\/g>/g)?.length, 2, 'on the node and on its scorecard');
    assert.match(markup, /<title>Scorecard Sorting hub \(hub\)\nOwner: hub-manager\n1 objective, 2 KPIs, 1 lever, 2 disturbances\n\n1 finding in this scorecard.<\/title>/);
  });
});

describe('view: polarity wheel picture', () => {
  it('has twelve poles, a bar per assessed pole, the overuse band and the KPI counts', () => {
    const [nw] = workspace().wheels;
    const markup = toMarkup(renderWheel(nw));
    assert.equal(markup.match(/<g class="kl-pole[ "]/g)?.length, 12);
    assert.equal(markup.match(/<path class="kl-bar[ "]/g)?.length, 4);
    assert.equal(markup.match(/<path class="kl-bar kl-overused"/g)?.length, 1);
    // act (from 5) and task (from 7) can be overused within the scale; reflect and relationship cannot.
    assert.equal(markup.match(/<path class="kl-overuse-band"/g)?.length, 2);
    const counts = [...markup.matchAll(/class="kl-kpi-count"[^>]*>(\d+)</g)].map((m) => Number(m[1]));
    assert.deepEqual(counts, [0, 0, 1, 0, 0, 1, 0, 0, 2, 1, 0, 0]);
    for (const name of ['Focus', 'Trust', 'Direction', 'Commitment']) assert.ok(markup.includes(`>${name}<`), name);
    assert.match(markup, /<title>act and reflect \(act-reflect\)\nActing moves things forward/);
  });

  it('leaves out the outer rings when the scorecard names none', () => {
    const [, hub] = workspace().wheels;
    const markup = toMarkup(renderWheel(hub));
    assert.doesNotMatch(markup, /kl-capabilities|kl-responsibilities/);
    assert.equal(markup.match(/<path class="kl-bar/g), null);
  });
});

const TAGS = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'p', 'section', 'div', 'svg', 'g', 'rect', 'path', 'circle', 'text', 'tspan']);

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
      for (const s of ['&lt;img src=x onerror=alert(1)&gt;', '&lt;script&gt;alert(3)&lt;/script&gt;', '&lt;/text&gt;&lt;/svg&gt;&lt;script&gt;alert(6)&lt;/script&gt;', '&lt;iframe src=javascript:alert(8)&gt;', '[U+202E]evil[U+202C] reversed', '&amp;amp; &amp;lt;']) {
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
    assert.equal(html.match(/<svg [^>]*class="kl-cascade"/g)?.length, 1);
    assert.equal(html.match(/<svg [^>]*class="kl-wheel"/g)?.length, 2);
    assert.ok(html.indexOf('kl-cascade') < html.indexOf('kl-wheel'), 'the cascade comes first');
    assert.equal(exportHtml(vm, 'cascade').match(/class="kl-wheel"/g), null);
    assert.equal(exportHtml(vm, 'wheel').match(/class="kl-cascade"/g), null);
    const svg = exportSvg(vm, 'wheel');
    assert.match(svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="kl-export"/);
    assert.equal(svg.match(/xmlns=/g)?.length, 1, 'nested pictures inherit the namespace');
    const none = model({ 'mem:a.kpi.yaml': 'kpilens: 1\nscorecard: { id: a }\n' });
    assert.match(exportHtml(none, 'wheel'), /<p>No scorecard assesses polarities or has KPIs that serve poles.<\/p>/);
    assert.match(exportSvg(none, 'both'), /No scorecard assesses polarities/);
    for (const n of vm.cascade.nodes.filter((x) => x.kind === 'kpi')) assert.ok(html.includes(n.label), n.label);
  });
});

describe('view: style sheets agree', () => {
  const used = [...new Set([...RENDER_CSS.matchAll(/var\((--kl-[a-z-]+)\)/g)].map((m) => m[1]))].sort();

  it('the export palettes define every colour the rules use, light and dark', () => {
    const css = exportCss('html');
    const [light, dark] = css.split('@media');
    for (const v of used) {
      assert.ok(light.includes(`${v}:`), `light palette lacks ${v}`);
      assert.ok(dark.includes(`${v}:`), `dark palette lacks ${v}`);
    }
  });

  it("the webview maps every colour to VS Code's theme", () => {
    const css = readFileSync(join(root, 'client', 'webview', 'preview.css'), 'utf8');
    for (const v of used) assert.match(css, new RegExp(`${v}:\\s*var\\(--vscode-`), `preview.css lacks ${v}`);
  });
});

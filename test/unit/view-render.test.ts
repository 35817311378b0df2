import { strict as assert } from 'assert';
import { mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runPreview } from '../../server/src/cli/preview';
import { lintFiles, parseScorecard, Workspace } from '../../server/src/engine';
import { buildViewModel, ViewModel } from '../../server/src/engine/view';
import { el, escapeAttr, toMarkup, txt } from '../../server/src/engine/view/el';
import { exportHtml, exportSvg } from '../../server/src/engine/view/export';
import { clip, display, textWidth, wrap } from '../../server/src/engine/view/label';
import { CARD_W, CascadeLayout, columnsWidth, HEADER_H, INDENT, layoutCascade, TEXT_X } from '../../server/src/engine/view/layout';
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
    assert.equal(
      toMarkup(tree),
      '<g data-key="a&quot;b&#39;c&lt;d&gt;&amp;e" x="1.5" y="2" w="0.33"><text>&lt;script&gt;&amp;amp;\uFFFD\uFFFD&lt;/script&gt;</text></g>',
    );
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

  it('estimates widths in pixels from character classes, never below what a browser draws', () => {
    assert.equal(textWidth('m', 10), 9.7);
    assert.equal(textWidth('m', 10, true), 10.4);
    assert.equal(textWidth('漢字', 10), 20, 'East Asian wide: an em');
    assert.equal(textWidth('😀', 10), 12.5, 'emoji: an em and a quarter');
    assert.equal(textWidth('e\u0301\u200D\uFE0F\u202E', 10), textWidth('e', 10), 'combining marks and invisible controls: nothing');
    assert.ok(textWidth('مؤشرات', 10) >= 6 * 7.8 && textWidth('Ключ', 10, true) >= 4 * 8.6, 'other scripts: at least the widest letters');
    assert.deepEqual(
      wrap('Open critical vulnerabilities at week end', 100, 3, 100, (t) => textWidth(t, 12, true)),
      ['Open critical', 'vulnerabilities', 'at week end'],
    );
  });
});

/** The example workspace, linted: the pictures of the README. */
function examples(): ViewModel {
  const dir = join(root, 'examples');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.kpi.yaml'))
    .map((f) => ({ uri: `mem:${f}`, text: readFileSync(join(dir, f), 'utf8') }));
  const { workspace: ws, findings } = lintFiles(files, { asOf: '2026-11-24' });
  return buildViewModel(ws, findings);
}

type Rect = { x: number; y: number; w: number; h: number };
const apart = (a: Rect, b: Rect) => a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;

/** Whether a horizontal or vertical segment passes through the inside of a box. */
function crosses([x1, y1]: [number, number], [x2, y2]: [number, number], b: Rect): boolean {
  const inside = { x: b.x + 0.5, y: b.y + 0.5, w: b.w - 1, h: b.h - 1 };
  return !apart({ x: Math.min(x1, x2), y: Math.min(y1, y2), w: Math.abs(x2 - x1) || 0.01, h: Math.abs(y2 - y1) || 0.01 }, inside);
}

/** What any cascade layout promises: cards apart and inside their bands, text inside its card, lines around cards. */
function checkLayout(layout: CascadeLayout, what: string): void {
  for (const a of layout.nodes) {
    for (const b of layout.nodes) if (a !== b) assert.ok(apart(a, b), `${what}: ${a.node.key} overlaps ${b.node.key}`);
    const g = layout.groups.find((x) => x.group.key === a.node.group)!;
    assert.ok(a.x >= g.x && a.x + a.w <= g.x + g.w && a.y >= g.y + HEADER_H && a.y + a.h <= g.y + g.h, `${what}: ${a.node.key} is inside its band`);
    assert.ok(a.x + a.w <= layout.width && a.y + a.h <= layout.height, `${what}: ${a.node.key} is inside the picture`);
    // Text by the estimate of its width: never past the card's right edge, the first line clear of the marker.
    const room = a.w - TEXT_X - 10;
    a.lines.forEach((l, i) => assert.ok(textWidth(l, 12, true) <= room - (i === 0 && a.node.worst ? 26 : 0) + 0.01, `${what}: "${l}" fits its card`));
    for (const m of a.meta) if ('text' in m) assert.ok(textWidth(m.text, 11) <= room + 0.01, `${what}: "${m.text}" fits its card`);
  }
  for (let i = 1; i < layout.groups.length; i++) assert.ok(layout.groups[i - 1].y + layout.groups[i - 1].h < layout.groups[i].y, `${what}: bands are stacked`);
  for (const g of layout.groups) assert.ok(g.x + g.w <= layout.width, `${what}: band inside the picture`);
  for (const e of layout.edges) {
    for (let i = 1; i < e.points.length; i++) {
      const [a, b] = [e.points[i - 1], e.points[i]];
      assert.ok(a[0] === b[0] || a[1] === b[1], `${what}: lines run across or along`);
      for (const n of layout.nodes) {
        if (n.node.key === e.from || n.node.key === e.to) continue;
        assert.ok(!crosses(a, b, n), `${what}: the line ${e.edge.kind} ${e.to} → ${e.from} crosses ${n.node.key}`);
      }
    }
  }
}

describe('view: cascade picture', () => {
  it('in columns: each kind in its column in every band, the tidy tree for rows, nothing on top of anything', () => {
    const { layout } = renderCascade(workspace().cascade);
    assert.equal(layout.mode, 'columns');
    const at = (key: string) => layout.nodes.find((n) => n.node.key.endsWith(key))!;
    const xs = [
      'northwind.kpi.yaml#:vision',
      'northwind.kpi.yaml#on-time',
      'northwind.kpi.yaml#on-time-rate',
      'northwind.kpi.yaml#route-planning',
      'hub.kpi.yaml#fast-sort',
      'hub.kpi.yaml#dwell-time',
      'hub.kpi.yaml#extra-shift',
    ].map((k) => at(k).x);
    // A team's objectives share the column of the objectives they support: the picture is four columns wide, however deep the cascade.
    assert.deepEqual([xs[4], xs[5], xs[6]], [xs[1], xs[2], xs[3]]);
    assert.ok(xs[0] < xs[1] && xs[1] < xs[2] && xs[2] < xs[3]);
    for (const n of layout.nodes) assert.equal(n.w, CARD_W);
    checkLayout(layout, 'fixture');
    // A KPI sits next to its objective: the tidy tree centres a parent on its children.
    const obj = at('northwind.kpi.yaml#safe-work');
    const kpi = at('northwind.kpi.yaml#lost-time-injuries');
    assert.ok(Math.abs(obj.y + Math.min(obj.h / 2, 22) - (kpi.y + Math.min(kpi.h / 2, 22))) <= 1 || Math.abs(obj.y + obj.h / 2 - (kpi.y + kpi.h / 2)) <= 1);
  });

  it('in outline for a narrow width: one card a row, children indented, no wider than asked', () => {
    const vm = examples();
    for (const width of [300, 440, 500, 700]) {
      const layout = layoutCascade(vm.cascade, { width });
      assert.equal(layout.mode, 'outline', `${width}`);
      assert.ok(layout.width <= width, `${width}: ${layout.width} wide`);
      checkLayout(layout, `outline ${width}`);
      const byRow = [...layout.nodes].sort((a, b) => a.y - b.y);
      for (let i = 1; i < byRow.length; i++) assert.ok(byRow[i - 1].y + byRow[i - 1].h <= byRow[i].y, 'one card a row');
      const kpi = layout.nodes.find((n) => n.node.id === 'time-to-value')!;
      const objective = layout.nodes.find((n) => n.node.id === 'customers-succeed')!;
      const lever = layout.nodes.find((n) => n.node.id === 'onboarding-program')!;
      assert.deepEqual([kpi.x - objective.x, lever.x - kpi.x], [INDENT, INDENT]);
      // The card text keeps its size: a KPI card at 500 px has room for its name on one or two lines.
      if (width >= 440) assert.ok(kpi.lines.length <= 2, kpi.lines.join(' / '));
    }
    // Wide enough for columns, columns.
    assert.equal(layoutCascade(vm.cascade, { width: columnsWidth(vm.cascade) }).mode, 'columns');
    assert.equal(layoutCascade(vm.cascade, { width: columnsWidth(vm.cascade) - 1 }).mode, 'outline');
  });

  it('routes every line of the examples around the cards, in columns and in outline', () => {
    const vm = examples();
    for (const options of [{}, { width: 480 }, { width: 1400 }, { mode: 'outline' as const, width: 700 }]) {
      const layout = layoutCascade(vm.cascade, options);
      checkLayout(layout, JSON.stringify(options));
      assert.ok(layout.edges.length > 30, 'the examples have many lines');
    }
    // The line: the sales lever that worsens a company KPI runs in a gap, crossing no card (checked above), and is marked as joining two scorecards.
    const layout = layoutCascade(vm.cascade);
    const worsens = layout.edges.filter((e) => e.edge.kind === 'worsens');
    assert.equal(worsens.length, 1);
    assert.ok(worsens[0].cross);
  });

  it('bundles the lines that leave a card for the same kind of link into one lane', () => {
    const layout = layoutCascade(examples().cascade);
    const fromObjective = layout.edges.filter((e) => e.to === 'mem:company.kpi.yaml#customers-succeed' && e.edge.kind === 'objective');
    assert.equal(fromObjective.length, 2);
    const lane = (e: (typeof fromObjective)[number]) => e.points[1][0];
    assert.equal(lane(fromObjective[0]), lane(fromObjective[1]));
    // Lines of different nets in one gap never share a stretch of lane.
    const vertical = layout.edges.flatMap((e) =>
      e.points
        .slice(1)
        .map((p, i) => ({ net: `${e.to} ${e.edge.kind}`, a: e.points[i], b: p }))
        .filter((s) => s.a[0] === s.b[0] && s.a[1] !== s.b[1]),
    );
    for (const s of vertical) {
      for (const t of vertical) {
        if (s.net === t.net || s.a[0] !== t.a[0]) continue;
        const [s0, s1] = [Math.min(s.a[1], s.b[1]), Math.max(s.a[1], s.b[1])];
        const [t0, t1] = [Math.min(t.a[1], t.b[1]), Math.max(t.a[1], t.b[1])];
        assert.ok(s1 <= t0 || t1 <= s0, `${s.net} and ${t.net} share a lane`);
      }
    }
  });

  it('draws one path per edge, and edges into a collapsed scorecard end at its header', () => {
    const vm = workspace();
    const full = toMarkup(renderCascade(vm.cascade).svg);
    assert.equal(full.match(/<path class="kl-edge /g)?.length, vm.cascade.edges.length);
    assert.match(full, /class="kl-edge kl-edge-worsens kl-cross"/);
    const { svg, layout } = renderCascade(vm.cascade, { collapsed: new Set(['mem:hub.kpi.yaml']), interactive: true });
    const markup = toMarkup(svg);
    assert.deepEqual(
      layout.nodes.filter((n) => n.node.group === 'mem:hub.kpi.yaml'),
      [],
    );
    assert.equal(layout.groups[1].collapsed, true);
    // Into the collapsed hub: supports, contributes and worsens (each once); inside it: nothing.
    assert.equal(markup.match(/<path class="kl-edge /g)?.length, 6 + 3);
    const hub = layout.groups[1];
    for (const e of layout.edges.filter((x) => x.from === 'mem:hub.kpi.yaml')) {
      const [x, y] = e.points[e.points.length - 1];
      assert.ok(y === hub.y + HEADER_H / 2 && x > hub.x && x < hub.x + hub.w, `${e.edge.kind} ends at the hub's header`);
    }
    assert.match(markup, /data-toggle="mem:hub.kpi.yaml"[^>]*aria-expanded="false"/);
    assert.doesNotMatch(full, /data-toggle|tabindex/, 'exports have no controls');
  });

  it('folds an objective: its KPIs and levers go, their lines end at it, it says what it holds', () => {
    const vm = examples();
    const key = 'mem:company.kpi.yaml#customers-succeed';
    const { svg, layout } = renderCascade(vm.cascade, { collapsed: new Set([key]), interactive: true, width: 500 });
    const folded = layout.nodes.find((n) => n.node.key === key)!;
    assert.deepEqual(folded.folded, { kpis: 2, levers: 2 });
    for (const id of ['net-revenue-retention', 'time-to-value', 'onboarding-program', 'success-reviews']) {
      assert.equal(
        layout.nodes.some((n) => n.node.id === id),
        false,
        `${id} is folded`,
      );
      assert.equal(layout.hidden.get(`mem:company.kpi.yaml#${id}`), key);
    }
    assert.ok(folded.meta.some((m) => 'text' in m && m.text.endsWith('2 KPIs, 2 levers folded')));
    const markup = toMarkup(svg);
    assert.match(
      markup,
      new RegExp(`data-toggle="${key}"[^>]*aria-label="Unfold Customers get measurable value within their first quarter" aria-expanded="false"`),
    );
    assert.match(markup, /data-toggle="mem:company.kpi.yaml#efficient-growth"[^>]*aria-expanded="true"/);
    // The engineering objectives support the folded one: their lines still reach it.
    assert.ok(layout.edges.some((e) => e.to === key && e.from === 'mem:engineering.kpi.yaml#reliable-platform'));
    checkLayout(layout, 'folded');
    // Only the listed scorecards, and a filter that leaves nodes out.
    const only = layoutCascade(vm.cascade, { only: new Set(['mem:sales.kpi.yaml']), hide: (n) => n.kind === 'lever' });
    assert.deepEqual([...new Set(only.nodes.map((n) => n.node.group))], ['mem:sales.kpi.yaml']);
    assert.equal(
      only.nodes.some((n) => n.node.kind === 'lever'),
      false,
    );
    assert.equal(
      only.edges.some((e) => e.cross),
      false,
    );
  });

  it('marks nodes with their worst finding and lists the findings on hover', () => {
    const text = read('workspace/hub.kpi.yaml');
    const at = text.indexOf('dwell-time');
    const ws = new Workspace([parseScorecard('mem:hub.kpi.yaml', text).scorecard]);
    const vm = buildViewModel(
      ws,
      new Map([['mem:hub.kpi.yaml', [{ rule: 'kpi-owner', severity: 'error' as const, span: { start: at, end: at + 10 }, message: 'Oops <b>here</b>.' }]]]),
    );
    const markup = toMarkup(renderCascade(vm.cascade).svg);
    assert.match(markup, /<g class="kl-node kl-kind-kpi kl-status-unknown kl-sev-error" data-key="mem:hub.kpi.yaml#dwell-time"/);
    assert.match(
      markup,
      /<title>KPI: Median dwell time in the hub \(dwell-time\)\nOwner: hub-manager\n[^<]*\n\n1 finding:\n13:9 error kpi-owner: Oops &lt;b&gt;here&lt;\/b&gt;.<\/title>/,
    );
    assert.equal(
      markup.match(/<g class="kl-marker kl-sev-error" [^>]*><circle r="8.5"\/><text class="kl-marker-count" [^>]*>1<\/text><\/g>/g)?.length,
      2,
      'on the node and on its scorecard',
    );
    assert.match(
      markup,
      /<title>Scorecard Sorting hub \(hub\)\nOwner: hub-manager\n1 objective, 2 KPIs, 1 lever, 2 disturbances\n\n1 finding in this scorecard.<\/title>/,
    );
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

  it('is as large as what it holds: every ring and text inside the picture, long names cut with the whole name on hover', () => {
    const long =
      'Build and sustain cross-functional partnerships across every region and business unit we serve, and then do it all again, and again, until every region and every business unit is served';
    const vm = model({
      'mem:x.kpi.yaml': `kpilens: 1\nscorecard: { id: x, title: "${'A very long scorecard title that goes on and on '.repeat(3)}" }\npolarities:\n  act-reflect: { act: 6, reflect: 2 }\nwheel:\n  capabilities: ["${long}", 漢字の長い能力の名前です, "🚀🚀🚀 Launch", مؤشرات الأداء الرئيسية, e\u0301\u0301\u0301, f]\n  responsibilities: ["${long}", People, Future]\n`,
    });
    const wheels = [...vm.wheels, ...examples().wheels, ...workspace().wheels];
    for (const wheel of wheels) {
      const svg = renderWheel(wheel);
      const markup = toMarkup(svg);
      const [w, h] = [Number(svg.attrs.width), Number(svg.attrs.height)];
      const [, cx, cy] = /<g transform="translate\(([\d.]+),([\d.]+)\)">/.exec(markup)!.map(Number);
      const outer = Math.max(...[...markup.matchAll(/A([\d.]+),/g)].map((m) => Number(m[1])));
      assert.ok(cx - outer >= 0 && cx + outer <= w && cy + outer <= h, `${wheel.title}: the rings fit the picture`);
      const titleBottom = 14 + 19 * (markup.match(/<tspan x="[\d.]+" dy="(0|19)">/g)?.length ?? 1);
      assert.ok(cy - outer >= titleBottom - 19, `${wheel.title}: the title is above the rings`);
      for (const m of markup.matchAll(/class="kl-wheel-title"[^>]*>(.*?)<\/text>/g)) assert.ok((m[1].match(/<tspan/g)?.length ?? 0) <= 2);
    }
    const markup = toMarkup(renderWheel(vm.wheels[0]));
    assert.match(markup, /<title>Polarity wheel · A very long scorecard title/);
    // The long name is cut, whole in the ring's title; the short ones whole.
    assert.match(markup, new RegExp(`<g class="kl-ring-item"><title>${long}</title>`));
    const labels = [...markup.matchAll(/class="kl-ring-label"[^>]*>(.*?)<\/text>/g)].map((m) => m[1].replace(/<[^>]+>/g, ' ').trim());
    assert.ok(
      labels.some((l) => l.endsWith('…')),
      labels.join(' | '),
    );
    assert.ok(labels.includes('漢字の長い能力の名前です') || labels.some((l) => l.replace(/ /g, '') === '漢字の長い能力の名前です'), labels.join(' | '));
    assert.ok(
      labels.some((l) => l.replace(/ /g, '') === '🚀🚀🚀Launch'),
      labels.join(' | '),
    );
  });

  it('keeps the scale out of the way of the markers', () => {
    const wheel = examples().wheels[0];
    const markup = toMarkup(renderWheel(wheel));
    const scale = [...markup.matchAll(/<text class="kl-scale"[^>]*x="([-\d.]+)" y="([-\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const markers = [...markup.matchAll(/<g class="kl-marker[^"]*" transform="translate\(([-\d.]+),([-\d.]+)\)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    assert.equal(scale.length, 2);
    assert.ok(markers.length >= 1, 'the company wheel has a marker');
    for (const [sx, sy] of scale)
      for (const [mx, my] of markers) assert.ok(Math.hypot(sx - mx, sy - my) > 20, `scale at ${sx},${sy} clear of the marker at ${mx},${my}`);
  });

  it('leaves out the outer rings when the scorecard names none', () => {
    const [, hub] = workspace().wheels;
    const markup = toMarkup(renderWheel(hub));
    assert.doesNotMatch(markup, /kl-capabilities|kl-responsibilities/);
    assert.equal(markup.match(/<path class="kl-bar/g), null);
  });
});

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

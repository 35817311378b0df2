// The cascade picture: its layout in columns and in outline, the lines routed around the cards,
// folded scorecards and objectives, and the findings on its nodes.
import { strict as assert } from 'assert';
import { parseScorecard, Workspace } from '../../server/src/engine';
import { buildViewModel } from '../../server/src/engine/view';
import { toMarkup } from '../../server/src/engine/view/el';
import { textWidth } from '../../server/src/engine/view/label';
import { CARD_W, CascadeLayout, columnsWidth, HEADER_H, INDENT, layoutCascade, TEXT_X } from '../../server/src/engine/view/layout';
import { renderCascade } from '../../server/src/engine/view/render-cascade';
import { examples, read, workspace } from '../helpers/view-models';

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

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkReveal, revealTargets, spanOutside } from '../../client/src/reveal';
import { parseScorecard, Workspace } from '../../server/src/engine';
import { buildViewModel } from '../../server/src/engine/view';

const dir = join(__dirname, '..', 'fixtures', 'view', 'workspace');
const NW = 'file:///ws/northwind.kpi.yaml';
const HUB = 'file:///ws/hub.kpi.yaml';

describe('preview: reveal messages from the webview', () => {
  const files = { [NW]: readFileSync(join(dir, 'northwind.kpi.yaml'), 'utf8'), [HUB]: readFileSync(join(dir, 'hub.kpi.yaml'), 'utf8') };
  const model = buildViewModel(new Workspace(Object.entries(files).map(([uri, text]) => parseScorecard(uri, text).scorecard)), new Map(), HUB);
  const targets = revealTargets(model);

  it('accepts only the scorecards of the view model', () => {
    assert.deepEqual([...targets].sort(), [HUB, NW]);
  });

  it('passes a reveal of a scorecard of the model with a span of two integers in order', () => {
    const node = model.cascade.nodes.find((n) => n.kind === 'kpi')!;
    assert.deepEqual(checkReveal({ type: 'reveal', uri: node.uri, span: node.select }, targets), { ok: true, uri: node.uri, span: node.select });
    assert.deepEqual(checkReveal({ type: 'reveal', uri: NW, span: { start: 0, end: 0, extra: 1 } }, targets), {
      ok: true,
      uri: NW,
      span: { start: 0, end: 0 },
    });
  });

  it('ignores, with the reason, any other message', () => {
    const reasons = [
      null,
      'reveal',
      [],
      { type: 'open', uri: NW, span: { start: 0, end: 1 } },
      { type: 'reveal', uri: 'file:///etc/passwd', span: { start: 0, end: 1 } },
      { type: 'reveal', uri: 'command:workbench.action.terminal.new', span: { start: 0, end: 1 } },
      { type: 'reveal', uri: `file:///ws/${'x'.repeat(300)}`, span: { start: 0, end: 1 } },
      { type: 'reveal', uri: 'file:///ws/\u001b[31m.kpi.yaml', span: { start: 0, end: 1 } },
      { type: 'reveal', uri: { toString: () => NW }, span: { start: 0, end: 1 } },
      { type: 'reveal', uri: NW },
      { type: 'reveal', uri: NW, span: [0, 1] },
      { type: 'reveal', uri: NW, span: { start: '0', end: 1 } },
      { type: 'reveal', uri: NW, span: { start: 0.5, end: 1 } },
      { type: 'reveal', uri: NW, span: { start: 0, end: Infinity } },
      { type: 'reveal', uri: NW, span: { start: 0, end: 2 ** 60 } },
      { type: 'reveal', uri: NW, span: { start: -1, end: 1 } },
      { type: 'reveal', uri: NW, span: { start: 5, end: 4 } },
    ].map((m) => {
      const r = checkReveal(m, targets);
      return r.ok ? 'accepted' : r.reason;
    });
    assert.deepEqual(reasons, [
      'not a reveal message',
      'not a reveal message',
      'not a reveal message',
      'not a reveal message',
      '"file:///etc/passwd" is not a scorecard of the preview',
      '"command:workbench.action.terminal.new" is not a scorecard of the preview',
      `"file:///ws/${'x'.repeat(189)}…" is not a scorecard of the preview`,
      '"file:///ws/\\u001b[31m.kpi.yaml" is not a scorecard of the preview',
      'the uri is not a string',
      'the span is not two integers',
      'the span is not two integers',
      'the span is not two integers',
      'the span is not two integers',
      'the span is not two integers',
      'the span is not two integers',
      'the span from -1 to 1 is not a range',
      'the span from 5 to 4 is not a range',
    ]);
  });

  it('checks the span against the length of the document once it is open', () => {
    assert.equal(spanOutside({ start: 3, end: 10 }, 10), undefined);
    assert.equal(spanOutside({ start: 10, end: 10 }, 10), undefined);
    assert.equal(spanOutside({ start: 3, end: 11 }, 10), "the span from 3 to 11 ends past the document's 10 characters");
  });
});

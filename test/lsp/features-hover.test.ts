// Hover in the language server: the schema's descriptions of keys, the rule behind a finding, and
// what a ref or an id names (owner, target, status, levers, the path up to the vision).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HoverRequest, MarkupContent, Position } from 'vscode-languageserver-protocol/node';
import { ruleExplanation } from '../../server/src/lsp/hover';
import { readRuleDocs } from '../../server/src/lsp/node-files';
import { TestClient } from './client';
import { HUB, pos, r, rangeOf, schema, within, withFeatures } from './features';

describe('lsp: features', function () {
  let c: TestClient, depot: string, depotText: string, fleet: string, fleetText: string, hub: string;
  withFeatures((f) => ({ c, depot, depotText, fleet, fleetText, hub } = f));

  const hoverText = async (uri: string, position: Position) => {
    const h = await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    return { value: (h?.contents as MarkupContent | undefined)?.value, range: h?.range && r(h.range) };
  };

  describe('hover', () => {
    it('on a key: the schema description', async () => {
      const h = await hoverText(depot, pos(depotText, 'direction', 0, 2));
      assert.equal(h.value, `**direction**\n\n${schema.$defs.kpi.properties.direction.description}`);
      assert.equal(h.range, r(rangeOf(depotText, 'direction')));
      const flow = await hoverText(depot, pos(depotText, 'by:', 0, 1));
      assert.equal(flow.value, `**by**\n\n${schema.$defs.target.properties.by.description}`, 'keys of flow mappings too');
    });

    it('on a finding: why the rule exists and how to fix, and a link, but not the message the editor shows already', async () => {
      const h = await hoverText(fleet, pos(fleetText, 'acme/on-tme', 0, 6));
      const explanation = ruleExplanation('unresolved-ref', readRuleDocs);
      assert.equal(
        h.value,
        [
          `**unresolved-ref**\n\n${explanation}\n\n[Rule documentation](https://github.com/kpilens/kpilens/blob/main/docs/rules/unresolved-ref.md)`,
          'Unresolved reference `acme/on-tme`.',
        ].join('\n\n---\n\n'),
      );
      assert.equal(h.range, r(rangeOf(fleetText, 'on-tme')));
    });

    it('on a ref: the target with its owner, target, where it stands and path up to the vision', async () => {
      const h = await hoverText(fleet, pos(fleetText, 'acme/on-time-rate', 0, 8));
      // The plan runs 579 days from 91 on 2026-05-31 (the first observation) to 97 on 2027-12-31;
      // on 2026-08-31, 92 days in, it expects 16% of the way and stands at 91 + 6 x 92 / 579.
      assert.equal(
        h.value,
        [
          '**KPI** `acme/on-time-rate`: Share of parcels delivered on the promised day',
          'Owner: coo',
          'Target: 97 percent by 2027-12-31 (increase)',
          'Status: **on track** as of 2026-11-24: progress 33%, 16% expected by the plan.',
          'Last: 93 percent on 2026-08-31, plan 91.953 percent, progress 33% (16% expected).',
          'Stale: measured monthly, but nothing observed since 2026-08-31, more than two periods before 2026-11-24.',
          'Reported at risk on 2026-08-31: "Hub move in August"',
          'No lever improves it.',
          'Path to the vision: `acme/on-time-rate` → `acme/on-time` → `acme/vision`',
        ].join('\n\n'),
      );
      assert.equal(h.range, r(rangeOf(fleetText, 'on-time-rate')));
      const sc = await hoverText(fleet, pos(fleetText, 'acme/on-time-rate', 0, 1));
      assert.equal(sc.value, '**Scorecard** `acme`: Acme Logistics\n\nOwner: ceo\n\nRoot scorecard.\n\n1 objectives, 1 KPIs, 0 levers, 0 disturbances.');
      assert.equal(sc.range, r(within(fleetText, 'acme/on-time-rate', 'acme')));
    });

    it('on a KPI id: its levers, disturbances and path to the vision', async () => {
      const h = await hoverText(depot, pos(depotText, 'id: dwell-time', 0, 5));
      assert.equal(
        h.value,
        [
          '**KPI** `depot/dwell-time`: Median dwell time in the depot',
          'Owner: depot-lead',
          'Target: 4 hours by 2027-06-30 (decrease)',
          'Status: **no data** as of 2026-11-24: no observation yet.',
          'Improved by: `depot/night-shift`',
          'Disturbed by: `depot/peak-season` (high)',
          'Path to the vision: `depot/dwell-time` → `acme/on-time-rate` → `acme/on-time` → `acme/vision`',
        ].join('\n\n'),
      );
    });

    it('on the keys of format 1.1, in list items written as flow mappings too: the schema description', async () => {
      const text = `${HUB}    tier: supporting\n    milestones:\n      - { value: 40, by: 2027-06-30 }\n    history:\n      - { date: 2026-10-31, value: 38, flag: preliminary }\nlevers:\n  - id: belts\n    name: Faster belts\n    due: 2027-03-31\n`;
      await c.change(hub, text);
      const described = async (key: string, description: string) => {
        const h = await hoverText(hub, pos(text, `${key}:`, 0, 1));
        assert.equal(h.value, `**${key}**\n\n${description}`, key);
        assert.equal(
          h.range,
          r(rangeOf(text, `${key}:`, 0)).replace(/-(\d+):(\d+)$/, (_m, l, ch) => `-${l}:${Number(ch) - 1}`),
          key,
        );
      };
      const kpi = schema.$defs.kpi.properties;
      await described('tier', kpi.tier.description);
      await described('by', kpi.milestones.items.properties.by.description);
      await described('flag', schema.$defs.historyEntry.properties.flag.description);
      await described('due', schema.$defs.lever.properties.due.description);
    });

    it('on a KPI whose figures come from its data file: a standing target and its hit rate, co-owners', async () => {
      fs.writeFileSync(path.join(c.dir, 'teams', 'waits.csv'), 'date,minutes,status\n2026-09-30,14,on-track\n2026-10-31,9,\n2026-11-20,12,\n');
      const text =
        'kpilens: 1.1\nscorecard:\n  id: calls\nkpis:\n  - id: wait\n    name: Call waiting time\n    owner: [cco, team-lead]\n    unit: minutes\n    direction: decrease\n    target: { value: 10, every: month }\n    noise: 1\n    data: { csv: waits.csv, column: minutes }\n';
      const calls = await c.open('teams/calls.kpi.yaml', 'kpi-yaml', text);
      const h = await hoverText(calls, pos(text, 'id: wait', 0, 5));
      assert.equal(
        h.value,
        [
          '**KPI** `calls/wait`: Call waiting time',
          'Owners: cco, team-lead',
          'Target: 10 minutes every month (decrease)',
          'Status: **off track** as of 2026-11-24: 12 misses 10 by 2, more than the noise 1.',
          'Last: 12 minutes on 2026-11-20, target met in 1 of the last 3 observations.',
          'No lever improves it.',
          'No path up to the vision.',
        ].join('\n\n'),
      );
      await c.connection.sendNotification('textDocument/didClose', { textDocument: { uri: calls } });
    });

    it('explains a rule from its docs page without the examples and options', () => {
      const text = ruleExplanation('unresolved-ref', readRuleDocs);
      assert.ok(text.length > 0);
      assert.doesNotMatch(text, /^#+ (Triggers|Options|Default severity)/m);
      assert.equal(ruleExplanation('no-such-rule', readRuleDocs), '');
    });
  });
});

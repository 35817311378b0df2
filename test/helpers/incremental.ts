// The fixture and the checks that the incremental-parsing tests share.
import * as assert from 'node:assert/strict';
import { parseScorecard } from '../../server/src/engine';
import type { Parsed } from '../../server/src/engine';
import { parseForEditing } from '../../server/src/engine/syntax/incremental';
import { schemaReports } from '../../server/src/engine/syntax/schema';

// A scorecard with the shapes an editor meets: comments between and inside items, blank lines,
// flow and block items, block scalars, an item without an id, a scalar item, nested maps, and
// comment-like text inside block scalars and quoted strings.
export const BASE = `# Team scorecard
kpilens: 1
scorecard:
  id: team
  title: "Team: growth"
  parent: company
vision:
  statement: Grow with customers
  values: [trust, speed]
objectives:
  - id: grow
    title: Grow the base
    supports: [company/customers]

  # a comment between items
  - { id: keep, title: Keep them, supports: [company/customers] }  # flow
  # the end of the objectives
kpis:
  - id: signups
    name: Weekly signups
    definition: |
      New accounts per week,
      all regions.
    objective: grow   # why: growth
    owner: ana
    unit: accounts
    direction: increase
    baseline: 80
    indicator: leading
    horizon: short
    cadence: weekly
    noise: 4
    contributes: [company/revenue]
    poles: [task, change]
    target: { value: 120, by: 2027-03-31 }
    thresholds:
      warn: 90
      alert: 80
    history:
      - { date: 2026-01-05, value: 88 }
      - { date: 2026-01-12, value: 91 }
  - name: No id yet
    objective: grow
  - just a string
  - id: churn
    name: >-
      Monthly churn
      # kpilens-disable-line kpi-owner
    definition: "Customers' churn # not a comment
      # kpilens-disable-next-line schema"
    unit: Customer's percent  # kpilens-disable-line schema
    objective: [keep, grow]
    direction: decrease
    colour: red
    data: { csv: data/churn.csv, column: churn }
levers:
- id: onboarding
  name: Better onboarding
  improves: { signups: high, churn: low }
- id: pricing
  name: Pricing
  worsens: [churn]
disturbances:
  - id: season
    name: Seasons
    affects: [signups]
correlations:
  - between: [signups, churn]
    r: 0.4
polarities:
  task-relationship: { task: 6, relationship: 2 }
review:
  cadence: quarterly
  last: 2026-09-30
wheel:
  capabilities: [a, b, c, d, e, f]
  responsibilities: [x, y, z]
`;

/** Every JSON pointer into plain data, and one missing key under every mapping. */
function pointers(data: unknown, at = ''): string[] {
  const out = [at];
  if (Array.isArray(data)) data.forEach((v, i) => out.push(...pointers(v, `${at}/${i}`)));
  else if (data && typeof data === 'object') {
    for (const [k, v] of Object.entries(data)) out.push(...pointers(v, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
    out.push(`${at}/not-there`);
  }
  return out;
}

/** The incremental result must be indistinguishable from a full parse of the same text. */
export function assertSame(actual: Parsed, text: string): void {
  const full = parseScorecard('team.kpi.yaml', text);
  assert.deepStrictEqual(actual.scorecard, full.scorecard);
  assert.deepStrictEqual(actual.data, full.data);
  assert.deepStrictEqual(actual.syntax, full.syntax);
  assert.deepStrictEqual(actual.limits, full.limits);
  for (const p of pointers(full.data)) assert.deepStrictEqual(actual.spanAt(p), full.spanAt(p), `spanAt(${JSON.stringify(p)})`);
  assert.deepStrictEqual(schemaReports(actual), schemaReports(full));
}

export function edit(text: string, at: number, remove: number, insert: string): string {
  return text.slice(0, at) + insert + text.slice(at + remove);
}

export const at = (needle: string, text = BASE) => {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `fixture lacks ${needle}`);
  return i;
};

/** A parse of the fixture: a reparse gives up the parse it starts from (it moves the later items in place), so each use takes a new one. */
export const fresh = (): Parsed => parseForEditing('team.kpi.yaml', BASE);

// The seeds of the fuzz tests (test/fuzz/fuzz.test.ts) and of the long run (`npm run fuzz`): two
// scorecards that touch every part of the format, the data file one of them reads, and strings
// chosen to break things. What is made of them: mutations.ts (changes and edits), properties.ts
// (what every lint must keep) and fixes.ts (what `--fix` must keep).

export const AS_OF = '2026-11-24';

/** A root scorecard that touches every part of the format, with suppressions and a data file. */
export const ROOT = `# Root of a small test company.
kpilens: 1
scorecard:
  id: harbor
  title: Harbor Logistics — "FY28"
  owner: md
vision:
  statement: Every parcel arrives when we said it would.
  values: [reliability, care]
objectives:
  - id: on-time
    title: Parcels arrive on time
    supports: [vision]
  - id: safe-work
    title: Nobody gets hurt
    supports: [vision]
kpis:
  - id: otd
    name: On-time delivery
    definition: Share of parcels delivered inside the promised window
    objective: on-time
    owner: ops-lead
    unit: percent
    direction: increase
    baseline: 91
    target: { value: 97, by: 2027-12-31 }
    thresholds: { warn: 94, alert: 92 }
    indicator: lagging
    horizon: long
    cadence: weekly
    noise: 0.6
    poles: [task, stability]
    history:
      - { date: 2026-01-05, value: 90.5 }
      - { date: 2026-01-12, value: 91.2 }
      - { date: 2026-01-19, value: 90.9 }
  - id: injuries
    name: Lost-time injuries
    objective: [safe-work]
    owner: hse
    unit: count
    direction: decrease
    baseline: 12
    target:
      value: 4
      by: 2027-06-30
    data: { csv: data/injuries.csv, column: injuries }
    poles: [relationship]
  - id: app-downloads # kpilens-disable-line vanity-metric
    name: App downloads
    objective: on-time
    owner: ops-lead
levers:
  - id: route-planning
    name: Dynamic route planning
    owner: ops-lead
    improves: { otd: high }
    worsens: [injuries]
disturbances:
  - id: weather
    name: Storms
    affects: [otd]
correlations:
  - between: [otd, injuries]
    r: -0.2
polarities:
  act-reflect: { act: 6, reflect: 2 }
  task-relationship: { task: 5, relationship: 3 }
review:
  cadence: quarterly
  last: 2026-08-01
wheel:
  capabilities: [plan, move, deliver, care, learn, lead]
  responsibilities: [people, parcels, planet]
`;

/** A team scorecard below the root, with refs across the cascade and a few deliberate faults. */
export const TEAM = `kpilens: 1
scorecard:
  id: depot-north
  title: 'Depot North'
  parent: harbor
objectives:
  - id: fast-sorting
    title: Sorting keeps up
    supports: [harbor/on-time, harbor/on-tme]
kpis:
  - id: sort-rate
    name: Parcels sorted per hour
    objective: fast-sorting
    owner: depot-lead
    direction: increase
    baseline: 1200
    target: { value: 1500 }
    contributes: [harbor/otd]
  - id: sort-rate
    name: Duplicate id
    objective: fast-sorting
  # kpilens-disable-next-line kpi-owner
  - id: misroutes
    name: Misrouted parcels
    objective: fast-sorting
    direction: decrease
    thresholds: { warn: 5, alert: 3 }
levers:
  - id: new-scanner
    name: Handheld scanners
    owner: depot-lead
    improves: [sort-rate, misroutes, harbor/otd]
review: { cadence: monthly, last: 2025-01-01 }
`;

export const DATA = 'date,injuries\n2026-01-01,3\n2026-02-01,2\n2026-03-01,x\n';

export const SEEDS = [ROOT, TEAM];

/** Strings chosen to break parsers, number handling, object keys, output escaping and file access (data paths). */
export const NASTY = [
  '1e400',
  '-1e400',
  '.nan',
  '.NaN',
  '.inf',
  '-.Inf',
  'NaN',
  'Infinity',
  '0x1F',
  '0o17',
  '0b101',
  '1_000',
  '-0',
  '9007199254740993',
  '~',
  'null',
  'true',
  'yes',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '99999-01-01',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '__proto__: {polluted: 1}',
  '!!binary aGVsbG8=',
  '!custom x',
  '!!set {a, b}',
  '!!omap [a: 1]',
  '!<tag:x> y',
  '!!str',
  '!!int x',
  '!!timestamp 2026-01-01',
  '&a',
  '*a',
  '&a [1, *a]',
  '<<: *a',
  '? [a, b]\n: c',
  '? {x: 1}\n: y',
  '{[a]: b}',
  '[a: b]',
  '---',
  '...',
  '--- |',
  '%YAML 1.1\n---',
  '%TAG ! tag:x,2000:\n---',
  '|',
  '>-',
  '|+2',
  '"',
  "'",
  '"\\u0000\\x1b[31m"',
  "'it''s'",
  '#',
  ' # c',
  ':',
  '- ',
  '? ',
  '- - - -',
  '\t',
  '\r\n',
  '\r',
  '\n\n\n',
  '\uFEFF',
  '\u0000',
  '\u0085',
  '\u2028',
  '\u00a0',
  '\ud800',
  '\udc00',
  '\ud83d\ude00',
  '\u202e',
  '\u2066',
  '\u200f',
  '\u001b[2J\u001b[31m',
  '\u009b31m',
  '\u0007',
  '<script>alert(1)</script>',
  '<!--',
  ']]>',
  '&amp;',
  '| a | b |',
  '**x** _y_ `z` [l](http://e) ![i](x)',
  '%0A::error::x',
  '$(rm -rf)',
  '[[[[[[[[[[[[[[[[[[[[',
  '{{{{{{{{{{',
  ']]]]]]',
  '}}}}',
  '../../../../../../etc/passwd',
  '/dev/zero',
  '/dev/stdin',
  '/proc/self/environ',
  'data/../../x.csv',
  'C:\\Windows\\win.ini',
  '\\\\server\\share\\x.csv',
  'file:///etc/passwd',
];

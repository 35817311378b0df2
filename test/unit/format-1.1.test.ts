// Format 1.1: a scorecard that uses every field of FORMAT.md's "Format 1.1" passes the schema,
// and the model holds what it says.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintFiles } from '../../server/src/engine';
import { AS_OF } from '../helpers/fixtures';

const file = path.join(__dirname, '..', 'fixtures', 'format-1.1', 'every-field.kpi.yaml');
const text = fs.readFileSync(file, 'utf8');

describe('format 1.1', () => {
  const { findings, workspace } = lintFiles([{ uri: file, text }], { asOf: AS_OF });
  const sc = workspace.scorecards[0];
  const kpi = (id: string) => sc.kpis.find((k) => k.id === id)!;

  it('lints a scorecard using every 1.1 field without a schema or syntax finding', () => {
    const structural = (findings.get(file) ?? []).filter((f) => f.rule === 'schema' || f.rule === 'yaml-syntax');
    assert.deepEqual(
      structural.map((f) => `${f.rule}: ${f.message}`),
      [],
    );
  });

  it('reads co-owners, tier, measure, a dated baseline and a standing target', () => {
    const a = kpi('availability');
    assert.deepEqual(
      a.owner.map((o) => o.value),
      ['infra-vp', 'sre-lead'],
    );
    assert.equal(a.tier?.value, 'key');
    assert.deepEqual([a.measure?.of?.value, a.measure?.stat?.value, a.measure?.window?.value], ['platform-availability', 'mean', 'month']);
    assert.deepEqual([a.baseline?.value, a.baseline?.date?.value], [99.9, '2025-12-31']);
    assert.deepEqual([a.target?.value?.value, a.target?.every?.value, a.target?.by], [99.95, 'month', undefined]);
  });

  it('reads observations with their reported status, note and flag', () => {
    assert.deepEqual(kpi('availability').history.slice(1), [
      { date: '2026-09-30', value: 99.81, status: 'at-risk', note: 'Two incidents in the DB tier' },
      { date: '2026-10-31', value: 99.96, flag: 'revised' },
      { date: '2026-11-30', value: 99.95, flag: 'preliminary' },
      { date: '2026-12-31', value: 99.96, flag: 'projected' },
    ]);
  });

  it('reads milestones, a plain baseline, and targets still to be decided or withheld', () => {
    const lt = kpi('p90-lead-time');
    assert.deepEqual(
      lt.milestones.map((m) => [m.value?.value, m.by?.value]),
      [
        [48, '2027-09-30'],
        [36, '2028-09-30'],
      ],
    );
    assert.deepEqual([lt.baseline?.value, lt.baseline?.date], [72, undefined]);
    assert.deepEqual([kpi('deploys').target?.pending?.value, kpi('deploys').target?.value], ['tbd', undefined]);
    assert.equal(kpi('security-incidents').target?.pending?.value, 'withheld');
  });

  it("reads a lever's owners, due date and state, and an objective's perspective", () => {
    const l = sc.levers[0];
    assert.deepEqual([l.owner.map((o) => o.value), l.due?.value, l.state?.value], [['dbre-lead'], '2027-06-30', 'active']);
    assert.deepEqual(
      sc.objectives.map((o) => o.perspective?.value),
      ['customer', 'process'],
    );
  });

  it('refuses a target that is both dated and standing', () => {
    const both = text.replace('target: { value: 99.95, every: month }', 'target: { value: 99.95, every: month, by: 2027-01-01 }');
    const f = (lintFiles([{ uri: file, text: both }], { asOf: AS_OF }).findings.get(file) ?? []).filter((x) => x.rule === 'schema');
    assert.equal(f.length, 1, JSON.stringify(f.map((x) => x.message)));
  });
});

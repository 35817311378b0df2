// Suppression comments are the YAML parser's comments: text inside a block scalar or a quoted
// string that looks like one is text, and a comment after a plain scalar is a comment whatever
// the scalar holds.
import * as assert from 'node:assert/strict';
import { fixFiles, lintFiles, parseScorecard } from '../../server/src/engine';
import { parseForEditing } from '../../server/src/engine/syntax/incremental';
import { reparsePart } from '../../server/src/engine/syntax/reparse';

const AS_OF = '2026-11-24';

const HEAD = 'kpilens: 1\nscorecard: { id: s, owner: ceo }\nreview: { cadence: yearly, last: 2026-06-01 }\n';

function findings(text: string): string[] {
  const all = lintFiles([{ uri: 's.kpi.yaml', text }], { asOf: AS_OF }).findings.get('s.kpi.yaml')!;
  return all.filter((f) => f.rule === 'unused-suppression' || f.rule === 'kpi-owner').map((f) => `${f.rule} ${f.span.start}-${f.span.end} ${f.message}`);
}

describe('suppression comments', () => {
  const TEXT_ONLY = `${HEAD}kpis:
  - id: nps
    owner: cx
    baseline: 30
    target: { value: 40, by: 2027-06-30 }
    definition: |
      Asked every quarter.
      # kpilens-disable-line kpi-owner
    name: "Net promoter score
      # kpilens-disable-next-line schema"
    unit: 'points
      # kpilens-disable-file'
`;

  it('takes no line of a block scalar or a multi-line quoted string for a comment', () => {
    assert.deepEqual(parseScorecard('s.kpi.yaml', TEXT_ONLY).scorecard.comments, []);
    assert.deepEqual(findings(TEXT_ONLY), []);
  });

  it('leaves the lines of a block scalar and a quoted string alone on --fix', () => {
    const { texts } = fixFiles([{ uri: 's.kpi.yaml', text: TEXT_ONLY }], { asOf: AS_OF });
    assert.equal(texts[0], TEXT_ONLY);
  });

  it('finds a comment after a plain scalar with an apostrophe', () => {
    const text = `${HEAD}kpis:
  - { id: csat, name: Customer's CSAT }  # kpilens-disable-line kpi-owner
  - id: nps
    name: Customer's NPS  # kpilens-disable-line kpi-owner
`;
    const at = text.indexOf('NPS  # kpilens-disable-line kpi-owner') + 'NPS  # kpilens-disable-line '.length;
    assert.deepEqual(findings(text), [
      `kpi-owner ${text.indexOf('nps')}-${text.indexOf('nps') + 3} KPI "nps" has no owner: name the person or role accountable for it.`,
      `unused-suppression ${at}-${at + 9} Unused suppression: no "kpi-owner" finding on this line.`,
    ]);
  });

  it('gives an edited item the comments a full parse gives it', () => {
    const text = `${HEAD}kpis:
  - id: a
    name: Customer's A  # one
    definition: |
      # not a comment
  - id: b
    name: B
`;
    const edited = text.replace("Customer's A", "Customer's AA");
    const next = reparsePart(parseForEditing('s.kpi.yaml', text), edited);
    assert.ok(next, 'the fast path applies');
    assert.deepEqual(next.scorecard.comments, [{ span: { start: edited.indexOf('# one'), end: edited.indexOf('# one') + 5 }, text: '# one' }]);
  });
});

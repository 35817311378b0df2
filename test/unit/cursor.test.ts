import { strict as assert } from 'node:assert';
import { cursorContext, keyAt } from '../../server/src/engine/editor/cursor';
import { folds } from '../../server/src/engine/editor/outline';

// Each case is a text with `|` where the cursor is, and what the cursor is typing there.
const CASES: [string, string, string][] = [
  ['a key at the top level', 'kpilens: 1\nsco|', 'key [] present=kpilens prefix=sco'],
  [
    'a key of a KPI, with the keys above and below it',
    'kpis:\n  - id: a\n    name: A\n    di|\n    unit: h\n  - id: b\n',
    'key ["kpis",-1] present=name,id,unit prefix=di',
  ],
  ['a key after a fresh `- `', 'kpis:\n  - id: a\n  - |', 'key ["kpis",-1] present= prefix='],
  ['a list at the indentation of its key', 'levers:\n- id: l\n  im|', 'key ["levers",-1] present=id prefix=im'],
  ['a value', 'kpis:\n  - id: a\n    direction: de|', 'value ["kpis",-1,"direction"] prefix=de'],
  ['a value right after the colon', 'kpis:\n  - id: a\n    direction:|', 'value ["kpis",-1,"direction"] prefix= space'],
  [
    'an item of a flow list, with the items before it',
    'kpis:\n  - id: a\n    poles: [task, "change", |',
    'value ["kpis",-1,"poles",-1] present=task,change prefix=',
  ],
  ['a key of a flow mapping', 'kpis:\n  - id: a\n    target: { value: 5, b|', 'key ["kpis",-1,"target"] present=value prefix=b'],
  ['a value in a flow mapping', 'kpis:\n  - id: a\n    target: { value: 5, by: 20|', 'value ["kpis",-1,"target","by"] prefix=20'],
  ['a ref being qualified', 'objectives:\n  - id: o\n    supports: [acme/on|', 'value ["objectives",-1,"supports",-1] prefix=acme/on'],
  ['an item of a block list of scalars', 'kpis:\n  - id: a\n    poles:\n      - ta|', 'key ["kpis",-1,"poles",-1] present= prefix=ta'],
  [
    'an item of a block list of scalars, with the items around it',
    'kpis:\n  - id: a\n    owner:\n      - ana\n      - |\n      - "bo" # lead\n  - id: b\n    owner:\n      - carla\n',
    'key ["kpis",-1,"owner",-1] present=ana,bo prefix=',
  ],
  [
    'a key of a list item written as a flow mapping',
    'kpis:\n  - id: a\n    history:\n      - { date: 2026-01-31, value: 4, f|',
    'key ["kpis",-1,"history",-1] present=date,value prefix=f',
  ],
  [
    'a value of a list item written as a flow mapping',
    'kpis:\n  - id: a\n    milestones:\n      - { value: 4, by: 20|',
    'value ["kpis",-1,"milestones",-1,"by"] prefix=20',
  ],
  ['a rule id in a suppression comment', 'kpis:\n  # kpilens-disable-next-line kpi-owner, sm|', 'suppression present=kpi-owner prefix=sm'],
  ['CRLF line ends', 'kpis:\r\n  - id: a\r\n    na|\r\n', 'key ["kpis",-1] present=id prefix=na'],
];

const NOTHING: [string, string][] = [
  ['inside a quoted string', 'kpis:\n  - id: a\n    name: "Open crit|'],
  ['in an ordinary comment', 'kpis: # what we measure|'],
  ['free text after a key on a line further left', 'kpis:\n  - id: a\n    name: Open critical vulnerabilities, per week|'],
  ['a document that is a list', '- a\n- |'],
  ['after a list item written as a flow mapping', 'kpis:\n  - id: a\n    history:\n      - { date: 2026-01-31, value: 4 } |'],
];

function describeContext(text: string): string {
  const offset = text.indexOf('|');
  const ctx = cursorContext(text.replace('|', ''), offset);
  if (!ctx) return 'none';
  const prefix = `prefix=${text.slice(ctx.prefix.start, ctx.prefix.end)}`;
  if (ctx.position === 'suppression') return `suppression present=${ctx.present.join(',')} ${prefix}`;
  if (ctx.position === 'value')
    return `value ${JSON.stringify(ctx.path)} ${ctx.present.length ? `present=${ctx.present.join(',')} ` : ''}${prefix}${ctx.needsSpace ? ' space' : ''}`;
  return `key ${JSON.stringify(ctx.path)} present=${ctx.present.join(',')} ${prefix}`;
}

describe('engine/editor/cursor: what the cursor is typing, from half-typed YAML', () => {
  for (const [what, text, expected] of CASES) {
    it(what, () => assert.equal(describeContext(text), expected));
  }
  for (const [what, text] of NOTHING) {
    it(`nothing ${what}`, () => {
      const d = describeContext(text);
      assert.ok(d === 'none' || d.startsWith('value ["kpis",-1,"name"]'), d);
    });
  }

  it('finds the key under an offset, in block and flow mappings', () => {
    const text = 'kpis:\n  - id: a\n    target: { value: 5, by: 2027-01-01 }\n';
    assert.deepEqual(keyAt(text, text.indexOf('target') + 2), {
      path: ['kpis', -1, 'target'],
      span: { start: text.indexOf('target'), end: text.indexOf('target') + 6 },
    });
    assert.deepEqual(keyAt(text, text.indexOf('by') + 1)?.path, ['kpis', -1, 'target', 'by']);
    assert.equal(keyAt(text, text.indexOf('2027')), undefined, 'a value is not a key');
    const item = 'kpis:\n  - id: a\n    history:\n      - { date: 2026-01-31, value: 4, flag: projected }\n';
    assert.deepEqual(keyAt(item, item.indexOf('flag') + 1)?.path, ['kpis', -1, 'history', -1, 'flag'], 'a key of a list item written as a flow mapping');
  });
});

describe('engine/editor/outline: folding by indentation', () => {
  it("folds mappings, list items, a list at its key's indentation and comment runs", () => {
    const lines = ['# one', '# two', 'kpis:', '- id: a', '  name: A', '', '- id: b', 'review:', '  cadence: weekly', '  last: 2026-01-01'];
    assert.deepEqual(folds(lines), [
      { start: 0, end: 1, comment: true },
      { start: 2, end: 6, comment: false },
      { start: 3, end: 4, comment: false },
      { start: 7, end: 9, comment: false },
    ]);
  });

  it('folds nothing in a file of one line or of broken indentation', () => {
    assert.deepEqual(folds(['kpilens: 1']), []);
    assert.deepEqual(folds(['    a:', '  b:', 'c:']), []);
  });
});

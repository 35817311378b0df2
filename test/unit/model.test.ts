// The description of the model (engine/model/model.ts) and the JSON Schema say the same: every field of
// every kind is in both, enums allow the same values, refs are refs and numbers are numbers.
import * as assert from 'node:assert/strict';
import { FIELDS, kpiSchema, parseScorecard } from '../../server/src/engine';
import { BLOCK_FIELDS } from '../../server/src/engine/syntax/build';
import type { ItemKind } from '../../server/src/engine';

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
};
const defs = (kpiSchema as { $defs: Record<string, Schema> }).$defs;
const resolve = (s: Schema): Schema => (s.$ref ? resolve(defs[s.$ref.replace('#/$defs/', '')]) : s);
const refDefs = new Set(['#/$defs/ref', '#/$defs/refList', '#/$defs/refOrRefs', '#/$defs/weightedRefs']);

describe('model: the description of the items', () => {
  for (const kind of Object.keys(FIELDS) as ItemKind[]) {
    const props = resolve(defs[kind]).properties!;
    it(`describes every field of ${kind} that the schema has, and no other`, () => {
      assert.deepEqual(
        Object.keys(FIELDS[kind]).sort(),
        Object.keys(props)
          .filter((k) => k !== 'id')
          .sort(),
      );
    });
    it(`gives the fields of ${kind} the schema's types`, () => {
      for (const [key, f] of Object.entries(FIELDS[kind])) {
        const p = props[key];
        if (f.type === 'refs') assert.ok(refDefs.has(p.$ref ?? ''), `${kind}.${key} is a ref in the schema (${p.$ref})`);
        if (f.type === 'enum') assert.deepEqual([...resolve(p).enum!].sort(), [...f.values].sort(), `${kind}.${key}`);
        if (f.type === 'enums') assert.deepEqual([...resolve(resolve(p).items!).enum!].sort(), [...f.values].sort(), `${kind}.${key}`);
        if (f.type === 'number') assert.equal(resolve(p).type, 'number', `${kind}.${key}`);
        if (f.type === 'text') assert.ok(resolve(p).type === 'string', `${kind}.${key} is a string in the schema`);
        if (f.type === 'observations') assert.equal(resolve(p).type, 'array', `${kind}.${key}`);
        const types = (x: Schema) => (x.anyOf ?? [x]).map((y) => resolve(y).type);
        if (f.type === 'structure') assert.ok(types(resolve(p)).includes('object'), `${kind}.${key} is a mapping in the schema`);
        if (f.type === 'structures' || f.type === 'enums') assert.equal(resolve(p).type, 'array', `${kind}.${key}`);
        // An empty owner (nothing, or "") is not a schema error: kpi-owner reports it, once.
        if (f.type === 'owners') assert.deepEqual(types(resolve(p)), [['string', 'null'], 'array'], `${kind}.${key}`);
      }
    });
  }
});

describe('model: the fields each top-level block sets', () => {
  // One block of each key, every field written, after a key that sets nothing.
  const BLOCKS: Record<string, string> = {
    kpilens: 'kpilens: 1\n',
    scorecard: 'scorecard:\n  id: team\n  title: Team\n  owner: ana\n  parent: company\n',
    vision: 'vision:\n  statement: Grow\n  values: [trust]\n',
    correlations: 'correlations:\n  - between: [a, b]\n    r: 0.4\n',
    polarities: 'polarities:\n  task-relationship: { task: 6, relationship: 2 }\n',
    review: 'review:\n  cadence: quarterly\n  last: 2026-09-30\n',
    wheel: 'wheel:\n  capabilities: [a]\n  responsibilities: [x]\n',
    extra: 'extra:\n  anything: 1\n',
  };
  const model = (text: string) => parseScorecard('team.kpi.yaml', text).scorecard as unknown as Record<string, unknown>;
  /** The model fields whose value a block changes (its text, line starts and the top-level shape aside). */
  const setBy = (block: string) => {
    const without = model('x: 0\n');
    const withBlock = model(`x: 0\n${block}`);
    const ignored = new Set(['text', 'lineStarts', 'shape']);
    return Object.keys({ ...without, ...withBlock })
      .filter((k) => !ignored.has(k) && JSON.stringify(without[k]) !== JSON.stringify(withBlock[k]))
      .sort();
  };

  it('lists for each block what ModelBuilder.build sets from it, and nothing for other keys', () => {
    for (const [key, block] of Object.entries(BLOCKS)) assert.deepEqual(setBy(block), [...(BLOCK_FIELDS.get(key) ?? [])].sort(), key);
  });
});

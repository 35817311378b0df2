import { strict as assert } from 'assert';
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import fc from 'fast-check';
import { parse } from 'yaml';
import { AJV_OPTIONS, compile as compileParts, EDITOR_KEYWORDS, schemaErrors } from '../../server/src/engine/syntax/schema';
import type { Validators } from '../../server/src/engine/syntax/validators';

const root = join(__dirname, '..', '..');
const schemaPath = join(root, 'schemas', 'kpi.schema.json');
const fixtures = join(root, 'test', 'fixtures', 'schema');

function loadSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
}

function compile(): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  for (const k of EDITOR_KEYWORDS) ajv.addKeyword(k);
  return ajv.compile(loadSchema());
}

/** A small valid team scorecard; each invalid case edits one spot of it. */
const BASE = `kpilens: 1
scorecard:
  id: warehouse
  title: Warehouse operations
  owner: ops-lead
  parent: northwind
objectives:
  - id: fast-picking
    title: Orders leave the warehouse quickly
    supports: [northwind/on-time-delivery]
kpis:
  - id: pick-time
    name: Median pick time
    objective: fast-picking
    owner: ops-lead
    unit: minutes
    direction: decrease
    baseline: 40
    target: { value: 25, by: 2027-09-30 }
    thresholds: { warn: 30, alert: 35 }
    cadence: weekly
levers:
  - id: slotting
    name: Fast-mover slotting
    improves: [pick-time]
polarities:
  act-reflect: { act: 5, reflect: 3 }
wheel:
  capabilities: [a, b, c, d, e, f]
  responsibilities: [x, y, z]
`;

function edit(from: string, to: string): string {
  assert.ok(BASE.includes(from), `base document does not contain ${JSON.stringify(from)}`);
  return BASE.replace(from, to);
}

describe('schemas/kpi.schema.json', () => {
  let validate: ValidateFunction;

  before(() => {
    validate = compile();
  });

  function errorsOf(text: string): ErrorObject[] {
    const ok = validate(parse(text));
    return ok ? [] : [...(validate.errors ?? [])];
  }

  function expectError(text: string, keyword: string, instancePath: string): ErrorObject {
    const errors = errorsOf(text);
    const hit = errors.find((e) => e.keyword === keyword && e.instancePath === instancePath);
    assert.ok(hit, `expected ${keyword} at ${instancePath}, got ${JSON.stringify(errors.map((e) => [e.keyword, e.instancePath]))}`);
    return hit;
  }

  it('has the draft 2020-12 $schema, and an $id where editors can fetch it, which docs/schema.md gives', () => {
    const schema = loadSchema();
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    // The file as the repository's main branch holds it: an address any editor can download.
    assert.equal(schema.$id, 'https://raw.githubusercontent.com/kpilens/kpilens/main/schemas/kpi.schema.json');
    assert.ok(readFileSync(join(root, 'docs', 'schema.md'), 'utf8').includes(schema.$id));
  });

  it('accepts the base document', () => {
    assert.deepEqual(errorsOf(BASE), []);
  });

  const validFiles = readdirSync(fixtures).filter((f) => /^valid-.*\.kpi\.yaml$/.test(f));
  it('has valid fixtures', () => assert.ok(validFiles.length >= 2));
  for (const file of validFiles) {
    it(`accepts ${file}`, () => {
      const errors = errorsOf(readFileSync(join(fixtures, file), 'utf8'));
      assert.deepEqual(errors, []);
    });
  }

  it('accepts a minimal document', () => {
    assert.deepEqual(errorsOf('kpilens: 1\nscorecard: { id: x }\n'), []);
  });

  it('requires kpilens: 1 or 1.1 and a scorecard', () => {
    expectError('scorecard: { id: x }\n', 'required', '');
    expectError('kpilens: 1\n', 'required', '');
    expectError(edit('kpilens: 1', 'kpilens: 2'), 'enum', '/kpilens');
    assert.deepEqual(errorsOf('kpilens: 1.1\nscorecard: { id: x }\n'), []);
  });

  it('rejects a direction outside increase | decrease | maintain', () => {
    const e = expectError(edit('direction: decrease', 'direction: down'), 'enum', '/kpis/0/direction');
    assert.deepEqual(e.params.allowedValues, ['increase', 'decrease', 'maintain']);
  });

  it('rejects a typo in a key', () => {
    const e = expectError(edit('    owner: ops-lead\n    unit', '    ownr: ops-lead\n    unit'), 'additionalProperties', '/kpis/0');
    assert.equal(e.params.additionalProperty, 'ownr');
    expectError(edit('  title: Warehouse', '  titel: Warehouse'), 'additionalProperties', '/scorecard');
    expectError(edit('kpilens: 1\n', 'kpilens: 1\nkpi:\n  - id: x\n'), 'additionalProperties', '');
  });

  it('rejects a string baseline', () => {
    expectError(edit('baseline: 40', 'baseline: "40"'), 'type', '/kpis/0/baseline');
    expectError(edit('baseline: 40', 'baseline: forty'), 'type', '/kpis/0/baseline');
  });

  it('rejects a date that is not YYYY-MM-DD', () => {
    expectError(edit('by: 2027-09-30', 'by: 30/09/2027'), 'pattern', '/kpis/0/target/by');
    expectError(edit('by: 2027-09-30', 'by: 2027-9-30'), 'pattern', '/kpis/0/target/by');
  });

  it('rejects an id that is not a slug', () => {
    expectError(edit('id: pick-time', 'id: Pick_Time'), 'pattern', '/kpis/0/id');
    expectError(edit('id: warehouse', 'id: warehouse-'), 'pattern', '/scorecard/id');
    expectError(edit('improves: [pick-time]', 'improves: [Pick Time]'), 'pattern', '/levers/0/improves/0');
  });

  it('rejects a KPI without a name', () => {
    const e = expectError(edit('    name: Median pick time\n', ''), 'required', '/kpis/0');
    assert.equal(e.params.missingProperty, 'name');
  });

  it('accepts improves as a map of levels and rejects a bad level', () => {
    assert.deepEqual(errorsOf(edit('improves: [pick-time]', 'improves: { pick-time: high, northwind/on-time-rate: low }')), []);
    const e = expectError(edit('improves: [pick-time]', 'improves: { pick-time: huge }'), 'enum', '/levers/0/improves/pick-time');
    assert.deepEqual(e.params.allowedValues, ['low', 'medium', 'high']);
    expectError(edit('improves: [pick-time]', 'improves: { Pick_Time: high }'), 'pattern', '/levers/0/improves');
  });

  it('rejects a polarity score outside 1..7 and an unknown pole', () => {
    expectError(edit('act: 5', 'act: 9'), 'maximum', '/polarities/act-reflect/act');
    expectError(edit('act: 5', 'act: 0'), 'minimum', '/polarities/act-reflect/act');
    expectError(edit('act: 5', 'act: 4.5'), 'type', '/polarities/act-reflect/act');
    expectError(edit('act: 5', 'task: 5'), 'additionalProperties', '/polarities/act-reflect');
  });

  it('rejects a wheel without exactly 6 capabilities and 3 responsibilities', () => {
    expectError(edit('[a, b, c, d, e, f]', '[a, b, c, d, e]'), 'minItems', '/wheel/capabilities');
    expectError(edit('[x, y, z]', '[w, x, y, z]'), 'maxItems', '/wheel/responsibilities');
  });

  it('rejects history and data together, and incomplete history entries', () => {
    const both = edit('    cadence: weekly\n', '    cadence: weekly\n    history: [{ date: 2027-01-04, value: 41 }]\n    data: { csv: a.csv, column: v }\n');
    expectError(both, 'false schema', '/kpis/0/history');
    expectError(edit('    cadence: weekly\n', '    history: [{ date: 2027-01-04 }]\n'), 'required', '/kpis/0/history/0');
  });

  it('rejects a correlation that is not a pair or has r outside -1..1', () => {
    const pair = (between: string, r: string): string => edit('levers:', `correlations:\n  - between: ${between}\n    r: ${r}\nlevers:`);
    assert.deepEqual(errorsOf(pair('[pick-time, northwind/on-time-rate]', '0.5')), []);
    expectError(pair('[pick-time]', '0.5'), 'minItems', '/correlations/0/between');
    expectError(pair('[pick-time, pick-time]', '0.5'), 'uniqueItems', '/correlations/0/between');
    expectError(pair('[pick-time, other]', '1.2'), 'maximum', '/correlations/0/r');
  });

  it('rejects a negative noise and an unknown pole or cadence', () => {
    expectError(edit('    cadence: weekly\n', '    noise: -1\n'), 'minimum', '/kpis/0/noise');
    expectError(edit('    cadence: weekly\n', '    poles: [task, speed]\n'), 'enum', '/kpis/0/poles/1');
    expectError(edit('cadence: weekly', 'cadence: hourly'), 'enum', '/kpis/0/cadence');
  });

  it('gives every property a description', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) {
        node.forEach((child, i) => walk(child, `${path}/${i}`));
        return;
      }
      if (node === null || typeof node !== 'object') return;
      const obj = node as Record<string, unknown>;
      for (const key of ['properties', '$defs']) {
        const map = obj[key];
        if (map && typeof map === 'object') {
          for (const [name, sub] of Object.entries(map as Record<string, unknown>)) {
            if (sub === false) continue; // a forbidden property
            const d = (sub as Record<string, unknown>).description;
            if (typeof d !== 'string' || d.trim() === '') missing.push(`${path}/${key}/${name}`);
          }
        }
      }
      for (const [key, child] of Object.entries(obj)) walk(child, `${path}/${key}`);
    };
    walk(loadSchema(), '#');
    assert.deepEqual(missing, []);
  });

  /** Every object in the schema, with its JSON pointer. */
  const nodes = (node: unknown, at = '#'): [string, Record<string, unknown>][] => {
    if (node === null || typeof node !== 'object') return [];
    const children = Object.entries(node).flatMap(([k, v]) => nodes(v, `${at}/${k}`));
    return Array.isArray(node) ? children : [[at, node as Record<string, unknown>], ...children];
  };

  it('says what every value of every enum means, for completion in editors', () => {
    const enums = nodes(loadSchema()).filter(([, n]) => Array.isArray(n.enum));
    assert.ok(enums.length >= 15);
    const wrong = enums.filter(([, n]) => {
      const d = n.markdownEnumDescriptions;
      return !Array.isArray(d) || d.length !== (n.enum as unknown[]).length || d.some((x) => typeof x !== 'string' || x.trim() === '');
    });
    assert.deepEqual(
      wrong.map(([at]) => at),
      [],
    );
  });

  it('offers snippets that are valid where they are offered', () => {
    const schema = loadSchema();
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    for (const k of EDITOR_KEYWORDS) ajv.addKeyword(k);
    ajv.addSchema(schema);
    // A snippet body as an editor inserts it when every placeholder keeps its default or first choice.
    const expand = (v: unknown): unknown =>
      typeof v === 'string'
        ? v.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1')
        : Array.isArray(v)
          ? v.map(expand)
          : v && typeof v === 'object'
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expand(x)]))
            : v;
    const withSnippets = nodes(schema).filter(([, n]) => Array.isArray(n.defaultSnippets));
    assert.deepEqual(withSnippets.map(([at]) => at).sort(), ['#/$defs/kpi', '#/$defs/lever', '#/$defs/objective', '#/$defs/target']);
    for (const [at, n] of withSnippets) {
      const validate = ajv.getSchema(`${String(schema.$id)}${at}`)!;
      for (const snippet of n.defaultSnippets as { label: string; body: unknown }[]) {
        assert.ok(validate(expand(snippet.body)), `${at} ${snippet.label}: ${JSON.stringify(validate.errors)}`);
      }
    }
  });
});

describe('schema validation in parts', () => {
  const whole = (() => {
    // The whole schema, compiled as one, with the engine's options.
    const ajv = new Ajv2020(AJV_OPTIONS);
    for (const k of EDITOR_KEYWORDS) ajv.addKeyword(k);
    return ajv.compile(loadSchema());
  })();
  const key = (e: ErrorObject) => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)} ${e.message}`;
  const same = (data: unknown) => {
    const expected = whole(data) ? [] : (whole.errors ?? []).map(key).sort();
    assert.deepEqual(
      schemaErrors(data as Record<string, unknown>)
        .map(key)
        .sort(),
      expected,
      JSON.stringify(data).slice(0, 300),
    );
  };

  it('finds exactly the errors of the whole schema in every fixture', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const d of readdirSync(dir, { withFileTypes: true })) {
        if (d.isDirectory()) walk(join(dir, d.name));
        else if (d.name.endsWith('.kpi.yaml')) files.push(join(dir, d.name));
      }
    };
    walk(join(root, 'test', 'fixtures'));
    walk(join(root, 'examples'));
    assert.ok(files.length > 100, `${files.length} files`);
    for (const f of files) {
      const data: unknown = (() => {
        try {
          return parse(readFileSync(f, 'utf8'));
        } catch {
          return undefined;
        }
      })();
      if (data && typeof data === 'object' && !Array.isArray(data)) same(data);
    }
  });

  it('finds exactly the errors of the whole schema for any value in any place, and again from its cache', () => {
    const base = parse(readFileSync(join(root, 'examples', 'company.kpi.yaml'), 'utf8')) as Record<string, unknown>;
    const lists = ['objectives', 'kpis', 'levers', 'disturbances', 'correlations', 'scorecard', 'vision'];
    fc.assert(
      fc.property(fc.constantFrom(...lists), fc.nat(), fc.jsonValue({ maxDepth: 3 }), fc.boolean(), (list, at, value, replaceList) => {
        const data: Record<string, unknown> = { ...base };
        const current = data[list];
        if (replaceList || !Array.isArray(current)) data[list] = value;
        else {
          const items = [...current];
          items.splice(at % (items.length + 1), 0, value);
          data[list] = items;
        }
        same(data);
        same(data);
      }),
      { numRuns: 300, seed: 20261125 },
    );
  });

  describe('the standalone code of the bundles', () => {
    // scripts/validators.cjs is CommonJS for esbuild.mjs; its shape is simple enough to state here.
    const generator = require('../../scripts/validators.cjs') as { AJV_OPTIONS: object; EDITOR_KEYWORDS: string[]; validatorsSource(): string };
    const standalone = (() => {
      const module = { exports: {} as Record<string, unknown> };
      new Function('module', 'exports', 'require', generator.validatorsSource())(module, module.exports, require);
      return module.exports as unknown as Validators;
    })();
    const compiled = compileParts();
    // Everything explain() reads of an error, the schema it failed included.
    const full = (e: ErrorObject) => `${key(e)} ${JSON.stringify(e.parentSchema)}`;
    const alike = (data: unknown) => {
      const d = data as Record<string, unknown>;
      assert.deepEqual(schemaErrors(d, standalone).map(full).sort(), schemaErrors(d, compiled).map(full).sort(), JSON.stringify(data).slice(0, 300));
    };

    it('is generated with the options of the engine', () => {
      assert.deepEqual(generator.AJV_OPTIONS, AJV_OPTIONS);
      assert.deepEqual(generator.EDITOR_KEYWORDS, EDITOR_KEYWORDS);
    });

    it('finds exactly the errors of the compiled schema, for any value in any place', () => {
      const base = parse(readFileSync(join(root, 'examples', 'company.kpi.yaml'), 'utf8')) as Record<string, unknown>;
      alike(base);
      fc.assert(
        fc.property(
          fc.constantFrom('objectives', 'kpis', 'levers', 'disturbances', 'correlations', 'scorecard', 'vision', 'polarities', 'review', 'wheel'),
          fc.nat(),
          fc.jsonValue({ maxDepth: 3 }),
          fc.boolean(),
          fc.constantFrom(
            '',
            'name',
            'target',
            'thresholds',
            'owner',
            'poles',
            'history',
            'data',
            'cadence',
            'objective',
            'improves',
            'supports',
            'id',
            'colour',
          ),
          (list, at, value, replaceList, field) => {
            const data: Record<string, unknown> = { ...base };
            const current = data[list];
            // A field of an existing entry: the errors deep inside an item's definition.
            if (field && Array.isArray(current) && current.length) {
              const items = [...current];
              const i = at % items.length;
              items[i] = { ...(items[i] as object), [field]: value };
              data[list] = items;
            } else if (field && current && typeof current === 'object' && !Array.isArray(current)) data[list] = { ...current, [field]: value };
            else if (replaceList || !Array.isArray(current)) data[list] = value;
            else {
              const items = [...current];
              items.splice(at % (items.length + 1), 0, value);
              data[list] = items;
            }
            alike(data);
          },
        ),
        { numRuns: 600, seed: 20261125 },
      );
    });
  });
});

// The standalone code of the scorecard schema's validators: the top level and each kind of list
// item, as server/src/engine/syntax/schema.ts validates them. esbuild.mjs puts it in the bundles, so the
// language server and the CLI do not compile the schema each time they start. The options must
// be those of schema.ts (test/unit/schema.test.ts checks both, and that this code finds exactly
// the errors of the compiled schema).
'use strict';
const Ajv2020 = require('ajv/dist/2020').default;
const standaloneCode = require('ajv/dist/standalone').default;
const schema = require('../schemas/kpi.schema.json');

const AJV_OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true, verbose: true };
const EDITOR_KEYWORDS = ['markdownDescription', 'markdownEnumDescriptions', 'defaultSnippets'];

/** CommonJS source exporting `root`, `objectives`, `kpis`, `levers` and `disturbances`. */
function validatorsSource() {
  const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true } });
  for (const k of EDITOR_KEYWORDS) ajv.addKeyword(k);
  ajv.addSchema(schema);
  const def = (name) => `${schema.$id}#/$defs/${name}`;
  return standaloneCode(ajv, { root: schema.$id, objectives: def('objective'), kpis: def('kpi'), levers: def('lever'), disturbances: def('disturbance') });
}

module.exports = { AJV_OPTIONS, EDITOR_KEYWORDS, validatorsSource };

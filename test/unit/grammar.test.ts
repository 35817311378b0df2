import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry } from 'vscode-textmate';
import type { IGrammar } from 'vscode-textmate';

// The TextMate grammar, run by the same engine VS Code uses (vscode-textmate with Oniguruma).

const root = path.join(__dirname, '..', '..');

async function loadGrammar(): Promise<IGrammar> {
  const wasm = fs.readFileSync(path.join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s) => new oniguruma.OnigScanner(s), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) =>
      scope === 'source.kpi-yaml' ? JSON.parse(fs.readFileSync(path.join(root, 'syntaxes', 'kpi-yaml.tmLanguage.json'), 'utf8')) : null,
  });
  const g = await registry.loadGrammar('source.kpi-yaml');
  assert.ok(g);
  return g;
}

/** Every token of a text as `text|innermost scope`, line by line, skipping whitespace-only tokens. */
function tokens(g: IGrammar, text: string): string[] {
  const out: string[] = [];
  let state = INITIAL;
  for (const line of text.split('\n')) {
    const r = g.tokenizeLine(line, state);
    for (const t of r.tokens) {
      const s = line.slice(t.startIndex, t.endIndex);
      if (s.trim()) out.push(`${s.trim()}|${t.scopes[t.scopes.length - 1]}`);
    }
    state = r.ruleStack;
  }
  return out;
}

function scopeOf(g: IGrammar, text: string, word: string, nth = 0): string {
  const found = tokens(g, text).filter((t) => t.startsWith(`${word}|`));
  assert.ok(found[nth], `no token ${JSON.stringify(word)} (#${nth}) in ${JSON.stringify(tokens(g, text))}`);
  return found[nth].slice(word.length + 1);
}

describe('syntaxes/kpi-yaml.tmLanguage.json', () => {
  let g: IGrammar;
  before(async () => {
    g = await loadGrammar();
  });

  it('marks ids where they are defined, in block and flow mappings', () => {
    const text = 'scorecard:\n  id: depot\nkpis:\n  - id: dwell-time\n  - { id: "van-age", name: Age }\n';
    assert.equal(scopeOf(g, text, 'depot'), 'entity.name.type.id.kpi-yaml');
    assert.equal(scopeOf(g, text, 'dwell-time'), 'entity.name.type.id.kpi-yaml');
    assert.equal(scopeOf(g, text, 'van-age'), 'entity.name.type.id.kpi-yaml');
    assert.equal(scopeOf(g, text, 'id'), 'entity.name.tag.yaml');
    assert.equal(scopeOf(g, text, 'name'), 'entity.name.tag.yaml');
  });

  it('splits refs into scorecard and id, in every form a ref field takes', () => {
    const text = [
      'kpis:',
      '  - objective: fast-dispatch',
      '    contributes: [acme/on-time-rate, nps]',
      '    name: Share of late parcels and/or lost ones',
      'levers:',
      '  - improves: { dwell-time: high, acme/nps: low }',
      'objectives:',
      '  - supports: [vision]',
      '    title: Root',
      '    supports:',
      '      - acme/on-time',
    ].join('\n');
    assert.equal(scopeOf(g, text, 'fast-dispatch'), 'variable.other.ref.kpi-yaml');
    assert.equal(scopeOf(g, text, 'acme'), 'entity.name.namespace.scorecard.kpi-yaml');
    assert.equal(scopeOf(g, text, '/'), 'punctuation.separator.ref.kpi-yaml');
    assert.equal(scopeOf(g, text, 'on-time-rate'), 'variable.other.ref.kpi-yaml');
    assert.equal(scopeOf(g, text, 'nps'), 'variable.other.ref.kpi-yaml');
    assert.equal(scopeOf(g, text, 'dwell-time'), 'variable.other.ref.kpi-yaml');
    assert.equal(scopeOf(g, text, 'high'), 'constant.language.level.kpi-yaml');
    assert.equal(scopeOf(g, text, 'vision'), 'constant.language.vision.kpi-yaml');
    assert.equal(scopeOf(g, text, 'on-time'), 'variable.other.ref.kpi-yaml', 'a qualified ref alone on a list item');
    assert.equal(scopeOf(g, text, 'title'), 'entity.name.tag.yaml', 'the ref field ends with its line');
    assert.ok(!tokens(g, text).some((t) => t.startsWith('or|')), 'free text is not split into refs');
  });

  it('marks poles, enum values, dates and numbers', () => {
    const text = '  - poles: [task, stability]\n    direction: decrease\n    target: { value: 4.5, by: 2027-06-30 }\n    poles:\n      - empower\n';
    assert.equal(scopeOf(g, text, 'task'), 'constant.language.pole.kpi-yaml');
    assert.equal(scopeOf(g, text, 'stability'), 'constant.language.pole.kpi-yaml');
    assert.equal(scopeOf(g, text, 'empower'), 'constant.language.pole.kpi-yaml');
    assert.equal(scopeOf(g, text, 'decrease'), 'constant.language.enum.kpi-yaml');
    assert.equal(scopeOf(g, text, '4.5'), 'constant.numeric.yaml');
    assert.equal(scopeOf(g, text, '2027-06-30'), 'constant.numeric.date.yaml');
  });

  it('marks comments, the suppression directive and its rule ids', () => {
    const text = '# kpilens-disable-next-line kpi-owner, smart-target -- owner is hired in May\nname: "Issue #5" # note\n';
    assert.equal(scopeOf(g, text, 'kpilens-disable-next-line'), 'keyword.control.directive.suppression.kpi-yaml');
    assert.equal(scopeOf(g, text, 'kpi-owner'), 'constant.other.rule-id.kpi-yaml');
    assert.equal(scopeOf(g, text, 'smart-target'), 'constant.other.rule-id.kpi-yaml');
    assert.equal(scopeOf(g, text, '-- owner is hired in May'), 'comment.line.number-sign.yaml');
    assert.equal(scopeOf(g, text, 'note'), 'comment.line.number-sign.yaml');
  });

  it('keeps block scalars as text until the indentation comes back', () => {
    const text = 'kpis:\n  - id: k\n    definition: |\n      id: not-an-id\n      # not a comment\n    owner: ops\n';
    assert.equal(scopeOf(g, text, 'id: not-an-id'), 'string.unquoted.block.yaml');
    assert.equal(scopeOf(g, text, '# not a comment'), 'string.unquoted.block.yaml');
    assert.equal(scopeOf(g, text, 'owner'), 'entity.name.tag.yaml');
  });
});

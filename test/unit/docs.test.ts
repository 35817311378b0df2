import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../server/src/engine';
import type { RuleMeta } from '../../server/src/engine';
import { END, README, ruleTable, START, withRuleTable } from '../../scripts/rule-table';

const DOCS = path.join(__dirname, '..', '..', 'docs', 'rules');
const SECTIONS = ['## Why', '## Triggers', '## How to fix', '## Options', '## Default severity'];

/** What is wrong with a rule's docs page; empty when it is complete and agrees with the metadata. */
function pageProblems(meta: RuleMeta, text: string): string[] {
  const problems: string[] = [];
  const lines = text.split(/\r?\n/);
  if (lines[0] !== `# ${meta.id}`) problems.push(`the first line must be "# ${meta.id}"`);
  const summary = lines.slice(1).find((l) => l.trim() !== '');
  if (!summary || summary.startsWith('#')) problems.push('a one-line summary must follow the title');
  const heads = lines.filter((l) => l.startsWith('## '));
  if (heads.join('|') !== SECTIONS.join('|')) problems.push(`the sections must be, in order: ${SECTIONS.join(', ')} (found: ${heads.join(', ') || 'none'})`);
  const section = (name: string) => {
    const i = lines.indexOf(name);
    if (i < 0) return '';
    const next = lines.findIndex((l, j) => j > i && l.startsWith('## '));
    return lines.slice(i + 1, next < 0 ? undefined : next).join('\n');
  };
  if (!/```yaml\n[\s\S]+?```/.test(section('## Triggers'))) problems.push('Triggers needs a ```yaml example');
  if (section('## Why').trim() === '') problems.push('Why is empty');
  if (section('## How to fix').trim() === '') problems.push('How to fix is empty');
  const options = Object.keys(meta.options ?? {});
  const optionText = section('## Options');
  if (options.length === 0 && !/None\./.test(optionText)) problems.push('Options must say "None."');
  for (const o of options) if (!optionText.includes(`\`${o}\``)) problems.push(`Options must describe \`${o}\``);
  if (!new RegExp(`\\b${meta.defaultSeverity}\\b`).test(section('## Default severity'))) problems.push(`Default severity must say ${meta.defaultSeverity}`);
  return problems;
}

describe('rule docs', () => {
  const pages = fs.readdirSync(DOCS).filter((f) => f.endsWith('.md'));

  it('every registered rule has a page', () => {
    assert.deepEqual(
      RULES.map((r) => r.meta.id).filter((id) => !pages.includes(`${id}.md`)),
      [],
    );
  });

  it('every page belongs to a registered rule', () => {
    const ids = new Set(RULES.map((r) => r.meta.id));
    assert.deepEqual(
      pages.filter((p) => !ids.has(p.replace(/\.md$/, ''))),
      [],
    );
  });

  for (const rule of RULES) {
    it(`${rule.meta.id}.md has every section and agrees with the metadata`, () => {
      const file = path.join(DOCS, `${rule.meta.id}.md`);
      assert.ok(fs.existsSync(file), `missing ${file}`);
      assert.deepEqual(pageProblems(rule.meta, fs.readFileSync(file, 'utf8')), []);
    });
  }

  it('catches a page without sections, without the option names, or with the wrong severity', () => {
    const meta: RuleMeta = {
      id: 'x',
      description: 'd',
      category: 'practice',
      defaultSeverity: 'info',
      fixable: false,
      options: { gap: { description: 'g', default: 3, min: 1 } },
    };
    assert.deepEqual(pageProblems(meta, '# x\n\n## Why\n\nBecause.\n'), [
      'a one-line summary must follow the title',
      'the sections must be, in order: ## Why, ## Triggers, ## How to fix, ## Options, ## Default severity (found: ## Why)',
      'Triggers needs a ```yaml example',
      'How to fix is empty',
      'Options must describe `gap`',
      'Default severity must say info',
    ]);
    const good =
      '# x\n\nSummary.\n\n## Why\n\nW.\n\n## Triggers\n\n```yaml\na: 1\n```\n\n## How to fix\n\nF.\n\n## Options\n\n| `gap` | 3 |\n\n## Default severity\n\n`info`\n';
    assert.deepEqual(pageProblems(meta, good), []);
    assert.deepEqual(pageProblems({ ...meta, options: undefined }, good), ['Options must say "None."']);
  });
});

describe('README rule table', () => {
  it('is up to date (run `npx tsx scripts/rule-table.ts` to regenerate it)', () => {
    const readme = fs.readFileSync(README, 'utf8');
    const updated = withRuleTable(readme);
    assert.ok(updated !== undefined, `README.md has no ${START} ... ${END} markers; add them and run \`npx tsx scripts/rule-table.ts\`.`);
    assert.ok(updated === readme, 'The rule table in README.md is stale: run `npx tsx scripts/rule-table.ts`.');
  });

  it('has one row per rule, linked to its docs page, with pipes escaped', () => {
    const table = ruleTable([{ meta: { id: 'a-b', description: 'x | y', category: 'structure', defaultSeverity: 'hint', fixable: true }, check() {} }]);
    assert.equal(
      table,
      '| rule | category | default severity | fixable | description |\n|---|---|---|---|---|\n| [`a-b`](docs/rules/a-b.md) | structure | hint | yes | x \\| y |',
    );
    assert.equal(
      withRuleTable(`top\n${START}\nold\n${END}\nend\n`, []),
      `top\n${START}\n| rule | category | default severity | fixable | description |\n|---|---|---|---|---|\n${END}\nend\n`,
    );
    assert.equal(withRuleTable('no markers'), undefined);
  });
});

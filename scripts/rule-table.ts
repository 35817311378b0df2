// Rewrites the rule table of README.md (between the rules:start and rules:end markers) from the
// rules' metadata, so the table never drifts from the code. Run: npx tsx scripts/rule-table.ts
import * as fs from 'node:fs';
import * as path from 'node:path';
import { docsPath, RULES } from '../server/src/engine';
import type { Rule } from '../server/src/engine';

export const START = '<!-- rules:start -->';
export const END = '<!-- rules:end -->';
export const README = path.join(__dirname, '..', 'README.md');

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function ruleTable(rules: readonly Rule[] = RULES): string {
  const rows = rules.map(
    ({ meta: m }) => `| [\`${m.id}\`](${docsPath(m.id)}) | ${m.category} | ${m.defaultSeverity} | ${m.fixable ? 'yes' : 'no'} | ${cell(m.description)} |`,
  );
  return ['| rule | category | default severity | fixable | description |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** The README text with a fresh table between the markers, or undefined when the markers are missing. */
export function withRuleTable(readme: string, rules: readonly Rule[] = RULES): string | undefined {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END, start + START.length);
  if (start < 0 || end < 0) return undefined;
  const eol = readme.includes('\r\n') ? '\r\n' : '\n';
  return `${readme.slice(0, start + START.length)}${eol}${ruleTable(rules).replace(/\n/g, eol)}${eol}${readme.slice(end)}`;
}

if (require.main === module) {
  const updated = withRuleTable(fs.readFileSync(README, 'utf8'));
  if (updated === undefined) {
    console.error(`README.md has no ${START} ... ${END} markers: add them where the rule table belongs.`);
    process.exit(1);
  }
  fs.writeFileSync(README, updated);
  console.log(`README.md: rule table written (${RULES.length} rules).`);
}

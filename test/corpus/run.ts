// `npm run corpus`: how kpilens fares on the corpus of published scorecards. Prints, per rule,
// true positives, false positives and misses against the expert's markers, the totals, every
// false positive and miss, and exits 1 when the score falls below test/corpus/floor.json.
//
//   npm run corpus [-- --update-floor]
//
// --update-floor writes the current score as the new floor (after an improvement).
import * as fs from 'node:fs';
import { belowFloor, FLOOR_FILE, floorJson, floorOf, Outcome, readFloor, scoreCorpus, table } from './score';

const score = scoreCorpus();
const where = (o: Outcome) => `${o.folder}/${o.file}:${o.line}`;

console.log(`Corpus of published scorecards: ${score.folders.length} folders, as of 2026-11-24.\n`);
console.log(table(score));

const pending = score.rules.filter((r) => r.pending);
if (pending.length) {
  console.log(`\nNot on this branch yet: ${pending.map((r) => r.rule).join(', ')}. Their ${pending.reduce((n, r) => n + r.miss, 0)} expected findings count as misses until those rules are merged.`);
}
if (score.falsePositives.length) {
  console.log('\nFalse positives:');
  for (const f of score.falsePositives) console.log(`  ${where(f)} ${f.rule}${f.markedNot ? ' (marked expect-not)' : ''}: ${f.message}`);
}
const misses = score.misses.filter((m) => !pending.some((r) => r.rule === m.rule));
if (misses.length) {
  console.log('\nMisses:');
  for (const m of misses) console.log(`  ${where(m)} ${m.rule}`);
}

if (process.argv.includes('--update-floor')) {
  fs.writeFileSync(FLOOR_FILE, floorJson(floorOf(score)));
  console.log('\nFloor written: test/corpus/floor.json.');
  process.exit(0);
}
const problems = belowFloor(score, readFloor());
if (problems.length) {
  console.log('\nBelow the floor (test/corpus/floor.json):');
  for (const p of problems) console.log(`  ${p}`);
  console.log('A rule got worse on real scorecards. If a marker is wrong, fix it with a written reason; if the change is an improvement elsewhere, run `npm run corpus -- --update-floor`.');
  process.exit(1);
}
console.log('\nAt or above the floor (test/corpus/floor.json).');

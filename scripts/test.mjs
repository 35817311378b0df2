#!/usr/bin/env node
// `npm test`: every suite, from the fastest to the slowest, then one line with the totals.
//
//   node scripts/test.mjs [--only typecheck,lint,build,install,unit,corpus,lsp,browser,lines,fuzz,package,e2e]
//
// Under CI (CI=true) the tools that are not in package.json (code-server, the Node lines,
// chromium through apt) are installed into a new empty folder, removed at the end, so that CI
// proves the install of a new machine every time. Elsewhere they stay cached (docs/development.md).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir, cleanEnv, markFresh } from './tools.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MOCHA = path.join(REPO, 'node_modules', 'mocha', 'bin', 'mocha.js');
const ESLINT = path.join(REPO, 'node_modules', 'eslint', 'bin', 'eslint.js');
const PRETTIER = path.join(REPO, 'node_modules', 'prettier', 'bin', 'prettier.cjs');
const TSX = path.join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const UNIT = ['test/unit/**/*.test.ts', 'test/cli/**/*.test.ts'];

const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? new Set(process.argv[onlyArg + 1].split(',')) : null;
const wanted = (step) => !only || only.has(step);

const { dir: cache, fresh } = cacheDir();
if (fresh) markFresh(cache);
const env = cleanEnv(process.env, { KPILENS_E2E_CACHE: cache });

const t0 = Date.now();
const totals = { passed: 0, failed: 0, skipped: 0 };
const rows = [];

/** Runs a step with its output shown as it comes; counts mocha's and the e2e runner's tallies. */
function step(name, cmd, args, extraEnv = {}) {
  const started = Date.now();
  console.log(`\n== ${name}`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: REPO, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b) => {
      out += b;
      process.stdout.write(b);
    });
    child.stderr.on('data', (b) => process.stderr.write(b));
    child.on('close', (code, signal) => {
      const n = (re) => Number(out.match(re)?.[1] ?? 0);
      let counts = null;
      const e2e = out.match(/^e2e: (\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/m);
      if (e2e) counts = { passed: +e2e[1], failed: +e2e[2], skipped: +(e2e[3] ?? 0) };
      else if (/\d+ passing/.test(out)) counts = { passed: n(/(\d+) passing/), failed: n(/(\d+) failing/), skipped: n(/(\d+) pending/) };
      const ok = code === 0;
      // A step that failed without a failed test (a crash, a compile error) counts one failure.
      if (!counts) counts = { passed: 0, failed: ok ? 0 : 1, skipped: 0 };
      else if (!ok && counts.failed === 0) counts.failed = 1;
      for (const k of Object.keys(totals)) totals[k] += counts[k];
      rows.push({ name, ok, seconds: (Date.now() - started) / 1000, counts, signal });
      resolve(ok);
    });
  });
}

function nodes() {
  try {
    return JSON.parse(fs.readFileSync(path.join(cache, 'nodes.json'), 'utf8'));
  } catch {
    return {};
  }
}

async function main() {
  // The cheap checks gate the rest: a type error or a broken layer makes later results meaningless.
  if (wanted('typecheck') && !(await step('typecheck', 'npm', ['run', '--silent', 'typecheck']))) return;
  if (wanted('lint') && !(await step('eslint', process.execPath, [ESLINT, '.']))) return;
  if (wanted('lint') && !(await step('prettier', process.execPath, [PRETTIER, '--check', '.']))) return;
  if (wanted('build') && !(await step('build', process.execPath, ['esbuild.mjs']))) return;
  // The browser suites need chromium, the Node lines their binaries: install before the suites.
  const installed = !wanted('install') || (await step('install the test tools', process.execPath, ['test/e2e/run.mjs', '--install-only']));
  const mocha = (name, globs, node = process.execPath) => step(name, node, [MOCHA, '--reporter', 'dot', ...globs]);
  if (wanted('unit')) await mocha(`unit and CLI (Node ${process.versions.node})`, UNIT);
  // The unit suite holds the corpus to its floor too; this step prints the table in the log.
  if (wanted('corpus')) await step('corpus of published scorecards', process.execPath, [TSX, 'test/corpus/run.ts']);
  if (wanted('lsp')) await mocha('language server', ['test/lsp/**/*.test.ts']);
  if (wanted('browser')) await mocha('preview in chromium', ['test/browser/**/*.test.ts']);
  if (wanted('lines') && installed) {
    // The LTS lines the project declares in package.json's engines.
    for (const [line, bin] of Object.entries(nodes()).sort())
      await mocha(`unit, CLI and language server (Node ${line})`, [...UNIT, 'test/lsp/**/*.test.ts'], bin);
  }
  if (wanted('fuzz')) await mocha('fuzz, a bounded run', ['test/fuzz/**/*.test.ts']);
  if (wanted('package')) await mocha('npm pack, and the CLI installed from it', ['test/package/**/*.test.ts']);
  if (wanted('e2e') && installed) await step('VS Code end-to-end', process.execPath, ['test/e2e/run.mjs', '--suites']);
}

let code;
try {
  await main();
  code = rows.every((r) => r.ok) ? 0 : 1;
} finally {
  if (fresh) fs.rmSync(cache, { recursive: true, force: true });
}
console.log('\n== summary');
for (const r of rows) {
  const c = r.counts;
  console.log(
    `${r.ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(48)} ${String(Math.round(r.seconds)).padStart(5)} s  ${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}`,
  );
}
console.log(`wall time ${Math.round((Date.now() - t0) / 1000)} s`);
console.log(`total: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(code);

#!/usr/bin/env node
// End-to-end runner: the kpilens extension inside a real VS Code (code-server from npm),
// driven by Debian's chromium through playwright-core. See test/e2e/README.md.
//
//   node test/e2e/run.mjs --suites [--host all|node|web] [--workspace DIR] [--timeout SEC] [--dev-path installed|repo]
//   node test/e2e/run.mjs --demo   [--workspace DIR] [--port N]
//
// One-time installs go to a cache folder outside the repo (KPILENS_E2E_CACHE, default
// $XDG_CACHE_HOME/kpilens-e2e or ~/.cache/kpilens-e2e). Each run gets a fresh temp dir.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort, installVsix, isolatedEnv, prepareWorkspace, runDirs, startCodeServer } from './code-server.mjs';
import { buildAndPackage, ensureTools } from './install.mjs';
import { exiting, exitCodeOnSignal, finish, HERE, log, onCleanup, REPO, startTally } from './lifecycle.mjs';
import { nodeRun } from './node-host.mjs';
import { webOnly, webRun } from './web-host.mjs';
import { SHOTS } from './workbench.mjs';

// ---------------------------------------------------------------- arguments
function parseArgs(argv) {
  const o = {
    mode: 'suites',
    workspace: null,
    timeoutSec: Number(process.env.KPILENS_E2E_TIMEOUT || 360),
    devPath: process.env.KPILENS_E2E_DEV_PATH || 'installed',
    extensionRoot: process.env.KPILENS_E2E_EXTENSION_ROOT || REPO,
    port: 0,
    keep: false,
    host: process.env.KPILENS_E2E_HOST || 'all',
    vsix: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--suites') o.mode = 'suites';
    else if (a === '--demo') o.mode = 'demo';
    else if (a === '--install-only') o.mode = 'install';
    else if (a === '--workspace') o.workspace = path.resolve(val());
    else if (a === '--timeout') o.timeoutSec = Number(val());
    else if (a === '--dev-path') o.devPath = val();
    else if (a === '--extension-root') o.extensionRoot = path.resolve(val());
    else if (a === '--port') o.port = Number(val());
    else if (a === '--keep') o.keep = true;
    else if (a === '--host') o.host = val();
    else if (a === '--vsix') o.vsix = path.resolve(val());
    else if (a === '-h' || a === '--help') usage();
    else usage(`unknown argument ${a}`);
  }
  if (!['installed', 'repo'].includes(o.devPath)) usage('--dev-path is installed or repo');
  if (!['all', 'node', 'web'].includes(o.host)) usage('--host is all, node or web');
  if (!(o.timeoutSec > 0)) usage('--timeout must be a positive number of seconds');
  return o;
}
function usage(err) {
  if (err) console.error(`error: ${err}`);
  console.error(
    'usage: node test/e2e/run.mjs [--suites | --demo | --install-only] [--host all|node|web] [--vsix FILE] [--workspace DIR]\n' +
      '         [--timeout SEC] [--dev-path installed|repo] [--extension-root DIR] [--port N] [--keep]',
  );
  process.exit(err ? 2 : 0);
}

// ---------------------------------------------------------------- main
async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.mode === 'suites') startTally();
  const tools = ensureTools();
  log(`install: ready`);
  if (o.mode === 'install') return 0;

  let timer;
  if (o.mode === 'suites') {
    timer = setTimeout(() => {
      console.error(`[e2e] TIME-OUT: no result after ${o.timeoutSec}s (after the one-time install); stopping`);
      finish(1);
    }, o.timeoutSec * 1000);
  }

  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-e2e-'));
  let ok = false;
  onCleanup(() => {
    if (o.keep || (!ok && o.mode === 'suites')) log(`run dir kept: ${runDir} (code-server.log is in node/ and web/)`);
    else fs.rmSync(runDir, { recursive: true, force: true });
  });
  const pkg = buildAndPackage(tools, o, runDir);

  if (o.mode === 'demo') {
    const d = runDirs(runDir);
    const env = isolatedEnv(tools, d);
    const installed = installVsix(tools, d, env, pkg);
    if (o.host === 'web') webOnly(d, pkg);
    log(`install: ${pkg.id} -> ${installed}`);
    let fixture = o.workspace ?? path.join(HERE, 'workspace');
    const ex = path.join(REPO, 'examples');
    if (!o.workspace && fs.existsSync(ex) && fs.readdirSync(ex).some((f) => f.endsWith('.kpi.yaml'))) fixture = ex;
    const ws = prepareWorkspace(fixture, runDir);
    log(`workspace: copy of ${fixture}`);
    const { url } = await startCodeServer(tools, d, env, ws, o.port || (await freePort()));
    exitCodeOnSignal(0);
    console.log(`\n  kpilens demo: open ${url}/?folder=${encodeURIComponent(ws)}\n  (workspace is a copy of ${fixture}; Ctrl-C stops)\n`);
    await new Promise(() => {});
  }

  fs.rmSync(SHOTS, { recursive: true, force: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  let passed = true;
  if (o.host !== 'web') passed = (await nodeRun(tools, o, pkg, path.join(runDir, 'node'))) && passed;
  if (o.host !== 'node') passed = (await webRun(tools, o, pkg, path.join(runDir, 'web'))) && passed;
  ok = passed;
  clearTimeout(timer);
  log(ok ? 'PASSED' : 'FAILED');
  return ok ? 0 : 1;
}

main().then(
  (code) => finish(code),
  (e) => {
    if (!exiting) console.error(`[e2e] ERROR: ${e?.stack ?? e}`); // else: a time-out or signal is already stopping us
    finish(1);
  },
);

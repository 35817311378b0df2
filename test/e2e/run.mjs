#!/usr/bin/env node
// End-to-end runner: the kpilens extension inside a real VS Code (code-server from npm),
// driven by Debian's chromium through playwright-core. See test/e2e/README.md.
//
//   node test/e2e/run.mjs --suites [--host all|node|web] [--workspace DIR] [--timeout SEC] [--dev-path installed|repo]
//   node test/e2e/run.mjs --demo   [--workspace DIR] [--port N]
//
// One-time installs go to a cache folder outside the repo (KPILENS_E2E_CACHE, default
// $XDG_CACHE_HOME/kpilens-e2e or ~/.cache/kpilens-e2e). Each run gets a fresh temp dir.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cacheDir, cleanEnv, ensureNode, ensureNodeTools, markFresh, NODE_VERSIONS, npmInstall, run } from '../../scripts/tools.mjs';

const VERSIONS = {
  node: NODE_VERSIONS[24],
  codeServer: '4.139.1',
};
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'build-essential', 'pkg-config', 'python3'];
const CHROMIUM = '/usr/bin/chromium';
// Build, package and VSIX install run synchronously (the overall time-out cannot fire while
// they do), so each gets its own bound.
const STEP_TIMEOUT_MS = 5 * 60_000;
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

// The line test/e2e/suite/index.js prints with mocha's counts.
const SUITES_RESULT = 'kpilens-e2e-suites: ';
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const t0 = Date.now();
const log = (msg) => console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s] ${msg}`);

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

// ---------------------------------------------------------------- cleanup
const cleanups = [];
let cleaning = null;
function onCleanup(fn) {
  cleanups.push(fn);
}
async function cleanup() {
  if (!cleaning) {
    cleaning = (async () => {
      for (const fn of cleanups.reverse()) {
        try {
          await fn();
        } catch (e) {
          console.error(`cleanup: ${e?.message ?? e}`);
        }
      }
    })();
  }
  return cleaning;
}
let exiting = false;
// Suite tests and UI checks counted so far, for the closing "e2e: N passed, M failed" line of a
// --suites run (null in the other modes). A run that fails without a failed test or check (a
// time-out, a crash) counts one failure, so the line never says 0 failed when the run failed.
let tally = null;
async function finish(code) {
  if (exiting) return;
  exiting = true;
  await cleanup();
  if (tally) {
    const failed = tally.failed || (code === 0 ? 0 : 1);
    console.log(`e2e: ${tally.passed} passed, ${failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ''}`);
  }
  process.exit(code);
}
// Last resort if something calls process.exit directly: kill code-server's group synchronously.
const groups = new Set();
process.on('exit', () => {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {}
  }
});
let sigExitCode = 130;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    log(`${sig}: stopping`);
    finish(sigExitCode);
  });
}
process.on('unhandledRejection', (e) => {
  console.error(e);
  finish(1);
});

// ---------------------------------------------------------------- helpers
function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}
function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

// ---------------------------------------------------------------- 1. install
function ensureTools() {
  const { dir: cache, fresh } = cacheDir();
  if (fresh) {
    markFresh(cache);
    onCleanup(() => fs.rmSync(cache, { recursive: true, force: true }));
  }
  fs.mkdirSync(cache, { recursive: true });
  log(`cache: ${cache}${fresh ? ' (new and empty: CI=true)' : ''}`);

  const missing = APT_PACKAGES.filter((p) => !dpkgInstalled(p));
  if (!fs.existsSync(CHROMIUM) && !missing.includes('chromium')) missing.push('chromium');
  if (missing.length) {
    if (process.getuid?.() !== 0 || !has('apt-get')) {
      throw new Error(`missing Debian packages: ${missing.join(' ')} (install them with apt-get as root)`);
    }
    const started = Date.now();
    log(`apt: installing ${missing.join(' ')} ...`);
    const env = cleanEnv(process.env, { DEBIAN_FRONTEND: 'noninteractive' });
    run('apt-get', ['update', '-qq'], { env, quiet: true });
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env, quiet: true });
    log(`apt: done in ${((Date.now() - started) / 1000).toFixed(0)}s`);
  } else {
    log('apt: all packages present');
  }

  const { node24, env24, vsce, playwright } = ensureNodeTools(cache, log);
  const bin24 = path.dirname(node24);

  const csDir = path.join(cache, 'code-server');
  npmInstall(cache, csDir, `code-server@${VERSIONS.codeServer}+node@${VERSIONS.node}`, 'code-server', [`code-server@${VERSIONS.codeServer}`], {
    nodeBin: bin24,
    log,
  });

  // The other LTS lines, for the unit suites of `npm test` (scripts/test.mjs).
  const nodes = { [VERSIONS.node.split('.')[0]]: node24 };
  for (const [line, version] of Object.entries(NODE_VERSIONS)) nodes[line] ??= ensureNode(cache, version, log);
  fs.writeFileSync(path.join(cache, 'nodes.json'), `${JSON.stringify(nodes, null, 2)}\n`);
  return {
    cache,
    node24,
    env24,
    codeServer: path.join(csDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    vsce,
    playwright,
  };
}

// ---------------------------------------------------------------- 2. build + package
function buildAndPackage(tools, o, runDir) {
  if (o.vsix) {
    // A VSIX made already from this repository (`npm run package`): tested as it is.
    const pkg = JSON.parse(fs.readFileSync(path.join(o.extensionRoot, 'package.json'), 'utf8'));
    log(`package: ${o.vsix} as it is (${(fs.statSync(o.vsix).size / 1024).toFixed(0)} KiB)`);
    return { vsix: o.vsix, id: `${pkg.publisher}.${pkg.name}`.toLowerCase(), version: pkg.version };
  }
  log(`build: npm run build (in ${o.extensionRoot})`);
  run('npm', ['run', 'build', '--silent'], { cwd: o.extensionRoot, timeout: STEP_TIMEOUT_MS });
  const pkg = JSON.parse(fs.readFileSync(path.join(o.extensionRoot, 'package.json'), 'utf8'));
  const main = pkg.main && path.resolve(o.extensionRoot, pkg.main);
  if (!main || !fs.existsSync(main.endsWith('.js') ? main : `${main}.js`)) {
    throw new Error(`package.json main (${pkg.main}) does not exist after the build: is the extension client there yet?`);
  }
  const vsix = path.join(runDir, 'kpilens.vsix');
  log('package: vsce package');
  run(
    tools.node24,
    [tools.vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '--out', vsix],
    { cwd: o.extensionRoot, env: tools.env24, quiet: true, stdio: ['ignore', 'pipe', 'pipe'], timeout: STEP_TIMEOUT_MS },
  );
  log(`package: ${vsix} (${(fs.statSync(vsix).size / 1024).toFixed(0)} KiB)`);
  return { vsix, id: `${pkg.publisher}.${pkg.name}`.toLowerCase(), version: pkg.version };
}

// ---------------------------------------------------------------- 3. code-server
function runDirs(runDir) {
  const d = {
    ud: path.join(runDir, 'user-data'),
    exts: path.join(runDir, 'extensions'),
    home: path.join(runDir, 'home'),
    config: path.join(runDir, 'config.yaml'),
    log: path.join(runDir, 'code-server.log'),
  };
  for (const p of [d.ud, d.exts, d.home, path.join(d.ud, 'User')]) fs.mkdirSync(p, { recursive: true });
  fs.writeFileSync(d.config, 'auth: none\ncert: false\n');
  fs.writeFileSync(
    path.join(d.ud, 'User', 'settings.json'),
    JSON.stringify(
      {
        'telemetry.telemetryLevel': 'off',
        'chat.disableAIFeatures': true,
        'git.enabled': false,
        'workbench.startupEditor': 'none',
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'workbench.tips.enabled': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'security.workspace.trust.enabled': false,
      },
      null,
      2,
    ),
  );
  return d;
}
function isolatedEnv(tools, d) {
  const env = { ...tools.env24 };
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  Object.assign(env, {
    HOME: d.home,
    XDG_CONFIG_HOME: path.join(d.home, '.config'),
    XDG_DATA_HOME: path.join(d.home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(d.home, '.cache'),
    XDG_STATE_HOME: path.join(d.home, '.local', 'state'),
  });
  return env;
}
function codeServerArgs(tools, d) {
  return [
    tools.codeServer,
    '--config',
    d.config,
    '--user-data-dir',
    d.ud,
    '--extensions-dir',
    d.exts,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
  ];
}
function installVsix(tools, d, env, pkg) {
  log('install: code-server --install-extension');
  run(tools.node24, [...codeServerArgs(tools, d), '--install-extension', pkg.vsix], { env, quiet: true, timeout: STEP_TIMEOUT_MS });
  const dir = fs.readdirSync(d.exts).find((n) => n.toLowerCase() === `${pkg.id}-${pkg.version}`.toLowerCase());
  if (!dir) throw new Error(`VSIX installed but ${pkg.id}-${pkg.version} is not in ${d.exts}`);
  return path.join(d.exts, dir);
}
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
async function startCodeServer(tools, d, env, workspace, port) {
  const out = fs.openSync(d.log, 'a');
  const child = spawn(
    tools.node24,
    [...codeServerArgs(tools, d), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--vscode-option', 'enable-smoke-test-driver', workspace],
    { env, detached: true, stdio: ['ignore', out, out] },
  );
  fs.closeSync(out);
  groups.add(child.pid);
  let exited = null;
  let stopping = false;
  let onDied;
  const died = new Promise((_, reject) => {
    onDied = reject;
  });
  died.catch(() => {});
  child.on('exit', (code, sig) => {
    exited = code ?? sig;
    groups.delete(child.pid);
    if (!exiting && !stopping) onDied(new Error(`code-server exited unexpectedly (${exited}); log: ${d.log}\n${tail(d.log)}`));
  });
  const stop = async () => {
    if (exited !== null) return;
    stopping = true;
    log('stop: code-server');
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
    const deadline = Date.now() + 5000;
    while (exited === null && Date.now() < deadline) await delay(100);
    if (exited === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }
    groups.delete(child.pid);
  };
  onCleanup(stop);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) throw new Error(`code-server exited (${exited}) before it was healthy; log: ${d.log}\n${tail(d.log)}`);
    try {
      const r = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`code-server not healthy after 60s; log: ${d.log}\n${tail(d.log)}`);
    await delay(200);
  }
  log(`code-server: healthy on ${url} (pid ${child.pid})`);
  return { url, died, stop };
}
const delay = (ms) => new Promise((r) => setTimeout(r, ms));
function tail(file, n = 30) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}

function prepareWorkspace(src, parent) {
  if (!fs.existsSync(src)) throw new Error(`workspace ${src} does not exist`);
  const ws = path.join(parent, 'workspace');
  fs.cpSync(src, ws, { recursive: true });
  return ws;
}

// ---------------------------------------------------------------- 4. suites + UI checks
const SHOTS = path.join(REPO, 'test-results', 'e2e');

// One host's run: the suites in `testsPath` (a module exporting run()) with the extension at
// `devPath`, then `checks(page, shots)` on a reloaded workbench. The browser is closed at the end.
async function runSuites(tools, url, ws, uiWs, devPath, d, { testsPath, checks, name }) {
  const { chromium } = await import(pathToFileURL(path.join(tools.playwright, 'index.mjs')).href);
  const shots = SHOTS;

  log('browser: starting chromium');
  const context = await chromium.launchPersistentContext(path.join(d.home, 'chromium-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false, // our cleanup() owns shutdown
    env: { ...cleanEnv(), HOME: d.home, XDG_CONFIG_HOME: path.join(d.home, '.config'), XDG_CACHE_HOME: path.join(d.home, '.cache') },
    viewport: { width: 1400, height: 900 },
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    log('stop: browser');
    await context.close().catch(() => {});
  };
  onCleanup(close);
  const page = context.pages()[0] ?? (await context.newPage());

  let resolveExit;
  const exitCode = new Promise((r) => {
    resolveExit = r;
  });
  await page.exposeFunction('codeAutomationExit', (code) => {
    resolveExit(Number(code));
  });
  // The workbench console (mocha's output among it). Known offline noise is dropped unless
  // KPILENS_E2E_VERBOSE=1: open-vsx and other hosts are unreachable here, github auth times out.
  const verbose = process.env.KPILENS_E2E_VERBOSE === '1';
  const noise =
    /ENOTFOUND|authentication provider 'github'|socket \(renderer-|connection token|reconnection-grace-time|Service Worker|AgentHost|AccountPolicyGate|workbench contribution|builtin extensions cache|No search provider registered|Dialog requested during smoke test|^\[lifecycle\]|CachedConfigurations|^Unload veto/;
  let suiteCounts = null;
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = format(...(Array.isArray(args) ? args : [args])).replace(/\n$/, '');
    if (text.startsWith(SUITES_RESULT)) {
      suiteCounts = JSON.parse(text.slice(SUITES_RESULT.length));
      return;
    }
    if (!verbose && noise.test(text.split('\n')[0])) return;
    for (const line of text.split('\n')) console.log(`  | ${line}`);
  });

  const remote = (p) => `vscode-remote://${new URL(url).host}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(devPath)],
    ['extensionTestsPath', remote(testsPath)],
  ];
  const target = `${url}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  log(`${name} suites: extensionDevelopmentPath = ${devPath}`);
  await page.goto(target);
  const code = await exitCode;
  log(`${name} suites: exit code ${code}`);
  if (suiteCounts) {
    tally.passed += suiteCounts.passed;
    tally.failed += suiteCounts.failed;
    tally.skipped += suiteCounts.skipped;
  }
  // Mocha did not get to report (the suites failed to load): that is one failure.
  if (code !== 0 && !suiteCounts?.failed) tally.failed += 1;

  // The extension host exits once the suites are done, so the UI checks run on a fresh
  // workbench without the test payload: the extension as installed from the VSIX. Its folder is
  // a second copy of the fixture, so it does not restore the editors the suites left open (the
  // state of a workbench is kept per folder), and every run starts from the same screen.
  log(`${name} ui: reloading the workbench without the test payload (installed VSIX) on a fresh copy of the workspace`);
  await page.goto(`${url}/?folder=${encodeURIComponent(uiWs)}`);

  const results = await checks(page, shots);
  const failed = results.filter((r) => r.status === 'failed');
  log(
    `${name} ui checks: ${results.filter((r) => r.status === 'passed').length} passed, ${failed.length} failed, ` +
      `${results.filter((r) => r.status === 'skipped').length} skipped; screenshots in ${path.relative(process.cwd(), shots) || shots}`,
  );
  await close();
  return code === 0 && failed.length === 0;
}

// What the UI checks share: a check runner that counts and screenshots, and the workbench keys.
// Each check polls the DOM (bounded), never sleeps a fixed time. KPILENS_E2E_SKIP (comma list)
// skips checks tagged with a token. Screenshots are numbered, after `prefix` when there is one.
function uiKit(page, shots, prefix = '') {
  const skip = new Set(
    (process.env.KPILENS_E2E_SKIP || '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  const results = [];
  let n = 0;
  const shot = (name) => page.screenshot({ path: path.join(shots, `${prefix}${String(++n).padStart(2, '0')}-${name}.png`) }).catch(() => {});
  // The README's pictures: always in test-results, in docs/images only when asked for, since a
  // PNG of the same view still differs by a few bytes from run to run.
  const picture = async (name) => {
    const file = path.join(shots, `${name}.png`);
    await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
    if (process.env.KPILENS_E2E_DOCS_IMAGES === '1') {
      const docs = path.join(REPO, 'docs', 'images');
      fs.mkdirSync(docs, { recursive: true });
      fs.copyFileSync(file, path.join(docs, `${name}.png`));
    }
  };
  async function check(name, opts, fn) {
    if (opts.tag && skip.has(opts.tag)) {
      results.push({ name, status: 'skipped' });
      tally.skipped++;
      console.log(`  - skipped: ${name} (KPILENS_E2E_SKIP=${opts.tag})`);
      return;
    }
    try {
      await fn();
      results.push({ name, status: 'passed' });
      tally.passed++;
      console.log(`  ✓ passed: ${name}`);
    } catch (e) {
      results.push({ name, status: 'failed' });
      tally.failed++;
      console.log(`  ✗ failed: ${name}: ${String(e?.message ?? e).split('\n')[0]}`);
      await shot(`FAILED-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
    }
  }
  const visible = (sel, timeout = 20_000) => page.locator(sel).first().waitFor({ state: 'visible', timeout });
  const key = (k) => page.keyboard.press(k);
  // The pointer rests on the empty middle of the activity bar, which shows no hover of its own.
  const restMouse = () => page.mouse.move(24, 500);
  async function quickOpen(prefix, text) {
    await key('Escape');
    await page
      .locator('.monaco-workbench')
      .click({ position: { x: 700, y: 400 }, trial: true })
      .catch(() => {});
    await key(prefix === '>' ? 'F1' : 'Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`${prefix}${text}`);
  }
  async function openInEditor(file) {
    await quickOpen('', file);
    await visible(`.quick-input-list .monaco-list-row[aria-label*="${file}"]`);
    await key('Enter');
    await visible(`.tabs-container .tab.active[aria-label*="${file}"]`);
    await visible('.editor-instance .monaco-editor .view-lines');
  }
  // The webview's document lives two iframes down.
  const preview = () => page.locator('iframe.webview').first().contentFrame().locator('iframe#active-frame').contentFrame();
  /** Runs `kpilens: open preview` with the editor and the preview alone on screen, and waits for its tab. */
  async function openPreview(file) {
    await key('Escape');
    if (await page.locator('.monaco-workbench .part.panel').isVisible()) await key('Control+J');
    await page.locator('.monaco-workbench .part.panel').waitFor({ state: 'hidden', timeout: 10_000 });
    if (await page.locator('.monaco-workbench .part.sidebar').isVisible()) await key('Control+B');
    await page.locator('.monaco-workbench .part.sidebar').waitFor({ state: 'hidden', timeout: 10_000 });
    await restMouse();
    await quickOpen('>', 'kpilens: open preview');
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: /open preview/i }).waitFor({ state: 'visible', timeout: 10_000 });
    await key('Enter');
    await visible('iframe.webview', 20_000);
    const title = new RegExp(`Preview ${file.replace(/[.]/g, '\\.')}`);
    await page.waitForFunction(
      (source) => [...document.querySelectorAll('.tabs-container .tab')].some((t) => new RegExp(source).test(t.getAttribute('aria-label') ?? '')),
      title.source,
      { timeout: 10_000 },
    );
  }
  return { results, shot, picture, check, visible, key, restMouse, quickOpen, openInEditor, preview, openPreview };
}

// UI checks on the desktop run: what a person sees in the workbench.
async function uiChecks(page, shots) {
  const { results, shot, picture, check, visible, key, restMouse, quickOpen, openInEditor, preview, openPreview } = uiKit(page, shots);

  console.log('UI checks:');
  await check('workbench is shown', {}, async () => {
    await visible('.monaco-workbench .part.editor', 30_000);
    await visible('.monaco-workbench .part.statusbar');
  });
  await check('explorer lists both scorecards', {}, async () => {
    await visible('.explorer-folders-view .monaco-list-row[aria-label*="company.kpi.yaml"]');
    await visible('.explorer-folders-view .monaco-list-row[aria-label*="team.kpi.yaml"]');
  });
  await shot('workbench');
  await check('team.kpi.yaml opens in an editor tab', {}, () => openInEditor('team.kpi.yaml'));
  await check('status bar shows the kpilens language mode', {}, async () => {
    const mode = page.locator('[id="status.editor.mode"]');
    await mode.waitFor({ state: 'visible', timeout: 10_000 });
    await page.waitForFunction(() => /kpi/i.test(document.getElementById('status.editor.mode')?.textContent ?? ''), null, { timeout: 10_000 });
  });
  await shot('team-open');
  await check('Problems panel lists the unresolved ref in team.kpi.yaml', { tag: 'diagnostics' }, async () => {
    await key('Control+Shift+M');
    await visible('.markers-panel');
    await visible('.markers-panel .monaco-list-row[aria-label*="team.kpi.yaml"]');
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('.markers-panel .monaco-list-row')].some((r) =>
          /company-objective-that-does-not-exist|unresolved/i.test(r.textContent ?? ''),
        ),
      null,
      { timeout: 20_000 },
    );
  });
  await shot('problems');
  await check('a hover on the unresolved ref explains the rule', { tag: 'diagnostics' }, async () => {
    if (!(await page.locator('.markers-panel').isVisible())) await key('Control+Shift+M');
    await visible('.markers-panel');
    // Line 35, inside `company-objective-that-does-not-exist` (1-based, as the status bar counts).
    await quickOpen('', ':35:30');
    await key('Enter');
    await page.waitForFunction(() => /Ln 35, Col 30/.test(document.getElementById('status.editor.selection')?.textContent ?? ''), null, { timeout: 10_000 });
    await restMouse();
    await key('Control+K');
    await key('Control+I');
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('.monaco-editor .monaco-hover')].some((h) => {
          const t = h.textContent ?? '';
          return h.getClientRects().length > 0 && t.includes('unresolved-ref') && t.includes('A reference to an id that exists nowhere in the workspace');
        }),
      null,
      { timeout: 20_000 },
    );
    await picture('vscode-diagnostics-hover');
  });
  await key('Escape');
  await check('Command Palette lists the kpilens commands', {}, async () => {
    await quickOpen('>', 'kpilens');
    await page.waitForFunction(
      () => {
        const rows = [...document.querySelectorAll('.quick-input-list .monaco-list-row')].map((r) => r.textContent ?? '');
        return rows.some((t) => /preview/i.test(t)) && rows.some((t) => /restart/i.test(t));
      },
      null,
      { timeout: 10_000 },
    );
  });
  await shot('command-palette');
  await check('kpilens: open preview shows the cascade beside the editor', { tag: 'preview' }, async () => {
    // The picture shows the editor and the preview only: the panel and the side bar are hidden.
    await openPreview('team.kpi.yaml');
    const frame = preview();
    await frame.locator('svg.kl-cascade text.kl-label').first().waitFor({ state: 'attached', timeout: 20_000 });
    // A card's label wraps into one tspan per line.
    const labels = await frame
      .locator('svg.kl-cascade text.kl-label')
      .evaluateAll((ts) => ts.map((t) => [...t.querySelectorAll('tspan')].map((s) => s.textContent).join(' ')));
    for (const name of ['Median first response time', 'Open tickets older than 7 days', 'Net Promoter Score']) {
      if (!labels.includes(name)) throw new Error(`no KPI card "${name}" in the cascade; cards: ${JSON.stringify(labels)}`);
    }
    const groups = await frame.locator('svg.kl-cascade text.kl-group-title').allTextContents();
    if (!groups.some((g) => g.includes('Support team'))) throw new Error(`no "Support team" scorecard in the cascade; groups: ${JSON.stringify(groups)}`);
    // Readable as it opens beside the editor, without zooming: the cards' text at 10 px or more.
    const size = await frame.locator('svg.kl-cascade').evaluate((svg) => ({
      panel: svg.ownerDocument.documentElement.clientWidth,
      text: Math.min(
        ...[...svg.querySelectorAll('.kl-node text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * Math.hypot(t.getScreenCTM().a, t.getScreenCTM().b)),
      ),
    }));
    console.log(`    preview panel ${size.panel} px wide, smallest card text ${size.text.toFixed(1)} px`);
    if (!(size.text >= 10)) throw new Error(`card text is ${size.text} px in a panel ${size.panel} px wide`);
    await picture('vscode-preview');
  });
  await check('the preview shows the polarity wheel of team with task overused', { tag: 'preview' }, async () => {
    const frame = preview();
    await frame.getByRole('button', { name: 'Polarity wheel' }).click();
    const wheel = frame.locator('svg.kl-wheel');
    await wheel.waitFor({ state: 'attached', timeout: 10_000 });
    const title = await wheel.locator('text.kl-wheel-title').textContent();
    if (!/Polarity wheel · Support team/.test(title ?? '')) throw new Error(`wheel title is ${JSON.stringify(title)}`);
    await wheel.locator('g.kl-pole.kl-overused[data-pole="task"]').waitFor({ state: 'attached', timeout: 10_000 });
    if ((await wheel.locator('g.kl-pole.kl-overused').count()) !== 1) throw new Error('only task is overused in team.kpi.yaml');
  });
  await shot('wheel');
  return results;
}

// ---------------------------------------------------------------- main
async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.mode === 'suites') tally = { passed: 0, failed: 0, skipped: 0 };
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
    sigExitCode = 0;
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

// The desktop's run: the extension in code-server's Node extension host, on the fixture.
async function nodeRun(tools, o, pkg, dir) {
  log('node: the extension in the Node extension host');
  const d = runDirs(dir);
  const env = isolatedEnv(tools, d);
  const installed = installVsix(tools, d, env, pkg);
  log(`install: ${pkg.id} -> ${installed}`);
  const fixture = o.workspace ?? path.join(HERE, 'workspace');
  const ws = prepareWorkspace(fixture, dir);
  const uiWs = prepareWorkspace(fixture, path.join(dir, 'ui'));
  log(`workspace: copy of ${fixture}`);
  const cs = await startCodeServer(tools, d, env, ws, o.port || (await freePort()));
  try {
    const devPath = o.devPath === 'repo' ? o.extensionRoot : installed;
    const run = runSuites(tools, cs.url, ws, uiWs, devPath, d, { name: 'node', testsPath: path.join(HERE, 'suite', 'index.js'), checks: uiChecks });
    return await Promise.race([run, cs.died]);
  } finally {
    await cs.stop();
  }
}

// ---------------------------------------------------------------- VS Code for the Web
const AS_OF = '2026-11-24';

/**
 * Makes the workbench run the extension only in the browser: the user setting
 * `remote.extensionKind` puts it in the web worker extension host (from its `browser` entry) and
 * never in code-server's Node one, which a manifest's own `extensionKind` cannot do for an
 * extension with a `main`. The VSIX and its manifest stay as they ship.
 */
function webOnly(d, pkg) {
  const file = path.join(d.ud, 'User', 'settings.json');
  const settings = JSON.parse(fs.readFileSync(file, 'utf8'));
  settings['remote.extensionKind'] = { [pkg.id]: ['web'] };
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
  log(`web: user setting "remote.extensionKind": { "${pkg.id}": ["web"] }`);
}

/** A copy of examples/ whose workspace settings fix the as-of date, as the CLI's --as-of does. */
function prepareWebWorkspace(parent) {
  const ws = prepareWorkspace(path.join(REPO, 'examples'), parent);
  fs.mkdirSync(path.join(ws, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify({ 'kpilens.asOf': AS_OF }, null, 2));
  return ws;
}

/** `kpilens lint --format json` of a workspace, file names relative to it: what the editor must show. */
function cliFindings(o, ws) {
  const r = spawnSync(process.execPath, [path.join(o.extensionRoot, 'dist', 'cli.js'), 'lint', '.', '--format', 'json', '--as-of', AS_OF], {
    cwd: ws,
    encoding: 'utf8',
    env: cleanEnv(),
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`kpilens lint exited with ${r.status ?? r.signal}: ${r.stderr}`);
  const findings = JSON.parse(r.stdout);
  if (!findings.length) throw new Error('kpilens lint found nothing in examples/: the web suite would compare nothing');
  return findings;
}

/**
 * The web suite as one CommonJS file for the web worker extension host, with the CLI's findings
 * in it. It goes inside the extension's folder: the workbench runs the tests in the extension
 * host of the extension whose folder holds them, and anywhere else on a remote in the Node one.
 */
async function bundleWebSuite(installed, expected) {
  const esbuild = await import('esbuild');
  const out = path.join(installed, 'e2e-web-suite.js');
  await esbuild.build({
    entryPoints: [path.join(HERE, 'web', 'index.js')],
    outfile: out,
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    define: { KPILENS_E2E_EXPECTED: JSON.stringify(expected) },
    logLevel: 'warning',
  });
  return out;
}

// VS Code for the Web's run: the same VSIX, kept out of the Node extension host by a user
// setting, on a copy of examples/.
async function webRun(tools, o, pkg, dir) {
  log('web: the extension in the web worker extension host only');
  const d = runDirs(dir);
  const env = isolatedEnv(tools, d);
  const installed = installVsix(tools, d, env, pkg);
  webOnly(d, pkg);
  const ws = prepareWebWorkspace(dir);
  const uiWs = prepareWebWorkspace(path.join(dir, 'ui'));
  const expected = cliFindings(o, ws);
  log(`web: ${expected.length} findings of kpilens lint in examples/ to compare with the editor's`);
  const testsPath = await bundleWebSuite(installed, expected);
  const cs = await startCodeServer(tools, d, env, ws, await freePort());
  try {
    const checks = async (page, shots) => [...(await webUiChecks(page, shots, expected)), await notInNode(d, pkg)];
    const run = runSuites(tools, cs.url, ws, uiWs, installed, d, { name: 'web', testsPath, checks });
    return await Promise.race([run, cs.died]);
  } finally {
    await cs.stop();
  }
}

/** The last check of the web run: code-server's Node extension hosts, which log each activation, never activated kpilens. */
async function notInNode(d, pkg) {
  const name = 'kpilens never ran in a Node extension host';
  const logs = fs.readdirSync(path.join(d.ud, 'logs'), { recursive: true }).filter((f) => /remoteexthost\.log$/.test(f));
  const activated = logs.filter((f) => fs.readFileSync(path.join(d.ud, 'logs', f), 'utf8').includes(`_doActivateExtension ${pkg.id}`));
  const status = logs.length > 0 && activated.length === 0 ? 'passed' : 'failed';
  tally[status]++;
  console.log(
    status === 'passed'
      ? `  ✓ passed: ${name} (${logs.length} logs)`
      : `  ✗ failed: ${name}: ${logs.length ? `activated in ${activated.join(', ')}` : 'no extension host log'}`,
  );
  return { name, status };
}

// UI checks in VS Code for the Web: the findings and the preview as a person sees them.
async function webUiChecks(page, shots, expected) {
  const { results, shot, picture, check, visible, key, openInEditor, preview, openPreview } = uiKit(page, shots, 'web-');
  const files = [...new Set(expected.map((f) => f.file))].sort();
  const file = files[0];
  const count = expected.filter((f) => f.file === file).length;

  console.log('UI checks (VS Code for the Web):');
  await check('workbench is shown', {}, async () => {
    await visible('.monaco-workbench .part.editor', 30_000);
    await visible('.monaco-workbench .part.statusbar');
  });
  await check(`explorer lists the ${files.length} scorecards of examples/`, {}, async () => {
    for (const f of files) await visible(`.explorer-folders-view .monaco-list-row[aria-label*="${f}"]`);
  });
  await check(`${file} opens in an editor tab`, {}, () => openInEditor(file));
  await check(`the status bar counts the CLI's ${count} findings of ${file}`, { tag: 'diagnostics' }, async () => {
    await page.waitForFunction(
      (text) => [...document.querySelectorAll('.statusbar-item')].some((i) => (i.textContent ?? '').trim() === text),
      `kpilens: ${count}`,
      { timeout: 30_000 },
    );
  });
  // The Problems panel leaves hints out; the status bar counts its errors, warnings and infos.
  const bySeverity = ['error', 'warning', 'info'].map((sev) => expected.filter((f) => f.severity === sev).length).join(' ');
  await check(`the Problems panel holds the CLI's findings of every scorecard (${bySeverity})`, { tag: 'diagnostics' }, async () => {
    await key('Control+Shift+M');
    await visible('.markers-panel');
    const counts = () => page.evaluate(() => (document.getElementById('status.problems')?.textContent ?? '').replace(/\s+/g, ' ').trim());
    try {
      await page.waitForFunction((text) => (document.getElementById('status.problems')?.textContent ?? '').replace(/\s+/g, ' ').trim() === text, bySeverity, {
        timeout: 20_000,
      });
    } catch (e) {
      throw new Error(`the status bar counts ${JSON.stringify(await counts())}, not ${JSON.stringify(bySeverity)}`, { cause: e });
    }
  });
  await shot('problems');
  await check('kpilens: open preview shows the cascade of every scorecard', { tag: 'preview' }, async () => {
    await openPreview(file);
    const frame = preview();
    await frame.locator('svg.kl-cascade text.kl-label').first().waitFor({ state: 'attached', timeout: 20_000 });
    const groups = await frame.locator('svg.kl-cascade text.kl-group-title').allTextContents();
    if (groups.length !== files.length) throw new Error(`${groups.length} scorecards in the cascade, not ${files.length}: ${JSON.stringify(groups)}`);
    await picture('vscode-web-preview');
  });
  return results;
}

main().then(
  (code) => finish(code),
  (e) => {
    if (!exiting) console.error(`[e2e] ERROR: ${e?.stack ?? e}`); // else: a time-out or signal is already stopping us
    finish(1);
  },
);

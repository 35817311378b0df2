// Step 4 of a run: chromium drives the workbench through playwright-core, runs a host's suites
// in it, then its UI checks; uiKit is what those checks share.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { pathToFileURL } from 'node:url';
import { cleanEnv } from '../../scripts/tools.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from './install.mjs';
import { log, onCleanup, REPO, tally } from './lifecycle.mjs';

// The line test/e2e/suite/index.js prints with mocha's counts.
const SUITES_RESULT = 'kpilens-e2e-suites: ';

export const SHOTS = path.join(REPO, 'test-results', 'e2e');

// One host's run: the suites in `testsPath` (a module exporting run()) with the extension at
// `devPath`, then `checks(page, shots)` on a reloaded workbench. The browser is closed at the end.
export async function runSuites(tools, url, ws, uiWs, devPath, d, { testsPath, checks, name }) {
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
export function uiKit(page, shots, prefix = '') {
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

// The preview in a real browser: the exported HTML of examples/ and of a hostile scorecard, and
// the webview page fed by messages as the extension would. Needs Debian's chromium; skips
// (saying so) where it is not installed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, Browser, Page } from 'playwright-core';
import { lintFiles } from '../../server/src/engine';
import { runPreview } from '../../server/src/cli/preview';
import { buildViewModel, ViewModel } from '../../server/src/engine/view';
import { display } from '../../server/src/engine/view/label';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const repo = path.join(__dirname, '..', '..');
const hostileFile = path.join(repo, 'test', 'fixtures', 'view', 'hostile', 'hostile.kpi.yaml');
/** The example workspace when it is there; the view fixtures otherwise. */
const examples = fs.existsSync(path.join(repo, 'examples')) ? path.join(repo, 'examples') : path.join(repo, 'test', 'fixtures', 'view', 'workspace');
const images = path.join(repo, 'docs', 'images');

function model(dir: string): ViewModel {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.kpi.yaml'))
    .map((f) => ({ uri: path.join(dir, f), text: fs.readFileSync(path.join(dir, f), 'utf8') }));
  const { workspace, findings } = lintFiles(files, { asOf: '2026-11-24' });
  return buildViewModel(workspace, findings);
}

async function exportTo(dir: string, out: string, ...args: string[]): Promise<string> {
  let err = '';
  const code = await runPreview([dir, '--out', out, '--as-of', '2026-11-24', ...args], { cwd: repo, stdout: () => {}, stderr: (s) => (err += s) });
  assert.equal(code, 0, err);
  return out;
}

/** A page that fails the test on any dialog (an alert would mean a name ran) and counts requests. */
async function guardedPage(browser: Browser, colorScheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; requests: string[]; dialogs: string[] }> {
  const page = await browser.newPage({ colorScheme, viewport: { width: 1600, height: 1000 } });
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { page, requests, dialogs };
}

describe('preview in a browser', function () {
  this.timeout(120000);
  let browser: Browser;
  let tmp: string;

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      console.log(`    skipped: ${CHROMIUM} is not installed (apt-get install -y chromium)`);
      this.skip();
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-browser-'));
    // Playwright gives the browser a fresh profile of its own; the rest of its state goes to tmp.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, env: { ...process.env, HOME: tmp, XDG_CONFIG_HOME: tmp, XDG_CACHE_HOME: tmp } });
  });

  after(async () => {
    await browser?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe('exported HTML', () => {
    it('shows every KPI of the examples, loads nothing and runs nothing', async () => {
      const file = await exportTo(examples, path.join(tmp, 'examples.html'));
      const { page, requests, dialogs } = await guardedPage(browser);
      await page.goto(`file://${file}`);
      assert.deepEqual(requests, [`file://${file}`], 'no request but the file itself');
      assert.equal(await page.evaluate(() => document.scripts.length), 0);
      const vm = model(examples);
      const kpis = vm.cascade.nodes.filter((n) => n.kind === 'kpi');
      assert.ok(kpis.length >= 5, 'the examples have KPIs');
      const shown = await page.evaluate(() =>
        [...document.querySelectorAll('.kl-cascade .kl-node')].map((g) => ({ title: g.querySelector('title')?.textContent ?? '', text: g.querySelector('.kl-label')?.textContent ?? '' })),
      );
      for (const k of kpis) {
        // The export carries no webview keys: a KPI is found by the name and id its hover shows.
        const node = shown.find((n) => n.title.startsWith(`KPI: ${display(k.label)} (${k.id})`));
        assert.ok(node, `KPI ${k.id} is drawn and named on hover`);
        assert.ok(node.text.length > 0, `KPI ${k.id} has a visible label`);
      }
      const wheels = await page.locator('svg.kl-wheel').count();
      assert.equal(wheels, vm.wheels.length);
      assert.ok(wheels > 0, 'the examples have a polarity wheel');
      assert.deepEqual(dialogs, []);
      await page.close();
    });

    it('shows hostile names as text: nothing runs and the document keeps its structure', async () => {
      const dir = path.join(tmp, 'hostile');
      fs.mkdirSync(dir);
      fs.copyFileSync(hostileFile, path.join(dir, 'hostile.kpi.yaml'));
      const file = await exportTo(dir, path.join(tmp, 'hostile.html'));
      const markup = fs.readFileSync(file, 'utf8');
      const { page, requests, dialogs } = await guardedPage(browser);
      await page.goto(`file://${file}`);
      // Hovering every node would show its title; hovering must not run anything either.
      for (const g of await page.locator('.kl-node').all()) await g.hover();
      assert.deepEqual(dialogs, []);
      assert.deepEqual(requests, [`file://${file}`]);
      const dom = await page.evaluate(() => {
        const counts: Record<string, number> = {};
        for (const e of document.querySelectorAll('*')) counts[e.localName] = (counts[e.localName] ?? 0) + 1;
        const handlers = [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name));
        const labels = [...document.querySelectorAll('.kl-node title, .kl-group-header title')].map((t) => t.textContent ?? '');
        return { counts, handlers, labels };
      });
      // Every element in the page is one that the markup opens with a tag of its own.
      const written: Record<string, number> = {};
      for (const m of markup.matchAll(/<([a-zA-Z][\w-]*)[\s>/]/g)) written[m[1]] = (written[m[1]] ?? 0) + 1;
      assert.deepEqual(dom.counts, written);
      assert.equal(dom.counts.script, undefined);
      assert.equal(dom.counts.img, undefined);
      assert.equal(dom.counts.iframe, undefined);
      assert.deepEqual(dom.handlers, []);
      const all = dom.labels.join('\n');
      for (const s of ['Scorecard <img src=x onerror=alert(1)>', 'Vision: <script>alert(3)</script>', 'Objective: "quotes" & ampersands (<svg onload=alert(5)>)', 'KPI: [U+202E]evil[U+202C] reversed (rtl)', 'Owner: <b>bold</b>', 'KPI: </text></svg><script>alert(6)</script> (escape)', 'Lever: <a href="javascript:alert(7)">click</a> (lever)', 'Disturbed by: <iframe src=javascript:alert(8)> (medium)']) {
        assert.ok(all.includes(s), `shows ${s}`);
      }
      assert.ok((await page.locator('.kl-ring-label').allTextContents()).includes('<img src=x onerror=alert(9)>'));
      await page.close();
    });

    it('writes SVG that opens as a well-formed image, hostile names included', async () => {
      const dir = path.join(tmp, 'hostile-svg');
      fs.mkdirSync(dir);
      fs.copyFileSync(hostileFile, path.join(dir, 'hostile.kpi.yaml'));
      for (const file of [await exportTo(examples, path.join(tmp, 'examples.svg')), await exportTo(dir, path.join(tmp, 'hostile.svg'))]) {
        const { page, dialogs, requests } = await guardedPage(browser);
        await page.goto(`file://${file}`);
        const doc = await page.evaluate(() => ({
          root: document.documentElement.localName,
          errors: document.getElementsByTagName('parsererror').length,
          scripts: document.getElementsByTagName('script').length,
          cascades: document.querySelectorAll('svg.kl-cascade').length,
        }));
        assert.deepEqual(doc, { root: 'svg', errors: 0, scripts: 0, cascades: 1 });
        assert.deepEqual([dialogs, requests], [[], [`file://${file}`]]);
        await page.close();
      }
    });

    it('saves screenshots of both views, light and dark, for the README', async () => {
      const file = await exportTo(examples, path.join(tmp, 'shots.html'));
      fs.mkdirSync(images, { recursive: true });
      for (const scheme of ['light', 'dark'] as const) {
        const { page } = await guardedPage(browser, scheme);
        await page.goto(`file://${file}`);
        const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        assert.equal(bg, scheme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(13, 17, 23)', `${scheme} palette applies`);
        await page.locator('svg.kl-cascade').screenshot({ path: path.join(images, `preview-cascade-${scheme}.png`) });
        await page.locator('svg.kl-wheel').first().screenshot({ path: path.join(images, `preview-wheel-${scheme}.png`) });
        await page.close();
      }
      for (const name of ['cascade', 'wheel']) {
        for (const scheme of ['light', 'dark']) assert.ok(fs.statSync(path.join(images, `preview-${name}-${scheme}.png`)).size > 10000);
      }
    });
  });

  describe('webview page', () => {
    const origin = 'http://webview.test';
    let script: string;
    before(async () => {
      const built = await esbuild.build({ entryPoints: [path.join(repo, 'client', 'webview', 'main.ts')], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', logLevel: 'silent' });
      script = built.outputFiles[0].text;
    });

    /** A few of the theme colours VS Code sets on a webview's root element. */
    const THEME = { '--vscode-editor-background': '#1e1e1e', '--vscode-editor-foreground': '#d4d4d4', '--vscode-editorWidget-background': '#252526', '--vscode-charts-green': '#89d185', '--vscode-charts-red': '#f14c4c' };

    /** The page as the extension writes it (same CSP), with a stand-in for VS Code's webview API. */
    async function open(state?: unknown, bodyClass = 'vscode-light') {
      const { page, dialogs, requests } = await guardedPage(browser);
      const html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${origin}; script-src 'nonce-test'">
<link rel="stylesheet" href="${origin}/preview.css"></head><body class="${bodyClass}">
<script nonce="test">for (const [k, v] of Object.entries(${JSON.stringify(THEME)})) document.documentElement.style.setProperty(k, v);
window.posted = []; let saved = ${JSON.stringify(state ?? null)};
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.posted.push(m), getState: () => saved ?? undefined, setState: (s) => { saved = s; window.saved = s; } });</script>
<script nonce="test" src="${origin}/webview.js"></script></body></html>`;
      await page.route(`${origin}/**`, (route) => {
        const url = route.request().url();
        if (url.endsWith('/page.html')) return route.fulfill({ contentType: 'text/html', body: html });
        if (url.endsWith('/webview.js')) return route.fulfill({ contentType: 'text/javascript', body: script });
        if (url.endsWith('/preview.css')) return route.fulfill({ contentType: 'text/css', body: fs.readFileSync(path.join(repo, 'client', 'webview', 'preview.css'), 'utf8') });
        return route.abort();
      });
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/.test(m.text())) violations.push(m.text());
      });
      await page.goto(`${origin}/page.html`);
      await page.waitForFunction(() => (window as unknown as { posted: unknown[] }).posted.length > 0);
      return { page, dialogs, requests, violations };
    }

    const send = (page: Page, message: unknown) => page.evaluate((m) => window.postMessage(m, '*'), message);
    const posted = (page: Page) => page.evaluate(() => (window as unknown as { posted: unknown[] }).posted);

    it('draws the model it is sent, reveals what is clicked and follows the cursor', async () => {
      const dir = path.join(tmp, 'hostile-webview');
      fs.mkdirSync(dir);
      fs.copyFileSync(hostileFile, path.join(dir, 'hostile.kpi.yaml'));
      const vm = model(dir);
      const uri = path.join(dir, 'hostile.kpi.yaml');
      const { page, dialogs, violations } = await open();
      assert.deepEqual(await posted(page), [{ type: 'ready' }]);
      await send(page, { type: 'model', uri, model: vm });
      await page.waitForSelector('.kl-cascade .kl-node');
      assert.deepEqual(violations, [], 'the page keeps to its CSP');
      // The pictures' rules (the constructed sheet) meet the theme's colours (preview.css).
      assert.equal(await page.locator('.kl-node .kl-card').first().evaluate((e) => getComputedStyle(e).fill), 'rgb(37, 37, 38)');
      assert.equal(await page.locator('.kl-status-ok .kl-status-bar').first().evaluate((e) => getComputedStyle(e).fill), 'rgb(137, 209, 133)');
      const labels = await page.locator('.kl-label').allTextContents();
      assert.ok(labels.includes('<script>alert(3)</script>'), labels.join(' | '));
      assert.equal(await page.evaluate(() => document.querySelectorAll('script').length), 2, 'only the page’s own scripts');

      const rtl = vm.cascade.nodes.find((n) => n.id === 'rtl')!;
      await page.locator(`.kl-node[data-key="${rtl.key}"]`).click();
      assert.deepEqual((await posted(page)).at(-1), { type: 'reveal', uri, span: rtl.select });

      await send(page, { type: 'cursor', uri, offset: rtl.span.start + 5 });
      // A posted message is handled after postMessage returns.
      await page.locator(`.kl-current[data-key="${rtl.key}"]`).waitFor({ state: 'attached' });
      assert.deepEqual(await page.locator('.kl-current').evaluateAll((es) => es.map((e) => e.getAttribute('data-key'))), [rtl.key]);

      const group = vm.cascade.groups[0].key;
      await page.locator(`[data-toggle="${group}"]`).click();
      assert.equal(await page.locator('.kl-cascade .kl-node').count(), 0, 'collapsed');
      assert.deepEqual(await page.locator('.kl-current').evaluateAll((es) => es.map((e) => e.getAttribute('data-key'))), [group], 'the cursor shows on the collapsed scorecard');
      const saved = (await page.evaluate(() => (window as unknown as { saved: { collapsed: string[]; uri: string } }).saved));
      assert.deepEqual([saved.collapsed, saved.uri], [[group], uri]);

      await page.getByRole('button', { name: 'Polarity wheel' }).click();
      assert.equal(await page.locator('.kl-wheel .kl-pole').count(), 12);
      assert.ok((await page.locator('.kl-ring-label').allTextContents()).includes('<img src=x onerror=alert(9)>'));
      const wheel = vm.wheels[0];
      const tr = wheel.polarities.find((p) => p.key === 'task-relationship')!;
      const sector = `${wheel.key}#polarity:task-relationship`;
      await send(page, { type: 'cursor', uri, offset: tr.span!.start + 3 });
      await page.locator(`.kl-current[data-key="${sector}"]`).waitFor({ state: 'attached' });
      assert.deepEqual(await page.locator('.kl-current').evaluateAll((es) => es.map((e) => e.getAttribute('data-key'))), [sector]);
      await page.locator(`.kl-polarity[data-key="${sector}"] .kl-pole-label`).first().click();
      assert.deepEqual((await posted(page)).at(-1), { type: 'reveal', uri, span: tr.span });
      assert.deepEqual(dialogs, []);
      await page.close();
    });

    it('opens a workspace of more than 200 KPIs with only the current scorecard and its parents expanded', async () => {
      const files = [0, 1, 2, 3, 4].map((s) => {
        const parent = s === 0 ? '' : `, parent: t${s === 4 ? 3 : 0}`;
        const kpis = Array.from({ length: 50 }, (_, k) => `  - { id: k${k}, name: KPI ${k} of team ${s} }\n`).join('');
        return { uri: path.join(tmp, `t${s}.kpi.yaml`), text: `kpilens: 1\nscorecard: { id: t${s}${parent} }\nkpis:\n${kpis}` };
      });
      const { workspace, findings } = lintFiles(files, { asOf: '2026-11-24' });
      const focus = files[4].uri;
      const { page } = await open();
      await send(page, { type: 'model', uri: focus, model: buildViewModel(workspace, findings, focus) });
      await page.waitForSelector('.kl-cascade');
      const expanded = await page.locator('.kl-group:not(.kl-collapsed)').evaluateAll((es) => es.map((e) => e.getAttribute('data-group')));
      assert.deepEqual(expanded, [files[0].uri, files[3].uri, files[4].uri]);
      assert.equal(await page.locator('.kl-cascade .kl-kind-kpi').count(), 150);
      await page.getByRole('button', { name: 'Expand all' }).click();
      assert.equal(await page.locator('.kl-cascade .kl-kind-kpi').count(), 250);
      await page.close();
    });

    it('restores its state after a reload', async () => {
      const vm = model(examples);
      const state = { uri: vm.cascade.groups[0].key, view: 'cascade', collapsed: [vm.cascade.groups[0].key], transform: { x: 10, y: 20, k: 0.5 } };
      const { page } = await open(state, 'vscode-dark');
      await send(page, { type: 'model', uri: state.uri, model: vm });
      await page.waitForSelector('.kl-cascade');
      assert.equal(await page.locator('.kl-viewport').getAttribute('transform'), 'translate(10,20) scale(0.5)');
      assert.equal(await page.locator('.kl-group.kl-collapsed').count(), 1);
      await page.close();
    });
  });
});

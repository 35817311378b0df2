// The webview page of the preview in a real browser, fed by messages as the extension would: it
// draws, follows the editor, folds, zooms, exports and keeps its state; real bounding boxes check
// its text. Needs Debian's chromium; skips (saying so) where it is not installed. It also writes
// the README's pictures of the panel to docs/images/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { Browser } from 'playwright-core';
import { lintFiles } from '../../server/src/engine';
import { buildViewModel } from '../../server/src/engine/view';
import { boxes, examples, guardedPage, hostileFile, images, model, repo, withBrowser } from './browser';
import { current, MODERN, onStage, posted, send, THEME, transform } from './webview';

describe('preview in a browser', function () {
  this.timeout(180000);
  let browser: Browser, tmp: string;
  withBrowser((b) => ({ browser, tmp } = b));

  describe('webview page', () => {
    const origin = 'http://webview.test';
    let script: string;
    before(async () => {
      const built = await esbuild.build({
        entryPoints: [path.join(repo, 'client', 'webview', 'main.ts')],
        bundle: true,
        write: false,
        format: 'iife',
        platform: 'browser',
        target: 'es2022',
        logLevel: 'silent',
      });
      script = built.outputFiles[0].text;
    });

    /** The page as the extension writes it (same CSP), with a stand-in for VS Code's webview API. */
    async function open(
      state?: unknown,
      bodyClass = 'vscode-light',
      options: { viewport?: { width: number; height: number }; theme?: Record<string, string> } = {},
    ) {
      const { page, dialogs, requests } = await guardedPage(browser, 'light', options.viewport);
      const html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${origin}; script-src 'nonce-test'">
<link rel="stylesheet" href="${origin}/preview.css"></head><body class="${bodyClass}">
<script nonce="test">for (const [k, v] of Object.entries(${JSON.stringify(options.theme ?? THEME)})) document.documentElement.style.setProperty(k, v);
window.posted = []; let saved = ${JSON.stringify(state ?? null)};
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.posted.push(m), getState: () => saved ?? undefined, setState: (s) => { saved = s; window.saved = s; } });</script>
<script nonce="test" src="${origin}/webview.js"></script></body></html>`;
      await page.route(`${origin}/**`, (route) => {
        const url = route.request().url();
        if (url.endsWith('/page.html')) return route.fulfill({ contentType: 'text/html', body: html });
        if (url.endsWith('/webview.js')) return route.fulfill({ contentType: 'text/javascript', body: script });
        if (url.endsWith('/preview.css'))
          return route.fulfill({ contentType: 'text/css', body: fs.readFileSync(path.join(repo, 'client', 'webview', 'preview.css'), 'utf8') });
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
      assert.equal(
        await page
          .locator('.kl-node .kl-card')
          .first()
          .evaluate((e) => getComputedStyle(e).fill),
        'rgb(30, 30, 30)',
      );
      assert.equal(
        await page
          .locator('.kl-status-ok .kl-status-bar')
          .first()
          .evaluate((e) => getComputedStyle(e).fill),
        'rgb(137, 209, 133)',
      );
      const labels = await page.locator('.kl-label').allTextContents();
      assert.ok(labels.includes('<script>alert(3)</script>'), labels.join(' | '));
      assert.equal(await page.evaluate(() => document.querySelectorAll('script').length), 2, 'only the page’s own scripts');

      const rtl = vm.cascade.nodes.find((n) => n.id === 'rtl')!;
      await page.locator(`.kl-node[data-key="${rtl.key}"]`).click();
      assert.deepEqual((await posted(page)).at(-1), { type: 'reveal', uri, span: rtl.select });

      await send(page, { type: 'cursor', uri, offset: rtl.span.start + 5 });
      // A posted message is handled after postMessage returns.
      await page.locator(`.kl-current[data-key="${rtl.key}"]`).waitFor({ state: 'attached' });
      assert.deepEqual(await current(page), [rtl.key]);

      const group = vm.cascade.groups[0].key;
      await page.locator(`[data-toggle="${group}"]`).click();
      assert.equal(await page.locator('.kl-cascade .kl-node').count(), 0, 'collapsed');
      assert.deepEqual(await current(page), [group], 'the cursor shows on the collapsed scorecard');
      const saved = await page.evaluate(() => (window as unknown as { saved: { collapsed: string[]; uri: string } }).saved);
      assert.deepEqual([saved.collapsed, saved.uri], [[group], uri]);

      await page.getByRole('button', { name: 'Polarity wheel' }).click();
      assert.equal(await page.locator('.kl-wheel .kl-pole').count(), 12);
      assert.ok((await page.locator('.kl-ring-item title').allTextContents()).includes('<img src=x onerror=alert(9)>'));
      const wheel = vm.wheels[0];
      const tr = wheel.polarities.find((p) => p.key === 'task-relationship')!;
      const sector = `${wheel.key}#polarity:task-relationship`;
      await send(page, { type: 'cursor', uri, offset: tr.span!.start + 3 });
      await page.locator(`.kl-current[data-key="${sector}"]`).waitFor({ state: 'attached' });
      assert.deepEqual(await current(page), [sector]);
      await page.locator(`.kl-polarity[data-key="${sector}"] .kl-pole-label`).first().click();
      assert.deepEqual((await posted(page)).at(-1), { type: 'reveal', uri, span: tr.span });
      assert.deepEqual(dialogs, []);
      await page.close();
    });

    it('opens on the current scorecard with its parent and children, the rest folded, and follows the editor to another', async () => {
      const files = [0, 1, 2, 3, 4].map((s) => {
        const parent = s === 0 ? '' : `, parent: t${s === 4 ? 3 : 0}`;
        const kpis = Array.from({ length: 50 }, (_, k) => `  - { id: k${k}, name: KPI ${k} of team ${s} }\n`).join('');
        return { uri: path.join(tmp, `t${s}.kpi.yaml`), text: `kpilens: 1\nscorecard: { id: t${s}${parent} }\nkpis:\n${kpis}` };
      });
      const { workspace, findings } = lintFiles(files, { asOf: '2026-11-24' });
      const { page } = await open();
      const expanded = () => page.locator('.kl-group:not(.kl-collapsed)').evaluateAll((es) => es.map((e) => e.getAttribute('data-group')));
      await send(page, { type: 'model', uri: files[3].uri, model: buildViewModel(workspace, findings, files[3].uri) });
      await page.waitForSelector('.kl-cascade');
      assert.deepEqual(await expanded(), [files[0].uri, files[3].uri, files[4].uri], 't3 with its parent t0 and its child t4');
      assert.equal(await page.locator('.kl-cascade .kl-kind-kpi').count(), 150);
      assert.equal((await onStage(page, files[3].uri))?.inside, true, 'the current scorecard is in view');
      // The editor moves to t4: the preview opens on it.
      await send(page, { type: 'model', uri: files[4].uri, model: buildViewModel(workspace, findings, files[4].uri) });
      await page.waitForFunction(
        (k) =>
          document.querySelectorAll('.kl-group:not(.kl-collapsed)').length === 2 && !!document.querySelector(`.kl-group:not(.kl-collapsed)[data-group="${k}"]`),
        files[4].uri,
      );
      assert.deepEqual(await expanded(), [files[3].uri, files[4].uri]);
      await page.getByRole('button', { name: 'Expand all' }).click();
      assert.equal(await page.locator('.kl-cascade .kl-kind-kpi').count(), 250);
      await page.getByRole('button', { name: 'Current', exact: true }).click();
      assert.deepEqual(await expanded(), [files[3].uri, files[4].uri]);
      await page.close();
    });

    it('at 500 px: an outline at full size, card text of 10 px or more, the cursor item unfolded and brought into view', async () => {
      const focus = path.join(examples, 'engineering.kpi.yaml');
      const vm = model(examples, focus);
      const { page } = await open(undefined, 'vscode-light', { viewport: { width: 500, height: 800 } });
      await send(page, { type: 'model', uri: focus, model: vm });
      await page.waitForSelector('.kl-cascade .kl-node');
      assert.equal(await page.locator('svg.kl-cascade').getAttribute('class'), 'kl-cascade kl-outline');
      assert.deepEqual(await transform(page), { x: 0, y: (await transform(page)).y, k: 1 });
      const b = await boxes(page, 'svg.kl-cascade', false);
      assert.deepEqual(b.problems, []);
      assert.ok(b.minCardFont >= 10, `card text at ${b.minCardFont} px`);
      console.log(`      at 500 px: ${b.cards} cards, smallest card text ${b.minCardFont} px, smallest text ${b.minFont} px`);
      // The legend wraps within the panel.
      const legend = await page.locator('.legend').evaluate((e) => ({ scroll: e.scrollWidth, width: e.clientWidth, height: e.clientHeight }));
      assert.ok(legend.scroll <= legend.width && legend.height > 30, JSON.stringify(legend));

      // The cursor in a KPI of the sales scorecard (folded: not a neighbour of engineering): unfolded, lit, in view.
      const sales = vm.cascade.nodes.find((n) => n.id === 'website-visits')!;
      assert.equal(await page.locator(`.kl-node[data-key="${sales.key}"]`).count(), 0);
      await send(page, { type: 'cursor', uri: sales.uri, offset: sales.span.start + 3 });
      await page.locator(`.kl-current[data-key="${sales.key}"]`).waitFor({ state: 'attached' });
      assert.equal((await onStage(page, sales.key))?.inside, true, 'the cursor item is scrolled into view');

      // Fold an objective: its KPIs and levers go, the card says so.
      const objective = vm.cascade.nodes.find((n) => n.id === 'healthy-pipeline')!;
      await page.locator(`[data-toggle="${objective.key}"]`).click();
      assert.equal(await page.locator(`.kl-node.kl-folded[data-key="${objective.key}"]`).count(), 1);
      assert.equal(await page.locator(`.kl-node[data-key="${sales.key}"]`).count(), 0);
      assert.deepEqual(await current(page), [objective.key], 'the cursor item shows on its folded objective');
      await page.locator(`[data-toggle="${objective.key}"]`).click();
      assert.equal(await page.locator(`.kl-node[data-key="${sales.key}"]`).count(), 1);
      await page.close();
    });

    it('zooms around the pointer and the middle, pans, and keeps the picture on the stage', async () => {
      const vm = model(examples, path.join(examples, 'company.kpi.yaml'));
      const { page } = await open(undefined, 'vscode-light', { viewport: { width: 500, height: 800 } });
      await send(page, { type: 'model', uri: path.join(examples, 'company.kpi.yaml'), model: vm });
      await page.waitForSelector('.kl-cascade .kl-node');
      const vision = vm.cascade.nodes.find((n) => n.kind === 'vision')!;
      const before = (await onStage(page, vision.key))!;
      // Ctrl+wheel over the vision: it stays under the pointer.
      await page.mouse.move(before.x, before.y);
      await page.keyboard.down('Control');
      await page.mouse.wheel(0, -200);
      await page.keyboard.up('Control');
      await page.waitForFunction(() => !/scale\(1\)/.test(document.querySelector('.kl-viewport')!.getAttribute('transform') ?? ''));
      const after = (await onStage(page, vision.key))!;
      assert.ok((await transform(page)).k > 1);
      assert.ok(Math.hypot(after.x - before.x, after.y - before.y) < 2, `the vision stays under the pointer: ${JSON.stringify([before, after])}`);
      // '+' zooms around the picture's left edge: the vision keeps its place across, on the stage.
      await page.getByTitle('Actual size (1)').click();
      for (let i = 0; i < 3; i++) await page.getByRole('button', { name: '+', exact: true }).click();
      const t = await transform(page);
      assert.ok(t.k > 1.9 && t.x === 0 && t.y <= 0, JSON.stringify(t));
      const zoomed = (await onStage(page, vision.key))!;
      assert.ok(zoomed.left >= 0 && zoomed.left < 80, `the vision's left edge stays on the stage: ${JSON.stringify(zoomed)}`);
      // Panned far right and down: stops at the picture's edges.
      await page.mouse.move(250, 400);
      await page.mouse.wheel(-5000, -5000);
      await page.waitForFunction(() => /translate\(0,0\)/.test(document.querySelector('.kl-viewport')!.getAttribute('transform') ?? ''));
      await page.getByRole('button', { name: 'Fit' }).click();
      const fitted = await transform(page);
      assert.ok(fitted.k < 1, 'Fit shows the whole picture');
      await page.close();
    });

    it('lights the lines of the card under the pointer; draws lines between scorecards faintly until then', async () => {
      const vm = model(examples, path.join(examples, 'sales.kpi.yaml'));
      const { page } = await open(undefined, 'vscode-light', { viewport: { width: 1200, height: 900 } });
      await send(page, { type: 'model', uri: path.join(examples, 'sales.kpi.yaml'), model: vm });
      await page.getByRole('button', { name: 'Expand all' }).click();
      const lever = vm.cascade.nodes.find((n) => n.id === 'discounting')!;
      const worsens = page.locator(`.kl-edge-worsens[data-from="${lever.key}"]`);
      assert.equal(await worsens.evaluate((e) => getComputedStyle(e).opacity), '0.35');
      await page.locator(`.kl-node[data-key="${lever.key}"]`).scrollIntoViewIfNeeded();
      const key = lever.key;
      await page.evaluate((k) => {
        const node = [...document.querySelectorAll('.kl-node')].find((e) => e.getAttribute('data-key') === k)!;
        node.querySelector('.kl-card')!.dispatchEvent(new PointerEvent('pointerover', { bubbles: true }));
      }, key);
      assert.equal(await worsens.evaluate((e) => e.classList.contains('kl-lit') && getComputedStyle(e).opacity), '1');
      assert.equal(await page.locator('.kl-edge.kl-lit').count(), 3, 'improves twice, worsens once');
      await page.close();
    });

    it('exports the cascade and the wheel as SVG and PNG, and the page for printing', async () => {
      const focus = path.join(examples, 'company.kpi.yaml');
      const vm = model(examples, focus);
      const { page, violations } = await open(undefined, 'vscode-light', { viewport: { width: 500, height: 800 } });
      await send(page, { type: 'model', uri: focus, model: vm });
      await page.waitForSelector('.kl-cascade .kl-node');
      const save = async (item: string) => {
        await page.getByRole('button', { name: 'Export…' }).click();
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: item }).click()]);
        const file = path.join(tmp, download.suggestedFilename());
        await download.saveAs(file);
        return { name: download.suggestedFilename(), data: fs.readFileSync(file) };
      };
      const png = (data: Buffer) => ({ signature: data.subarray(1, 4).toString('latin1'), width: data.readUInt32BE(16), height: data.readUInt32BE(20) });
      const svg = await save('Cascade as SVG');
      assert.equal(svg.name, 'cascade.svg');
      assert.match(svg.data.toString('utf8'), /^<\?xml[^>]*>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="kl-export"/);
      assert.match(svg.data.toString('utf8'), /class="kl-cascade kl-outline"/, 'as the panel shows it');
      const picture = await save('Cascade as PNG');
      assert.equal(picture.name, 'cascade.png');
      const width = Number(/<svg xmlns="[^"]+" class="kl-export" width="(\d+)"/.exec(svg.data.toString('utf8'))![1]);
      assert.deepEqual(png(picture.data).signature, 'PNG');
      assert.equal(png(picture.data).width, 2 * width, 'twice the picture’s size');
      await page.getByRole('button', { name: 'Polarity wheel' }).click();
      const wheelSvg = await save('Wheel as SVG');
      assert.equal(wheelSvg.name, 'company-polarity-wheel.svg');
      assert.equal(wheelSvg.data.toString('utf8').match(/class="kl-wheel"/g)?.length, 1);
      const wheelPng = await save('Wheel as PNG');
      assert.equal(png(wheelPng.data).signature, 'PNG');
      // Painted: the PNG is not blank (its size grows with what is drawn).
      assert.ok(wheelPng.data.length > 20000, `${wheelPng.data.length} bytes`);
      fs.writeFileSync(path.join(tmp, 'wheel-export.png'), wheelPng.data);
      const page2 = await save('Page for printing (HTML)');
      assert.equal(page2.name, 'kpilens-preview.html');
      assert.doesNotMatch(page2.data.toString('utf8'), /<script/i);
      assert.deepEqual(violations, []);
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

    it('saves the README pictures of the panel at 500 px, light and dark', async () => {
      const focus = path.join(examples, 'engineering.kpi.yaml');
      const vm = model(examples, focus);
      for (const scheme of ['light', 'dark'] as const) {
        const { page } = await open(undefined, `vscode-${scheme}`, { viewport: { width: 500, height: 860 }, theme: MODERN[scheme] });
        await send(page, { type: 'model', uri: focus, model: vm });
        await page.waitForSelector('.kl-cascade .kl-node');
        // The editor's cursor in a KPI: lit, with its lines.
        const kpi = vm.cascade.nodes.find((n) => n.id === 'change-failure-rate')!;
        await send(page, { type: 'cursor', uri: focus, offset: kpi.span.start + 3 });
        await page.locator(`.kl-current[data-key="${kpi.key}"]`).waitFor({ state: 'attached' });
        await page.mouse.move(0, 0);
        const b = await boxes(page, 'svg.kl-cascade', false);
        assert.deepEqual(b.problems, []);
        await page.screenshot({ path: path.join(images, `preview-panel-${scheme}.png`), animations: 'disabled', caret: 'hide' });
        await page.close();
      }
    });
  });
});

// The exported HTML and SVG in a real browser: the examples, a hostile scorecard and generated
// hostile names. The layout only estimates text widths; here real bounding boxes check that no
// text leaves its picture or its card and that no two labels of a wheel overlap. Needs Debian's
// chromium; skips (saying so) where it is not installed. It also writes the README's pictures to
// docs/images/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browser } from 'playwright-core';
import { display } from '../../server/src/engine/view/label';
import { boxes, examples, exportTo, guardedPage, hostileFile, hostileWorkspace, images, model, withBrowser } from './browser';

describe('preview in a browser', function () {
  this.timeout(180000);
  let browser: Browser, tmp: string;
  withBrowser((b) => ({ browser, tmp } = b));

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
        [...document.querySelectorAll('.kl-cascade .kl-node')]
          .filter((g) => g.getClientRects().length)
          .map((g) => ({ title: g.querySelector('title')?.textContent ?? '', text: g.querySelector('.kl-label')?.textContent ?? '' })),
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
      for (const g of await page.locator('.kl-wide .kl-node').all()) await g.hover();
      assert.deepEqual(dialogs, []);
      assert.deepEqual(requests, [`file://${file}`]);
      const dom = await page.evaluate(() => {
        const counts: Record<string, number> = {};
        for (const e of document.querySelectorAll('*')) counts[e.localName] = (counts[e.localName] ?? 0) + 1;
        const handlers = [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name));
        const labels = [...document.querySelectorAll('.kl-node title, .kl-group-header title')].map((t) => t.textContent ?? '');
        const rings = [...document.querySelectorAll('.kl-ring-item')].map((g) => ({
          title: g.querySelector('title')?.textContent ?? '',
          shown: [...g.querySelectorAll('.kl-ring-label')].map((t) => t.textContent).join(''),
        }));
        return { counts, handlers, labels, rings };
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
      for (const s of [
        'Scorecard <img src=x onerror=alert(1)>',
        'Vision: <script>alert(3)</script>',
        'Objective: "quotes" & ampersands (<svg onload=alert(5)>)',
        'KPI: [U+202E]evil[U+202C] reversed (rtl)',
        'Owner: <b>bold</b>',
        'KPI: </text></svg><script>alert(6)</script> (escape)',
        'Lever: <a href="javascript:alert(7)">click</a> (lever)',
        'Disturbed by: <iframe src=javascript:alert(8)> (medium)',
      ]) {
        assert.ok(all.includes(s), `shows ${s}`);
      }
      // A ring's name is shown as text (on as many lines as it needs) and whole on hover.
      const ring = dom.rings.find((r) => r.title === '<img src=x onerror=alert(9)>');
      assert.ok(ring && ring.shown.replace(/ /g, '') === '<imgsrc=xonerror=alert(9)>', JSON.stringify(dom.rings));
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

    it('keeps every text inside its picture and card, and every wheel label apart: the examples and generated hostile names', async () => {
      const workspaces: [string, string][] = [['examples', examples]];
      for (const seed of [0, 3, 7]) {
        const dir = path.join(tmp, `generated-${seed}`);
        fs.mkdirSync(dir);
        hostileWorkspace(dir, seed);
        workspaces.push([`generated names, seed ${seed}`, dir]);
      }
      const figures: string[] = [];
      for (const [what, dir] of workspaces) {
        const html = await exportTo(dir, path.join(tmp, `${path.basename(dir)}.html`));
        const svg = await exportTo(dir, path.join(tmp, `${path.basename(dir)}.svg`));
        for (const [file, width] of [
          [html, 1600],
          [html, 480],
          [svg, 1600],
        ] as const) {
          const { page } = await guardedPage(browser, 'light', { width, height: 900 });
          await page.goto(`file://${file}`);
          const b = await boxes(page, 'svg.kl-cascade, svg.kl-wheel');
          assert.deepEqual(b.problems, [], `${what}, ${path.extname(file)} at ${width} px`);
          assert.ok(b.wheels >= (dir === examples ? 4 : 3) && b.cards > 10, `${what}: ${b.wheels} wheels, ${b.cards} cards checked`);
          figures.push(`${what} ${path.extname(file)} @${width}: ${b.texts} texts, ${b.cards} cards, ${b.wheels} wheels, 0 problems`);
          await page.close();
        }
      }
      console.log(`      ${figures.join('\n      ')}`);
    });

    it('opened 480 px wide, shows the narrow layout: the first cards readable, nothing to scroll sideways', async () => {
      const file = await exportTo(examples, path.join(tmp, 'narrow.html'));
      const { page } = await guardedPage(browser, 'light', { width: 480, height: 800 });
      await page.goto(`file://${file}`);
      const view = await page.evaluate(() => {
        const narrow = document.querySelector<SVGSVGElement>('.kl-narrow svg')!;
        const first = [...narrow.querySelectorAll<SVGGElement>('.kl-node')].slice(0, 3).map((n) => {
          const r = n.getBoundingClientRect();
          const label = n.querySelector<SVGTextElement>('.kl-label')!;
          const m = label.getScreenCTM()!;
          return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, font: parseFloat(getComputedStyle(label).fontSize) * m.a };
        });
        return {
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
          wideShown: document.querySelector('.kl-wide')!.getClientRects().length > 0,
          narrowShown: narrow.getClientRects().length > 0,
          first,
        };
      });
      assert.equal(view.wideShown, false);
      assert.equal(view.narrowShown, true);
      assert.ok(view.scrollWidth <= view.clientWidth, `no sideways scrolling: ${view.scrollWidth} > ${view.clientWidth}`);
      for (const c of view.first) {
        assert.ok(c.left >= 0 && c.right <= view.clientWidth && c.bottom <= 800, `a first card on screen: ${JSON.stringify(c)}`);
        assert.ok(c.font >= 12, `card text at ${c.font} px`);
      }
      // Wide, the columns.
      await page.setViewportSize({ width: 1600, height: 800 });
      assert.equal(await page.locator('.kl-wide').isVisible(), true);
      assert.equal(await page.locator('.kl-narrow').isVisible(), false);
      await page.close();
    });

    it('prints one page per scorecard', async () => {
      const file = await exportTo(examples, path.join(tmp, 'print.html'));
      const { page } = await guardedPage(browser);
      await page.goto(`file://${file}`);
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length;
      assert.equal(pages, model(examples).cascade.groups.length);
      await page.emulateMedia({ media: 'print' });
      const shown = await page.evaluate(() => ({
        sheets: [...document.querySelectorAll('.kl-sheet')].filter((s) => s.getClientRects().length).length,
        screenOnly: [...document.querySelectorAll('.kl-wide, .kl-narrow, body > h1')].filter((s) => s.getClientRects().length).length,
      }));
      assert.deepEqual(shown, { sheets: model(examples).cascade.groups.length, screenOnly: 0 });
      const b = await boxes(page, '.kl-sheet svg');
      assert.deepEqual(b.problems, []);
      await page.close();
    });

    it('saves the README pictures: the cascade and the four example wheels', async () => {
      const file = await exportTo(examples, path.join(tmp, 'shots.html'));
      fs.mkdirSync(images, { recursive: true });
      const { page } = await guardedPage(browser, 'light', { width: 1400, height: 1000 });
      await page.goto(`file://${file}`);
      assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(255, 255, 255)');
      await page.locator('.kl-wide svg.kl-cascade').screenshot({ path: path.join(images, 'preview-cascade-light.png') });
      const vm = model(examples);
      const wheels = page.locator('svg.kl-wheel');
      assert.equal(await wheels.count(), vm.wheels.length);
      for (let i = 0; i < vm.wheels.length; i++) {
        const id = vm.cascade.groups.find((g) => g.key === vm.wheels[i].key)!.id!;
        await wheels.nth(i).screenshot({ path: path.join(images, `preview-wheel-${id}.png`) });
        assert.ok(fs.statSync(path.join(images, `preview-wheel-${id}.png`)).size > 10000);
      }
      await page.close();
    });
  });
});

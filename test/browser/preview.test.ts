// The preview in a real browser: the exported HTML and SVG of examples/, of a hostile scorecard
// and of generated hostile names, and the webview page fed by messages as the extension would.
// The layout only estimates text widths; here real bounding boxes check that no text leaves its
// picture or its card and that no two labels of a wheel overlap. Needs Debian's chromium; skips
// (saying so) where it is not installed. It also writes the README's pictures to docs/images/.
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
const ARGS = [
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
const repo = path.join(__dirname, '..', '..');
const hostileFile = path.join(repo, 'test', 'fixtures', 'view', 'hostile', 'hostile.kpi.yaml');
/** The example workspace when it is there; the view fixtures otherwise. */
const examples = fs.existsSync(path.join(repo, 'examples')) ? path.join(repo, 'examples') : path.join(repo, 'test', 'fixtures', 'view', 'workspace');
const images = path.join(repo, 'docs', 'images');

function filesOf(dir: string): { uri: string; text: string }[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.kpi.yaml'))
    .map((f) => ({ uri: path.join(dir, f), text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

function model(dir: string, focus?: string): ViewModel {
  const { workspace, findings } = lintFiles(filesOf(dir), { asOf: '2026-11-24' });
  return buildViewModel(workspace, findings, focus);
}

async function exportTo(dir: string, out: string, ...args: string[]): Promise<string> {
  let err = '';
  const code = await runPreview([dir, '--out', out, '--as-of', '2026-11-24', ...args], { cwd: repo, stdout: () => {}, stderr: (s) => (err += s) });
  assert.equal(code, 0, err);
  return out;
}

/** Names that stretch a layout: long, unbroken, wide, right-to-left, stacked marks, emoji, markup. */
const NAMES = [
  'Reduce the median time from the first customer contact to a fully resolved ticket across all regions, channels and languages',
  'Supercalifragilisticexpialidocious-Internationalization-Configuration-Management-Programme',
  '顧客満足度を継続的に向上させるための品質管理体制の強化と全社的な改善活動',
  '🚀 Launch faster 🎯🔥 with fewer 🐛 bugs 👍🏽 and 👨‍👩‍👧 families 🇪🇺',
  'مؤشرات الأداء الرئيسية لفريق المبيعات في منطقة الشرق الأوسط',
  'מדדי ביצוע מרכזיים של צוות התמיכה והשירות',
  'Z̴̡̙͉a̶̧͉̗l̷̡̗̝g̸̨̝̭o̵̢̭̖ text with stacked combining marks',
  'Kundenzufriedenheitsverbesserungsmaßnahmen · 客户满意度 · رضا العملاء',
  '<b>"Quotes" & \'apostrophes\'</b> </text><script>alert(1)</script>',
  'WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW',
];

/** A workspace of generated scorecards whose every name is one of NAMES: a root and two teams. */
function hostileWorkspace(dir: string, seed: number): void {
  const q = (i: number) => JSON.stringify(NAMES[(i + seed) % NAMES.length]);
  const card = (id: string, parent: string | undefined, k: number) => {
    const lines = [
      'kpilens: 1',
      'scorecard:',
      `  id: ${id}`,
      `  title: ${q(k)}`,
      `  owner: ${q(k + 1)}`,
      ...(parent ? [`  parent: ${parent}`] : []),
      ...(parent ? [] : ['vision:', `  statement: ${q(k + 2)}`]),
      'objectives:',
      ...[0, 1].map((o) => `  - { id: o${o}, title: ${q(k + o + 3)}, supports: [${parent ? `${parent}/o${o}` : 'vision'}] }`),
      'kpis:',
      ...[0, 1, 2].map(
        (i) =>
          `  - { id: k${i}, name: ${q(k + i + 5)}, objective: o${i % 2}, owner: ${q(k + i)}, unit: ${q(k + i + 7)}, direction: increase, baseline: 1, target: { value: 1234567, by: 2027-12-31 }, poles: [task, change]${parent ? `, contributes: [${parent}/k${i}]` : ''} }`,
      ),
      'levers:',
      ...[0, 1].map(
        (l) => `  - { id: l${l}, name: ${q(k + l + 2)}, owner: ${q(k + l + 4)}, improves: [k${l}, k2]${parent ? `, worsens: [${parent}/k${l}]` : ''} }`,
      ),
      'disturbances:',
      ...[0, 1, 2].map((d) => `  - { id: d${d}, name: ${q(k + d + 6)}, affects: [k0, k1] }`),
      'polarities:',
      '  act-reflect: { act: 7, reflect: 1 }',
      '  stability-change: { stability: 4, change: 5 }',
      '  challenge-support: { challenge: 6, support: 2 }',
      '  competence-warmth: { competence: 5, warmth: 4 }',
      '  task-relationship: { task: 7, relationship: 1 }',
      '  direct-empower: { direct: 3, empower: 6 }',
      'wheel:',
      `  capabilities: [${[0, 1, 2, 3, 4, 5].map((i) => q(k + i)).join(', ')}]`,
      `  responsibilities: [${[0, 1, 2].map((i) => q(k + i + 6)).join(', ')}]`,
    ];
    fs.writeFileSync(path.join(dir, `${id}.kpi.yaml`), `${lines.join('\n')}\n`);
  };
  card('root', undefined, 0);
  card('team-a', 'root', 3);
  card('team-b', 'root', 6);
}

/** A page that fails the test on any dialog (an alert would mean a name ran) and counts requests. */
async function guardedPage(
  browser: Browser,
  colorScheme: 'light' | 'dark' = 'light',
  viewport = { width: 1600, height: 1000 },
): Promise<{ page: Page; requests: string[]; dialogs: string[] }> {
  const page = await browser.newPage({ colorScheme, viewport });
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { page, requests, dialogs };
}

interface Boxes {
  /** What is wrong: a text outside its picture or card, two labels of a wheel on top of each other. */
  problems: string[];
  texts: number;
  wheels: number;
  cards: number;
  /** The smallest text on screen, and the smallest text of a card, in CSS pixels. */
  minFont: number;
  minCardFont: number;
}

/**
 * Checks the shown pictures matching `selector` with the browser's own boxes: every text inside
 * its picture; in a cascade, every text of a card inside the card; in a wheel, no two texts
 * overlapping, each line compared as the turned rectangle it is (a separating axis test).
 */
async function boxes(page: Page, selector: string, inside = true): Promise<Boxes> {
  // Passed as source, so that the test runner's transform adds nothing the page lacks.
  return page.evaluate<Boxes>(`(${CHECK_BOXES})(${JSON.stringify([selector, inside])})`);
}

/** Runs in the page: see `boxes`. */
const CHECK_BOXES = String.raw`([sel, checkInside]) => {

            const quad = (e) => {
        const b = e.getBBox();
        const m = e.getScreenCTM();
        return [
          [b.x, b.y],
          [b.x + b.width, b.y],
          [b.x + b.width, b.y + b.height],
          [b.x, b.y + b.height],
        ].map(([x, y]) => new DOMPoint(x, y).matrixTransform(m));
      };
      const overlap = (a, b) => {
        for (const poly of [a, b]) {
          for (let i = 0; i < 4; i++) {
            const p = poly[i];
            const q = poly[(i + 1) % 4];
            const n = { x: q.y - p.y, y: p.x - q.x };
            const len = Math.hypot(n.x, n.y) || 1;
            const proj = (s) => s.map((v) => (v.x * n.x + v.y * n.y) / len);
            const [pa, pb] = [proj(a), proj(b)];
            // Touching by less than half a pixel is apart.
            if (Math.max(...pa) <= Math.min(...pb) + 0.5 || Math.max(...pb) <= Math.min(...pa) + 0.5) return false;
          }
        }
        return true;
      };
      const within = (r, o) => r.left >= o.left - 0.5 && r.right <= o.right + 0.5 && r.top >= o.top - 0.5 && r.bottom <= o.bottom + 0.5;
      const font = (t) => {
        const m = t.getScreenCTM();
        return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
      };
      const out = { problems: [], texts: 0, wheels: 0, cards: 0, minFont: Infinity, minCardFont: Infinity };
      for (const svg of document.querySelectorAll(sel)) {
        if (!svg.getClientRects().length) continue;
        const name = svg.getAttribute('aria-label') ?? svg.getAttribute('class');
        const frame = svg.getBoundingClientRect();
        const texts = [...svg.querySelectorAll('text')].filter((t) => (t.textContent ?? '').trim());
        out.texts += texts.length;
        for (const t of texts) {
          out.minFont = Math.min(out.minFont, font(t));
          if (checkInside && !within(t.getBoundingClientRect(), frame)) out.problems.push('outside ' + name + ': "' + t.textContent + '"');
        }
        if (svg.classList.contains('kl-cascade')) {
          for (const node of svg.querySelectorAll('.kl-node')) {
            out.cards++;
            const card = node.querySelector('.kl-card').getBoundingClientRect();
            for (const t of node.querySelectorAll('text')) {
              out.minCardFont = Math.min(out.minCardFont, font(t));
              if (!within(t.getBoundingClientRect(), card)) out.problems.push('outside its card in ' + name + ': "' + t.textContent + '"');
            }
          }
        }
        if (svg.classList.contains('kl-wheel')) {
          out.wheels++;
          // A label of several lines is its lines' boxes (the box around them all is wider than the narrower lines).
          const quads = texts.flatMap((t) => {
            const lines = [...t.querySelectorAll('tspan')];
            return (lines.length ? lines : [t]).map((l) => ({ t, q: quad(l) }));
          });
          for (let i = 0; i < quads.length; i++) {
            for (let j = i + 1; j < quads.length; j++) {
              if (quads[i].t !== quads[j].t && overlap(quads[i].q, quads[j].q)) out.problems.push('overlap in ' + name + ': "' + quads[i].t.textContent + '" and "' + quads[j].t.textContent + '"');
            }
          }
        }
      }
      return out;
    }`;

describe('preview in a browser', function () {
  this.timeout(180000);
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

    /** A few of the theme colours VS Code sets on a webview's root element. */
    const THEME = {
      '--vscode-editor-background': '#1e1e1e',
      '--vscode-editor-foreground': '#d4d4d4',
      '--vscode-editorWidget-background': '#252526',
      '--vscode-charts-green': '#89d185',
      '--vscode-charts-red': '#f14c4c',
    };
    /** VS Code's Light Modern and Dark Modern themes, as far as the preview uses them: for the README's pictures. */
    const MODERN = {
      light: {
        '--vscode-font-family': "system-ui, 'Segoe UI', 'DejaVu Sans', sans-serif",
        '--vscode-font-size': '13px',
        '--vscode-editor-background': '#ffffff',
        '--vscode-editor-foreground': '#3b3b3b',
        '--vscode-descriptionForeground': '#3b3b3b',
        '--vscode-editorWidget-background': '#f8f8f8',
        '--vscode-editorWidget-border': '#c8c8c8',
        '--vscode-panel-border': '#e5e5e5',
        '--vscode-sideBar-background': '#f8f8f8',
        '--vscode-editorGroupHeader-tabsBackground': '#f8f8f8',
        '--vscode-charts-blue': '#1a85ff',
        '--vscode-charts-green': '#388a34',
        '--vscode-charts-yellow': '#bf8803',
        '--vscode-charts-red': '#e51400',
        '--vscode-charts-purple': '#652d90',
        '--vscode-editorLineNumber-foreground': '#6e7681',
        '--vscode-disabledForeground': 'rgba(97, 97, 97, 0.5)',
        '--vscode-editorError-foreground': '#e51400',
        '--vscode-editorWarning-foreground': '#bf8803',
        '--vscode-editorInfo-foreground': '#1a85ff',
        '--vscode-button-background': '#005fb8',
        '--vscode-button-foreground': '#ffffff',
        '--vscode-button-secondaryBackground': '#e5e5e5',
        '--vscode-button-secondaryForeground': '#3b3b3b',
        '--vscode-button-secondaryHoverBackground': '#cccccc',
        '--vscode-button-border': 'rgba(0, 0, 0, 0.1)',
        '--vscode-dropdown-background': '#ffffff',
        '--vscode-dropdown-foreground': '#3b3b3b',
        '--vscode-dropdown-border': '#cecece',
        '--vscode-focusBorder': '#005fb8',
      },
      dark: {
        '--vscode-font-family': "system-ui, 'Segoe UI', 'DejaVu Sans', sans-serif",
        '--vscode-font-size': '13px',
        '--vscode-editor-background': '#1f1f1f',
        '--vscode-editor-foreground': '#cccccc',
        '--vscode-descriptionForeground': '#9d9d9d',
        '--vscode-editorWidget-background': '#202020',
        '--vscode-editorWidget-border': '#313131',
        '--vscode-panel-border': '#2b2b2b',
        '--vscode-sideBar-background': '#181818',
        '--vscode-editorGroupHeader-tabsBackground': '#181818',
        '--vscode-charts-blue': '#3794ff',
        '--vscode-charts-green': '#89d185',
        '--vscode-charts-yellow': '#cca700',
        '--vscode-charts-red': '#f14c4c',
        '--vscode-charts-purple': '#b180d7',
        '--vscode-editorLineNumber-foreground': '#6e7681',
        '--vscode-disabledForeground': 'rgba(204, 204, 204, 0.5)',
        '--vscode-editorError-foreground': '#f14c4c',
        '--vscode-editorWarning-foreground': '#cca700',
        '--vscode-editorInfo-foreground': '#3794ff',
        '--vscode-button-background': '#0078d4',
        '--vscode-button-foreground': '#ffffff',
        '--vscode-button-secondaryBackground': '#313131',
        '--vscode-button-secondaryForeground': '#cccccc',
        '--vscode-button-secondaryHoverBackground': '#3c3c3c',
        '--vscode-button-border': 'rgba(255, 255, 255, 0.07)',
        '--vscode-dropdown-background': '#313131',
        '--vscode-dropdown-foreground': '#cccccc',
        '--vscode-dropdown-border': '#3c3c3c',
        '--vscode-focusBorder': '#0078d4',
      },
    };

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

    const send = (page: Page, message: unknown) => page.evaluate((m) => window.postMessage(m, '*'), message);
    const posted = (page: Page) => page.evaluate(() => (window as unknown as { posted: unknown[] }).posted);
    const current = (page: Page) => page.locator('.kl-current').evaluateAll((es) => es.map((e) => e.getAttribute('data-key')));
    const transform = (page: Page) =>
      page.locator('.kl-viewport').evaluate((g) => {
        const m = /translate\(([-\d.]+),([-\d.]+)\) scale\(([-\d.]+)\)/.exec(g.getAttribute('transform') ?? '')!;
        return { x: Number(m[1]), y: Number(m[2]), k: Number(m[3]) };
      });
    /** Where a node is on screen (its card), and whether it is wholly inside the stage. */
    const onStage = (page: Page, key: string) =>
      page.evaluate((k) => {
        const node = [...document.querySelectorAll('.kl-node, .kl-group-header')].find((e) => e.getAttribute('data-key') === k);
        const stage = document.querySelector('.stage')!.getBoundingClientRect();
        if (!node) return undefined;
        const r = (node.querySelector('.kl-card, .kl-header-bg') ?? node).getBoundingClientRect();
        return {
          x: r.left + r.width / 2,
          y: r.top + r.height / 2,
          left: r.left - stage.left,
          inside: r.top >= stage.top - 0.5 && r.bottom <= stage.bottom + 0.5 && r.left >= stage.left - 0.5 && r.right <= stage.right + 0.5,
        };
      }, key);

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

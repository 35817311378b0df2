// What the browser tests (preview-*.test.ts) share: Debian's chromium, launched for a suite; the
// examples and a hostile scorecard exported as `kpilens preview` writes them, and scorecards of
// generated hostile names; a page that notes every request and dialog; and the check of the
// shown pictures by the browser's own bounding boxes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, Browser, Page } from 'playwright-core';
import { lintFiles } from '../../server/src/engine';
import { runPreview } from '../../server/src/cli/preview';
import { buildViewModel, ViewModel } from '../../server/src/engine/view';
import chromiumFlags from '../chromium.json';

export const repo = path.join(__dirname, '..', '..');
export const hostileFile = path.join(repo, 'test', 'fixtures', 'view', 'hostile', 'hostile.kpi.yaml');
/** The example workspace when it is there; the view fixtures otherwise. */
export const examples = fs.existsSync(path.join(repo, 'examples')) ? path.join(repo, 'examples') : path.join(repo, 'test', 'fixtures', 'view', 'workspace');
export const images = path.join(repo, 'docs', 'images');

function filesOf(dir: string): { uri: string; text: string }[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.kpi.yaml'))
    .map((f) => ({ uri: path.join(dir, f), text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

export function model(dir: string, focus?: string): ViewModel {
  const { workspace, findings } = lintFiles(filesOf(dir), { asOf: '2026-11-24' });
  return buildViewModel(workspace, findings, focus);
}

export async function exportTo(dir: string, out: string, ...args: string[]): Promise<string> {
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
export function hostileWorkspace(dir: string, seed: number): void {
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
export async function guardedPage(
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
export async function boxes(page: Page, selector: string, inside = true): Promise<Boxes> {
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

/**
 * Gives the tests of the calling suite a browser of their own: launched before them, with its
 * state in a temporary folder (`bind` takes both into the suite's variables), and closed after
 * them. Skips the suite, saying so, where chromium is not installed.
 */
export function withBrowser(bind: (b: { browser: Browser; tmp: string }) => void): void {
  let browser: Browser | undefined;
  let tmp: string | undefined;

  before(async function () {
    if (!fs.existsSync(chromiumFlags.path)) {
      console.log(`    skipped: ${chromiumFlags.path} is not installed (apt-get install -y chromium)`);
      this.skip();
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-browser-'));
    // Playwright gives the browser a fresh profile of its own; the rest of its state goes to tmp.
    browser = await chromium.launch({
      executablePath: chromiumFlags.path,
      args: chromiumFlags.args,
      env: { ...process.env, HOME: tmp, XDG_CONFIG_HOME: tmp, XDG_CACHE_HOME: tmp },
    });
    bind({ browser, tmp });
  });

  after(async () => {
    await browser?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });
}

// The element trees as markup, labels, the polarity wheel picture and the style sheets. The
// cascade picture is in view-render-cascade.test.ts, the exported files in view-render-export.test.ts.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { el, escapeAttr, toMarkup, txt } from '../../server/src/engine/view/el';
import { clip, display, textWidth, wrap } from '../../server/src/engine/view/label';
import { renderWheel } from '../../server/src/engine/view/render-wheel';
import { exportCss, RENDER_CSS } from '../../server/src/engine/view/style';
import { examples, model, root, workspace } from '../helpers/view-models';

describe('view: element trees as markup', () => {
  it('escapes text and attribute values, and drops characters XML cannot hold', () => {
    const tree = el('g', { 'data-key': `a"b'c<d>&e`, x: 1.5, y: 2, w: 1 / 3, skip: undefined }, [txt('text', {}, '<script>&amp;\u0001\uD800</script>')]);
    assert.equal(
      toMarkup(tree),
      '<g data-key="a&quot;b&#39;c&lt;d&gt;&amp;e" x="1.5" y="2" w="0.33"><text>&lt;script&gt;&amp;amp;\uFFFD\uFFFD&lt;/script&gt;</text></g>',
    );
    assert.equal(toMarkup(el('rect')), '<rect/>');
    assert.equal(escapeAttr('\u{1F600}'), '\u{1F600}', 'a surrogate pair is kept');
  });
});

describe('view: labels', () => {
  it('shows bidi controls as code points and controls as spaces', () => {
    assert.equal(display('\u202Eevil\u202C x'), '[U+202E]evil[U+202C] x');
    assert.equal(display(' a\tb\n\nc\u0000 '), 'a b c');
  });

  it('wraps on words, splits what is too long, and clips the last line', () => {
    assert.deepEqual(wrap('Open critical vulnerabilities at week end', 16, 3), ['Open critical', 'vulnerabilities', 'at week end']);
    assert.deepEqual(wrap('abcdefghij', 4, 5), ['abcd', 'efgh', 'ij']);
    assert.deepEqual(wrap('one two three four five six', 9, 2), ['one two', 'three fo…']);
    assert.deepEqual(wrap('', 10, 2), ['']);
    assert.deepEqual(wrap('Production deployments per week', 27, 3, 23), ['Production deployments', 'per week']);
    assert.equal(clip('漢字漢字', 5), '漢字…', 'wide characters count twice');
  });

  it('estimates widths in pixels from character classes, never below what a browser draws', () => {
    assert.equal(textWidth('m', 10), 9.7);
    assert.equal(textWidth('m', 10, true), 10.4);
    assert.equal(textWidth('漢字', 10), 20, 'East Asian wide: an em');
    assert.equal(textWidth('😀', 10), 12.5, 'emoji: an em and a quarter');
    assert.equal(textWidth('e\u0301\u200D\uFE0F\u202E', 10), textWidth('e', 10), 'combining marks and invisible controls: nothing');
    assert.ok(textWidth('مؤشرات', 10) >= 6 * 7.8 && textWidth('Ключ', 10, true) >= 4 * 8.6, 'other scripts: at least the widest letters');
    assert.deepEqual(
      wrap('Open critical vulnerabilities at week end', 100, 3, 100, (t) => textWidth(t, 12, true)),
      ['Open critical', 'vulnerabilities', 'at week end'],
    );
  });
});

describe('view: polarity wheel picture', () => {
  it('has twelve poles, a bar per assessed pole, the overuse band and the KPI counts', () => {
    const [nw] = workspace().wheels;
    const markup = toMarkup(renderWheel(nw));
    assert.equal(markup.match(/<g class="kl-pole[ "]/g)?.length, 12);
    assert.equal(markup.match(/<path class="kl-bar[ "]/g)?.length, 4);
    assert.equal(markup.match(/<path class="kl-bar kl-overused"/g)?.length, 1);
    // act (from 5) and task (from 7) can be overused within the scale; reflect and relationship cannot.
    assert.equal(markup.match(/<path class="kl-overuse-band"/g)?.length, 2);
    const counts = [...markup.matchAll(/class="kl-kpi-count"[^>]*>(\d+)</g)].map((m) => Number(m[1]));
    assert.deepEqual(counts, [0, 0, 1, 0, 0, 1, 0, 0, 2, 1, 0, 0]);
    for (const name of ['Focus', 'Trust', 'Direction', 'Commitment']) assert.ok(markup.includes(`>${name}<`), name);
    assert.match(markup, /<title>act and reflect \(act-reflect\)\nActing moves things forward/);
  });

  it('is as large as what it holds: every ring and text inside the picture, long names cut with the whole name on hover', () => {
    const long =
      'Build and sustain cross-functional partnerships across every region and business unit we serve, and then do it all again, and again, until every region and every business unit is served';
    const vm = model({
      'mem:x.kpi.yaml': `kpilens: 1\nscorecard: { id: x, title: "${'A very long scorecard title that goes on and on '.repeat(3)}" }\npolarities:\n  act-reflect: { act: 6, reflect: 2 }\nwheel:\n  capabilities: ["${long}", 漢字の長い能力の名前です, "🚀🚀🚀 Launch", مؤشرات الأداء الرئيسية, e\u0301\u0301\u0301, f]\n  responsibilities: ["${long}", People, Future]\n`,
    });
    const wheels = [...vm.wheels, ...examples().wheels, ...workspace().wheels];
    for (const wheel of wheels) {
      const svg = renderWheel(wheel);
      const markup = toMarkup(svg);
      const [w, h] = [Number(svg.attrs.width), Number(svg.attrs.height)];
      const [, cx, cy] = /<g transform="translate\(([\d.]+),([\d.]+)\)">/.exec(markup)!.map(Number);
      const outer = Math.max(...[...markup.matchAll(/A([\d.]+),/g)].map((m) => Number(m[1])));
      assert.ok(cx - outer >= 0 && cx + outer <= w && cy + outer <= h, `${wheel.title}: the rings fit the picture`);
      const titleBottom = 14 + 19 * (markup.match(/<tspan x="[\d.]+" dy="(0|19)">/g)?.length ?? 1);
      assert.ok(cy - outer >= titleBottom - 19, `${wheel.title}: the title is above the rings`);
      for (const m of markup.matchAll(/class="kl-wheel-title"[^>]*>(.*?)<\/text>/g)) assert.ok((m[1].match(/<tspan/g)?.length ?? 0) <= 2);
    }
    const markup = toMarkup(renderWheel(vm.wheels[0]));
    assert.match(markup, /<title>Polarity wheel · A very long scorecard title/);
    // The long name is cut, whole in the ring's title; the short ones whole.
    assert.match(markup, new RegExp(`<g class="kl-ring-item"><title>${long}</title>`));
    const labels = [...markup.matchAll(/class="kl-ring-label"[^>]*>(.*?)<\/text>/g)].map((m) => m[1].replace(/<[^>]+>/g, ' ').trim());
    assert.ok(
      labels.some((l) => l.endsWith('…')),
      labels.join(' | '),
    );
    assert.ok(labels.includes('漢字の長い能力の名前です') || labels.some((l) => l.replace(/ /g, '') === '漢字の長い能力の名前です'), labels.join(' | '));
    assert.ok(
      labels.some((l) => l.replace(/ /g, '') === '🚀🚀🚀Launch'),
      labels.join(' | '),
    );
  });

  it('keeps the scale out of the way of the markers', () => {
    const wheel = examples().wheels[0];
    const markup = toMarkup(renderWheel(wheel));
    const scale = [...markup.matchAll(/<text class="kl-scale"[^>]*x="([-\d.]+)" y="([-\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const markers = [...markup.matchAll(/<g class="kl-marker[^"]*" transform="translate\(([-\d.]+),([-\d.]+)\)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    assert.equal(scale.length, 2);
    assert.ok(markers.length >= 1, 'the company wheel has a marker');
    for (const [sx, sy] of scale)
      for (const [mx, my] of markers) assert.ok(Math.hypot(sx - mx, sy - my) > 20, `scale at ${sx},${sy} clear of the marker at ${mx},${my}`);
  });

  it('leaves out the outer rings when the scorecard names none', () => {
    const [, hub] = workspace().wheels;
    const markup = toMarkup(renderWheel(hub));
    assert.doesNotMatch(markup, /kl-capabilities|kl-responsibilities/);
    assert.equal(markup.match(/<path class="kl-bar/g), null);
  });
});

describe('view: style sheets agree', () => {
  const used = [...new Set([...RENDER_CSS.matchAll(/var\((--kl-[a-z-]+)\)/g)].map((m) => m[1]))].sort();

  it('the export palettes define every colour the rules use, light and dark', () => {
    const css = exportCss('html');
    const [light, dark] = css.split('@media');
    for (const v of used) {
      assert.ok(light.includes(`${v}:`), `light palette lacks ${v}`);
      assert.ok(dark.includes(`${v}:`), `dark palette lacks ${v}`);
    }
  });

  it("the webview maps every colour to VS Code's theme", () => {
    const css = readFileSync(join(root, 'client', 'webview', 'preview.css'), 'utf8');
    for (const v of used) assert.match(css, new RegExp(`${v}:\\s*var\\(--vscode-`), `preview.css lacks ${v}`);
  });
});

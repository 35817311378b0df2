// Scorecards whose names, ids, owners, keys and file names are written to break the outputs:
// HTML, XML and Markdown metacharacters, terminal escape sequences, bidirectional overrides and
// CI workflow-command injection. Every CLI output must show them as text and nothing more.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import MarkdownIt from 'markdown-it';
import { main } from '../../server/src/cli/main';

const HOSTILE =
  '<script>alert(1)</script> ]]> &amp; | cell | **b** _i_ `c` [l](http://x) \u001b[31mRED\u001b[2J \u202egnp.exe \u2066x\u2069 \u009b1m %0A::error::pwned \u0007 \r\n::warning::also';

/** Control characters a terminal or a viewer acts on, and the bidirectional controls. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** The same, less the line breaks and tab that HTML and XML treat as white space. */
const RAW_CONTROL_IN_MARKUP = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const q = (s: string) => JSON.stringify(s);

/** What the hostile text would turn into, were its markup rendered rather than shown. */
const RENDERED = /<script|<img|onerror|<a href="http:\/\/x"|<strong>b<\/strong>|<em>i<\/em>|<code>c<\/code>/i;

function scorecard(id: string, extra = ''): string {
  return `kpilens: 1
scorecard:
  id: ${id}
  title: ${q(HOSTILE)}
  owner: ${q(HOSTILE)}
${q(HOSTILE)}: 1
vision:
  statement: ${q(HOSTILE)}
objectives:
  - id: ${q(`o${HOSTILE}`)}
    title: ${q(HOSTILE)}
    supports: [vision, ${q(HOSTILE)}]
kpis:
${[0, 1, 2, 3, 4, 5].map((i) => `  - id: k${i}\n    name: ${q(HOSTILE)}\n    objective: ${q(`o${HOSTILE}`)}\n    owner: ${q(HOSTILE)}\n    direction: ${q(HOSTILE)}\n`).join('')}  - id: k6
    name: ${q(HOSTILE)}
    owner: [${q(HOSTILE)}, ${q(HOSTILE)}]
    direction: increase
    target: { value: 5, every: month }
    history: [{ date: 2026-11-01, value: 4, status: on-track, note: ${q(HOSTILE)} }]
polarities:
  task-relationship: { task: 7, relationship: 1 }
review: { cadence: ${q(HOSTILE)}, last: ${q(HOSTILE)} }
${extra}`;
}

// Characters that no file system refuses: the name still carries markup and URI metacharacters.
const FILE = `a&b 'c' %41 #x [y] \u202ez.kpi.yaml`;

async function run(cwd: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), color: false, version: '0.0.0-test' });
  return { code, stdout, stderr };
}

let dir: string;
/** The engine's messages, from the json format (which must keep them exact). */
let messages: string[];

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-hostile-'));
  fs.mkdirSync(path.join(dir, 'before'));
  fs.mkdirSync(path.join(dir, 'after'));
  fs.writeFileSync(
    path.join(dir, 'after', FILE),
    scorecard('h', `levers:\n  - id: l\n    name: ${q(HOSTILE)}\n    owner: ${q(HOSTILE)}\n    improves: [k0]\n`),
  );
  fs.writeFileSync(path.join(dir, 'before', FILE), scorecard('h'));
  const json = await run(dir, 'lint', 'after', '--format', 'json', '--as-of', '2026-11-24');
  messages = (JSON.parse(json.stdout) as { message: string }[]).map((f) => f.message);
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('hostile strings in every CLI output', () => {
  it('reach the findings in the first place (otherwise the tests below prove nothing)', () => {
    assert.ok(
      messages.some((m) => m.includes('<script>') && m.includes('\u202e') && m.includes('%0A::error::pwned')),
      messages.join('\n'),
    );
  });

  it('lint json: keeps the messages exact, with no raw control or bidirectional character in the file', async () => {
    const r = await run(dir, 'lint', 'after', '--format', 'json', '--as-of', '2026-11-24');
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.stdout, RAW_CONTROL);
    const out = JSON.parse(r.stdout) as { file: string; message: string }[];
    assert.ok(out.every((f) => f.file === path.join('after', FILE)));
    assert.ok(out.some((f) => f.message.includes(HOSTILE.slice(0, 40))));
  });

  it('lint stylish: shows every control character as an escape, with or without colour', async () => {
    const r = await run(dir, 'lint', 'after', '--format', 'stylish', '--as-of', '2026-11-24');
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.stdout, RAW_CONTROL);
    assert.match(r.stdout, /\\u\{202e\}gnp\.exe/);
    // A line break in a message would start a line that a CI log reads as a workflow command.
    assert.doesNotMatch(r.stdout, /^\s*::/m);
    let coloured = '';
    await main(['lint', 'after', '--as-of', '2026-11-24'], { cwd: dir, stdout: (s) => (coloured += s), stderr: () => undefined, color: true, version: '0' });
    // Only kpilens' own colour codes may remain.
    assert.doesNotMatch(coloured.replace(/\u001b\[\d+m/g, ''), RAW_CONTROL);
  });

  it('lint sarif: keeps the messages exact, with no raw control or bidirectional character in the file', async () => {
    const r = await run(dir, 'lint', 'after', '--format', 'sarif', '--as-of', '2026-11-24');
    assert.doesNotMatch(r.stdout, RAW_CONTROL);
    const results = JSON.parse(r.stdout).runs[0].results as {
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
    }[];
    assert.deepEqual(results.map((x) => x.message.text).sort(), [...messages].sort());
    assert.equal(decodeURIComponent(results[0].locations[0].physicalLocation.artifactLocation.uri), `after/${FILE}`);
  });

  it('lint github: one workflow command per finding, none injected, each decoding to the message', async () => {
    const r = await run(dir, 'lint', 'after', '--format', 'github', '--as-of', '2026-11-24');
    assert.doesNotMatch(r.stdout, RAW_CONTROL);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, messages.length);
    for (const line of lines)
      assert.match(line, /^::(error|warning|notice) file=[^:]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=kpilens\([a-z-]+\)::[^\r\n]*$/);
    const decoded = lines.map((l) =>
      l
        .slice(l.indexOf('::', 2) + 2)
        .replace(/%0D/g, '\r')
        .replace(/%0A/g, '\n')
        .replace(/%25/g, '%'),
    );
    assert.ok(decoded.some((d) => d.includes('%0A::error::pwned') && d.includes('\\u202egnp.exe') && d.includes('<script>')));
  });

  it('lint junit: well-formed XML whose attributes and text read back as the messages, controls shown as escapes', async () => {
    const r = await run(dir, 'lint', 'after', '--format', 'junit', '--as-of', '2026-11-24');
    assert.equal(XMLValidator.validate(r.stdout), true);
    assert.doesNotMatch(r.stdout, RAW_CONTROL);
    assert.doesNotMatch(r.stdout, /<script/);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: true, htmlEntities: true }).parse(r.stdout);
    const cases = [doc.testsuites.testsuite.testcase].flat() as { failure?: { message: string } }[];
    const failures = cases.filter((c) => c.failure).map((c) => c.failure!.message);
    assert.ok(
      failures.some((m) => m.includes('<script>alert(1)</script> ]]> &amp; |') && m.includes('\\u202egnp.exe')),
      failures.join('\n'),
    );
  });

  it('lint markdown: renders as the text itself, one table row per finding, no HTML let through', async () => {
    const r = await run(dir, 'lint', 'after', '--format', 'markdown', '--as-of', '2026-11-24');
    assert.doesNotMatch(r.stdout, RAW_CONTROL);
    const html = new MarkdownIt({ html: true }).render(r.stdout);
    assert.doesNotMatch(html, RENDERED);
    assert.equal((html.match(/<tr>/g) ?? []).length - 1, messages.length);
    for (const row of html.split('<tr>').slice(2)) assert.equal((row.match(/<td>/g) ?? []).length, 4);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt; \]\]&gt; &amp;amp; \| cell \| \*\*b\*\* _i_ `c` \[l\]\(http:\/\/x\) \\u001b\[31mRED/);
  });

  it('preview html and svg: no script, the names as escaped text, no raw controls', async () => {
    for (const out of ['p.html', 'p.svg']) {
      const r = await run(dir, 'preview', 'after', '--out', out, '--as-of', '2026-11-24');
      assert.equal(r.code, 0, r.stderr);
      const text = fs.readFileSync(path.join(dir, out), 'utf8');
      assert.doesNotMatch(text, RENDERED);
      assert.doesNotMatch(text, RAW_CONTROL_IN_MARKUP);
      assert.match(text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      if (out.endsWith('.svg')) assert.equal(XMLValidator.validate(text), true);
    }
  });

  it('status: the names, owners, notes and file name as text in every format', async () => {
    const stylish = await run(dir, 'status', 'after', '--as-of', '2026-11-24');
    assert.equal(stylish.code, 0, stylish.stderr);
    assert.doesNotMatch(stylish.stdout, RAW_CONTROL);
    assert.doesNotMatch(stylish.stdout, /^\s*::/m);
    assert.match(stylish.stdout, /\\u\{202e\}z\.kpi\.yaml {2}<script>alert\(1\)<\/script>/);
    let coloured = '';
    await main(['status', 'after', '--as-of', '2026-11-24'], { cwd: dir, stdout: (s) => (coloured += s), stderr: () => undefined, color: true, version: '0' });
    assert.doesNotMatch(coloured.replace(/\u001b\[\d+m/g, ''), RAW_CONTROL);

    const md = await run(dir, 'status', 'after', '--format', 'markdown', '--as-of', '2026-11-24');
    assert.doesNotMatch(md.stdout, RAW_CONTROL);
    const rendered = new MarkdownIt({ html: true }).render(md.stdout);
    assert.doesNotMatch(rendered, RENDERED);
    for (const row of rendered.split('<tr>').slice(2)) assert.equal((row.match(/<td/g) ?? []).length, 9);
    assert.match(rendered, /reported on track: &lt;script&gt;alert\(1\)&lt;\/script&gt;/);

    const json = await run(dir, 'status', 'after', '--format', 'json', '--as-of', '2026-11-24');
    assert.doesNotMatch(json.stdout, RAW_CONTROL);
    const rows = JSON.parse(json.stdout) as { file: string; kpi: string; status: string }[];
    assert.deepEqual(rows.map((k) => [k.file, k.kpi, k.status]).at(-1), [path.join('after', FILE), 'k6', 'off-track']);

    const html = await run(dir, 'status', 'after', '--format', 'html', '--output-file', 's.html', '--as-of', '2026-11-24');
    assert.equal(html.code, 0, html.stderr);
    const text = fs.readFileSync(path.join(dir, 's.html'), 'utf8');
    assert.doesNotMatch(text, RENDERED);
    assert.doesNotMatch(text, RAW_CONTROL_IN_MARKUP);
    assert.equal(XMLValidator.validate(text.replace(/^<!DOCTYPE html>\n/, '')), true);
    assert.match(text, /<div class="note">reported on track: &lt;script&gt;alert\(1\)&lt;\/script&gt; \]\]&gt; &amp;amp;/);
  });

  it('diff stylish, markdown and json: the names as text in each', async () => {
    const stylish = await run(dir, 'diff', 'before', 'after', '--as-of', '2026-11-24');
    assert.equal(stylish.code, 0, stylish.stderr);
    assert.doesNotMatch(stylish.stdout, RAW_CONTROL);
    assert.doesNotMatch(stylish.stdout, /^\s*::/m);
    assert.match(stylish.stdout, /<script>/);

    const md = await run(dir, 'diff', 'before', 'after', '--format', 'markdown', '--as-of', '2026-11-24');
    assert.doesNotMatch(md.stdout, RAW_CONTROL);
    assert.doesNotMatch(new MarkdownIt({ html: true }).render(md.stdout), RENDERED);

    const json = await run(dir, 'diff', 'before', 'after', '--format', 'json', '--as-of', '2026-11-24');
    assert.doesNotMatch(json.stdout, RAW_CONTROL);
    assert.ok(JSON.stringify(JSON.parse(json.stdout)).includes(JSON.stringify(HOSTILE).slice(1, -1)));
  });
});

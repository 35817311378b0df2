import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import MarkdownIt from 'markdown-it';
import { docsUrl, lineStarts, lintFiles, RULES } from '../../server/src/engine';
import type { Finding, Span } from '../../server/src/engine';
import github from '../../server/src/cli/formats/github';
import junit from '../../server/src/cli/formats/junit';
import markdown, { md } from '../../server/src/cli/formats/markdown';
import sarif from '../../server/src/cli/formats/sarif';
import type { FileResult, FormatOptions } from '../../server/src/cli/formats/types';

function span(text: string, needle: string, through?: string): Span {
  const start = text.indexOf(needle);
  assert.ok(start >= 0, `fixture does not contain ${JSON.stringify(needle)}`);
  const end = through === undefined ? start + needle.length : text.indexOf(through, start) + through.length;
  return { start, end };
}

function result(file: string, text: string, findings: Finding[]): FileResult {
  return { file, text, lineStarts: lineStarts(text), findings };
}

const OPS = `kpilens: 1
scorecard:
  id: ops
  parent: hq
kpis:
  - id: on-time
    name: Total page views
# kpilens-disable-next-line schema
`;
const OLD = `kpilens: 1
scorecard:
  id: ops
`;
const OLD_URI = '/ws/teams/ops-old.kpi.yaml';

const ops = result('teams/ops.kpi.yaml', OPS, [
  {
    rule: 'duplicate-id',
    severity: 'error',
    span: span(OPS, 'ops'),
    message: 'Duplicate scorecard id "ops": it is already the id of teams/ops-old.kpi.yaml.',
    related: [{ location: { uri: OLD_URI, span: span(OLD, 'ops') }, message: 'First defined here' }],
  },
  { rule: 'kpi-owner', severity: 'warning', span: span(OPS, 'on-time'), message: 'KPI "on-time" has no owner.' },
  { rule: 'vanity-metric', severity: 'info', span: span(OPS, 'Total page views'), message: 'KPI "on-time" counts activity.' },
  { rule: 'unused-suppression', severity: 'hint', span: span(OPS, '# kpilens'), message: 'No "schema" finding on the next line.' },
]);
const clean = result('teams/clean.kpi.yaml', 'kpilens: 1\n', []);

// Every kind of text that must not act on a log, a terminal, a dashboard or a rendered comment.
const HOSTILE =
  'Owner <script>alert(1)</script> & &amp; &#60;b> "co" \'q\' | *bold* _it_ `code` [x](http://e.test) ![i](y) ~~s~~ $x$ #1 100% %0A line1\nline2\r\nline3 \u001b[31mred\u001b[0m \u202eevil\u202c :,';
// The same text as a reader sees it: invisible characters shown as \uXXXX.
const HOSTILE_SHOWN = HOSTILE.replace(/\u001b/g, '\\u001b')
  .replace('\u202e', '\\u202e')
  .replace('\u202c', '\\u202c');
const BAD = 'kpilens: 1\nscorecard:\n  id: "\u{1F600} bad\n  title: x\n';
const bad = result('my plans/a,b:c.kpi.yaml', BAD, [{ rule: 'yaml-syntax', severity: 'error', span: span(BAD, 'bad', 'x'), message: HOSTILE }]);

const options: FormatOptions = {
  color: false,
  version: '1.2.3',
  document: (uri) => (uri === OLD_URI ? { file: 'teams/ops-old.kpi.yaml', text: OLD, lineStarts: lineStarts(OLD) } : undefined),
};

describe('lint output formats', () => {
  describe('sarif', () => {
    const schemaFile = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    // The published schema has one pattern (`language`) that is valid only without the `u` flag.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
    const check = (log: unknown) => assert.ok(validate(log), ajv.errorsText(validate.errors, { separator: '\n' }));

    it('is valid SARIF 2.1.0 for findings of every severity, related locations, hostile text and no findings', () => {
      check(JSON.parse(sarif([ops, clean, bad], options)));
      check(JSON.parse(sarif([], options)));
      check(JSON.parse(sarif([ops], { color: false, version: '1.2.3' })));
    });

    it('is valid SARIF 2.1.0 for what every rule reports on a real workspace', () => {
      const files = [
        {
          uri: 'a.kpi.yaml',
          text: 'kpilens: 1\nscorecard:\n  id: a\n  parent: nowhere\nkpis:\n  - id: total-views\n    name: Total views\n    target: { value: x }\n  - id: total-views\n    name: Again\nbad: [\n',
        },
        { uri: 'b.kpi.yaml', text: 'kpilens: 1\nscorecard:\n  id: a\npolarities:\n  task-relationship: { task: 7, relationship: 1 }\n' },
      ];
      const lint = lintFiles(files, { asOf: '2026-11-25' });
      const results = files.map((f) => result(f.uri, f.text, lint.findings.get(f.uri)!));
      assert.ok(results.every((r) => r.findings.length > 2));
      const log = JSON.parse(sarif(results, { color: false, version: '1.2.3', document: (uri) => results.find((r) => r.file === uri) }));
      check(log);
      assert.ok(log.runs[0].results.some((r: { relatedLocations?: unknown[] }) => r.relatedLocations?.length));
    });

    it('is checked by a validator that rejects what the schema forbids', () => {
      const log = JSON.parse(sarif([ops], options));
      log.runs[0].results[0].level = 'info';
      assert.equal(validate(log), false);
    });

    it('describes every rule with its docs page and default level', () => {
      const driver = JSON.parse(sarif([], options)).runs[0].tool.driver;
      assert.equal(driver.name, 'kpilens');
      assert.equal(driver.version, '1.2.3');
      assert.deepEqual(
        driver.rules.map((r: { id: string }) => r.id),
        RULES.map((r) => r.meta.id),
      );
      const dup = driver.rules.find((r: { id: string }) => r.id === 'duplicate-id');
      assert.deepEqual(dup, {
        id: 'duplicate-id',
        shortDescription: { text: RULES.find((r) => r.meta.id === 'duplicate-id')!.meta.description },
        helpUri: docsUrl('duplicate-id'),
        defaultConfiguration: { enabled: true, level: 'error' },
        properties: { tags: ['structure'] },
      });
    });

    it('gives each finding its rule, level, exact region and related locations', () => {
      const results = JSON.parse(sarif([ops, clean], options)).runs[0].results;
      assert.deepEqual(results[0], {
        ruleId: 'duplicate-id',
        ruleIndex: RULES.findIndex((r) => r.meta.id === 'duplicate-id'),
        level: 'error',
        message: { text: 'Duplicate scorecard id "ops": it is already the id of teams/ops-old.kpi.yaml.' },
        locations: [
          { physicalLocation: { artifactLocation: { uri: 'teams/ops.kpi.yaml' }, region: { startLine: 3, startColumn: 7, endLine: 3, endColumn: 10 } } },
        ],
        relatedLocations: [
          {
            id: 0,
            physicalLocation: { artifactLocation: { uri: 'teams/ops-old.kpi.yaml' }, region: { startLine: 3, startColumn: 7, endLine: 3, endColumn: 10 } },
            message: { text: 'First defined here' },
          },
        ],
      });
      assert.deepEqual(
        results.map((r: { level: string }) => r.level),
        ['error', 'warning', 'note', 'note'],
      );
      assert.deepEqual(results[3].locations[0].physicalLocation.region, { startLine: 8, startColumn: 1, endLine: 8, endColumn: 10 });
    });

    it('points a related location it cannot place at its file, without a region', () => {
      const results = JSON.parse(sarif([ops], { color: false, version: '1.2.3' })).runs[0].results;
      assert.deepEqual(results[0].relatedLocations[0].physicalLocation, { artifactLocation: { uri: 'file:///ws/teams/ops-old.kpi.yaml' } });
    });

    it('keeps hostile text exact in the data, escaped in the file, and encodes the path as a URI', () => {
      const out = sarif([bad], options);
      assert.doesNotMatch(out, /[\u001b\u202e\u202c]/);
      const r = JSON.parse(out).runs[0].results[0];
      assert.equal(r.message.text, HOSTILE);
      assert.deepEqual(r.locations[0].physicalLocation, {
        artifactLocation: { uri: 'my%20plans/a%2Cb%3Ac.kpi.yaml' },
        // The emoji before " bad" is two UTF-16 code units.
        region: { startLine: 3, startColumn: 11, endLine: 4, endColumn: 11 },
      });
    });

    it('writes relative paths with forward slashes', () => {
      const r = JSON.parse(sarif([result('.\\plans\\x.kpi.yaml', OPS, ops.findings.slice(1, 2))], options)).runs[0].results[0];
      assert.equal(r.locations[0].physicalLocation.artifactLocation.uri, 'plans/x.kpi.yaml');
    });
  });

  describe('github', () => {
    it('writes one workflow command per finding, with exact positions', () => {
      assert.equal(
        github([ops, clean], options),
        [
          '::error file=teams/ops.kpi.yaml,line=3,col=7,endLine=3,endColumn=10,title=kpilens(duplicate-id)::Duplicate scorecard id "ops": it is already the id of teams/ops-old.kpi.yaml.%0A  teams/ops-old.kpi.yaml:3:7: First defined here',
          '::warning file=teams/ops.kpi.yaml,line=6,col=9,endLine=6,endColumn=16,title=kpilens(kpi-owner)::KPI "on-time" has no owner.',
          '::notice file=teams/ops.kpi.yaml,line=7,col=11,endLine=7,endColumn=27,title=kpilens(vanity-metric)::KPI "on-time" counts activity.',
          '::notice file=teams/ops.kpi.yaml,line=8,col=1,endLine=8,endColumn=10,title=kpilens(unused-suppression)::No "schema" finding on the next line.',
          '',
        ].join('\n'),
      );
      assert.equal(github([clean], options), '');
    });

    it('escapes data and properties as the runner decodes them', () => {
      const out = github([bad], options);
      assert.equal(
        out,
        '::error file=my plans/a%2Cb%3Ac.kpi.yaml,line=3,col=11,endLine=4,endColumn=11,title=kpilens(yaml-syntax)::' +
          'Owner <script>alert(1)</script> & &amp; &#60;b> "co" \'q\' | *bold* _it_ `code` [x](http://e.test) ![i](y) ~~s~~ $x$ #1 100%25 %250A line1%0Aline2%0D%0Aline3 \\u001b[31mred\\u001b[0m \\u202eevil\\u202c :,\n',
      );
      // The runner's decoding: every escape back, %25 last.
      const decode = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
      const m = /^::error (.*?)::(.*)\n$/s.exec(out)!;
      assert.equal(decode(m[2]), HOSTILE_SHOWN);
      assert.equal(decode(m[1].split(',')[0]), 'file=my plans/a,b:c.kpi.yaml');
    });
  });

  describe('junit', () => {
    const parse = (xml: string) =>
      new XMLParser({
        ignoreAttributes: false,
        attributeNamePrefix: '',
        htmlEntities: true,
        trimValues: false,
        parseAttributeValue: false,
        isArray: (name) => ['testsuite', 'testcase'].includes(name),
      }).parse(xml);

    it('writes a suite per scorecard and a case per finding; errors and warnings fail', () => {
      const out = junit([ops, clean], options);
      assert.equal(
        out,
        `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="kpilens" tests="5" failures="2" errors="0">
  <testsuite name="teams/ops.kpi.yaml" tests="4" failures="2" errors="0" skipped="0">
    <testcase name="duplicate-id at 3:7" classname="teams/ops.kpi.yaml" file="teams/ops.kpi.yaml" line="3">
      <failure message="Duplicate scorecard id &quot;ops&quot;: it is already the id of teams/ops-old.kpi.yaml." type="duplicate-id">teams/ops.kpi.yaml:3:7 error: Duplicate scorecard id &quot;ops&quot;: it is already the id of teams/ops-old.kpi.yaml. (duplicate-id, ${docsUrl('duplicate-id')})</failure>
    </testcase>
    <testcase name="kpi-owner at 6:9" classname="teams/ops.kpi.yaml" file="teams/ops.kpi.yaml" line="6">
      <failure message="KPI &quot;on-time&quot; has no owner." type="kpi-owner">teams/ops.kpi.yaml:6:9 warning: KPI &quot;on-time&quot; has no owner. (kpi-owner, ${docsUrl('kpi-owner')})</failure>
    </testcase>
    <testcase name="vanity-metric at 7:11" classname="teams/ops.kpi.yaml" file="teams/ops.kpi.yaml" line="7">
      <system-out>teams/ops.kpi.yaml:7:11 info: KPI &quot;on-time&quot; counts activity. (vanity-metric, ${docsUrl('vanity-metric')})</system-out>
    </testcase>
    <testcase name="unused-suppression at 8:1" classname="teams/ops.kpi.yaml" file="teams/ops.kpi.yaml" line="8">
      <system-out>teams/ops.kpi.yaml:8:1 hint: No &quot;schema&quot; finding on the next line. (unused-suppression, ${docsUrl('unused-suppression')})</system-out>
    </testcase>
  </testsuite>
  <testsuite name="teams/clean.kpi.yaml" tests="1" failures="0" errors="0" skipped="0">
    <testcase name="no findings" classname="teams/clean.kpi.yaml" file="teams/clean.kpi.yaml"/>
  </testsuite>
</testsuites>
`,
      );
      assert.equal(XMLValidator.validate(out), true);
      const doc = parse(out);
      assert.equal(doc.testsuites.testsuite.length, 2);
      assert.equal(doc.testsuites.testsuite[0].testcase[1].failure.message, 'KPI "on-time" has no owner.');
    });

    it('is well-formed XML with hostile text: escaped, forbidden characters stripped, invisible ones shown', () => {
      const out = junit([bad], options);
      assert.equal(XMLValidator.validate(out), true);
      assert.doesNotMatch(out, /[\u001b\u202e\u202c]/);
      const doc = parse(out);
      const suite = doc.testsuites.testsuite[0];
      assert.equal(suite.name, 'my plans/a,b:c.kpi.yaml');
      // XML 1.0 cannot carry ESC at all, even as a reference: it is dropped; the bidi controls are shown.
      const expected = HOSTILE.replace(/\u001b/g, '')
        .replace('\u202e', '\\u202e')
        .replace('\u202c', '\\u202c');
      assert.equal(suite.testcase[0].failure.message, expected);
      assert.equal(suite.testcase[0].failure['#text'], `my plans/a,b:c.kpi.yaml:3:11 error: ${expected} (yaml-syntax, ${docsUrl('yaml-syntax')})`);
    });

    it('drops lone surrogates, which no XML document may hold', () => {
      const lone = result('x.kpi.yaml', 'a\n', [{ rule: 'schema', severity: 'error', span: { start: 0, end: 1 }, message: 'half \ud800 pair \u{1F600} kept' }]);
      const out = junit([lone], options);
      assert.equal(XMLValidator.validate(out), true);
      assert.equal(parse(out).testsuites.testsuite[0].testcase[0].failure.message, 'half  pair \u{1F600} kept');
    });
  });

  describe('markdown', () => {
    it('writes a summary line and a table per scorecard with findings', () => {
      assert.equal(
        markdown([ops, clean], options),
        `## kpilens lint

**kpilens**: 1 error, 1 warning, 1 info, 1 hint in 1 scorecard (2 scorecards checked).

### teams/ops.kpi.yaml

| Severity | Line | Rule | Message |
| --- | --- | --- | --- |
| error | 3:7 | [duplicate-id](${docsUrl('duplicate-id')}) | Duplicate scorecard id "ops": it is already the id of teams/ops-old.kpi.yaml. |
| warning | 6:9 | [kpi-owner](${docsUrl('kpi-owner')}) | KPI "on-time" has no owner. |
| info | 7:11 | [vanity-metric](${docsUrl('vanity-metric')}) | KPI "on-time" counts activity. |
| hint | 8:1 | [unused-suppression](${docsUrl('unused-suppression')}) | No "schema" finding on the next line. |
`,
      );
      assert.equal(markdown([clean], options), '## kpilens lint\n\n**kpilens**: no findings in 1 scorecard.\n');
    });

    it('renders hostile text as exactly that text, in one table cell', () => {
      const out = markdown([bad], options);
      assert.ok(
        out.includes(
          '| Owner &lt;script&gt;alert(1)&lt;/script&gt; & \\&amp; \\&#60;b&gt; "co" \'q\' \\| \\*bold\\* \\_it\\_ \\`code\\` \\[x\\](http://e.test) !\\[i\\](y) \\~\\~s\\~\\~ \\$x\\$ #1 100% %0A line1<br>line2<br>line3 \\\\u001b\\[31mred\\\\u001b\\[0m \\\\u202eevil\\\\u202c :, |',
        ),
      );
      // Rendered as GitHub does (raw HTML allowed), the cell holds the text and nothing else.
      const html = new MarkdownIt({ html: true }).render(out);
      const cells = [...html.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1]);
      assert.equal(cells.length, 4);
      assert.deepEqual(cells[3].match(/<[a-z]+/g), ['<br', '<br']);
      const text = cells[3]
        .replace(/<br>/g, '\n')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
      assert.equal(text, HOSTILE_SHOWN.replace('\r\n', '\n'));
      assert.match(html, /<h3>my plans\/a,b:c.kpi.yaml<\/h3>/);
    });
  });
});

describe('markdown text', () => {
  it('shows @handles without mentioning anyone, and keeps e-mail addresses', () => {
    assert.equal(
      md('Owner @octocat, team @acme/ops, (@x) @@y, mail ana@acme.io'),
      'Owner @&#8203;octocat, team @&#8203;acme/ops, (@&#8203;x) @@&#8203;y, mail ana@acme.io',
    );
    assert.equal(new MarkdownIt().render(md('@octocat')), '<p>@\u200boctocat</p>\n');
  });
});

// JUnit XML, the test report most CI dashboards read: one test suite per scorecard, one test
// case per finding; errors and warnings fail, infos and hints pass with the message as output.
import { docsUrl } from '../../engine';
import { rangeOf, slashes, visible } from './common';
import type { Formatter } from './types';

/** Characters XML 1.0 does not allow at all, even as references (C0 controls, lone surrogates, U+FFFE/F). */
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escaped text for content and for attribute values (line breaks kept as references in both). */
export function xml(s: string): string {
  return visible(s.replace(FORBIDDEN, ''))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

const junit: Formatter = (results) => {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const res of results) {
    const file = slashes(res.file);
    const cases: string[] = [];
    let failed = 0;
    for (const f of res.findings) {
      const r = rangeOf(res, f.span);
      const head = `<testcase name="${xml(`${f.rule} at ${r.line}:${r.column}`)}" classname="${xml(file)}" file="${xml(file)}" line="${r.line}"`;
      const detail = xml(`${file}:${r.line}:${r.column} ${f.severity}: ${f.message} (${f.rule}, ${docsUrl(f.rule)})`);
      if (f.severity === 'error' || f.severity === 'warning') {
        failed++;
        cases.push(`    ${head}>\n      <failure message="${xml(f.message)}" type="${xml(f.rule)}">${detail}</failure>\n    </testcase>`);
      } else {
        cases.push(`    ${head}>\n      <system-out>${detail}</system-out>\n    </testcase>`);
      }
    }
    // A clean scorecard still shows up as a passing test, so the dashboard counts it as checked.
    if (cases.length === 0) cases.push(`    <testcase name="no findings" classname="${xml(file)}" file="${xml(file)}"/>`);
    tests += cases.length;
    failures += failed;
    suites.push(`  <testsuite name="${xml(file)}" tests="${cases.length}" failures="${failed}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="kpilens" tests="${tests}" failures="${failures}" errors="0">\n${suites.map((s) => `${s}\n`).join('')}</testsuites>\n`;
};
export default junit;

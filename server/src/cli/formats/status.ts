// The formats of `kpilens status`: a table per scorecard for a person (terminal, Markdown, a
// self-contained HTML page) and an array of figures for a program (JSON).
import { formatNumber as num, STATUS_NAMES, statusWords } from '../../engine';
import type { KpiStatus, StatusName } from '../../engine';
import { el, toMarkup, txt } from '../../engine/view/el';
import type { El } from '../../engine/view/el';
import { clip, width } from '../../engine/view/label';
import { sparkline, trendPoints } from '../../engine/view/trend';
import { plural, slashes, stringify } from './common';
import { md } from './markdown';
import { safeForTerminal } from './terminal';

export interface StatusRow {
  kpi: string;
  name: string;
  owners: string[];
  target?: number | 'tbd' | 'withheld';
  by?: string;
  every?: string;
  status: KpiStatus;
  /** Findings that start inside the KPI. */
  findings: number;
}

/** One reported scorecard that has KPIs. */
export interface StatusGroup {
  /** The path as given, as lint shows it. */
  file: string;
  scorecard?: string;
  title: string;
  rows: StatusRow[];
}

export interface StatusReport {
  asOf: string;
  /** In cascade order. */
  groups: StatusGroup[];
}

export type StatusFormat = (report: StatusReport, options: { color: boolean }) => string;

// ---------------------------------------------------------------------------------------------
// The cells, in words, shared by the formats for people.

const DASH = '–';

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function lastCell(s: KpiStatus): string {
  return s.last ? `${num(s.last.value)} on ${s.last.date}` : DASH;
}

function targetCell(r: StatusRow): string {
  if (r.target === undefined) return DASH;
  const value = typeof r.target === 'number' ? num(r.target) : r.target;
  return r.by ? `${value} by ${r.by}` : r.every ? `${value} every ${r.every}` : value;
}

function planCell(s: KpiStatus): string {
  return s.plan !== undefined ? num(s.plan) : DASH;
}

/** Progress against the plan's expectation; for a standing target, how often it was met. */
function progressCell(s: KpiStatus): string {
  if (s.progress !== undefined) return s.expected !== undefined ? `${pct(s.progress)} (plan ${pct(s.expected)})` : pct(s.progress);
  if (s.hitRate !== undefined) return `met ${Math.round(s.hitRate * s.trend.length)} of ${s.trend.length}`;
  return DASH;
}

/** The status in words, with what qualifies it. */
function statusCell(s: KpiStatus): string {
  const marks = [s.missed ? 'missed' : s.met && s.progress !== undefined ? 'met' : '', s.stale ? 'stale' : ''].filter(Boolean);
  return `${statusWords(s.status)}${marks.length ? ` (${marks.join(', ')})` : ''}`;
}

function reportedWords(s: KpiStatus): string {
  const parts = [s.reported && s.reported !== s.status ? `reported ${statusWords(s.reported)}` : '', s.note ?? ''].filter(Boolean);
  return parts.join(': ');
}

/** "12 KPIs: 7 on track, 3 at risk, 1 off track, 1 no data; 2 stale". */
export function statusSummary(report: StatusReport): string {
  const rows = report.groups.flatMap((g) => g.rows);
  const counts = STATUS_NAMES.map((n) => [n, rows.filter((r) => r.status.status === n).length] as const).filter(([, c]) => c > 0);
  const stale = rows.filter((r) => r.status.stale).length;
  const parts = counts.map(([n, c]) => `${c} ${statusWords(n)}`).join(', ');
  return `${plural(rows.length, 'KPI')}${parts ? `: ${parts}` : ''}${stale ? `; ${stale} stale` : ''}.`;
}

function heading(g: StatusGroup): string {
  return `${slashes(g.file)}: ${g.title}`;
}

// ---------------------------------------------------------------------------------------------
// Terminal

const COLORS = { red: 31, green: 32, yellow: 33, gray: 90, bold: 1, underline: 4 } as const;
const STATUS_COLOR: Record<StatusName, keyof typeof COLORS> = {
  'on-track': 'green',
  'at-risk': 'yellow',
  'off-track': 'red',
  unknown: 'gray',
  'no-data': 'gray',
};
const COLUMNS = ['KPI', 'Owner', 'Last', 'Target', 'Plan', 'Progress', 'Status', 'Trend', 'Findings'];
const RIGHT = new Set(['Plan', 'Progress', 'Findings']);

/** Aligned columns, wide characters measured; status words coloured where the terminal has colour. */
const stylish: StatusFormat = (report, { color }) => {
  const paint = (c: keyof typeof COLORS, s: string) => (color ? `\u001b[${COLORS[c]}m${s}\u001b[0m` : s);
  const blocks = report.groups.map((g) => {
    const rows = g.rows.map((r) => [
      safeForTerminal(r.kpi),
      clip(safeForTerminal(r.owners.join(', ')), 24) || DASH,
      lastCell(r.status),
      targetCell(r),
      planCell(r.status),
      progressCell(r.status),
      statusCell(r.status),
      sparkline(r.status.trend) || DASH,
      String(r.findings),
    ]);
    const widths = COLUMNS.map((c, i) => Math.max(width(c), ...rows.map((row) => width(row[i]))));
    const pad = (s: string, i: number) => (RIGHT.has(COLUMNS[i]) ? ' '.repeat(widths[i] - width(s)) + s : s + ' '.repeat(widths[i] - width(s)));
    const line = (cells: string[], paintCell: (s: string, i: number) => string) => `  ${cells.map((s, i) => paintCell(pad(s, i), i)).join('  ')}`.trimEnd();
    const head = line(COLUMNS, (s) => paint('gray', s));
    const body = rows.map((row, j) => line(row, (s, i) => (COLUMNS[i] === 'Status' ? paint(STATUS_COLOR[g.rows[j].status.status], s) : s)));
    return `${paint('underline', safeForTerminal(slashes(g.file)))}  ${paint('bold', safeForTerminal(g.title))}\n${head}\n${body.join('\n')}`;
  });
  const title = `KPI status as of ${report.asOf}`;
  return `\n${paint('bold', title)}\n\n${blocks.length ? `${blocks.join('\n\n')}\n\n` : ''}${statusSummary(report)}\n`;
};

// ---------------------------------------------------------------------------------------------
// Markdown

const MARK: Record<StatusName, string> = { 'on-track': '🟢', 'at-risk': '🟡', 'off-track': '🔴', unknown: '⚪', 'no-data': '⚪' };

/** A report for a pull-request comment or a wiki page: a summary, then one table per scorecard. */
const markdown: StatusFormat = (report) => {
  const sections = report.groups.map((g) => {
    const rows = g.rows.map((r) => {
      const note = reportedWords(r.status);
      const kpi = `${md(r.name)}<br><sub>${md(r.kpi)}</sub>${note ? `<br><sub>${md(note)}</sub>` : ''}`;
      const cells = [
        kpi,
        md(r.owners.join(', ')) || DASH,
        lastCell(r.status),
        md(targetCell(r)),
        planCell(r.status),
        progressCell(r.status),
        `${MARK[r.status.status]} ${statusCell(r.status)}`,
        sparkline(r.status.trend) || DASH,
        String(r.findings),
      ];
      return `| ${cells.join(' | ')} |`;
    });
    return `### ${md(heading(g))}\n\n| KPI | Owner | Last | Target | Plan | Progress | Status | Trend | Findings |\n| --- | --- | --- | --- | ---: | ---: | --- | --- | ---: |\n${rows.join('\n')}\n`;
  });
  return [`## KPI status as of ${report.asOf}\n\n${statusSummary(report)}\n`, ...sections].join('\n');
};

// ---------------------------------------------------------------------------------------------
// JSON

/** Numbers without the noise of binary fractions (0.30000000000000004 is 0.3). */
function tidy(x: number | undefined): number | null {
  return x === undefined ? null : Number(x.toPrecision(12));
}

/** An array with one object per KPI, with exactly the keys of RULES.md. */
const json: StatusFormat = (report) => {
  const out = report.groups.flatMap((g) =>
    g.rows.map((r) => {
      const s = r.status;
      return {
        file: g.file,
        scorecard: g.scorecard ?? null,
        kpi: r.kpi,
        status: s.status,
        stale: s.stale,
        last: s.last ? { date: s.last.date, value: s.last.value } : null,
        target: r.target ?? null,
        plan: tidy(s.plan),
        progress: tidy(s.progress),
        expected: tidy(s.expected),
        met: s.met,
        hitRate: tidy(s.hitRate),
        reported: s.reported ?? null,
      };
    }),
  );
  return `${stringify(out)}\n`;
};

// ---------------------------------------------------------------------------------------------
// HTML

const CHART = { width: 96, height: 24 };

/** The trend as a small line chart, the latest value marked; its values as text for screen readers. */
function chart(s: KpiStatus): El | undefined {
  if (!s.trend.length) return undefined;
  const points = trendPoints(s.trend, CHART.width, CHART.height, 3);
  const [x, y] = points[points.length - 1];
  return el('svg', { class: 'trend', width: CHART.width, height: CHART.height, viewBox: `0 0 ${CHART.width} ${CHART.height}`, role: 'img' }, [
    txt('title', {}, `Last ${plural(s.trend.length, 'value')}: ${s.trend.map(num).join(', ')}`),
    points.length > 1 && el('polyline', { points: points.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' ') }),
    el('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: 2.5 }),
  ]);
}

function row(r: StatusRow): El {
  const s = r.status;
  const note = reportedWords(s);
  const cell = (text: string, cls?: string) => txt('td', cls ? { class: cls } : {}, text);
  return el('tr', {}, [
    el('td', {}, [txt('div', { class: 'name' }, r.name), txt('div', { class: 'id' }, r.kpi), note ? txt('div', { class: 'note' }, note) : undefined]),
    cell(r.owners.join(', ') || DASH),
    cell(lastCell(s)),
    cell(targetCell(r)),
    cell(planCell(s), 'num'),
    cell(progressCell(s), 'num'),
    el('td', {}, [txt('span', { class: `status ${s.status}`, title: s.reason }, statusCell(s))]),
    el('td', {}, [chart(s) ?? txt('span', {}, DASH)]),
    cell(String(r.findings), 'num'),
  ]);
}

function section(g: StatusGroup): El {
  return el('section', {}, [
    el('h2', {}, [txt('span', {}, g.title), txt('span', { class: 'file' }, slashes(g.file))]),
    el('table', {}, [
      el('thead', {}, [
        el(
          'tr',
          {},
          COLUMNS.map((c) => txt('th', RIGHT.has(c) ? { class: 'num' } : {}, c)),
        ),
      ]),
      el('tbody', {}, g.rows.map(row)),
    ]),
  ]);
}

const CSS = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --rule: #d1d9e0;
  --on-track: #1a7f37; --at-risk: #9a6700; --off-track: #cf222e; --unknown: #59636e; --line: #0969da; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --rule: #3d444d;
    --on-track: #3fb950; --at-risk: #d29922; --off-track: #f85149; --unknown: #9198a1; --line: #4493f8; }
}
body { margin: 24px; background: var(--bg); color: var(--fg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 28px 0 8px; }
h2 .file { color: var(--muted); font-weight: normal; font-size: 13px; margin-left: 8px; }
.summary { color: var(--muted); margin: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--rule); }
th { color: var(--muted); font-weight: 600; white-space: nowrap; }
/* Names and owners wrap; figures and dates stay on one line. */
td:nth-child(n+3) { white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.id, .note { color: var(--muted); font-size: 12px; }
.note { font-style: italic; }
.status { font-weight: 600; white-space: nowrap; }
.status::before { content: "● "; }
.on-track { color: var(--on-track); }
.at-risk { color: var(--at-risk); }
.off-track { color: var(--off-track); }
.unknown, .no-data { color: var(--unknown); }
.trend { display: block; }
.trend polyline { fill: none; stroke: var(--line); stroke-width: 1.5; stroke-linejoin: round; }
.trend circle { fill: var(--line); }
@media print {
  body { margin: 0; font-size: 11px; }
  section { break-inside: avoid; }
  tr { break-inside: avoid; }
}
`;

/**
 * A self-contained page: no script, no external resource, every name escaped as text, light and
 * dark, printable. Written in XML syntax, which HTML parsers read the same, so that it can be checked as XML.
 */
const html: StatusFormat = (report) => {
  const title = `KPI status as of ${report.asOf}`;
  const body = report.groups.map((g) => toMarkup(section(g))).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8"/>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>${title}</title>
<style>${CSS}</style>
</head>
<body>
${toMarkup(txt('h1', {}, title))}
${toMarkup(txt('p', { class: 'summary' }, statusSummary(report)))}
${body}
</body>
</html>
`;
};

export const STATUS_FORMATS: Record<string, StatusFormat> = { stylish, markdown, json, html };

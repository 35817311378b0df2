// `kpilens status`: where each KPI stands as of a day, per scorecard, for the people who read the
// scorecards rather than write them. The figures are the engine's (kpiStatus); this file only
// gathers them per KPI with the KPI's findings, and the formats lay them out.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { kpiStatus, lintFiles } from '../engine';
import type { Finding, Kpi } from '../engine';
import { cascadeOrder } from '../engine/view/cascade';
import { readDataFile } from '../node/data';
import { STATUS_FORMATS } from './formats/status';
import type { StatusGroup, StatusReport } from './formats/status';
import { asOfDate, COMMON_OPTIONS, Io, writeOutput } from './io';
import { settingsOf } from './lint';
import { loadWorkspace, UsageError, workspaceRoots } from './workspace';

export const STATUS_HELP = `Usage: kpilens status [options] [paths or globs...]

Reports where each KPI stands as of a day: per scorecard, each KPI's owner, latest value and
its date, target, the plan's value at that date, progress, status (on track, at risk, off track,
unknown, no data, and whether the data is stale), a trend of its last observations and how many
findings it has. How the status is computed: docs/status.md. As for lint, each path names a
folder (a file names its own folder) whose *.kpi.yaml files form the workspace; only the named
scorecards are reported.

Options:
  --format <name>        stylish (default), markdown, json, html
  --as-of <YYYY-MM-DD>   the day the status is computed for (default: today)
  --config <file>        use this config instead of the nearest .kpilens.yaml (for the findings)
  --output-file <file>   write the report to a file instead of stdout
  -h, --help             show this help

Exit codes: 0 the report was written, 2 kpilens could not run.`;

export async function runStatus(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: COMMON_OPTIONS,
  });
  if (values.help) {
    io.stdout(`${STATUS_HELP}\n`);
    return 0;
  }
  const format = STATUS_FORMATS[values.format];
  if (!format) throw new UsageError(`unknown format "${values.format}"; use ${Object.keys(STATUS_FORMATS).join(', ')}`);
  const asOf = asOfDate(values['as-of']);

  const files = loadWorkspace(positionals, io.cwd);
  const settingsFor = settingsOf(
    files.filter((f) => f.target),
    values.config,
    io.cwd,
  );
  const roots = workspaceRoots(positionals, io.cwd);
  const readData = (uri: string, csv: string) => readDataFile(uri, csv, roots);
  const byUri = new Map(files.map((f) => [f.uri, f]));
  const { workspace, findings } = lintFiles(files, { asOf, settingsFor, readData, isTarget: (uri) => byUri.get(uri)?.target ?? false });

  const groups: StatusGroup[] = [];
  for (const { sc } of cascadeOrder(workspace)) {
    const file = byUri.get(sc.uri);
    if (!file?.target || !sc.kpis.length) continue;
    const own = findings.get(sc.uri) ?? [];
    groups.push({
      file: file.display,
      ...(sc.id ? { scorecard: sc.id.value } : {}),
      title: sc.title?.value ?? sc.id?.value ?? path.basename(file.display),
      rows: sc.kpis.map((k) => ({
        kpi: k.id,
        name: k.name?.value ?? k.id,
        owners: k.owner.map((o) => o.value),
        ...target(k),
        status: kpiStatus(k, (csv) => readData(sc.uri, csv), asOf),
        findings: own.filter((f) => inside(f, k)).length,
      })),
    });
  }
  const report: StatusReport = { asOf, groups };
  writeOutput(format(report, { color: io.color && !values['output-file'] }), values['output-file'], io);
  return 0;
}

function target(k: Kpi): Pick<StatusGroup['rows'][number], 'target' | 'by' | 'every'> {
  const t = k.target;
  const value = t?.value?.value ?? t?.pending?.value;
  return { ...(value !== undefined ? { target: value } : {}), ...(t?.by ? { by: t.by.value } : {}), ...(t?.every ? { every: t.every.value } : {}) };
}

/** A finding of the KPI: one that starts inside its item (items of a scorecard never overlap). */
function inside(f: Finding, k: Kpi): boolean {
  return f.span.start >= k.span.start && f.span.start <= k.span.end;
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { fixFiles, lineCol, lineStarts, lintFiles } from '../engine';
import type { Finding, RuleSettings } from '../engine';
import { findConfig, loadConfig, LoadedConfig, readDataFile } from '../node/files';
import { applyBaseline, readBaseline } from './baseline';
import { FORMATTERS } from './formats';
import type { FileResult } from './formats/types';
import { Io, today, validDate, writeOutput } from './io';
import { loadWorkspace, UsageError, WorkspaceFile } from './workspace';

export const LINT_HELP = `Usage: kpilens lint [options] [paths or globs...]

Checks .kpi.yaml scorecards against the schema and the KPI rules. Each path names a folder
(a file names its own folder) whose *.kpi.yaml files form the workspace that refs resolve in;
only the named scorecards are reported. Default: every *.kpi.yaml below the current folder,
honouring .gitignore.

Options:
  --format <name>        stylish (default), json, ${Object.keys(FORMATTERS).filter((f) => f !== 'stylish' && f !== 'json').concat(['']).join(', ')}
  --as-of <YYYY-MM-DD>   the day review dates are checked against (default: today)
  --config <file>        use this config instead of the nearest .kpilens.yaml
  --fix                  apply the safe fixes, then report what is left
  --baseline <file>      report only findings not in this file (written by --format json)
  --max-warnings <n>     exit 1 when there are more than n warnings
  --quiet                report errors only
  --output-file <file>   write the report to a file instead of stdout
  -h, --help             show this help

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 kpilens could not run.`.replace(', \n', '\n').replace(/, ,/, ',');

export async function runLint(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', default: 'stylish' },
      'as-of': { type: 'string' },
      config: { type: 'string' },
      fix: { type: 'boolean', default: false },
      baseline: { type: 'string' },
      'max-warnings': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      'output-file': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(`${LINT_HELP}\n`);
    return 0;
  }
  const formatter = FORMATTERS[values.format!];
  if (!formatter) throw new UsageError(`unknown format "${values.format}"; use ${Object.keys(FORMATTERS).join(', ')}`);
  const asOf = values['as-of'] ?? today();
  if (!validDate(asOf)) throw new UsageError(`--as-of must be a date written YYYY-MM-DD, not "${asOf}"`);
  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    if (!/^\d+$/.test(values['max-warnings'])) throw new UsageError(`--max-warnings must be a whole number, not "${values['max-warnings']}"`);
    maxWarnings = Number(values['max-warnings']);
  }

  const baseline = values.baseline !== undefined ? readBaseline(values.baseline, io.cwd) : undefined;
  const files = loadWorkspace(positionals, io.cwd);
  const settingsFor = configResolver(files, values.config ? path.resolve(io.cwd, values.config) : undefined, io.cwd);
  const options = {
    asOf,
    settingsFor,
    readData: (uri: string, csv: string) => readDataFile(uri, csv),
    isTarget: (uri: string) => byUri.get(uri)?.target ?? false,
  };
  const byUri = new Map(files.map((f) => [f.uri, f]));

  const { findings, workspace, texts } = values.fix ? fixFiles(files, options) : { ...lintFiles(files, options), texts: undefined };
  if (texts) {
    files.forEach((f, i) => (f.text = texts[i]));
    for (const f of files) {
      if (f.target && f.text !== fs.readFileSync(f.uri, 'utf8').replace(/^\uFEFF/, '')) {
        try {
          fs.writeFileSync(f.uri, f.text);
        } catch (e) {
          throw new UsageError(`cannot write ${f.display}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
  }

  let results: FileResult[] = [];
  for (const f of [...files].filter((x) => x.target).sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0))) {
    const sc = workspace.scorecards.find((s) => s.uri === f.uri)!;
    let list: Finding[] = findings.get(f.uri) ?? [];
    if (values.quiet) list = list.filter((x) => x.severity === 'error');
    results.push({ file: f.display, text: sc.text, lineStarts: sc.lineStarts, findings: list });
  }
  if (baseline) results = applyBaseline(results, baseline);
  const all = results.flatMap((r) => r.findings);
  const errors = all.filter((x) => x.severity === 'error').length;
  const warnings = all.filter((x) => x.severity === 'warning').length;
  const document = (uri: string) => {
    const f = byUri.get(uri);
    return f ? { file: f.display, text: f.text, lineStarts: lineStarts(f.text) } : undefined;
  };
  writeOutput(formatter(results, { color: io.color && !values['output-file'], version: io.version, document }), values['output-file'], io);
  return errors > 0 || (maxWarnings >= 0 && warnings > maxWarnings) ? 1 : 0;
}

/** Settings per scorecard: --config for all, else the nearest .kpilens.yaml. A bad config stops the run. */
export function configResolver(files: readonly WorkspaceFile[], explicit: string | undefined, cwd: string): (uri: string) => RuleSettings {
  const cache = new Map<string, LoadedConfig>();
  const load = (file: string): LoadedConfig => {
    let c = cache.get(file);
    if (!c) {
      try {
        c = loadConfig(file);
      } catch (e) {
        throw new UsageError(`cannot read config ${path.relative(cwd, file) || file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : e instanceof Error ? e.message : String(e)}`);
      }
      if (c.problems.length) {
        const p = c.problems[0];
        const { line, column } = lineCol(lineStartsOf(c.text), p.span.start, c.text.length);
        const more = c.problems.length > 1 ? ` (and ${c.problems.length - 1} more)` : '';
        throw new UsageError(`invalid config ${path.relative(cwd, file) || file}:${line}:${column}: ${p.message}${more}`);
      }
      cache.set(file, c);
    }
    return c;
  };
  const forFile = new Map<string, RuleSettings>();
  for (const f of files) {
    if (!f.target) continue;
    const configPath = explicit ?? findConfig(path.dirname(f.uri));
    forFile.set(f.uri, configPath ? load(configPath).settings : {});
  }
  return (uri) => forFile.get(uri) ?? {};
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

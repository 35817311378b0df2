import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { compareStrings, fixFiles, lineCol, lineStarts, lintFiles, resolveRule, RULES } from '../engine';
import type { Finding, RuleSettings } from '../engine';
import { isInsideReal, readDataFile, workspaceName } from '../node/data';
import type { WorkspaceRoot } from '../node/data';
import { ConfigResolver, findConfig } from '../node/files';
import { applyBaseline, readBaseline } from './baseline';
import { FORMATTERS } from './formats';
import type { FileResult } from './formats/types';
import { asOfDate, COMMON_OPTIONS, Io, writeFileNoFollow, writeOutput } from './io';
import { workspaceRoots, loadWorkspace, stdinWorkspace, UsageError, WorkspaceFile } from './workspace';

export const LINT_HELP = `Usage: kpilens lint [options] [paths or globs...]
       kpilens lint [options] - [--stdin-filename <path>]

Checks .kpi.yaml scorecards against the schema and the KPI rules. Each path names a folder
(a file names its own folder) whose *.kpi.yaml files form the workspace that refs resolve in;
only the named scorecards are reported. Default: every *.kpi.yaml below the current folder,
honouring .gitignore. A path or glob that starts with ! leaves out what it matches, for
example kpilens lint '!drafts' (quote it for the shell). - reads one scorecard from standard
input.

Options:
  --format <name>        stylish (default), json, ${Object.keys(FORMATTERS)
    .filter((f) => f !== 'stylish' && f !== 'json')
    .concat([''])
    .join(', ')}
  --as-of <YYYY-MM-DD>   the day review dates are checked against (default: today)
  --config <file>        use this config instead of the nearest .kpilens.yaml
  --fix                  apply the safe fixes, then report what is left
  --fix-dry-run          report what --fix would leave, and write nothing
  --baseline <file>      report only findings not in this file (written by --format json)
  --max-warnings <n>     exit 1 when there are more than n warnings
  --quiet                report errors only
  --output-file <file>   write the report to a file instead of stdout
  --report <format>:<file>  also write a report in this format to this file, from the same
                         run (repeatable): --format github --report sarif:kpilens.sarif
  --stdin-filename <path>  the name of the scorecard read from standard input: its folder's
                         scorecards and .kpilens.yaml apply, and the report names it
  --print-config <file>  print the settings of every rule for this scorecard, and exit
  -h, --help             show this help

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 kpilens could not run.`
  .replace(', \n', '\n')
  .replace(/, ,/, ',');

export async function runLint(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      ...COMMON_OPTIONS,
      fix: { type: 'boolean', default: false },
      'fix-dry-run': { type: 'boolean', default: false },
      'stdin-filename': { type: 'string' },
      'print-config': { type: 'string' },
      baseline: { type: 'string' },
      'max-warnings': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      report: { type: 'string', multiple: true, default: [] },
    },
  });
  if (values.help) {
    io.stdout(`${LINT_HELP}\n`);
    return 0;
  }
  const formatterOf = (name: string) => {
    const f = FORMATTERS[name];
    if (!f) throw new UsageError(`unknown format "${name}"; use ${Object.keys(FORMATTERS).join(', ')}`);
    return f;
  };
  const formatter = formatterOf(values.format);
  const reports = values.report.map((r) => {
    const at = r.indexOf(':');
    if (at <= 0 || at === r.length - 1) throw new UsageError(`--report takes a format and a file, as in sarif:kpilens.sarif, not "${r}"`);
    return { formatter: formatterOf(r.slice(0, at)), file: r.slice(at + 1) };
  });
  const asOf = asOfDate(values['as-of']);
  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    if (!/^\d+$/.test(values['max-warnings'])) throw new UsageError(`--max-warnings must be a whole number, not "${values['max-warnings']}"`);
    maxWarnings = Number(values['max-warnings']);
  }

  const explicitConfig = values.config ? path.resolve(io.cwd, values.config) : undefined;
  if (values['print-config'] !== undefined) return printConfig(values['print-config'], explicitConfig, io);
  const stdin = positionals.includes('-');
  if (stdin && positionals.length > 1) throw new UsageError('- (standard input) is the only path of a run that reads it');
  if (!stdin && values['stdin-filename'] !== undefined) throw new UsageError('--stdin-filename names the scorecard read from standard input: add - to read it');
  if (stdin && values.fix) throw new UsageError('--fix cannot write a scorecard read from standard input; --fix-dry-run shows what it would leave');
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run exclude each other');

  const baseline = values.baseline !== undefined ? readBaseline(values.baseline, io.cwd) : undefined;
  const files = stdin ? stdinWorkspace((await io.readStdin?.()) ?? '', values['stdin-filename'], io.cwd) : loadWorkspace(positionals, io.cwd);
  const settingsFor = settingsOf(
    files.filter((f) => f.target),
    values.config,
    io.cwd,
  );
  const named = stdin ? [values['stdin-filename'] ?? '.'] : positionals;
  const roots = workspaceRoots(named, io.cwd);
  const options = {
    asOf,
    settingsFor,
    readData: (uri: string, csv: string) => readDataFile(uri, csv, roots),
    isTarget: (uri: string) => byUri.get(uri)?.target ?? false,
  };
  const byUri = new Map(files.map((f) => [f.uri, f]));

  const { findings, workspace, texts } = values.fix || values['fix-dry-run'] ? fixFiles(files, options) : { ...lintFiles(files, options), texts: undefined };
  if (texts) files.forEach((f, i) => (f.text = texts[i]));
  if (values.fix) {
    const fixed = files.filter((f) => f.target && f.text !== fs.readFileSync(f.uri, 'utf8').replace(/^\uFEFF/, ''));
    // A scorecard reached through a symbolic link is written where the link leads, so the link
    // stays; every one is checked before any is written, so a refusal leaves all of them as they were.
    const writes = fixed.map((f) => ({ f, real: fixTarget(f, roots) }));
    for (const { f, real } of writes) writeFileNoFollow(real, f.text, f.display);
  }

  let results: FileResult[] = [];
  for (const f of [...files].filter((x) => x.target).sort((a, b) => compareStrings(a.display, b.display))) {
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
  for (const r of reports) writeOutput(r.formatter(results, { color: false, version: io.version, document }), r.file, io);
  const tooMany = maxWarnings >= 0 && warnings > maxWarnings;
  // On stderr, so that a report on stdout stays one document.
  if (tooMany) io.stderr(`kpilens: ${warnings} warning${warnings === 1 ? '' : 's'}, more than the ${maxWarnings} that --max-warnings allows.\n`);
  return errors > 0 || tooMany ? 1 : 0;
}

/** --print-config: the settings of every rule for a scorecard, as JSON, and where they come from. */
function printConfig(file: string, explicit: string | undefined, io: Io): number {
  const abs = path.resolve(io.cwd, file);
  const configPath = explicit ?? findConfig(path.dirname(abs));
  const settings = configResolver(explicit, io.cwd)(abs);
  const rules: Record<string, { severity: string; options?: Record<string, number> }> = {};
  for (const rule of RULES) {
    const { severity, options } = resolveRule(rule, settings);
    rules[rule.meta.id] = Object.keys(options).length ? { severity, options } : { severity };
  }
  const config = configPath === undefined ? null : path.relative(io.cwd, configPath) || configPath;
  io.stdout(`${JSON.stringify({ file, config, rules }, null, 2)}\n`);
  return 0;
}

/** Where `--fix` writes a scorecard: its real path, which must lie in the workspace. */
function fixTarget(f: WorkspaceFile, roots: readonly WorkspaceRoot[]): string {
  let real: string;
  try {
    real = fs.realpathSync.native(f.uri);
  } catch {
    throw new UsageError(`cannot write ${f.display}: no such file`);
  }
  if (!isInsideReal(roots, real)) throw new UsageError(`will not fix ${f.display}: it leads through a symbolic link to outside ${workspaceName(roots)}`);
  return real;
}

/**
 * The settings of the given scorecard files, all read now, so that a bad config stops the run
 * before any output; any other file gets none.
 */
export function settingsOf(files: readonly { uri: string }[], config: string | undefined, cwd: string): (uri: string) => RuleSettings {
  const configFor = configResolver(config ? path.resolve(cwd, config) : undefined, cwd);
  const settings = new Map(files.map((f) => [f.uri, configFor(f.uri)]));
  return (uri) => settings.get(uri) ?? {};
}

/**
 * Settings per scorecard file: --config for all, else the nearest .kpilens.yaml, as the editor
 * resolves them. A config that cannot be read, or has a problem, stops the run with its line.
 */
export function configResolver(explicit: string | undefined, cwd: string): (file: string) => RuleSettings {
  const resolver = new ConfigResolver(explicit);
  return (file) => {
    const configPath = resolver.pathFor(file);
    if (!configPath) return {};
    const c = resolver.config(configPath);
    const shown = path.relative(cwd, configPath) || configPath;
    if ('error' in c) {
      const e = c.error as NodeJS.ErrnoException;
      throw new UsageError(`cannot read config ${shown}: ${e.code === 'ENOENT' ? 'no such file' : e instanceof Error ? e.message : String(e)}`);
    }
    if (c.problems.length) {
      const p = c.problems[0];
      const { line, column } = lineCol(lineStarts(c.text), p.span.start, c.text.length);
      const more = c.problems.length > 1 ? ` (and ${c.problems.length - 1} more)` : '';
      throw new UsageError(`invalid config ${shown}:${line}:${column}: ${p.message}${more}`);
    }
    return c.settings;
  };
}

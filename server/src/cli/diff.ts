// `kpilens diff`: what a change does to the strategy, per scorecard, in words a leader reads,
// and the findings it introduces and resolves. Each side is a file, a folder, or a git revision.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { diffStrategy, docsUrl, lintParsed, parseAll } from '../engine';
import type { DiffFinding, DiffSummary, ScorecardDiff, StrategyDiff } from '../engine';
import type { DataRead } from '../engine';
import { MAX_DATA_BYTES, readDataFile, TOO_LARGE } from '../node/data';
import { stripBom } from '../node/files';
import { stringify } from './formats/common';
import { md } from './formats/markdown';
import { safeForTerminal } from './formats/terminal';
import { asOfDate, COMMON_OPTIONS, reportError, writeOutput } from './io';
import { configResolver } from './lint';
import { SCORECARD_SUFFIX, walk } from '../node/scan';
import { workspaceRoots, UsageError } from './workspace';

export interface DiffIo {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export const DIFF_HELP = `Usage: kpilens diff [options] <before> <after>
       kpilens diff [options] --git <rev> [path]
       kpilens diff [options] --git <rev> --git <rev> [path]

Says what changed in the strategy between two versions, per scorecard: KPIs, objectives, levers
and disturbances added, removed or renamed; targets moved and whether they became more or less
ambitious; owners, thresholds, cadence and other fields; cascade links added, cut or moved; the
vision edited; and the findings the change introduces and resolves.

Each side is a .kpi.yaml file or a folder (every *.kpi.yaml below it), and is exactly what it
names. With --git, the first revision is the before side and the working tree the after side
(or a second --git revision), both limited to path (default: the current folder).

Options:
  --git <rev>            read a side from a git revision, e.g. origin/main
  --format <name>        stylish (default), markdown (a pull-request comment), json
  --as-of <YYYY-MM-DD>   the day review dates are checked against (default: today)
  --config <file>        rule settings for both sides (default: the nearest .kpilens.yaml
                         from the current folder)
  --output-file <file>   write the report to a file instead of stdout
  -h, --help             show this help

Exit codes: 0 the report was written, 2 kpilens could not run.`;

interface SideFile {
  /** The engine's uri: the same on both sides for the same file, so scorecards without an id pair up. */
  uri: string;
  /** The path to show. */
  display: string;
  text: string;
}

interface Side {
  label: string;
  files: SideFile[];
  /** A `data.csv` file named in a scorecard, read from the same place as the scorecard. */
  readData(uri: string, csv: string): DataRead | undefined;
  /** Reads ahead the data files the parsed scorecards name (for a git revision). */
  prefetch?(wanted: { uri: string; csv: string }[]): Promise<void>;
  /** Where a scorecard lies on disk, or would in the working tree: its settings come from there. */
  pathOf(uri: string): string;
}

export async function runDiff(args: string[], io: DiffIo): Promise<number> {
  try {
    return await diff(args, io);
  } catch (e) {
    return reportError(e, io);
  }
}

async function diff(args: string[], io: DiffIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      git: { type: 'string', multiple: true },
      ...COMMON_OPTIONS,
    },
  });
  if (values.help) {
    io.stdout(`${DIFF_HELP}\n`);
    return 0;
  }
  const render = RENDERERS[values.format];
  if (!render) throw new UsageError(`unknown diff format "${values.format}"; use ${Object.keys(RENDERERS).join(', ')}`);
  const asOf = asOfDate(values['as-of']);

  const revs = values.git ?? [];
  let before: Side;
  let after: Side;
  if (revs.length > 2) throw new UsageError('--git is given at most twice: the before and the after revision');
  if (revs.length) {
    if (positionals.length > 1) throw new UsageError(`with --git, give at most one path to limit the comparison to, not ${positionals.length}`);
    const where = positionals[0] ?? '.';
    before = await gitSide(revs[0], where, io.cwd);
    after = revs[1] !== undefined ? await gitSide(revs[1], where, io.cwd) : workingTree(where, io.cwd);
  } else {
    if (positionals.length !== 2) throw new UsageError('give two sides to compare, <before> and <after> (or --git <rev>); see kpilens diff --help');
    before = pathSide(positionals[0], io.cwd);
    after = pathSide(positionals[1], io.cwd);
  }
  if (before.files.length === 0 && after.files.length === 0) throw new UsageError(`no *${SCORECARD_SUFFIX} file on either side`);

  // Each scorecard gets the settings `kpilens lint` gives it: its nearest .kpilens.yaml on disk
  // (for a git revision, the one of the working tree at its path), so both agree on every finding.
  const configFor = configResolver(values.config ? path.resolve(io.cwd, values.config) : undefined, io.cwd);
  const lint = async (side: Side) => {
    const parsed = parseAll(side.files);
    await side.prefetch?.(parsed.flatMap((p) => p.scorecard.kpis.flatMap((k) => (k.data ? [{ uri: p.scorecard.uri, csv: k.data.csv.value }] : []))));
    const settings = new Map(side.files.map((f) => [f.uri, configFor(side.pathOf(f.uri))]));
    const r = lintParsed(parsed, { asOf, settingsFor: (uri) => settings.get(uri) ?? {}, readData: (uri, csv) => side.readData(uri, csv) });
    return { scorecards: r.workspace.scorecards, findings: r.findings };
  };
  const result = diffStrategy(await lint(before), await lint(after));
  const shown = (side: Side) => new Map(side.files.map((f) => [f.uri, f.display]));
  const text = render({ result, before: before.label, after: after.label, asOf, beforeFiles: shown(before), afterFiles: shown(after) });

  writeOutput(text, values['output-file'], io);
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Sides.

function slash(p: string): string {
  return p.split(path.sep).join('/');
}

function readText(file: string, shown: string): string {
  try {
    return stripBom(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read ${shown}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : String((e as Error).message)}`);
  }
}

/** Scorecards on disk at `where`, a file or a folder (every scorecard below it), with their uris and paths to show. */
function diskFiles(
  where: string,
  cwd: string,
  uriOf: (rel: string) => string,
  displayOf: (rel: string) => string,
): { files: SideFile[]; abs: Map<string, string> } {
  const root = path.resolve(cwd, where);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(root);
  } catch {
    throw new UsageError(`cannot read ${where}: no such file or folder`);
  }
  const rels = stat.isDirectory() ? walk(root) : stat.isFile() ? [''] : [];
  const abs = new Map<string, string>();
  const files = rels.map((rel) => {
    const file = rel ? path.join(root, rel) : root;
    const uri = uriOf(rel);
    abs.set(uri, file);
    return { uri, display: displayOf(rel), text: readText(file, displayOf(rel)) };
  });
  return { files, abs };
}

/** A side named by a path: a file is itself, a folder every scorecard below it. */
function pathSide(where: string, cwd: string): Side {
  const shown = slash(where).replace(/\/+$/, '');
  const { files, abs } = diskFiles(
    where,
    cwd,
    (rel) => rel || path.basename(where),
    (rel) => (rel ? (shown === '.' ? rel : `${shown}/${rel}`) : shown),
  );
  const roots = workspaceRoots([where], cwd);
  return {
    label: shown,
    files,
    readData: (uri, csv) => readDataFile(abs.get(uri) ?? uri, csv, roots),
    pathOf: (uri) => abs.get(uri) ?? path.resolve(cwd, uri),
  };
}

/** The working tree below `where`, with uris relative to the current folder, as git sides have. */
function workingTree(where: string, cwd: string): Side {
  const rootRel = slash(path.relative(cwd, path.resolve(cwd, where)));
  const join = (rel: string) => (rootRel && rel ? `${rootRel}/${rel}` : rootRel || rel);
  const { files, abs } = diskFiles(where, cwd, join, join);
  const roots = workspaceRoots([where], cwd);
  return {
    label: 'working tree',
    files,
    readData: (uri, csv) => readDataFile(abs.get(uri) ?? uri, csv, roots),
    pathOf: (uri) => abs.get(uri) ?? path.resolve(cwd, uri),
  };
}

/** Runs git without a shell. Expected failures become one-line usage errors. */
function git(args: string[], cwd: string, input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(new UsageError(e.code === 'ENOENT' ? 'git is not installed (or not on PATH); --git needs it' : `cannot run git: ${e.message}`)),
    );
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new UsageError(`git ${args[0]} failed: ${Buffer.concat(err).toString('utf8').trim().split('\n')[0] || `exit code ${code}`}`));
    });
    child.stdin.on('error', () => {
      // git may exit before reading all of stdin; its exit code says what went wrong.
    });
    child.stdin.end(input ?? '');
  });
}

/** The blobs `<commit>:<path>` that a line-based `git cat-file` batch can ask for. */
function askable(paths: readonly string[]): string[] {
  return paths.filter((p) => !/[\r\n]/.test(p));
}

/** Reads blobs `<commit>:<path>` in one `git cat-file --batch`; missing ones are left out. */
async function readBlobs(commit: string, paths: readonly string[], cwd: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const asked = askable(paths);
  if (!asked.length) return out;
  const buf = await git(['cat-file', '--batch'], cwd, asked.map((p) => `${commit}:${p}\n`).join(''));
  let pos = 0;
  for (const p of asked) {
    const eol = buf.indexOf(10, pos);
    if (eol < 0) break;
    const header = buf.toString('utf8', pos, eol);
    pos = eol + 1;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) continue; // "<name> missing"
    const size = Number(m[2]);
    if (m[1] === 'blob') out.set(p, stripBom(buf.toString('utf8', pos, pos + size)));
    pos += size + 1;
  }
  return out;
}

/** The sizes of the blobs `<commit>:<path>` that exist, in one `git cat-file --batch-check`. */
async function blobSizes(commit: string, paths: readonly string[], cwd: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const asked = askable(paths);
  if (!asked.length) return out;
  const lines = (await git(['cat-file', '--batch-check'], cwd, asked.map((p) => `${commit}:${p}\n`).join(''))).toString('utf8').split('\n');
  asked.forEach((p, i) => {
    const m = /^[0-9a-f]+ blob (\d+)$/.exec(lines[i] ?? '');
    if (m) out.set(p, Number(m[1]));
  });
  return out;
}

async function gitSide(rev: string, where: string, cwd: string): Promise<Side> {
  if (rev.startsWith('-')) throw new UsageError(`"${rev}" is not a git revision`);
  let commit: string;
  try {
    commit = (await git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], cwd)).toString('utf8').trim();
  } catch (e) {
    // rev-parse --quiet says nothing for an unknown revision; outside a repository it explains.
    const why = e instanceof UsageError && !/exit code/.test(e.message) ? e.message.replace(/^git rev-parse failed: /, '') : 'no such revision';
    throw new UsageError(`cannot read git revision "${rev}": ${why}`);
  }
  const prefix = (await git(['rev-parse', '--show-prefix'], cwd)).toString('utf8').trim();
  const listed = (await git(['ls-tree', '-r', '-z', '--full-name', '--name-only', commit, '--', where], cwd)).toString('utf8').split('\0');
  const full = listed.filter((p) => p.endsWith(SCORECARD_SUFFIX));
  const blobs = await readBlobs(commit, full, cwd);
  const uriOf = (fullPath: string) => path.posix.relative(prefix.replace(/\/$/, ''), fullPath);
  const files = full.filter((p) => blobs.has(p)).map((p) => ({ uri: uriOf(p), display: `${rev}:${uriOf(p)}`, text: blobs.get(p)! }));
  const fullOf = new Map(full.map((p) => [uriOf(p), p]));
  const data = new Map<string, DataRead>();
  /** The path of a data file in the revision, or undefined when it lies outside the repository. */
  const dataPath = (uri: string, csv: string) => {
    const ref = csv.replace(/\\/g, '/');
    if (path.posix.isAbsolute(ref) || path.win32.isAbsolute(csv)) return undefined;
    const p = path.posix.normalize(path.posix.join(path.posix.dirname(fullOf.get(uri) ?? uri), ref));
    return p === '..' || p.startsWith('../') ? undefined : p;
  };
  return {
    label: rev,
    files,
    pathOf: (uri) => path.resolve(cwd, uri),
    readData: (uri, csv) => {
      const p = dataPath(uri, csv);
      return p === undefined ? { refused: 'it is outside the workspace (the git repository)' } : data.get(p);
    },
    prefetch: async (wanted) => {
      const paths = [...new Set(wanted.map((w) => dataPath(w.uri, w.csv)))].filter((p): p is string => p !== undefined);
      const sizes = await blobSizes(commit, paths, cwd);
      for (const [p, size] of sizes) if (size > MAX_DATA_BYTES) data.set(p, { refused: TOO_LARGE });
      const small = [...sizes].filter(([, size]) => size <= MAX_DATA_BYTES).map(([p]) => p);
      for (const [p, text] of await readBlobs(commit, small, cwd)) data.set(p, text);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Reports.

interface Report {
  result: StrategyDiff;
  before: string;
  after: string;
  asOf: string;
  beforeFiles: ReadonlyMap<string, string>;
  afterFiles: ReadonlyMap<string, string>;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** One line that says how big the change is. */
export function summaryLine(s: DiffSummary): string {
  const list = (entries: [number, string][]) =>
    entries
      .filter(([n]) => n > 0)
      .map(([n, w]) => `${n} ${w}`)
      .join(', ');
  const sc = list([
    [s.scorecards.changed, 'changed'],
    [s.scorecards.added, 'added'],
    [s.scorecards.removed, 'removed'],
  ]);
  const parts = [`${plural(s.scorecards.compared, 'scorecard')} compared${sc ? `, ${sc}` : ', no changes'}`];
  const items = list([
    [s.items.added, 'added'],
    [s.items.removed, 'removed'],
    [s.items.renamed, 'renamed'],
    [s.items.changed, 'edited'],
  ]);
  if (items) parts.push(`items: ${items}`);
  const targets = list([
    [s.targets.more, 'more ambitious'],
    [s.targets.less, 'less ambitious'],
    [s.targets.mixed, 'mixed'],
    [s.targets.unclear, 'not judged'],
  ]);
  if (targets) parts.push(`targets: ${targets}`);
  const links = list([
    [s.links.added, 'added'],
    [s.links.cut, 'cut'],
    [s.links.moved, 'moved'],
  ]);
  if (links) parts.push(`links: ${links}`);
  parts.push(
    `findings: ${
      list([
        [s.findings.introduced, 'introduced'],
        [s.findings.resolved, 'resolved'],
      ]) || 'none introduced or resolved'
    }`,
  );
  return `${parts.join('; ')}.`;
}

function heading(sd: ScorecardDiff): string {
  return `${sd.id}${sd.title !== undefined ? ` "${sd.title}"` : ''} (${sd.status})`;
}

function where(f: DiffFinding, files: ReadonlyMap<string, string>): string {
  return `${files.get(f.uri) ?? f.uri}:${f.line}:${f.column}`;
}

function stylish(r: Report): string {
  const t = safeForTerminal;
  const out = [`kpilens diff: ${t(r.before)} → ${t(r.after)}`, t(summaryLine(r.result.summary))];
  for (const sd of r.result.scorecards) {
    const file =
      (sd.after !== undefined ? r.afterFiles.get(sd.after) : undefined) ?? (sd.before !== undefined ? r.beforeFiles.get(sd.before) : undefined) ?? '';
    out.push('', `${t(heading(sd))}  ${t(file)}`);
    for (const c of sd.changes) out.push(`  ${c.kind === 'added' ? '+' : c.kind === 'removed' ? '-' : '~'} ${t(c.text)}`);
    const findings = (title: string, list: DiffFinding[], files: ReadonlyMap<string, string>) => {
      if (!list.length) return;
      out.push(`  ${title}:`);
      for (const f of list) out.push(`    ${t(where(f, files))}  ${f.severity}  ${t(f.message)}  ${f.rule}`);
    };
    findings('findings introduced', sd.introduced, r.afterFiles);
    findings('findings resolved', sd.resolved, r.beforeFiles);
  }
  return `${out.join('\n')}\n`;
}

/** The marker lets a workflow find and update its earlier comment instead of adding one per push. */
export const COMMENT_MARKER = '<!-- kpilens-diff -->';

function markdown(r: Report): string {
  const out = [COMMENT_MARKER, `## kpilens diff: ${md(r.before)} → ${md(r.after)}`, '', `**${md(summaryLine(r.result.summary))}**`];
  for (const sd of r.result.scorecards) {
    out.push('', `### ${md(heading(sd))}`, '');
    for (const c of sd.changes) out.push(`- ${md(c.text)}`);
    const findings = (title: string, list: DiffFinding[], files: ReadonlyMap<string, string>) => {
      if (!list.length) return;
      out.push('', `**${title}**`, '');
      for (const f of list) out.push(`- ${f.severity} [${md(f.rule)}](${docsUrl(f.rule)}) at ${md(where(f, files))}: ${md(f.message)}`);
    };
    findings('Findings introduced', sd.introduced, r.afterFiles);
    findings('Findings resolved', sd.resolved, r.beforeFiles);
  }
  if (!r.result.scorecards.length) out.push('', 'No scorecard changed.');
  return `${out.join('\n')}\n`;
}

/** The documented json form (docs/ci.md): the engine's diff with uris turned into files as shown. */
function json(r: Report): string {
  const finding = (f: DiffFinding, files: ReadonlyMap<string, string>) => {
    const { uri, ...rest } = f;
    return { file: files.get(uri) ?? uri, ...rest };
  };
  const data = {
    before: r.before,
    after: r.after,
    asOf: r.asOf,
    summary: r.result.summary,
    scorecards: r.result.scorecards.map((sd) => ({
      id: sd.id,
      ...(sd.title !== undefined ? { title: sd.title } : {}),
      status: sd.status,
      ...(sd.before !== undefined ? { beforeFile: r.beforeFiles.get(sd.before) ?? sd.before } : {}),
      ...(sd.after !== undefined ? { afterFile: r.afterFiles.get(sd.after) ?? sd.after } : {}),
      changes: sd.changes,
      introduced: sd.introduced.map((f) => finding(f, r.afterFiles)),
      resolved: sd.resolved.map((f) => finding(f, r.beforeFiles)),
    })),
  };
  return `${stringify(data)}\n`;
}

const RENDERERS: Record<string, (r: Report) => string> = { stylish, markdown, json };

// Which files a CLI run sees: every PATH names a folder (a file names its own folder) whose
// `*.kpi.yaml` files, all the way down, form the workspace; only the scorecards the PATHs name
// are reported. Globs are expanded (tinyglobby); a PATH that starts with `!` excludes what it
// matches from the report; `.gitignore` files met on the way are honoured.
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { globSync } from 'tinyglobby';
import type { WorkspaceRoot } from '../node/data';
import { isInside } from '../node/data';
import { stripBom } from '../node/files';
import { compareStrings } from '../engine';
import { GitIgnores, SCORECARD_SUFFIX, walk } from '../node/scan';

export interface WorkspaceFile {
  /** Absolute path, the engine's uri. */
  uri: string;
  /** The path as the user gave it, joined with the path found below a given folder. */
  display: string;
  text: string;
  /** Named by a PATH (reported), not only context. */
  target: boolean;
}

/** An expected failure to run: the CLI prints the message on one line and exits 2. */
export class UsageError extends Error {}

export function isGlob(p: string): boolean {
  return /[*?[\]{}!]/.test(p);
}

/** The PATHs that select files, and those that start with `!` and exclude from them. */
export function splitPaths(paths: readonly string[], cwd: string): { include: string[]; exclude: string[] } {
  const include: string[] = [];
  const exclude: string[] = [];
  // A file whose name starts with `!` is still that file.
  for (const p of paths) (p.length > 1 && p.startsWith('!') && !fs.existsSync(path.resolve(cwd, p)) ? exclude : include).push(p);
  return { include, exclude: exclude.map((p) => p.slice(1)) };
}

/** Whether a file is excluded: an exclusion (a glob relative to `cwd`) matches it or a folder on the way to it. */
function exclusions(patterns: readonly string[], cwd: string): (file: string) => boolean {
  const matchers = patterns.map((p) => picomatch(p, { dot: true }));
  return (file) => {
    const parts = path.relative(cwd, file).split(path.sep);
    return parts.some((_, i) => matchers.some((m) => m(parts.slice(0, i + 1).join('/'))));
  };
}

function describeError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return e instanceof Error ? e.message : String(e);
}

function readText(file: string, shown: string): string {
  try {
    return stripBom(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read ${shown}: ${describeError(e)}`);
  }
}

/**
 * Loads the workspace of a lint run. With no PATH (or only exclusions), the current folder.
 * Throws UsageError for a PATH that cannot be read, a glob that matches nothing, a folder
 * without scorecards, or exclusions that leave nothing.
 */
export function loadWorkspace(paths: readonly string[], cwd: string): WorkspaceFile[] {
  const targets = new Map<string, string>(); // absolute path → display
  const contextDirs = new Set<string>();
  const { include, exclude } = splitPaths(paths, cwd);
  const excluded = exclusions(exclude, cwd);
  const given = include.length ? include : ['.'];
  const target = (file: string, display: string) => {
    if (!targets.has(file) && !excluded(file)) targets.set(file, display);
  };
  for (const p of given) {
    const abs = path.resolve(cwd, p);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(abs);
    } catch (e) {
      if (!isGlob(p)) throw new UsageError(`cannot read ${p}: ${describeError(e)}`);
    }
    if (stat?.isDirectory()) {
      const found = walk(abs);
      if (found.length === 0) throw new UsageError(`no *${SCORECARD_SUFFIX} file in ${p}`);
      contextDirs.add(abs);
      for (const rel of found) target(path.join(abs, rel), include.length ? path.join(p, rel) : rel);
    } else if (stat) {
      if (!stat.isFile()) throw new UsageError(`cannot read ${p}: not a file or folder`);
      contextDirs.add(path.dirname(abs));
      target(abs, p);
    } else {
      // The .gitignore files that count are those from the glob's fixed start down, as for a folder.
      const base = picomatch.scan(p).base || '.';
      const gitignores = new GitIgnores(path.resolve(cwd, base));
      const scorecards = globSync(p, {
        cwd,
        dot: false,
        onlyFiles: true,
        followSymbolicLinks: false,
        expandDirectories: false,
        ignore: ['**/node_modules/**', '**/.git/**'],
      })
        .filter(
          (rel) =>
            rel.endsWith(SCORECARD_SUFFIX) && !gitignores.excludes(path.relative(path.resolve(cwd, base), path.resolve(cwd, rel)).split(path.sep).join('/')),
        )
        .sort(compareStrings);
      if (scorecards.length === 0) throw new UsageError(`no *${SCORECARD_SUFFIX} file matches ${p}`);
      for (const rel of scorecards) {
        const file = path.resolve(cwd, rel);
        contextDirs.add(path.dirname(file));
        target(file, path.normalize(rel));
      }
    }
  }
  if (targets.size === 0)
    throw new UsageError(`no *${SCORECARD_SUFFIX} file is left once ${exclude.map((e) => `!${e}`).join(', ')} ${exclude.length === 1 ? 'is' : 'are'} excluded`);
  return withContext(targets, contextDirs, cwd);
}

/** The named scorecards, read, and every other scorecard of their folders as context. */
function withContext(
  targets: ReadonlyMap<string, string>,
  contextDirs: ReadonlySet<string>,
  cwd: string,
  texts: ReadonlyMap<string, string> = new Map(),
): WorkspaceFile[] {
  const all = new Map<string, WorkspaceFile>();
  for (const [file, display] of targets) all.set(file, { uri: file, display, text: texts.get(file) ?? readText(file, display), target: true });
  for (const dir of contextDirs) {
    for (const rel of walk(dir)) {
      const file = path.join(dir, rel);
      if (all.has(file)) continue;
      try {
        all.set(file, { uri: file, display: path.relative(cwd, file), text: stripBom(fs.readFileSync(file, 'utf8')), target: false });
      } catch {
        // A context file that cannot be read only resolves fewer refs; it is not reported.
      }
    }
  }
  return [...all.values()];
}

/**
 * The workspace of a scorecard read from standard input. Named by `--stdin-filename`, it takes
 * that file's place among the scorecards of its folder; unnamed, it is linted alone, as
 * `<stdin>` in the current folder.
 */
export function stdinWorkspace(text: string, filename: string | undefined, cwd: string): WorkspaceFile[] {
  const file = path.resolve(cwd, filename ?? '<stdin>');
  const targets = new Map([[file, filename ?? '<stdin>']]);
  const dirs = new Set(filename !== undefined && fs.existsSync(path.dirname(file)) ? [path.dirname(file)] : []);
  return withContext(targets, dirs, cwd, new Map([[file, stripBom(text)]]));
}

/** The nearest folder at or above `dir` that holds `.git` (a repository or a worktree), if any. */
function gitRoot(dir: string): string | undefined {
  for (let cur = path.resolve(dir); ; cur = path.dirname(cur)) {
    if (fs.existsSync(path.join(cur, '.git'))) return cur;
    if (path.dirname(cur) === cur) return undefined;
  }
}

/**
 * The workspace of a run, where it reads data files from and where `--fix` may write: for each
 * PATH (the current folder without one), the git repository it lies in, or outside a repository
 * the folder it names (a file or a glob names the folder it is in).
 */
export function workspaceRoots(paths: readonly string[], cwd: string): WorkspaceRoot[] {
  const roots = new Map<string, string>();
  const { include } = splitPaths(paths, cwd);
  for (const p of include.length ? include : ['.']) {
    let folder = path.resolve(cwd, isGlob(p) ? picomatch.scan(p).base || '.' : p);
    try {
      if (!fs.statSync(folder).isDirectory()) folder = path.dirname(folder);
    } catch {
      folder = path.dirname(folder);
    }
    const repo = gitRoot(folder);
    const dir = repo ?? folder;
    const shown = path.relative(cwd, dir);
    if (roots.has(dir)) continue;
    if (repo) roots.set(dir, isInside(repo, cwd) ? 'the git repository of the current folder' : `the git repository at "${shown}"`);
    else roots.set(dir, shown ? `the folder "${shown}"` : 'the current folder');
  }
  return [...roots].map(([dir, label]) => ({ dir, label }));
}

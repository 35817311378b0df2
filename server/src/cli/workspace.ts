// Which files a CLI run sees: every PATH names a folder (a file names its own folder) whose
// `*.kpi.yaml` files, all the way down, form the workspace; only the scorecards the PATHs name
// are reported. Globs are expanded; `.gitignore` files met on the way are honoured.
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { WorkspaceRoot } from '../node/data';
import { isInside } from '../node/data';
import { stripBom } from '../node/files';
import { SCORECARD_SUFFIX, SKIP_DIRS, walk } from '../node/scan';


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
 * Loads the workspace of a lint run. With no PATH, the current folder. Throws UsageError for a
 * PATH that cannot be read, a glob that matches nothing, or a folder without scorecards.
 */
export function loadWorkspace(paths: readonly string[], cwd: string): WorkspaceFile[] {
  const targets = new Map<string, string>(); // absolute path → display
  const contextDirs = new Set<string>();
  const given = paths.length ? paths : ['.'];
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
      for (const rel of found) {
        const file = path.join(abs, rel);
        if (!targets.has(file)) targets.set(file, paths.length ? path.join(p, rel) : rel);
      }
    } else if (stat) {
      if (!stat.isFile()) throw new UsageError(`cannot read ${p}: not a file or folder`);
      contextDirs.add(path.dirname(abs));
      if (!targets.has(abs)) targets.set(abs, p);
    } else {
      const scan = picomatch.scan(p);
      const base = path.resolve(cwd, scan.base || '.');
      const match = picomatch(scan.glob || '**', { dot: false });
      const found = fs.existsSync(base) ? walkAll(base).filter((rel) => match(rel)) : [];
      const scorecards = found.filter((rel) => rel.endsWith(SCORECARD_SUFFIX));
      if (scorecards.length === 0) throw new UsageError(`no *${SCORECARD_SUFFIX} file matches ${p}`);
      for (const rel of scorecards) {
        const file = path.join(base, rel);
        contextDirs.add(path.dirname(file));
        if (!targets.has(file)) targets.set(file, path.join(scan.base || '.', rel));
      }
    }
  }
  const all = new Map<string, WorkspaceFile>();
  for (const [file, display] of targets) all.set(file, { uri: file, display, text: readText(file, display), target: true });
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
  for (const p of paths.length ? paths : ['.']) {
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

/** Every file below a folder (for glob matching), relative, with forward slashes. */
function walkAll(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string, rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) visit(path.join(dir, e.name), r);
      } else if (e.isFile()) out.push(r);
    }
  };
  visit(root, '');
  return out.sort();
}

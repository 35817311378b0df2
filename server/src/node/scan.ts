// Which scorecards a folder holds, for the CLI and the language server alike: every
// `*.kpi.yaml` below it, not following links, skipping node_modules and .git and what the
// .gitignore files met on the way ignore.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore from 'ignore';
import type { Ignore } from 'ignore';
import { compareStrings } from '../engine';

export const SCORECARD_SUFFIX = '.kpi.yaml';
export const SKIP_DIRS = new Set(['node_modules', '.git']);

/** The `.gitignore` files below a folder, read once each. */
export class GitIgnores {
  private readonly byDir = new Map<string, Ignore | undefined>();

  constructor(private readonly root: string) {}

  private at(rel: string): Ignore | undefined {
    if (!this.byDir.has(rel)) {
      let ig: Ignore | undefined;
      try {
        ig = ignore().add(fs.readFileSync(path.join(this.root, rel, '.gitignore'), 'utf8'));
      } catch {
        // No .gitignore, or an unreadable one: it ignores nothing.
      }
      this.byDir.set(rel, ig);
    }
    return this.byDir.get(rel);
  }

  /** Whether a file or folder (relative to the root, with slashes) is ignored by a .gitignore above it; its folders are not looked at. */
  ignores(rel: string, isDir: boolean): boolean {
    const parts = rel.split('/');
    for (let i = 0; i < parts.length; i++) {
      const sub = parts.slice(i).join('/');
      if (this.at(parts.slice(0, i).join('/'))?.ignores(isDir ? `${sub}/` : sub)) return true;
    }
    return false;
  }

  /** Whether a file (relative to the root) or any folder on the way to it is ignored. */
  excludes(rel: string): boolean {
    const parts = rel.split('/');
    return parts.some((_, i) => this.ignores(parts.slice(0, i + 1).join('/'), i < parts.length - 1));
  }
}

/** Every scorecard below a folder, relative to it, in sorted order, honouring .gitignore. */
export function walk(root: string): string[] {
  const out: string[] = [];
  const gitignores = new GitIgnores(root);
  const visit = (dir: string, rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => compareStrings(a.name, b.name))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !gitignores.ignores(r, true)) visit(path.join(dir, e.name), r);
      } else if (e.isFile() && e.name.endsWith(SCORECARD_SUFFIX) && !gitignores.ignores(r, false)) out.push(r);
    }
  };
  visit(root, '');
  return out;
}

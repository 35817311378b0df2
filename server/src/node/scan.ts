// Which scorecards a folder holds, for the CLI and the language server alike: every
// `*.kpi.yaml` below it, not following links, skipping node_modules and .git and what the
// .gitignore files met on the way ignore.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { Ignore } from 'ignore';
import { compareStrings } from '../engine';

export const SCORECARD_SUFFIX = '.kpi.yaml';
export const SKIP_DIRS = new Set(['node_modules', '.git']);

/** Every scorecard below a folder, relative to it, in sorted order, honouring .gitignore. */
export function walk(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string, rel: string, rules: { base: string; ig: Ignore }[]) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    let scoped = rules;
    if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      try {
        scoped = [...rules, { base: rel, ig: ignore().add(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8')) }];
      } catch {
        // An unreadable .gitignore ignores nothing.
      }
    }
    const ignored = (r: string, isDir: boolean) =>
      scoped.some(({ base, ig }) => {
        const sub = base ? path.posix.relative(base, r) : r;
        return sub !== '' && !sub.startsWith('..') && ig.ignores(isDir ? `${sub}/` : sub);
      });
    for (const e of entries.sort((a, b) => compareStrings(a.name, b.name))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !ignored(r, true)) visit(path.join(dir, e.name), r, scoped);
      } else if (e.isFile() && e.name.endsWith(SCORECARD_SUFFIX) && !ignored(r, false)) out.push(r);
    }
  };
  visit(root, '', []);
  return out;
}

// The language server's files under Node: read from disk, with the data file rules of
// `node/data.ts` (regular files inside the workspace, no link leading out of it, a size cap).
import * as fsSync from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { stripBom } from '../engine';
import { readDataFile } from '../node/data';
import { findConfig } from '../node/files';
import { walk } from '../node/scan';
import { fsPathOf } from './files';
import type { DataResult, DataRoot, FileAccess } from './files';

export class NodeFiles implements FileAccess {
  /** Every `*.kpi.yaml` below a folder, as the CLI finds them: not following links, skipping node_modules, .git and what .gitignore files ignore. */
  scorecards(folder: string): Promise<string[]> {
    const root = fsPathOf(folder);
    if (root === undefined) return Promise.resolve([]);
    return Promise.resolve(walk(root).map((rel) => URI.file(path.join(root, rel)).toString()));
  }

  async read(uri: string): Promise<string | undefined> {
    const p = fsPathOf(uri);
    if (p === undefined) return undefined;
    try {
      return stripBom(await fs.readFile(p, 'utf8'));
    } catch {
      return undefined;
    }
  }

  async findConfig(folder: string): Promise<string | undefined> {
    const dir = fsPathOf(folder);
    const found = dir === undefined ? undefined : findConfig(dir);
    return found && URI.file(found).toString();
  }

  async readData(scorecard: string, csv: string, roots: readonly DataRoot[]): Promise<DataResult> {
    const p = fsPathOf(scorecard);
    if (p === undefined) return { uri: csv, read: undefined };
    const dirs = roots.flatMap((r) => {
      const dir = fsPathOf(r.uri);
      return dir === undefined ? [] : [{ dir, label: r.label }];
    });
    return { uri: URI.file(path.resolve(path.dirname(p), csv)).toString(), read: readDataFile(p, csv, dirs) };
  }
}

// Rule pages ship beside the bundle (dist/../docs/rules); run from the sources (as the tests do,
// with tsx) this file sits three folders below the repository root.
const DOCS_DIR = path.join(__dirname, ...(__filename.endsWith('.ts') ? ['..', '..', '..'] : ['..']), 'docs', 'rules');
const docsCache = new Map<string, string | undefined>();

/** A rule's docs page, read once from the pages that ship with the server. */
export function readRuleDocs(rule: string): string | undefined {
  if (!docsCache.has(rule)) {
    let text: string | undefined;
    try {
      text = fsSync.readFileSync(path.join(DOCS_DIR, `${rule}.md`), 'utf8');
    } catch {
      text = undefined;
    }
    docsCache.set(rule, text);
  }
  return docsCache.get(rule);
}

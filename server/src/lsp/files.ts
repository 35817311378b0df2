// How the language server reaches files outside the editor's open documents. Under Node it reads
// the disk (`node-files.ts`); in a browser's web worker it asks the extension, which reads through
// the editor's file system, so a virtual workspace (github.dev, vscode.dev) works the same. Files
// are named by uri throughout; nothing here may use Node.
import { URI, Utils } from 'vscode-uri';
import type { DataRead } from '../engine';
import { folderLabel, OWN_FOLDER } from '../engine/data-files';

/** A folder that data files may be read from, and how a refusal names it. */
export interface DataRoot {
  uri: string;
  label: string;
}

/** What a data file read gives: its text, or why it is refused, or undefined when it cannot be read; and the file it named. */
export interface DataResult {
  /** The data file, resolved against the scorecard's folder: a change to it is a change to the scorecard's findings. */
  uri: string;
  read: DataRead | undefined;
}

export interface FileAccess {
  /** Every `*.kpi.yaml` below a folder, as uris, sorted; not inside node_modules or .git. */
  scorecards(folder: string): Promise<string[]>;
  /** A file's text, without a byte-order mark; undefined when it cannot be read. */
  read(uri: string): Promise<string | undefined>;
  /** The nearest `.kpilens.yaml` in a folder or above it. */
  findConfig(folder: string): Promise<string | undefined>;
  /**
   * A data file a scorecard names (`csv`, relative to the scorecard's folder), read only when it is
   * a regular file inside one of `roots` and no larger than the cap; any other file is refused
   * with a reason.
   */
  readData(scorecard: string, csv: string, roots: readonly DataRoot[]): Promise<DataResult>;
}

/** Access to no file at all: a server that knows only the documents the editor sends it. */
export const NO_FILES: FileAccess = {
  scorecards: async () => [],
  read: async () => undefined,
  findConfig: async () => undefined,
  readData: async (scorecard, csv) => ({ uri: resolveData(scorecard, csv), read: undefined }),
};

/** The file system path for `file:` uris, else the uri in one spelling: one key per file however a client spells its uri. */
export function keyOf(uri: string): string {
  try {
    const u = URI.parse(uri);
    return u.scheme === 'file' ? u.fsPath : u.toString();
  } catch {
    return uri;
  }
}

/** The file system path of a `file:` uri. */
export function fsPathOf(uri: string): string | undefined {
  try {
    const u = URI.parse(uri);
    return u.scheme === 'file' ? u.fsPath : undefined;
  } catch {
    return undefined;
  }
}

/** One spelling of a uri: a `file:` uri as VS Code writes it, any other as it came. */
export function canonicalUri(uri: string): string {
  const p = fsPathOf(uri);
  return p === undefined ? uri : URI.file(p).toString();
}

/** Whether the file or folder `key` is `folder` or lies below it (both keys as `keyOf` gives them). */
export function isUnder(folder: string, key: string): boolean {
  if (key === folder) return true;
  // A key is a file system path (with the platform's separator) or a uri (with slashes).
  const sep = folder.includes('/') || !folder.includes('\\') ? '/' : '\\';
  return key.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/** The folder of a file, as a uri. */
export function folderOf(uri: string): string {
  return Utils.dirname(URI.parse(uri)).toString();
}

/** The last segment of a uri's path: a file's or folder's name. */
export function baseName(uri: string): string {
  const clean = uri.replace(/[?#].*$/, '').replace(/\/+$/, '');
  try {
    return decodeURIComponent(clean.slice(clean.lastIndexOf('/') + 1));
  } catch {
    return clean.slice(clean.lastIndexOf('/') + 1);
  }
}

/** A data file's uri: `csv` resolved against the scorecard's folder (an absolute path stays absolute). */
export function resolveData(scorecard: string, csv: string): string {
  return Utils.resolvePath(URI.parse(folderOf(scorecard)), csv).toString();
}

/** Where a scorecard may read data files from: the workspace folders, or for a file in none of them its own folder. */
export function dataRoots(scorecard: string, folders: readonly string[]): DataRoot[] {
  const key = keyOf(scorecard);
  if (!folders.some((f) => isUnder(keyOf(f), key))) return [{ uri: folderOf(scorecard), label: OWN_FOLDER }];
  return folders.map((uri) => ({ uri, label: folderLabel(baseName(uri)) }));
}

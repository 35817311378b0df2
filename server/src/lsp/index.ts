// The workspace index: the text and parse of every scorecard the server knows, whether open in
// the editor or found in the workspace folders (through its FileAccess).
import { CONFIG_NAME, Workspace } from '../engine';
import type { Parsed } from '../engine';
import { parseForEditing, reparse } from '../engine/syntax';
import type { Identity } from '../engine/model';
import { baseName, isUnder, keyOf, NO_FILES } from './files';
import type { FileAccess } from './files';

export interface Entry {
  /** The file system path for `file:` uris, else the uri: one key per file however a client spells its uri. */
  key: string;
  /** The uri as the client names the document (or as VS Code would, for files found on disk). */
  uri: string;
  text: string;
  /** The client's version while the document is open. */
  version?: number;
  open: boolean;
  /** Undefined until parsed, and again after each change. */
  parsed?: Parsed;
  /** The parse of the text before the change, while `parsed` is undefined: the next parse re-uses what the change left alone. */
  previous?: Parsed;
  /** Grows with every change of text, so results can be matched to the text they were made from. */
  revision: number;
  /** What other scorecards could depend on, as of the last lint (to find who to re-lint). */
  linted?: Identity;
}

/** A scorecard is recognised by its name, whatever language id the client sends. */
export function isScorecardUri(uri: string): boolean {
  return baseName(uri).endsWith('.kpi.yaml');
}

export function isConfigUri(uri: string): boolean {
  return baseName(uri) === CONFIG_NAME;
}

export class Index {
  private readonly entries = new Map<string, Entry>();
  private ws?: Workspace;
  private revisions = 0;
  /** Workspace folders, as uris. */
  folders: string[] = [];

  constructor(readonly files: FileAccess = NO_FILES) {}

  get(uri: string): Entry | undefined {
    return this.entries.get(keyOf(uri));
  }

  byKey(key: string): Entry | undefined {
    return this.entries.get(key);
  }

  all(): Entry[] {
    return [...this.entries.values()];
  }

  /** Records new text for a scorecard; it is parsed again when next needed. */
  set(uri: string, text: string, open: boolean, version?: number): Entry {
    const key = keyOf(uri);
    const prev = this.entries.get(key);
    const previous = prev && prev.uri === uri ? (prev.parsed ?? prev.previous) : undefined;
    const entry: Entry = { key, uri, text, version, open, revision: ++this.revisions, previous, linted: prev?.linted };
    this.entries.set(key, entry);
    this.ws = undefined;
    return entry;
  }

  /** Forgets a scorecard, or every scorecard below a deleted folder. */
  delete(uri: string): Entry[] {
    const key = keyOf(uri);
    const removed = [...this.entries.values()].filter((e) => isUnder(key, e.key));
    for (const e of removed) this.entries.delete(e.key);
    if (removed.length) this.ws = undefined;
    return removed;
  }

  parsed(entry: Entry): Parsed {
    if (!entry.parsed) {
      entry.parsed = entry.previous ? reparse(entry.previous, entry.text) : parseForEditing(entry.uri, entry.text);
      entry.previous = undefined;
      this.ws = undefined;
    }
    return entry.parsed;
  }

  /** The workspace of every known scorecard, parsing those that changed. */
  workspace(): Workspace {
    if (!this.ws) {
      const scorecards = this.all().map((e) => this.parsed(e).scorecard);
      this.ws = new Workspace(scorecards);
    }
    return this.ws;
  }

  /** Whether a file or folder lies in one of the workspace folders. */
  inFolders(uri: string): boolean {
    const key = keyOf(uri);
    return this.folders.some((f) => isUnder(keyOf(f), key));
  }

  /** Reads a scorecard into the index, unless it is open (the editor's text wins); an unchanged text keeps its parse. */
  async load(uri: string): Promise<Entry | undefined> {
    const key = keyOf(uri);
    const existing = this.entries.get(key);
    if (existing?.open) return existing;
    const text = await this.files.read(uri);
    if (text === undefined) return undefined;
    const now = this.entries.get(key);
    if (now?.open || now?.text === text) return now;
    return this.set(uri, text, false);
  }

  /** Every scorecard below a folder, as uris. */
  scan(folder: string): Promise<string[]> {
    return this.files.scorecards(folder);
  }
}

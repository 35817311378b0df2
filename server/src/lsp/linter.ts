// When to lint what: an edit after a pause is linted at once; an edit that follows the last one
// quickly is linted right after the changes queued behind it when the server had linted the
// last one already, and once typing pauses when it had not (per document); first the changed
// scorecard, then those that depend on it. Any newer change abandons the work in progress, and
// long passes yield to the event loop so requests keep being answered from the latest text. A
// burst of edits that comes faster than it can be linted thus costs one lint of its last
// version, not one per edit.
import { lintOne } from '../engine';
import type { Finding, LintOptions, Scorecard } from '../engine';
import { dependants, identityOf } from '../engine/model';
import type { Identity } from '../engine/model';
import { dataRoots, keyOf } from './files';
import type { DataResult } from './files';
import type { Entry, Index } from './index';
import type { Settings } from './settings';
import { pushAll } from '../engine/arrays';

export interface LintSink {
  /** Findings of a scorecard, for the text of the given entry. */
  findings(entry: Entry, findings: Finding[]): void;
  /** Linting a scorecard failed (a bug): the message says so, to be shown on the scorecard itself. */
  failed(entry: Entry, message: string): void;
  /** A pass has linted everything it set out to (configs may have changed too). */
  passDone(): void;
  log(message: string): void;
}

interface Result {
  revision: number;
  findings: Finding[];
}

/** How long a pass may run before it lets other events in. */
const SLICE_MS = 15;

/**
 * How long an edit waits for the changes queued right behind it when the server keeps up with
 * the edits: one keystroke can make several changes, and a tool sends many at once.
 */
const QUIET_MS = 10;

type Timer = ReturnType<typeof setTimeout>;

/** Node's setImmediate, which a browser lacks. */
const immediate = (globalThis as { setImmediate?: (callback: () => void) => void }).setImmediate;

/** Lets the events waiting to be handled in: at once under Node, after the other tasks in a browser. */
const yieldToEvents = (): Promise<void> => new Promise((r) => (immediate ? immediate(r) : setTimeout(r, 0)));

export class Linter {
  private readonly timers = new Map<string, Timer>();
  private readonly lastChange = new Map<string, number>();
  /** The revision of each scorecard's latest change, to tell whether the one before it was linted. */
  private readonly revisions = new Map<string, number | undefined>();
  private readonly dirty = new Set<string>();
  private identities: Identity[] = [];
  private everything = false;
  private running?: Promise<void>;
  private waiters: (() => void)[] = [];
  private readonly results = new Map<string, Result>();
  /** The data files of each scorecard as last read, by the `csv` value that names them. */
  private readonly data = new Map<string, Map<string, DataResult>>();
  /** Grows with every change a pass must see: a pass that started before gives up. */
  private changes = 0;

  constructor(
    private readonly index: Index,
    private readonly settings: Settings,
    private readonly sink: LintSink,
    private readonly delayMs = 150,
  ) {}

  /**
   * A scorecard changed: lint it and its dependants now, or soon when the server had linted its
   * previous change already (it keeps up with the edits), or once typing pauses when it had not.
   */
  changed(key: string): void {
    this.changes++;
    const now = Date.now();
    const last = this.lastChange.get(key);
    this.lastChange.set(key, now);
    const previous = this.revisions.get(key);
    this.revisions.set(key, this.index.byKey(key)?.revision);
    const pending = this.timers.get(key);
    // Time between changes is measured as they are handled, and a lint in progress delays that:
    // a change that arrives while one runs is part of a burst, whatever the clock says.
    if (!this.running && !pending && (last === undefined || now - last >= this.delayMs)) {
      this.dirty.add(key);
      this.kick();
      return;
    }
    const keepingUp = !pending && previous !== undefined && this.results.get(key)?.revision === previous;
    clearTimeout(pending);
    this.timers.set(
      key,
      setTimeout(
        () => {
          this.timers.delete(key);
          this.dirty.add(key);
          this.kick();
        },
        keepingUp ? QUIET_MS : this.delayMs,
      ),
    );
  }

  /** A scorecard left the workspace: re-lint what depended on it. */
  removed(entry: Entry): void {
    this.changes++;
    clearTimeout(this.timers.get(entry.key));
    this.timers.delete(entry.key);
    this.lastChange.delete(entry.key);
    this.revisions.delete(entry.key);
    this.dirty.delete(entry.key);
    this.results.delete(entry.key);
    this.data.delete(entry.key);
    if (entry.linted) this.identities.push(entry.linted);
    this.kick();
  }

  /** Lint every scorecard now; resolves when done. */
  lintAll(): Promise<void> {
    this.everything = true;
    for (const [key, t] of this.timers) {
      clearTimeout(t);
      this.dirty.add(key);
    }
    this.timers.clear();
    this.kick();
    return this.idle();
  }

  /** Resolves once no lint is pending or running. */
  idle(): Promise<void> {
    if (!this.running && this.timers.size === 0 && !this.hasWork()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The findings of a scorecard for its current text, linting it now if they are stale. */
  current(entry: Entry): Finding[] {
    const r = this.results.get(entry.key);
    if (r && r.revision === entry.revision) return r.findings;
    const findings = this.lint(entry);
    this.results.set(entry.key, { revision: entry.revision, findings });
    return findings;
  }

  /** The latest findings of every scorecard, by uri (as the preview's view model takes them). */
  findingsByUri(): Map<string, Finding[]> {
    const out = new Map<string, Finding[]>();
    for (const [key, r] of this.results) {
      const e = this.index.byKey(key);
      if (e) out.set(e.uri, r.findings);
    }
    return out;
  }

  /**
   * Reads what a lint of these scorecards reads besides their text: the `.kpilens.yaml` that
   * applies to each (once) and their data files (again each time, as they may have changed).
   */
  async prepare(entries: readonly Entry[]): Promise<void> {
    await this.settings.prepare(entries.map((e) => e.uri));
    for (const e of entries) {
      const csvs = new Set<string>();
      for (const k of this.index.parsed(e).scorecard.kpis) if (k.data) csvs.add(k.data.csv.value);
      const read = new Map<string, DataResult>();
      if (!e.uri.startsWith('untitled:')) {
        const roots = dataRoots(e.uri, this.index.folders);
        for (const csv of csvs) read.set(csv, await this.index.files.readData(e.uri, csv, roots));
      }
      this.data.set(e.key, read);
    }
  }

  /** The scorecards whose last lint read (or tried to read) a data file. */
  readersOf(dataUri: string): string[] {
    const key = keyOf(dataUri);
    return [...this.data].filter(([, reads]) => [...reads.values()].some((r) => keyOf(r.uri) === key)).map(([k]) => k);
  }

  private hasWork(): boolean {
    return this.dirty.size > 0 || this.identities.length > 0 || this.everything;
  }

  /** Work to start now: dependants of an abandoned pass wait while typing goes on anywhere. */
  private ready(): boolean {
    return this.dirty.size > 0 || this.everything || (this.identities.length > 0 && this.timers.size === 0);
  }

  private kick(): void {
    if (this.running || !this.ready()) return;
    // The loop's end is handled in a callback, which runs after `running` is set even when the
    // loop finishes without awaiting anything; work that arrives in between starts a new loop.
    const running = this.loop().finally(() => {
      if (this.running !== running) return;
      this.running = undefined;
      if (this.ready()) return this.kick();
      if (this.timers.size === 0) {
        const waiters = this.waiters;
        this.waiters = [];
        for (const w of waiters) w();
      }
    });
    this.running = running;
  }

  private async loop(): Promise<void> {
    while (this.ready()) {
      const keys = [...this.dirty];
      const identities = this.identities;
      const everything = this.everything;
      this.dirty.clear();
      this.identities = [];
      this.everything = false;
      let done: boolean;
      try {
        done = await this.pass(keys, identities, everything);
      } catch (e) {
        // A bug, not a user error: say so on each scorecard of the pass and in the log, and keep
        // serving. Publishing nothing instead would make the scorecards look clean.
        for (const key of keys) {
          const entry = this.index.byKey(key);
          if (entry) this.fail(entry, e);
        }
        done = true;
      }
      if (!done) {
        // A key whose typing goes on is linted when its timer fires, not before: re-linting it
        // now would parse each version of a burst of edits.
        for (const k of keys) if (!this.timers.has(k)) this.dirty.add(k);
        pushAll(this.identities, identities);
        this.everything ||= everything;
      }
    }
  }

  /** One lint pass; false when a newer change arrived and the pass was abandoned. */
  private async pass(keys: string[], identities: Identity[], everything: boolean): Promise<boolean> {
    const changes = this.changes;
    let sliceStart = Date.now();
    const breathe = async (): Promise<boolean> => {
      if (Date.now() - sliceStart < SLICE_MS) return true;
      await yieldToEvents();
      sliceStart = Date.now();
      return this.changes === changes && this.dirty.size === 0 && !this.everything;
    };
    const changed: Scorecard[] = [];
    // The identities before the change join the list, so an abandoned pass hands them on.
    for (const key of keys) {
      const entry = this.index.byKey(key);
      if (!entry) continue;
      if (entry.linted) identities.push(entry.linted);
      changed.push(this.index.parsed(entry).scorecard);
      if (!(await breathe())) return false;
    }
    for (const e of this.index.all()) {
      this.index.parsed(e);
      if (!(await breathe())) return false;
    }
    const ws = this.index.workspace();
    const targets = everything ? ws.scorecards : [...new Set([...changed, ...dependants(ws, [...identities, ...changed.map(identityOf)])])];
    await this.prepare(targets.flatMap((sc) => this.index.get(sc.uri) ?? []));
    // Reading may have let a change in: this pass's workspace is then out of date.
    if (this.changes !== changes || this.dirty.size > 0 || this.everything) return false;
    for (const sc of targets) {
      const entry = this.index.get(sc.uri);
      if (!entry?.parsed || entry.parsed.scorecard !== sc) continue;
      entry.linted = identityOf(sc);
      let findings: Finding[];
      try {
        findings = lintOne(entry.parsed, ws, this.options());
      } catch (e) {
        this.results.set(entry.key, { revision: entry.revision, findings: [] });
        this.fail(entry, e);
        if (!(await breathe())) return false;
        continue;
      }
      this.results.set(entry.key, { revision: entry.revision, findings });
      this.sink.findings(entry, findings);
      if (!(await breathe())) return false;
    }
    this.sink.passDone();
    return true;
  }

  private lint(entry: Entry): Finding[] {
    try {
      return lintOne(this.index.parsed(entry), this.index.workspace(), this.options());
    } catch (e) {
      this.fail(entry, e);
      return [];
    }
  }

  /** Tells the editor (on the scorecard) and the log (with the stack) that linting a scorecard failed. */
  private fail(entry: Entry, e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    this.sink.log(`Linting ${entry.uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : message}`);
    this.sink.failed(entry, `Linting this file failed: ${message.replace(/\.$/, '')}. This is a bug in kpilens: please report it, with the file if you can.`);
  }

  /** What the engine needs to lint (and the preview to draw): as-of date, settings, data files. */
  options(): LintOptions {
    return {
      asOf: this.settings.asOf(),
      settingsFor: (uri) => this.settings.settingsFor(this.index.get(uri)?.uri),
      // What `prepare` read: the engine reads synchronously, a browser's files only asynchronously.
      readData: (uri, csv) => this.data.get(keyOf(uri))?.get(csv)?.read,
      onRuleError: (rule, uri, error) =>
        this.sink.log(`Rule ${rule} failed on ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    };
  }
}

// Drives a language server over stdio the way an editor does, and measures the time from a
// document notification to the diagnostics it causes. A wait ends only when the published
// diagnostics have the expected count, so a server that validates nothing cannot look fast.
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  createProtocolConnection,
  Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentSyncKind,
  WorkDoneProgressCreateRequest,
} from 'vscode-languageserver-protocol/node';
import type { TextChange } from './generate';

export interface ServerSpec {
  name: string;
  command: string;
  args: string[];
  /** Settings by section, answered to `workspace/configuration` and sent in `initializationOptions`. */
  settings: Record<string, unknown>;
  languageId: string;
}

interface Published {
  at: number;
  version?: number;
  diagnostics: Diagnostic[];
}

interface Waiter {
  uri: string;
  after: number;
  minVersion?: number;
  expected: number;
  resolve(p: Published): void;
}

export const TIMEOUT_MS = 120_000;

export class LspSession {
  private readonly latest = new Map<string, Published>();
  private readonly waiters = new Set<Waiter>();
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private incremental = false;

  private constructor(
    readonly spec: ServerSpec,
    private readonly child: ChildProcess,
    private readonly conn: ProtocolConnection,
  ) {}

  /** Starts the server and completes the initialize handshake with `root` as the workspace folder. */
  static async start(spec: ServerSpec, root: string): Promise<LspSession> {
    const child = spawn(spec.command, spec.args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const session = new LspSession(spec, child, conn);
    child.on('exit', (code) => {
      if (code) process.stderr.write(`${spec.name} exited with code ${code}\n${stderr}\n`);
    });
    conn.onNotification(PublishDiagnosticsNotification.type, (p) =>
      session.published(p.uri, { at: performance.now(), version: p.version, diagnostics: p.diagnostics }),
    );
    conn.onRequest(ConfigurationRequest.type, (p) => p.items.map((it) => (it.section ? (spec.settings[it.section] ?? null) : null)));
    conn.onRequest(RegistrationRequest.type, () => undefined);
    conn.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    conn.onRequest('workspace/workspaceFolders', () => [{ uri: pathToFileURL(root).href, name: 'bench' }]);
    conn.listen();
    const rootUri = pathToFileURL(root).href;
    const init = await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      initializationOptions: spec.settings,
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: false } },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
        },
      },
    });
    const sync = init.capabilities.textDocumentSync;
    const kind = typeof sync === 'object' ? sync?.change : sync;
    session.incremental = kind === TextDocumentSyncKind.Incremental;
    await conn.sendNotification(InitializedNotification.type, {});
    await conn.sendNotification(DidChangeConfigurationNotification.type, { settings: spec.settings });
    return session;
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  /** Resident and peak resident memory of the server process, in MB (Linux /proc). */
  memory(): { rss: number; peak: number } {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  }

  private published(uri: string, p: Published): void {
    this.latest.set(uri, p);
    for (const w of this.waiters) {
      if (w.uri !== uri || p.at < w.after) continue;
      if (w.minVersion !== undefined && p.version !== undefined && p.version < w.minVersion) continue;
      if (p.diagnostics.length !== w.expected) continue;
      this.waiters.delete(w);
      w.resolve(p);
    }
  }

  /** Resolves with the first diagnostics for `uri` published after `after` with `expected` entries. */
  waitFor(uri: string, expected: number, after: number, minVersion?: number): Promise<Published> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(
          new Error(
            `${this.spec.name}: no diagnostics with ${expected} entries for ${uri} within ${TIMEOUT_MS / 1000} s; last published: ${this.describe(uri)}`,
          ),
        );
      }, TIMEOUT_MS);
      const waiter: Waiter = {
        uri,
        after,
        minVersion,
        expected,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      };
      this.waiters.add(waiter);
      // Diagnostics that arrived before the wait started count when they are recent enough.
      const last = this.latest.get(uri);
      if (last) this.published(uri, last);
    });
  }

  /** What the server last said about a document: the count, and the count per rule or message. */
  describe(uri: string): string {
    const last = this.latest.get(uri);
    if (!last) return 'nothing';
    const by = new Map<string, number>();
    for (const d of last.diagnostics) {
      const key = d.code !== undefined ? String(d.code) : (typeof d.message === 'string' ? d.message : d.message.value).slice(0, 60);
      by.set(key, (by.get(key) ?? 0) + 1);
    }
    return `${last.diagnostics.length} (${[...by].map(([k, n]) => `${k}: ${n}`).join(', ')})`;
  }

  /** Opens a document; resolves with milliseconds until its diagnostics have the expected count. */
  async open(uri: string, text: string, expected: number): Promise<number> {
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    const t0 = performance.now();
    const wait = this.waitFor(uri, expected, t0);
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: this.spec.languageId, version: 1, text } });
    return (await wait).at - t0;
  }

  /** Sends one change without waiting; returns the new version and when it was sent. */
  async change(uri: string, change: TextChange): Promise<{ version: number; sent: number }> {
    const before = this.texts.get(uri);
    if (before === undefined) throw new Error(`${uri} is not open`);
    const after = before.slice(0, change.start) + change.text + before.slice(change.end);
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, after);
    const contentChanges = this.incremental
      ? [{ range: { start: position(before, change.start), end: position(before, change.end) }, text: change.text }]
      : [{ text: after }];
    const sent = performance.now();
    await this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
    return { version, sent };
  }

  /** Applies one change; resolves with milliseconds until diagnostics of the new version have the expected count. */
  async edit(uri: string, change: TextChange, expected: number): Promise<number> {
    const t0 = performance.now();
    const version = (this.versions.get(uri) ?? 1) + 1;
    const wait = this.waitFor(uri, expected, t0, version);
    await this.change(uri, change);
    return (await wait).at - t0;
  }

  /** Waits until no diagnostics have arrived for `quietMs`, so that the next publication is caused by the next edit. */
  async settle(quietMs: number): Promise<void> {
    for (;;) {
      const last = Math.max(0, ...[...this.latest.values()].map((p) => p.at));
      const idle = performance.now() - last;
      if (idle >= quietMs) return;
      await new Promise((r) => setTimeout(r, quietMs - idle));
    }
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 5000))]);
      await this.conn.sendNotification(ExitNotification.type);
    } catch {
      // A server that already went away needs no shutdown.
    }
    // Give the server a moment to exit by itself (a --cpu-prof profile is written then).
    if (this.child.exitCode === null) await Promise.race([new Promise((r) => this.child.once('exit', r)), new Promise((r) => setTimeout(r, 5000))]);
    this.conn.dispose();
    if (this.child.exitCode === null) this.child.kill();
  }
}

/** LSP position (0-based line, UTF-16 character) of an offset. */
export function position(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

// A real LSP client for the tests: it starts the server from the sources over stdio (no build
// needed: `node --require tsx/cjs server/src/lsp/main.ts --stdio`) on a copy of a fixture
// workspace, and records what the server pushes.
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  Diagnostic,
  InitializeRequest,
  InitializedNotification,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  ExitNotification,
  ShutdownRequest,
  ShowMessageNotification,
  ClientCapabilities,
  ConfigurationRequest,
} from 'vscode-languageserver-protocol/node';

export const ROOT = path.join(__dirname, '..', '..');
export const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'lsp');

export interface Options {
  /** Capabilities the client announces (defaults: hierarchical symbols, configuration pull off). */
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  /** Answers to workspace/configuration, when the client announces it. */
  configuration?: unknown;
  /** Workspace folders; default: the copy of the fixture. */
  folders?: (dir: string) => string[];
}

export class TestClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** How many times diagnostics were published, per uri. */
  readonly published = new Map<string, number>();
  /** The document version of the latest diagnostics, per uri (undefined for a file not open). */
  readonly publishedVersion = new Map<string, number | undefined>();
  readonly messages: string[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  private listeners: (() => void)[] = [];

  private constructor(
    readonly dir: string,
    readonly connection: ProtocolConnection,
    private readonly child: ChildProcess,
  ) {}

  /** Copies a fixture folder to a temp dir and starts a server on it. */
  static async start(fixture = FIXTURE, options: Options = {}): Promise<TestClient> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-lsp-'));
    fs.cpSync(fixture, dir, { recursive: true });
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(ROOT, 'server', 'src', 'lsp', 'main.ts'), '--stdio'], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new TestClient(dir, connection, child);
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      client.diagnostics.set(p.uri, p.diagnostics);
      client.published.set(p.uri, (client.published.get(p.uri) ?? 0) + 1);
      client.publishedVersion.set(p.uri, p.version);
      client.changed();
    });
    connection.onNotification(ShowMessageNotification.type, (p) => {
      client.messages.push(p.message);
      client.changed();
    });
    connection.onNotification('kpilens/didChangeView', (params: unknown) => {
      client.notifications.push({ method: 'kpilens/didChangeView', params });
      client.changed();
    });
    connection.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => options.configuration ?? null));
    connection.listen();
    const folders = options.folders ? options.folders(dir) : [dir];
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: options.capabilities ?? { textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true } } },
      workspaceFolders: folders.map((f) => ({ uri: client.uri(f), name: path.basename(f) })),
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** The file: uri of a path, relative to the workspace copy unless absolute. */
  uri(file: string): string {
    return pathToFileURL(path.isAbsolute(file) ? file : path.join(this.dir, file)).href;
  }

  text(file: string): string {
    return fs.readFileSync(path.join(this.dir, file), 'utf8');
  }

  async open(file: string, languageId = 'kpi-yaml', text = this.text(file)): Promise<string> {
    const uri = this.uri(file);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  private versions = new Map<string, number>();

  /** Replaces the whole text of an open document. */
  async change(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /**
   * Replaces the whole text of an open document with each text in turn, in one write to the
   * server: a burst of edits that arrives all at once, whatever the load of the machine.
   */
  changeAll(uri: string, texts: readonly string[]): void {
    let out = '';
    for (const text of texts) {
      const version = (this.versions.get(uri) ?? 1) + 1;
      this.versions.set(uri, version);
      const body = JSON.stringify({
        jsonrpc: '2.0',
        method: DidChangeTextDocumentNotification.method,
        params: { textDocument: { uri, version }, contentChanges: [{ text }] },
      });
      out += `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    }
    this.child.stdin!.write(out);
  }

  private lastPublished = 0;

  private changed(): void {
    this.lastPublished = Date.now();
    for (const l of this.listeners) l();
  }

  /** Waits until the server has pushed nothing for `ms` milliseconds. */
  async quiet(ms: number): Promise<void> {
    for (let idle = Date.now() - this.lastPublished; idle < ms; idle = Date.now() - this.lastPublished) {
      await new Promise((r) => setTimeout(r, ms - idle));
    }
  }

  /** Waits until a condition on what the server pushed holds; fails with `what` after the time-out. */
  waitFor<T>(check: () => T | undefined, what: string, timeoutMs = 10000): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        const v = check();
        if (v === undefined) return false;
        cleanup();
        resolve(v);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`Timed out waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
      };
      const listener = () => void attempt();
      if (!attempt()) this.listeners.push(listener);
    });
  }

  /** Waits for diagnostics of a document that satisfy a predicate. */
  diagnosticsOf(uri: string, ok: (d: Diagnostic[]) => boolean = () => true, what = `diagnostics of ${uri}`): Promise<Diagnostic[]> {
    return this.waitFor(() => {
      const d = this.diagnostics.get(uri);
      return d && ok(d) ? d : undefined;
    }, what);
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } finally {
      await new Promise<void>((resolve) => {
        if (this.child.exitCode !== null) return resolve();
        const timer = setTimeout(() => this.child.kill(), 3000);
        this.child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      this.connection.dispose();
      fs.rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

/** Diagnostics in a compact, comparable form: `line:col-line:col code severity message`. */
export function brief(list: readonly Diagnostic[]): string[] {
  return list.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.severity} ${d.message}`);
}

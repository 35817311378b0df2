// The built language server (dist/server.js --stdio) under random edit sequences: it must answer
// every request, publish for the final text exactly the diagnostics the engine gives, and keep
// its memory at a steady level.
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as fc from 'fast-check';
import {
  CodeActionRequest,
  CompletionRequest,
  createProtocolConnection,
  DefinitionRequest,
  Diagnostic,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ExitNotification,
  FoldingRangeRequest,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  Position,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { lineCol, lineStarts, lintFiles } from '../../server/src/engine';
import { AS_OF, DATA, ROOT, SEEDS } from './corpus';
import { edit, frac, mutatedScorecard, place } from './mutations';

export interface ServerFigures {
  edits: number;
  requests: number;
  unanswered: number;
  /** Requests answered with an error other than "content modified" or "cancelled". */
  failedRequests: number;
  /** The first few of those errors. */
  failures: string[];
  /** Waits for the diagnostics of a version that timed out. */
  missedDiagnostics: number;
  /** Bursts after which the published diagnostics differed from the engine's for the same text. */
  diagnosticsMismatches: number;
  finalDiagnosticsMatch: boolean;
  /** Resident memory of the server, MB, sampled every `sampleEvery` edits. */
  rssMb: number[];
  stackTraces: number;
  exitedEarly: boolean;
  mismatch?: string;
}

const CONTENT_MODIFIED = -32801;
const CANCELLED = -32800;

/** Resident memory of a process (`VmRSS`), or its peak so far (`VmHWM`), in MB. */
function memoryMb(pid: number, key: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

const rssMb = (pid: number) => memoryMb(pid, 'VmRSS');
export const peakMb = (pid: number) => memoryMb(pid, 'VmHWM');

export function position(text: string, offset: number) {
  const p = lineCol(lineStarts(text), offset, text.length);
  return { line: p.line - 1, character: p.column - 1 };
}

/** The requests the fuzzers send, by index: each at a position of the document, or of the whole document. */
export const REQUESTS = ['hover', 'completion', 'definition', 'documentSymbol', 'foldingRange', 'codeAction'] as const;

/**
 * Sends request `kind` at a position and says how it went: 'ok' (an answer, or the server's
 * "content modified" or "cancelled"), 'timeout' past `limitMs`, or the error.
 */
export function ask(conn: ProtocolConnection, kind: number, uri: string, at: Position, limitMs: number): Promise<string> {
  const where = { textDocument: { uri }, position: at };
  const requests = [
    () => conn.sendRequest(HoverRequest.type, where),
    () => conn.sendRequest(CompletionRequest.type, where),
    () => conn.sendRequest(DefinitionRequest.type, where),
    () => conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }),
    () => conn.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } }),
    () =>
      conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: at }, context: { diagnostics: [] } }),
  ];
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    requests[kind]().then(
      () => 'ok',
      (err: { code?: number; message?: string }) => (err?.code === CONTENT_MODIFIED || err?.code === CANCELLED ? 'ok' : `${err?.code} ${err?.message}`),
    ),
    new Promise<string>((resolve) => (timer = setTimeout(() => resolve('timeout'), limitMs))),
  ]).finally(() => clearTimeout(timer));
}

/** The built server, started over stdio, with what it wrote to stderr and whether it exited. */
export function spawnServer(serverJs: string): { child: ChildProcess; conn: ProtocolConnection; stderr: string; exited: boolean } {
  const child: ChildProcess = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const server = { child, conn, stderr: '', exited: false };
  child.stderr!.on('data', (d) => (server.stderr += d));
  child.on('exit', () => (server.exited = true));
  return server;
}

/** Asks the server to shut down and exit, kills it if it has not within 3 s, and closes the connection. */
export async function stopServer(conn: ProtocolConnection, child: ChildProcess): Promise<void> {
  if (child.exitCode === null) {
    await Promise.race([conn.sendRequest(ShutdownRequest.type).catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
    await conn.sendNotification(ExitNotification.type).catch(() => undefined);
  }
  await new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => {
      child.kill();
      resolve();
    }, 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  conn.dispose();
}

/** The diagnostics the engine gives for the text, as the server converts them (related places aside). */
function expected(dir: string, text: string) {
  // The server names scorecards by their file: uri, as the client does.
  const files = [
    { uri: pathToFileURL(path.join(dir, 'harbor.kpi.yaml')).href, text: ROOT },
    { uri: pathToFileURL(path.join(dir, 'mutated.kpi.yaml')).href, text },
  ];
  const readData = (_uri: string, csv: string) => (csv === 'data/injuries.csv' ? DATA : undefined);
  const findings = lintFiles(files, { asOf: AS_OF, readData }).findings.get(files[1].uri) ?? [];
  return findings.map((f) => ({ range: { start: position(text, f.span.start), end: position(text, f.span.end) }, code: f.rule, message: f.message }));
}

const shape = (ds: readonly Pick<Diagnostic, 'range' | 'code' | 'message'>[]) =>
  ds.map((d) => JSON.stringify([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.code, d.message])).sort();

/**
 * Runs `edits` random edits against the server on a workspace of two scorecards. Edits come in
 * bursts of ten, faster than the server's debounce; after each burst it waits for the diagnostics
 * of the latest version, and every fifth edit sends a request at a random position. Every 500
 * edits the document is replaced whole, by a seed or a mutated scorecard, so that it neither
 * shrinks to nothing nor grows without end.
 */
export async function fuzzServer(serverJs: string, edits: number, seed: number, sampleEvery = 1000): Promise<ServerFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-fuzz-server-'));
  fs.mkdirSync(path.join(dir, 'data'));
  fs.writeFileSync(path.join(dir, 'data', 'injuries.csv'), DATA);
  fs.writeFileSync(path.join(dir, 'harbor.kpi.yaml'), ROOT);
  fs.writeFileSync(path.join(dir, 'mutated.kpi.yaml'), SEEDS[1]);
  const server = spawnServer(serverJs);
  const { child, conn } = server;
  const uri = pathToFileURL(path.join(dir, 'mutated.kpi.yaml')).href;
  const published = new Map<number, Diagnostic[]>();
  let waiters: (() => void)[] = [];
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    if (p.uri !== uri || p.version === undefined) return;
    published.set(p.version, p.diagnostics);
    for (const w of waiters) w();
  });
  conn.listen();
  const figures: ServerFigures = {
    edits: 0,
    requests: 0,
    unanswered: 0,
    failedRequests: 0,
    failures: [],
    missedDiagnostics: 0,
    diagnosticsMismatches: 0,
    finalDiagnosticsMatch: false,
    rssMb: [],
    stackTraces: 0,
    exitedEarly: false,
  };
  const waitDiagnostics = (version: number, ms = 15000) =>
    new Promise<Diagnostic[] | undefined>((resolve) => {
      const check = () => {
        const d = published.get(version);
        if (d === undefined) return;
        clearTimeout(timer);
        waiters = waiters.filter((w) => w !== check);
        resolve(d);
      };
      const timer = setTimeout(() => {
        waiters = waiters.filter((w) => w !== check);
        resolve(undefined);
      }, ms);
      waiters.push(check);
      check();
    });

  await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: { textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true } } },
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'fuzz' }],
    initializationOptions: { asOf: AS_OF },
  });
  await conn.sendNotification(InitializedNotification.type, {});

  let text = SEEDS[1];
  let version = 1;
  await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'kpi-yaml', version, text } });
  const plan = fc.sample(fc.tuple(edit, frac, fc.integer({ min: 0, max: 5 })), { numRuns: edits, seed });
  const replacements = fc.sample(mutatedScorecard, { numRuns: Math.ceil(edits / 500) + 1, seed: seed + 1 });
  const pending: Promise<void>[] = [];
  /** Whether diagnostics are the engine's for the text; the first difference is kept, with its text. */
  const same = (diagnostics: Diagnostic[], forText: string) => {
    const want = shape(expected(dir, forText));
    const got = shape(diagnostics);
    if (JSON.stringify(want) === JSON.stringify(got)) return true;
    if (!figures.mismatch) {
      const file = path.join(dir, `mismatch-${version}.kpi.yaml`);
      fs.writeFileSync(file, forText);
      figures.mismatch = `server only:\n${got.filter((g) => !want.includes(g)).join('\n')}\nengine only:\n${want.filter((w) => !got.includes(w)).join('\n')}\n(text in ${file})`;
    }
    return false;
  };

  for (let i = 0; i < edits && !server.exited; i++) {
    const [e, where, kind] = plan[i];
    version++;
    if (i > 0 && i % 500 === 0) {
      text = i % 1000 === 0 ? SEEDS[1] : replacements[i / 500];
      await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    } else {
      const p = place(text, e);
      // A position cannot fall between the \r and \n of a line break: LSP counts it as one.
      const [start, end] = [p.start, p.end].map((o) => (text[o - 1] === '\r' && text[o] === '\n' ? o - 1 : o));
      const range = { start: position(text, start), end: position(text, end) };
      text = text.slice(0, start) + p.text + text.slice(end);
      await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text: p.text }] });
    }
    figures.edits++;
    if (i % 5 === 4) {
      const at = position(text, Math.floor(where * (text.length + 1)));
      figures.requests++;
      pending.push(
        ask(conn, kind, uri, at, 15000).then((r) => {
          if (r === 'timeout') figures.unanswered++;
          else if (r !== 'ok') {
            figures.failedRequests++;
            if (figures.failures.length < 5) figures.failures.push(`${REQUESTS[kind]} at ${JSON.stringify(at)} of version ${version}: ${r}`);
          }
        }),
      );
    }
    if (i % 10 === 9) {
      const got = await waitDiagnostics(version);
      if (got === undefined) figures.missedDiagnostics++;
      else if (!same(got, text)) figures.diagnosticsMismatches++;
    }
    if ((i + 1) % sampleEvery === 0 && !server.exited) figures.rssMb.push(rssMb(child.pid!));
  }
  await Promise.all(pending);
  const final = server.exited ? undefined : await waitDiagnostics(version);
  if (final) figures.finalDiagnosticsMatch = same(final, text);
  figures.exitedEarly = server.exited;
  figures.stackTraces = (server.stderr.match(/^\s+at /gm) ?? []).length;
  await stopServer(conn, child);
  if (!figures.mismatch) fs.rmSync(dir, { recursive: true, force: true });
  return figures;
}

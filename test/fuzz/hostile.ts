// Large and hostile files that are legal (or just past a limit): the built CLI and the built
// language server must answer each within HANG_MS, with edits and requests at random positions,
// and `--fix` must lose no text. Each case is one that once crashed, hung or lost text.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as fc from 'fast-check';
import {
  Diagnostic,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
} from 'vscode-languageserver-protocol/node';
import { generateScorecard } from '../../bench/generate';
import { AS_OF } from './corpus';
import { fixableScorecard, textLoss } from './fixes';
import { edit, frac, place } from './mutations';
import { ask, peakMb, position, REQUESTS, spawnServer, stopServer } from './server';

/** An answer (diagnostics, a request, a CLI run) that takes longer than this is a hang. */
export const HANG_MS = 5000;

export interface HostileCase {
  name: string;
  /** The files of the workspace folder, by relative path. */
  files: Record<string, string>;
  /** The file the editor opens, edits and asks about. */
  open: string;
  /** The scorecard whose diagnostics tell that the server is done (the opened file, or a scorecard the opened config applies to). */
  watch: string;
  edits: number;
  /** Exit codes of `kpilens lint` that are right for the case (2: an invalid config). */
  exits: number[];
}

const keys = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join('');

/** Every case the reviews named, each with edits and requests at random positions. */
export function hostileCases(seed: number): HostileCase[] {
  const scorecard = 'kpilens: 1\nscorecard: { id: small, title: Small, owner: ceo }\nreview: { cadence: yearly, last: 2026-06-01 }\n';
  const fixable = fc.sample(fixableScorecard, { numRuns: 20, seed });
  return [
    {
      name: '150,000 duplicate keys (1 MB)',
      files: { 'x.kpi.yaml': `kpilens: 1\n${'dup: 1\n'.repeat(150_001)}` },
      open: 'x.kpi.yaml',
      watch: 'x.kpi.yaml',
      edits: 5,
      exits: [1],
    },
    {
      name: 'a mapping of 100,000 keys (952 KB)',
      files: { 'x.kpi.yaml': keys(100_000, (i) => `k${i}: 1\n`) },
      open: 'x.kpi.yaml',
      watch: 'x.kpi.yaml',
      edits: 5,
      exits: [1],
    },
    {
      name: '990,000 keys (8.8 MB)',
      files: { 'x.kpi.yaml': keys(990_000, (i) => `k${i}:\n`) },
      open: 'x.kpi.yaml',
      watch: 'x.kpi.yaml',
      edits: 5,
      exits: [0, 1],
    },
    {
      name: '.kpilens.yaml with 20,000 unknown rules',
      files: { '.kpilens.yaml': `rules:\n${keys(20_000, (i) => `  rule-${i}: off\n`)}`, 'x.kpi.yaml': scorecard },
      open: '.kpilens.yaml',
      watch: 'x.kpi.yaml',
      edits: 5,
      exits: [2],
    },
    {
      name: '100,000 anchors and aliases (3.2 MB)',
      files: { 'x.kpi.yaml': `kpilens: 1\nscorecard: { id: a }\n${keys(100_000, (i) => `k${i}: &a${i} v\nr${i}: *a${i}\n`)}` },
      open: 'x.kpi.yaml',
      watch: 'x.kpi.yaml',
      edits: 5,
      exits: [1],
    },
    {
      name: 'a scorecard of 5,000 KPIs (1.9 MB)',
      files: { 'x.kpi.yaml': generateScorecard({ id: 'big', kpis: 5000, findings: 10, reviewed: AS_OF }).text },
      open: 'x.kpi.yaml',
      watch: 'x.kpi.yaml',
      edits: 5,
      exits: [1],
    },
    ...fixable.slice(0, 3).map((text, i) => ({
      name: `suppression-like text in block scalars and quoted strings #${i + 1}`,
      files: { 'x.kpi.yaml': text },
      open: 'x.kpi.yaml',
      watch: 'x.kpi.yaml',
      edits: 10,
      exits: [0, 1],
    })),
  ];
}

export interface CliRun {
  ms: number;
  exit: number | null;
  peakMb: number;
  /** What went wrong: a wrong exit code, a stack trace, a hang, text lost by --fix. */
  problems: string[];
}

/**
 * Runs `kpilens lint` on a case's folder, with the peak resident memory of the process, which a
 * preloaded hook reports at exit; then `kpilens lint --fix` on it, which must lose no text.
 */
export function runCli(cliJs: string, c: HostileCase): CliRun {
  const dir = writeCase(c);
  const hook = path.join(dir, '..', `${path.basename(dir)}-peak.cjs`);
  fs.writeFileSync(hook, "process.on('exit', () => process.stderr.write(`\\nkpilens-fuzz-peak-kb ${process.resourceUsage().maxRSS}\\n`));\n");
  try {
    const started = performance.now();
    const r = spawnSync(process.execPath, ['--require', hook, cliJs, 'lint', dir, '--format', 'json', '--as-of', AS_OF], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    const ms = performance.now() - started;
    const peak = Number(/kpilens-fuzz-peak-kb (\d+)/.exec(r.stderr)?.[1] ?? 0);
    const stderr = r.stderr.replace(/\n?kpilens-fuzz-peak-kb \d+\n/, '');
    const problems: string[] = [];
    if (!c.exits.includes(r.status ?? -1)) problems.push(`exit ${r.status ?? r.signal}: ${stderr.trim().slice(0, 300)}`);
    if (/^\s+at /m.test(stderr) || /internal error/.test(stderr)) problems.push(`stack trace: ${stderr.trim().slice(0, 300)}`);
    if (ms > HANG_MS) problems.push(`took ${Math.round(ms)} ms`);
    // The CLI's --fix must lose no text of a scorecard: checked on the file it writes.
    const scorecard = c.files[c.watch];
    if (scorecard.length < 100_000) {
      const fixed = spawnSync(process.execPath, [cliJs, 'lint', dir, '--fix', '--format', 'json', '--as-of', AS_OF], { encoding: 'utf8', maxBuffer: 1 << 30 });
      if (!c.exits.includes(fixed.status ?? -1)) problems.push(`exit ${fixed.status ?? fixed.signal} of --fix`);
      for (const p of textLoss(scorecard, fs.readFileSync(path.join(dir, c.watch), 'utf8'))) problems.push(`--fix lost text: ${p}`);
    }
    return { ms, exit: r.status, peakMb: Math.round(peak / 1024), problems };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(hook, { force: true });
  }
}

function writeCase(c: HostileCase): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-fuzz-hostile-'));
  for (const [name, text] of Object.entries(c.files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

export interface ServerRun {
  /** Milliseconds from opening the file to its first diagnostics. */
  openMs: number;
  /** Milliseconds from each edit to the diagnostics of its version. */
  editMs: number[];
  /** Milliseconds from each request to its answer. */
  requestMs: number[];
  peakMb: number;
  problems: string[];
}

/**
 * Starts the built server on a case's folder, opens the case's file, makes `c.edits` edits at
 * random positions and sends a request at a random position after each; every diagnostics and
 * every answer must come within HANG_MS.
 */
export async function runServer(serverJs: string, c: HostileCase, seed: number): Promise<ServerRun> {
  const dir = writeCase(c);
  const server = spawnServer(serverJs);
  const { child, conn } = server;
  const uri = pathToFileURL(path.join(dir, c.open)).href;
  const watched = pathToFileURL(path.join(dir, c.watch)).href;
  const published: { at: number; version?: number; diagnostics: Diagnostic[] }[] = [];
  let wake: (() => void) | undefined;
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    if (p.uri !== watched) return;
    published.push({ at: performance.now(), version: p.version, diagnostics: p.diagnostics });
    wake?.();
  });
  conn.listen();
  const run: ServerRun = { openMs: 0, editMs: [], requestMs: [], peakMb: 0, problems: [] };
  /** Milliseconds until the watched file's diagnostics after `since` (of `version`, when the watched file is the edited one); undefined past HANG_MS. */
  const diagnostics = async (since: number, version: number | undefined): Promise<number | undefined> => {
    for (;;) {
      const p = published.find((x) => x.at >= since && (version === undefined || x.version === version));
      if (p) return p.at - since;
      if (performance.now() - since > HANG_MS || server.exited) return undefined;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 50);
      });
    }
  };
  try {
    await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: { textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true } } },
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'hostile' }],
      initializationOptions: { asOf: AS_OF },
    });
    await conn.sendNotification(InitializedNotification.type, {});
    let text = c.files[c.open];
    let version = 1;
    const edited = c.open === c.watch;
    const opened = performance.now();
    await conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: c.open.endsWith('.kpi.yaml') ? 'kpi-yaml' : 'yaml', version, text },
    });
    const first = await diagnostics(opened, edited ? version : undefined);
    if (first === undefined) run.problems.push(`no diagnostics within ${HANG_MS} ms of opening`);
    run.openMs = first ?? HANG_MS;
    const plan = fc.sample(fc.tuple(edit, frac, fc.integer({ min: 0, max: 5 })), { numRuns: c.edits, seed });
    for (const [e, where, which] of plan) {
      if (server.exited) break;
      const p = place(text, e);
      const range = { start: position(text, p.start), end: position(text, p.end) };
      text = text.slice(0, p.start) + p.text + text.slice(p.end);
      version++;
      const sent = performance.now();
      await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text: p.text }] });
      const ms = await diagnostics(sent, edited ? version : undefined);
      if (ms === undefined) run.problems.push(`no diagnostics within ${HANG_MS} ms of edit ${version - 1}`);
      run.editMs.push(ms ?? HANG_MS);
      // Hover is asked of every case once at least: resolving a symbol walks refs and aliases.
      const kind = run.requestMs.length === 0 ? 0 : which;
      const at = position(text, Math.floor(where * (text.length + 1)));
      const asked = performance.now();
      const answer = await ask(conn, kind, uri, at, HANG_MS);
      run.requestMs.push(performance.now() - asked);
      if (answer !== 'ok') run.problems.push(`${REQUESTS[kind]} at ${JSON.stringify(at)}: ${answer === 'timeout' ? `no answer within ${HANG_MS} ms` : answer}`);
    }
    if (!server.exited) run.peakMb = peakMb(child.pid!);
    if (server.exited) run.problems.push('the server exited');
    if (/^\s+at /m.test(server.stderr)) run.problems.push(`stack trace: ${server.stderr.trim().slice(0, 300)}`);
  } finally {
    await stopServer(conn, child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return run;
}

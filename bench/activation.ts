// `npx tsx bench/activation.ts [--runs 15] [--bundle dist/extension.js]`: how long the extension
// takes to activate. Each sample is a fresh Node process that loads the bundle with a stub of the
// `vscode` module, so loading the bundle is timed as VS Code pays it. Per sample: (a) the require
// of the bundle, (b) activate() until it returns, and until its promise settles if it returns one.
// VS Code counts both as activation. Then the child runs the `kpilens.lintWorkspace` command, which
// waits for the real language server (dist/server.js, started by the client) to answer: that
// proves the client really started, and its time is shown apart, since VS Code does not count it.
// Any error (activate() throwing, the client logging an error, no answer) fails the run. Build
// first (`npm run build`).
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const repo = resolve(__dirname, '..');

/**
 * The child, plain CommonJS run with `node -e`: no TypeScript loader in that process, since a
 * loader hooking require would be timed along with the bundle. argv: bundle path, extension root.
 * It prints one JSON line with the timings, or exits non-zero.
 */
const CHILD = String.raw`
'use strict';
const Module = require('node:module');
const path = require('node:path');
const [bundle, root] = process.argv.slice(1);

const errors = [];
const infos = [];
const commands = new Map();
/** Members the client library touched that the stub only answers generically, for the report. */
const generic = new Set();

class Disposable {
  constructor(fn) { this.fn = fn; }
  static from(...ds) { return new Disposable(() => ds.forEach((d) => d && d.dispose && d.dispose())); }
  dispose() { if (this.fn) this.fn(); this.fn = undefined; }
}
class EventEmitter {
  constructor() { this.listeners = new Set(); this.event = (l) => { this.listeners.add(l); return new Disposable(() => this.listeners.delete(l)); }; }
  fire(e) { for (const l of [...this.listeners]) l(e); }
  dispose() { this.listeners.clear(); }
}
const event = () => new Disposable();
class Uri {
  constructor(scheme, p) { this.scheme = scheme; this.path = p; this.authority = ''; this.query = ''; this.fragment = ''; }
  static file(p) { return new Uri('file', p); }
  static parse(s) { const m = /^([a-z][\w+.-]*):(?:\/\/[^/]*)?(.*)$/i.exec(s); return m ? new Uri(m[1], m[2]) : new Uri('file', s); }
  static joinPath(u, ...parts) { return new Uri(u.scheme, path.posix.join(u.path, ...parts)); }
  get fsPath() { return this.path; }
  with(c) { return Object.assign(new Uri(this.scheme, this.path), c); }
  toString() { return this.scheme + '://' + this.path; }
  toJSON() { return { scheme: this.scheme, path: this.path }; }
}
// The other classes and enums the client library uses. They must be own properties of the stub
// from the start: the bundle copies the module's own keys (__importStar) and extends some of these
// classes while it loads.
const CLASSES = 'CallHierarchyIncomingCall CallHierarchyItem CallHierarchyOutgoingCall CancellationTokenSource CodeAction CodeLens Color ColorInformation ColorPresentation CompletionItem CompletionList Diagnostic DiagnosticRelatedInformation DocumentHighlight DocumentLink DocumentSymbol FoldingRange Hover InlayHint InlayHintLabelPart InlineCompletionItem InlineCompletionList InlineValueEvaluatableExpression InlineValueText InlineValueVariableLookup LinkedEditingRanges Location MarkdownString ParameterInformation Position Range RelativePattern SelectionRange SemanticTokens SemanticTokensEdit SemanticTokensEdits SignatureHelp SignatureInformation SnippetString SnippetTextEdit SymbolInformation TabInputCustom TabInputNotebook TabInputText TabInputTextDiff TextEdit TypeHierarchyItem WorkspaceEdit';
const ENUMS = 'CodeActionTriggerKind CompletionItemKind CompletionItemTag CompletionTriggerKind DiagnosticTag DocumentHighlightKind FileType FoldingRangeKind InlineCompletionTriggerKind NotebookCellKind ProgressLocation SignatureHelpTriggerKind SymbolKind SymbolTag TextDocumentSaveReason';
const genericClass = (name) => ({ [name]: class { constructor(...a) { this.args = a; } } })[name];
const generics = {};
for (const name of CLASSES.split(' ')) generics[name] = genericClass(name);
for (const name of ENUMS.split(' ')) generics[name] = {};
generics.CodeActionKind = class CodeActionKind {
  constructor(value) { this.value = value; }
  append(part) { return new CodeActionKind(this.value ? this.value + '.' + part : part); }
};
for (const [k, v] of Object.entries({ Empty: '', QuickFix: 'quickfix', Refactor: 'refactor', RefactorExtract: 'refactor.extract', RefactorInline: 'refactor.inline', RefactorRewrite: 'refactor.rewrite', Source: 'source', SourceOrganizeImports: 'source.organizeImports', SourceFixAll: 'source.fixAll' })) {
  generics.CodeActionKind[k] = new generics.CodeActionKind(v);
}

function logChannel(name) {
  const record = (list) => (m, ...rest) => list.push(String(m instanceof Error ? m.message : m) + (rest.length ? ' ' + rest.map(String).join(' ') : ''));
  return {
    name, logLevel: 2, onDidChangeLogLevel: event,
    trace() {}, debug() {}, info: record(infos), warn: record(infos), error: record(errors),
    append() {}, appendLine() {}, replace() {}, clear() {}, show() {}, hide() {}, dispose() {},
  };
}

/** A namespace object: the members given, and for anything else a no-op that is recorded. */
function namespace(ns, members) {
  return new Proxy(members, {
    get(target, key) {
      if (key in target || typeof key === 'symbol' || key === 'then') return target[key];
      generic.add(ns + '.' + key);
      if (/^on[A-Z]/.test(key)) return event;
      return () => new Disposable();
    },
  });
}

const config = { get: () => undefined, has: () => false, inspect: () => undefined, update: async () => {} };
const vscode = new Proxy({
  ...generics,
  version: '1.95.0',
  Disposable, EventEmitter, Uri,
  CancellationError: class CancellationError extends Error {},
  LogLevel: { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2 },
  env: { appName: 'kpilens-bench', language: 'en', machineId: 'bench', sessionId: 'bench', uriScheme: 'vscode', openExternal: async () => true },
  window: namespace('window', {
    activeTextEditor: undefined, visibleTextEditors: [], tabGroups: { all: [], onDidChangeTabs: event, onDidChangeTabGroups: event },
    createOutputChannel: (name) => logChannel(name),
    createStatusBarItem: () => ({ text: '', tooltip: '', show() {}, hide() {}, dispose() {} }),
    showInformationMessage: async (m) => { infos.push(m); return undefined; },
    showWarningMessage: async (m) => { infos.push(m); return undefined; },
    showErrorMessage: async (m) => { errors.push(m); return undefined; },
  }),
  workspace: namespace('workspace', {
    workspaceFolders: undefined, textDocuments: [], notebookDocuments: [],
    getConfiguration: () => config,
    createFileSystemWatcher: () => ({ onDidCreate: event, onDidChange: event, onDidDelete: event, dispose() {} }),
  }),
  languages: namespace('languages', {
    getDiagnostics: () => [],
    match: () => 0,
    createDiagnosticCollection: (name) => ({ name, set() {}, delete() {}, clear() {}, forEach() {}, get: () => undefined, has: () => false, dispose() {} }),
  }),
  commands: namespace('commands', {
    registerCommand: (id, fn) => { commands.set(id, fn); return new Disposable(() => commands.delete(id)); },
    executeCommand: async () => undefined,
    getCommands: async () => [...commands.keys()],
  }),
}, {
  get(target, key) {
    if (key in target || typeof key !== 'string' || key === 'then' || key === '__esModule' || key === 'default') return target[key];
    generic.add(key);
    return undefined;
  },
});

const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};

const fail = (what, e) => {
  process.stderr.write(what + ': ' + (e && e.stack ? e.stack : String(e)) + '\n');
  process.exit(1);
};
const within = (p, ms, what) => Promise.race([p, new Promise((_, reject) => setTimeout(() => reject(new Error(what + ' took more than ' + ms + ' ms')), ms).unref())]);

(async () => {
  const t0 = performance.now();
  let ext;
  try { ext = require(bundle); } catch (e) { fail('require of the bundle threw', e); }
  const t1 = performance.now();
  if (typeof ext.activate !== 'function') fail('the bundle', new Error('exports no activate()'));
  const subscriptions = [];
  const context = {
    subscriptions, extensionPath: root, extensionUri: Uri.file(root), extensionMode: 1,
    asAbsolutePath: (p) => path.join(root, p),
    globalState: { get: () => undefined, update: async () => {}, keys: () => [], setKeysForSync() {} },
    workspaceState: { get: () => undefined, update: async () => {}, keys: () => [] },
    storageUri: undefined, globalStorageUri: Uri.file(path.join(root, '.bench-storage')), logUri: Uri.file(path.join(root, '.bench-log')),
  };
  let returned;
  try { returned = ext.activate(context); } catch (e) { fail('activate() threw', e); }
  const t2 = performance.now();
  if (returned && typeof returned.then === 'function') {
    try { await returned; } catch (e) { fail('the promise of activate() rejected', e); }
  }
  const t3 = performance.now();
  if (subscriptions.length === 0) fail('activate()', new Error('registered nothing in context.subscriptions'));
  // Waiting for the server also lets deactivate() stop a running client: stopping one that is
  // still starting throws.
  const lint = commands.get('kpilens.lintWorkspace');
  if (!lint) fail('activate()', new Error('did not register kpilens.lintWorkspace'));
  try { await within(lint(), 30000, 'the first request to the language server'); } catch (e) { fail('kpilens.lintWorkspace', e); }
  const serverMs = performance.now() - t2;
  if (!infos.some((m) => /^kpilens: \d+ findings? in \d+ scorecards?\.$/.test(m))) fail('kpilens.lintWorkspace', new Error('showed no result; messages: ' + JSON.stringify(infos)));
  if (errors.length) fail('the extension logged errors', new Error(errors.join('\n')));
  if (typeof ext.deactivate === 'function') {
    try { await within(Promise.resolve(ext.deactivate()), 10000, 'deactivate()'); } catch (e) { fail('deactivate()', e); }
  }
  for (const d of subscriptions) d.dispose();
  process.stdout.write(JSON.stringify({ requireMs: t1 - t0, activateReturnMs: t2 - t1, activateSettledMs: t3 - t1, serverMs, generic: [...generic].sort() }) + '\n');
  process.exit(0);
})().catch((e) => fail('the bench child', e));
`;

interface Sample {
  requireMs: number;
  activateReturnMs: number;
  activateSettledMs: number;
  serverMs: number;
  generic: string[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const loadAverage = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

export interface Activation {
  runs: number;
  load: { before: string; after: string };
  /** The first sample, ms: no code cache yet, as after an install or an update. */
  first: number;
  /** Per later sample (with the code cache the first one wrote), ms. */
  require: number[];
  activateReturn: number[];
  activateSettled: number[];
  /** require + activate() until settled: what VS Code counts. */
  total: number[];
  server: number[];
  generic: string[];
}

/** Samples the activation of `bundlePath` in `runs` fresh processes; throws when one fails. */
export function measureActivation(runs: number, bundlePath = join(repo, 'dist', 'extension.js')): Activation {
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${runs}`);
  if (!existsSync(bundlePath)) throw new Error(`${bundlePath} is missing: run \`npm run build\` first`);
  // NODE_OPTIONS could bring a loader (tsx's) into the child and time it along with the bundle.
  const env = { ...process.env };
  delete env.NODE_OPTIONS;

  // The loader keeps V8's code cache beside the bundle: the first sample starts without it.
  rmSync(join(dirname(bundlePath), 'client.js.cache'), { force: true });
  const before = loadAverage();
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ['-e', CHILD, bundlePath, repo], { cwd: repo, env, encoding: 'utf8', timeout: 60000 });
    const line = r.stdout.trim().split('\n').pop() ?? '';
    if (r.status !== 0 || !line.startsWith('{')) {
      process.stderr.write(r.stderr);
      throw new Error(`sample ${i + 1} failed (exit ${r.status ?? r.signal})`);
    }
    samples.push(JSON.parse(line) as Sample);
  }
  const later = samples.length > 1 ? samples.slice(1) : samples;
  return {
    runs,
    load: { before, after: loadAverage() },
    first: samples[0].requireMs + samples[0].activateSettledMs,
    require: later.map((s) => s.requireMs),
    activateReturn: later.map((s) => s.activateReturnMs),
    activateSettled: later.map((s) => s.activateSettledMs),
    total: later.map((s) => s.requireMs + s.activateSettledMs),
    server: later.map((s) => s.serverMs),
    generic: [...new Set(samples.flatMap((s) => s.generic))].sort(),
  };
}

function main(): void {
  const { values: args } = parseArgs({
    options: {
      runs: { type: 'string', default: '15' },
      // Another build of the extension to compare with; the server is still the repo's dist/server.js.
      bundle: { type: 'string', default: join(repo, 'dist', 'extension.js') },
    },
  });
  const bundle = resolve(args.bundle);
  const a = measureActivation(Number(args.runs), bundle);
  const label = relative(repo, bundle);
  const row = (name: string, xs: number[]) =>
    `${name.padEnd(56)} ${median(xs).toFixed(1).padStart(7)} ${Math.max(...xs)
      .toFixed(1)
      .padStart(7)}`;
  console.log(
    `kpilens activation: ${a.runs} fresh Node ${process.version} processes, ${cpus().length} CPUs, load average ${a.load.before} before, ${a.load.after} after`,
  );
  console.log(`${`${label} with vscode stubbed, ms`.padEnd(56)}  median     max`);
  console.log(`first activation, before V8's code cache exists (after an install or update): ${a.first.toFixed(1)} ms; the later ones:`);
  console.log(row('(a) require of the bundle', a.require));
  console.log(row('(b) activate() until it returns', a.activateReturn));
  console.log(row('    activate() until its promise settles', a.activateSettled));
  console.log(row('(a) + (b), the activation', a.total));
  console.log(row('first server answer after activate() (not activation)', a.server));
  if (a.generic.length) console.log(`vscode members the stub answered with no-ops (${a.generic.length}): ${a.generic.join(', ')}`);
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error(`bench/activation: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}

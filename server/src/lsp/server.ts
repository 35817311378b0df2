// Wires the LSP requests and notifications to the index, the linter and the feature modules.
import {
  ClientCapabilities,
  CodeActionKind,
  Connection,
  FileChangeType,
  InitializeResult,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { lineStarts } from '../engine';
import type { Finding } from '../engine';
import { FIX_ALL_KIND, SHOW_DOCS_COMMAND } from './actions';
import { diagnostic, failureDiagnostic, range } from './convert';
import type { TextInfo } from './convert';
import { canonicalUri, keyOf } from './files';
import type { FileAccess } from './files';
import type { RuleDocs } from './hover';
import { Entry, Index, isConfigUri, isScorecardUri } from './index';
import { Linter } from './linter';
import { LINT_WORKSPACE_COMMAND, registerRequests } from './requests';
import { Settings } from './settings';

/** Notification to the client: the view model of a scorecard may have changed. */
const VIEW_CHANGED_NOTIFICATION = 'kpilens/didChangeView';

/** What the server runs on: how it reads files, and where the rule pages come from. */
export interface Host {
  files: FileAccess;
  ruleDocs: RuleDocs;
}

export function startServer(connection: Connection, host: Host): void {
  const documents = new TextDocuments(TextDocument);
  const index = new Index(host.files);
  const settings = new Settings(host.files);
  let caps: ClientCapabilities = {};
  let initOptions: unknown;
  /** Config files that got diagnostics, so they can be cleared once fixed or gone. */
  const configUris = new Set<string>();

  const textOf = (uri: string): TextInfo | undefined => {
    const e = index.get(uri);
    return e ? index.parsed(e).scorecard : undefined;
  };

  const publishConfigs = () => {
    const seen = new Set<string>();
    for (const c of settings.loadedConfigs()) {
      const uri = c.uri;
      seen.add(uri);
      const doc = { text: c.text, lineStarts: lineStarts(c.text) };
      const diagnostics = c.problems.map((p) => ({ range: range(doc, p.span), severity: 1 as const, source: 'kpilens', message: p.message }));
      if (diagnostics.length || configUris.has(uri)) void connection.sendDiagnostics({ uri, diagnostics });
      if (diagnostics.length) configUris.add(uri);
      else configUris.delete(uri);
    }
    for (const uri of [...configUris]) {
      if (seen.has(uri)) continue;
      void connection.sendDiagnostics({ uri, diagnostics: [] });
      configUris.delete(uri);
    }
  };

  const publish = (entry: Entry, findings: Finding[]) => {
    const sc = index.parsed(entry).scorecard;
    void connection.sendDiagnostics({
      uri: entry.uri,
      version: entry.open ? entry.version : undefined,
      diagnostics: findings.map((f) => diagnostic(sc, f, textOf)),
    });
    void connection.sendNotification(VIEW_CHANGED_NOTIFICATION, { uri: entry.uri });
  };

  const linter = new Linter(index, settings, {
    findings: publish,
    failed: (entry, message) => {
      void connection.sendDiagnostics({
        uri: entry.uri,
        version: entry.open ? entry.version : undefined,
        diagnostics: [failureDiagnostic(entry.text, message)],
      });
    },
    passDone: publishConfigs,
    log: (m) => connection.console.error(m),
  });

  const clear = (entries: Entry[]) => {
    for (const e of entries) {
      linter.removed(e);
      void connection.sendDiagnostics({ uri: e.uri, diagnostics: [] });
    }
  };

  let configTimer: ReturnType<typeof setTimeout> | undefined;
  const configChanged = () => {
    clearTimeout(configTimer);
    configTimer = setTimeout(() => {
      settings.invalidate();
      void linter.lintAll();
    }, 150);
  };

  const applySettings = (section: unknown) => {
    for (const problem of settings.apply(section))
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: problem });
  };

  const pullSettings = async () => {
    let section: unknown;
    if (caps.workspace?.configuration) {
      try {
        [section] = (await connection.workspace.getConfiguration([{ section: 'kpilens' }])) as unknown[];
      } catch (e) {
        connection.console.error(`Could not read the kpilens settings: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    applySettings(section ?? initOptions);
  };

  /** Reads a scorecard and lints it when its text is new to the index. */
  const load = async (uri: string) => {
    const before = index.get(uri)?.revision;
    const e = await index.load(uri);
    if (e && e.revision !== before) linter.changed(e.key);
  };

  /** Reads every scorecard of the workspace folders (the caller lints them all); files gone are forgotten. */
  const indexFolders = async () => {
    const found = new Set<string>();
    for (const folder of index.folders) {
      for (const file of await index.scan(folder)) {
        found.add(keyOf(file));
        await index.load(file);
      }
    }
    clear(
      index
        .all()
        .filter((e) => !e.open && !e.uri.startsWith('untitled:') && !found.has(e.key))
        .flatMap((e) => index.delete(e.uri)),
    );
  };

  /** A file or folder appeared or changed (created, changed, or renamed to here). */
  const created = async (uri: string) => {
    if (isConfigUri(uri)) return configChanged();
    if (isScorecardUri(uri)) return load(canonicalUri(uri));
    if (!index.inFolders(uri)) return;
    for (const file of await index.scan(uri)) await load(file);
  };

  const deleted = (uri: string) => {
    if (isConfigUri(uri)) return configChanged();
    const open = index.get(uri)?.open;
    if (!open) clear(index.delete(uri));
  };

  connection.onInitialize((params): InitializeResult => {
    caps = params.capabilities;
    initOptions = params.initializationOptions;
    index.folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    if (!index.folders.length && params.rootPath) index.folders = [URI.file(params.rootPath).toString()];
    const kpiFiles = {
      filters: [{ pattern: { glob: '**/*.kpi.yaml' } }, { pattern: { glob: '**/.kpilens.yaml' } }, { pattern: { glob: '**/*', matches: 'folder' as const } }],
    };
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [':', ' ', '/', '[', ',', '-'] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        executeCommandProvider: { commands: [LINT_WORKSPACE_COMMAND, SHOW_DOCS_COMMAND] },
        workspace: {
          workspaceFolders: { supported: true, changeNotifications: true },
          fileOperations: { didCreate: kpiFiles, didDelete: kpiFiles, didRename: kpiFiles },
        },
      },
      serverInfo: { name: 'kpilens' },
    };
  });

  connection.onInitialized(async () => {
    if (caps.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async (e) => {
        const removed = new Set(e.removed.map((f) => keyOf(f.uri)));
        index.folders = [...index.folders.filter((f) => !removed.has(keyOf(f))), ...e.added.map((f) => f.uri)];
        await indexFolders();
        await linter.lintAll();
      });
    }
    await pullSettings();
    await indexFolders();
    await linter.lintAll();
  });

  connection.onDidChangeConfiguration(async (params) => {
    const pushed = (params.settings as { kpilens?: unknown } | null)?.kpilens;
    if (pushed !== undefined) applySettings(pushed);
    else await pullSettings();
    settings.invalidate();
    await linter.lintAll();
  });

  documents.onDidChangeContent(({ document }) => {
    const uri = document.uri;
    if (isConfigUri(uri)) {
      if (!uri.startsWith('untitled:')) settings.openConfigs.set(keyOf(uri), { uri, text: document.getText() });
      return configChanged();
    }
    if (!isScorecardUri(uri) && document.languageId !== 'kpi-yaml') return;
    const entry = index.set(uri, document.getText(), true, document.version);
    linter.changed(entry.key);
  });

  documents.onDidClose(async ({ document }) => {
    const uri = document.uri;
    if (isConfigUri(uri)) {
      settings.openConfigs.delete(keyOf(uri));
      return configChanged();
    }
    const entry = index.get(uri);
    if (!entry) return;
    entry.open = false;
    // A file of the workspace goes back to its saved text; anything else leaves the index.
    if (!uri.startsWith('untitled:') && index.inFolders(uri)) {
      const before = entry.revision;
      const now = await index.load(uri);
      if (!now) clear(index.delete(uri));
      else if (now.revision !== before) linter.changed(now.key);
    } else {
      clear(index.delete(uri));
    }
  });

  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    for (const c of changes) {
      if (c.type === FileChangeType.Deleted) deleted(c.uri);
      else if (isConfigUri(c.uri)) configChanged();
      else if (isScorecardUri(c.uri)) await created(c.uri);
      // Scorecards whose KPIs read this file are linted again.
      else if (keyOf(c.uri).toLowerCase().endsWith('.csv')) for (const key of linter.readersOf(c.uri)) linter.changed(key);
    }
  });

  connection.workspace.onDidCreateFiles(async ({ files }) => {
    for (const f of files) await created(f.uri);
  });
  connection.workspace.onDidDeleteFiles(({ files }) => {
    for (const f of files) deleted(f.uri);
  });
  connection.workspace.onDidRenameFiles(async ({ files }) => {
    for (const f of files) {
      deleted(f.oldUri);
      await created(f.newUri);
    }
  });

  /** The scorecard a request is about, or undefined for documents that are not scorecards. */
  registerRequests(connection, { index, linter, textOf, indexFolders, caps: () => caps, host, settings });

  documents.listen(connection);
  connection.listen();
}

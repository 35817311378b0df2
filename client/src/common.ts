// What the extension does on the desktop and in VS Code for the Web alike: the language client's
// options, the commands, the status bar item and the preview. Only how the language server runs
// differs (a Node process, or a web worker); `extension.ts` and `web/extension.ts` say that.
import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient';
import type { BaseLanguageClient, DocumentSelector, LanguageClientOptions } from 'vscode-languageclient';
import { registerPreview } from './preview';
import { newScorecard } from './template';

export const LANGUAGE = 'kpi-yaml';
/** Server-side command (see server/src/lsp/server.ts). */
const LINT_WORKSPACE = 'kpilens.server.lintWorkspace';

/** The `kpilens` settings as plain data: a web worker's messages cannot carry the editor's proxies of them. */
function settings(): { rules: unknown; asOf: unknown } {
  const c = vscode.workspace.getConfiguration('kpilens');
  return JSON.parse(JSON.stringify({ rules: c.get('rules') ?? {}, asOf: c.get('asOf') ?? '' })) as { rules: unknown; asOf: unknown };
}

function isScorecard(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return !!doc && (doc.languageId === LANGUAGE || doc.uri.path.endsWith('.kpi.yaml'));
}

/** The scorecards and `.kpilens.yaml` files the server gets, in the given uri schemes (and unsaved ones). */
export function documentSelector(schemes: readonly string[]): DocumentSelector {
  return [
    ...schemes.map((scheme) => ({ scheme, language: LANGUAGE })),
    { scheme: 'untitled', language: LANGUAGE },
    ...schemes.flatMap((scheme) => [
      { scheme, pattern: '**/*.kpi.yaml' },
      { scheme, pattern: '**/.kpilens.yaml' },
    ]),
  ];
}

export interface ServerStart {
  /** The documents the server gets. */
  documentSelector: DocumentSelector;
  /** The language client, for these options. */
  create(options: LanguageClientOptions): BaseLanguageClient;
  /** Stops the server and starts it again. */
  restart(client: BaseLanguageClient): Promise<void>;
}

/** Creates the language client with everything around it; the server starts in the background. */
export function activateKpilens(context: vscode.ExtensionContext, start: ServerStart): BaseLanguageClient {
  const output = vscode.window.createOutputChannel('kpilens', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: start.documentSelector,
    synchronize: {
      configurationSection: 'kpilens',
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/*.kpi.yaml'),
        vscode.workspace.createFileSystemWatcher('**/.kpilens.yaml'),
        vscode.workspace.createFileSystemWatcher('**/*.csv'),
      ],
    },
    initializationOptions: settings(),
    outputChannel: output,
    diagnosticCollectionName: 'kpilens',
  };
  const lc = start.create(clientOptions);

  const status = vscode.window.createStatusBarItem('kpilens.findings', vscode.StatusBarAlignment.Left, 10);
  status.name = 'kpilens findings';
  status.command = 'workbench.actions.view.problems';
  const updateStatus = () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!isScorecard(doc)) return status.hide();
    const findings = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'kpilens');
    const errors = findings.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    status.text = `$(${errors ? 'error' : findings.length ? 'warning' : 'check'}) kpilens: ${findings.length}`;
    status.tooltip = `${findings.length} kpilens finding${findings.length === 1 ? '' : 's'} in this scorecard (${errors} error${errors === 1 ? '' : 's'}). Click to open the Problems panel.`;
    status.show();
  };

  context.subscriptions.push(
    output,
    status,
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.languages.onDidChangeDiagnostics((e) => {
      const doc = vscode.window.activeTextEditor?.document;
      if (doc && e.uris.some((u) => u.toString() === doc.uri.toString())) updateStatus();
    }),
    vscode.commands.registerCommand('kpilens.restartServer', () => start.restart(lc)),
    vscode.commands.registerCommand('kpilens.showOutput', () => output.show(true)),
    // File > New File > KPI Scorecard: an unsaved scorecard, checked as it is edited.
    vscode.commands.registerCommand('kpilens.newScorecard', async () => {
      const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE, content: newScorecard(new Date().toISOString().slice(0, 10)) });
      await vscode.window.showTextDocument(doc);
    }),
    vscode.commands.registerCommand('kpilens.lintWorkspace', async () => {
      const result = (await lc.sendRequest(ExecuteCommandRequest.type, { command: LINT_WORKSPACE })) as { scorecards: number; findings: number } | null;
      if (result)
        void vscode.window.showInformationMessage(
          `kpilens: ${result.findings} finding${result.findings === 1 ? '' : 's'} in ${result.scorecards} scorecard${result.scorecards === 1 ? '' : 's'}.`,
        );
    }),
  );
  registerPreview(context, lc);
  updateStatus();
  return lc;
}

/** Starts the client's server; a failure goes to the kpilens output. */
export function startInBackground(client: BaseLanguageClient): void {
  void client.start().catch((e: unknown) => client.outputChannel.error(`The language server did not start: ${e instanceof Error ? e.message : String(e)}`));
}

// The VS Code side of kpilens: starts the language server, forwards settings, and adds the
// commands and the status bar item. Activation only creates the client; the server starts in
// the background.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { registerPreview } from './preview';

const LANGUAGE = 'kpi-yaml';
/** Server-side command (see server/src/lsp/server.ts). */
const LINT_WORKSPACE = 'kpilens.server.lintWorkspace';

let client: LanguageClient | undefined;

function settings(): { rules: unknown; asOf: unknown } {
  const c = vscode.workspace.getConfiguration('kpilens');
  return { rules: c.get('rules'), asOf: c.get('asOf') };
}

function isScorecard(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return !!doc && (doc.languageId === LANGUAGE || doc.uri.path.endsWith('.kpi.yaml'));
}

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('kpilens', { log: true });
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Scorecards on disk or unsaved; not the read-only copies of diff views and other schemes,
    // which would count twice in the workspace (duplicate ids).
    documentSelector: [
      { scheme: 'file', language: LANGUAGE },
      { scheme: 'untitled', language: LANGUAGE },
      { scheme: 'file', pattern: '**/*.kpi.yaml' },
      { scheme: 'file', pattern: '**/.kpilens.yaml' },
    ],
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
  const lc = new LanguageClient('kpilens', 'kpilens', serverOptions, clientOptions);
  client = lc;

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
    vscode.commands.registerCommand('kpilens.restartServer', () => lc.restart()),
    vscode.commands.registerCommand('kpilens.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('kpilens.lintWorkspace', async () => {
      const result = (await lc.sendRequest(ExecuteCommandRequest.type, { command: LINT_WORKSPACE })) as { scorecards: number; findings: number } | null;
      if (result) void vscode.window.showInformationMessage(`kpilens: ${result.findings} finding${result.findings === 1 ? '' : 's'} in ${result.scorecards} scorecard${result.scorecards === 1 ? '' : 's'}.`);
    }),
  );
  registerPreview(context, lc);
  updateStatus();
  void lc.start().catch((e: unknown) => output.error(`The language server did not start: ${e instanceof Error ? e.message : String(e)}`));
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}

// The VS Code side of kpilens on the desktop: the language server runs as a Node process.
// Activation only creates the client; the server starts in the background.
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { ServerOptions } from 'vscode-languageclient/node';
import { activateKpilens, documentSelector, startInBackground } from './common';

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  activateKpilens(context, {
    // Scorecards on disk or unsaved; not the read-only copies of diff views and other schemes,
    // which would count twice in the workspace (duplicate ids).
    documentSelector: documentSelector(['file']),
    create: (options) => (client = new LanguageClient('kpilens', 'kpilens', serverOptions, options)),
    restart: (lc) => (lc as LanguageClient).restart(),
  });
  if (client) startInBackground(client);
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}

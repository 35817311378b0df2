// The VS Code side of kpilens in VS Code for the Web (github.dev, vscode.dev, code-server's
// browser extension host): the language server runs in a web worker and reads files through the
// extension (files.ts), so it works in a virtual workspace.
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import type { BaseLanguageClient, MessageTransports } from 'vscode-languageclient';
import { activateKpilens, documentSelector, startInBackground } from '../common';
import { serveFiles } from './files';

let client: BaseLanguageClient | undefined;
let worker: Worker | undefined;

/**
 * The server's web worker. The workbench starts a worker from a web address; an extension
 * installed on a remote server (code-server, a dev container) has a `vscode-remote:` location,
 * which it refuses, so the script is then read through the file system and started from memory.
 */
async function serverWorker(script: vscode.Uri): Promise<Worker> {
  if (script.scheme === 'http' || script.scheme === 'https') return new Worker(script.toString(true));
  const code = await vscode.workspace.fs.readFile(script);
  return new Worker(URL.createObjectURL(new Blob([new TextDecoder().decode(code)], { type: 'text/javascript' })));
}

export function activate(context: vscode.ExtensionContext): void {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  // The schemes of the workspace folders: `vscode-vfs` on github.dev, `vscode-remote` on a server.
  const schemes = [...new Set(vscode.workspace.workspaceFolders?.map((f) => f.uri.scheme) ?? [])];
  // The transports are made here rather than by the client from the worker: the workbench wraps
  // `Worker`, so the client would not recognise the worker as one. Each start gets a new worker.
  const transports = async (): Promise<MessageTransports> => {
    worker?.terminate();
    worker = await serverWorker(serverMain);
    return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
  };
  const lc = activateKpilens(context, {
    documentSelector: documentSelector(schemes.length ? schemes : ['file']),
    create: (options) => new LanguageClient('kpilens', 'kpilens', transports, options),
    restart: async (c) => {
      await c.stop();
      await c.start();
    },
  });
  client = lc;
  context.subscriptions.push(...serveFiles(lc));
  startInBackground(lc);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  worker?.terminate();
}

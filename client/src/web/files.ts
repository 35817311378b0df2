// Answers the file requests of the language server when it runs in a web worker, where it has no
// disk (server/src/lsp/web/files.ts asks them). Files are read through the editor's file system,
// which works in a virtual workspace (github.dev, vscode.dev) too. Only files inside the
// workspace folders are read: the server reads what scorecards name, and a scorecard is untrusted.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';

const SCORECARDS_REQUEST = 'kpilens/files/scorecards';
const READ_REQUEST = 'kpilens/files/read';

type ReadReply = { text: string } | { refused: 'folder' | 'link' | 'other' | 'too-large' } | null;

function parse(uri: unknown): vscode.Uri | undefined {
  if (typeof uri !== 'string') return undefined;
  try {
    const u = vscode.Uri.parse(uri, true);
    return vscode.workspace.getWorkspaceFolder(u) ? u : undefined;
  } catch {
    return undefined;
  }
}

async function scorecards(params: { folder?: unknown }): Promise<string[]> {
  const folder = parse(params?.folder);
  if (!folder) return [];
  const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.kpi.yaml'), '**/{node_modules,.git}/**');
  return found.map((u) => u.toString()).sort();
}

/** A file's text; with `limit`, a data file: a regular file reached without a link, no larger than `limit` bytes. */
async function read(params: { uri?: unknown; limit?: unknown }): Promise<ReadReply> {
  const uri = parse(params?.uri);
  if (!uri) return null;
  const limit = typeof params.limit === 'number' ? params.limit : undefined;
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch {
    return null;
  }
  if (limit !== undefined) {
    if (stat.type & vscode.FileType.SymbolicLink) return { refused: 'link' };
    if (stat.type & vscode.FileType.Directory) return { refused: 'folder' };
    if (!(stat.type & vscode.FileType.File)) return { refused: 'other' };
    if (stat.size > limit) return { refused: 'too-large' };
  } else if (!(stat.type & vscode.FileType.File)) {
    return null;
  }
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch {
    return null;
  }
  // The file may have grown since the stat.
  if (limit !== undefined && bytes.byteLength > limit) return { refused: 'too-large' };
  return { text: new TextDecoder().decode(bytes) };
}

export function serveFiles(client: BaseLanguageClient): vscode.Disposable[] {
  return [
    client.onRequest(SCORECARDS_REQUEST, (params: { folder?: unknown }) => scorecards(params)),
    client.onRequest(READ_REQUEST, (params: { uri?: unknown; limit?: unknown }) => read(params)),
  ];
}

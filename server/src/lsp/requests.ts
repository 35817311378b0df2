// The language server's requests: hover, completion, navigation, symbols, folding, code actions,
// the commands and the preview's view model. Each answers from the index's latest text.
import { ClientCapabilities, Connection, ResponseError, ErrorCodes, MessageType, ShowMessageNotification } from 'vscode-languageserver';
import type { DocumentSymbol, SymbolInformation } from 'vscode-languageserver';
import { docsUrl } from '../engine';
import { folds, outline } from '../engine/editor';
import { buildViewModel } from '../engine/view';
import { codeActions, SHOW_DOCS_COMMAND } from './actions';
import { completion } from './completion';
import { documentSymbol, foldingRange, offset, range, spanOf, symbolKind } from './convert';
import type { TextInfo } from './convert';
import { hover } from './hover';
import type { Index } from './index';
import type { Linter } from './linter';
import { definition, prepareRename, references, rename, RenameError, workspaceSymbols } from './navigation';
import type { Settings } from './settings';
import type { Host } from './server';

/** Server-side command: re-read the workspace folders from disk and lint everything. */
export const LINT_WORKSPACE_COMMAND = 'kpilens.server.lintWorkspace';
/** Request from the preview: the view model of a scorecard's cascade and wheel. */
const VIEW_REQUEST = 'kpilens/view';

/** What the requests need of the server. */
export interface RequestContext {
  index: Index;
  linter: Linter;
  textOf: (uri: string) => TextInfo | undefined;
  indexFolders: () => Promise<void>;
  caps: () => ClientCapabilities;
  host: Host;
  settings: Settings;
}

export function registerRequests(connection: Connection, c: RequestContext): void {
  const { index, linter, textOf, indexFolders, host, settings } = c;
  const docOf = (uri: string) => {
    const entry = index.get(uri);
    if (!entry) return undefined;
    const sc = index.parsed(entry).scorecard;
    return { entry, sc, ws: index.workspace() };
  };

  connection.onHover(({ textDocument, position }) => {
    const d = docOf(textDocument.uri);
    if (!d) return null;
    const { asOf, readData } = linter.options();
    return hover(d.ws, d.sc, linter.current(d.entry), offset(d.sc, position), host.ruleDocs, { asOf, readData });
  });

  connection.onCompletion(({ textDocument, position }) => {
    const d = docOf(textDocument.uri);
    return d ? completion(d.ws, d.sc, offset(d.sc, position), settings.asOf()) : [];
  });

  connection.onDefinition(({ textDocument, position }) => {
    const d = docOf(textDocument.uri);
    return (d && definition(d.ws, d.sc, offset(d.sc, position), textOf)) ?? null;
  });

  connection.onReferences(({ textDocument, position, context }) => {
    const d = docOf(textDocument.uri);
    return (d && references(d.ws, d.sc, offset(d.sc, position), context.includeDeclaration, textOf)) ?? null;
  });

  const renameFailure = (e: unknown) => {
    if (e instanceof RenameError) return new ResponseError(ErrorCodes.InvalidRequest, e.message);
    throw e;
  };

  connection.onPrepareRename(({ textDocument, position }) => {
    const d = docOf(textDocument.uri);
    if (!d) return null;
    try {
      return prepareRename(d.ws, d.sc, offset(d.sc, position));
    } catch (e) {
      return renameFailure(e);
    }
  });

  connection.onRenameRequest(({ textDocument, position, newName }) => {
    const d = docOf(textDocument.uri);
    if (!d) return null;
    try {
      return rename(d.ws, d.sc, offset(d.sc, position), newName, textOf);
    } catch (e) {
      return renameFailure(e);
    }
  });

  connection.onDocumentSymbol(({ textDocument }): DocumentSymbol[] | SymbolInformation[] | null => {
    const d = docOf(textDocument.uri);
    if (!d) return null;
    const root = outline(d.sc);
    if (c.caps().textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport) return [documentSymbol(d.sc, root)];
    return [root, ...root.children].map((n) => ({
      name: n.name,
      kind: symbolKind(n.kind),
      location: { uri: d.entry.uri, range: range(d.sc, n.span) },
      containerName: n === root ? undefined : root.name,
    }));
  });

  connection.onWorkspaceSymbol(({ query }) => workspaceSymbols(index.workspace(), query, textOf));

  connection.onFoldingRanges(({ textDocument }) => {
    const d = docOf(textDocument.uri);
    if (!d) return null;
    const lines = d.sc.lineStarts.map((s, i) =>
      d.sc.text.slice(s, i + 1 < d.sc.lineStarts.length ? d.sc.lineStarts[i + 1] : d.sc.text.length).replace(/\r?\n$|\r$/, ''),
    );
    return folds(lines).map(foldingRange);
  });

  connection.onCodeAction(({ textDocument, range: r, context }) => {
    const d = docOf(textDocument.uri);
    if (!d) return null;
    return codeActions(d.entry.uri, d.sc, linter.current(d.entry), spanOf(d.sc, r), context.only, textOf);
  });

  connection.onExecuteCommand(async ({ command, arguments: args }) => {
    if (command === SHOW_DOCS_COMMAND) {
      const rule = String(args?.[0] ?? '');
      const uri = docsUrl(rule);
      if (c.caps().window?.showDocument?.support) await connection.window.showDocument({ uri, external: true });
      else void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `Documentation for ${rule}: ${uri}` });
      return null;
    }
    if (command === LINT_WORKSPACE_COMMAND) {
      await indexFolders();
      await linter.lintAll();
      const all = linter.findingsByUri();
      let findings = 0;
      for (const list of all.values()) findings += list.length;
      return { scorecards: index.all().length, findings };
    }
    return null;
  });

  connection.onRequest(VIEW_REQUEST, async (params: { uri: string }) => {
    // The cascade draws the data of every scorecard.
    await linter.prepare(index.all());
    const d = docOf(params.uri);
    if (d) linter.current(d.entry);
    const { asOf, readData, settingsFor } = linter.options();
    return buildViewModel(index.workspace(), linter.findingsByUri(), d?.entry.uri ?? params.uri, { asOf, readData, settingsFor });
  });
}

// The preview panel beside the editor: the live KPI cascade and polarity wheel of the scorecard
// being edited. The language server computes the view model; this side fetches it whenever the
// server says it changed, passes it to the webview by message, and carries clicks and the cursor
// between the webview and the editor.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { ViewModel } from '../../server/src/engine/view/types';
import type { PreviewState, ToWebview } from '../webview/protocol';
import { checkReveal, revealTargets, spanOutside } from './reveal';

const VIEW_TYPE = 'kpilens.preview';
const VIEW_REQUEST = 'kpilens/view';
const VIEW_CHANGED = 'kpilens/didChangeView';

function isScorecard(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'kpi-yaml' || doc.uri.path.endsWith('.kpi.yaml');
}

function title(uri: vscode.Uri): string {
  return `Preview ${uri.path.split('/').pop()}`;
}

export function registerPreview(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
  let preview: Preview | undefined;
  const adopt = (panel: vscode.WebviewPanel, uri: vscode.Uri) => {
    preview = new Preview(context, client, panel, uri);
    panel.onDidDispose(() => (preview = undefined));
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('kpilens.openPreview', (arg?: vscode.Uri) => {
      const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
      if (!uri) return void vscode.window.showInformationMessage('kpilens: open a .kpi.yaml scorecard to preview it.');
      if (preview) return preview.show(uri);
      const panel = vscode.window.createWebviewPanel(VIEW_TYPE, title(uri), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, options(context));
      adopt(panel, uri);
    }),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: PreviewState | undefined) {
        const uri = state?.uri ? vscode.Uri.parse(state.uri) : vscode.window.activeTextEditor?.document.uri;
        if (!uri) {
          panel.dispose();
          return;
        }
        panel.webview.options = options(context);
        adopt(panel, uri);
      },
    }),
    client.onNotification(VIEW_CHANGED, () => preview?.refresh()),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor && isScorecard(editor.document)) preview?.follow(editor.document.uri);
    }),
    vscode.window.onDidChangeTextEditorSelection((e) => {
      if (isScorecard(e.textEditor.document)) preview?.cursor(e.textEditor);
    }),
  );
}

function options(context: vscode.ExtensionContext): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')] };
}

class Preview {
  private uri: vscode.Uri;
  private readonly disposables: vscode.Disposable[] = [];
  /** A request is on its way; `again` asks for one more when it is back (the model changed meanwhile). */
  private busy = false;
  private again = false;
  /** The scorecards of the model last sent to the webview: the only documents it may ask to reveal. */
  private targets = new Set<string>();

  constructor(
    context: vscode.ExtensionContext,
    private readonly client: BaseLanguageClient,
    private readonly panel: vscode.WebviewPanel,
    uri: vscode.Uri,
  ) {
    this.uri = uri;
    panel.webview.html = html(panel.webview, context.extensionUri);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  show(uri: vscode.Uri): void {
    this.follow(uri);
    this.panel.reveal(undefined, true);
  }

  follow(uri: vscode.Uri): void {
    if (uri.toString() === this.uri.toString()) return;
    this.uri = uri;
    this.panel.title = title(uri);
    void this.refresh();
  }

  async refresh(): Promise<void> {
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    try {
      const model = await this.client.sendRequest<ViewModel>(VIEW_REQUEST, { uri: this.uri.toString() });
      this.targets = revealTargets(model);
      this.post({ type: 'model', uri: this.uri.toString(), model });
    } catch (e) {
      this.post({ type: 'error', message: `The preview could not be updated: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      this.busy = false;
    }
    if (this.again) {
      this.again = false;
      await this.refresh();
    }
  }

  cursor(editor: vscode.TextEditor): void {
    this.post({ type: 'cursor', uri: editor.document.uri.toString(), offset: editor.document.offsetAt(editor.selection.active) });
  }

  /** Handles a message of the webview, which is checked first: it draws file content, so it is not trusted. */
  private async receive(m: unknown): Promise<void> {
    if ((m as { type?: unknown } | null)?.type === 'ready') {
      await this.refresh();
      const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.uri.toString());
      if (editor) this.cursor(editor);
    } else {
      const check = checkReveal(m, this.targets);
      if (!check.ok) return this.ignore(check.reason);
      const uri = vscode.Uri.parse(check.uri);
      const doc = await vscode.workspace.openTextDocument(uri);
      const outside = spanOutside(check.span, doc.getText().length);
      if (outside) return this.ignore(outside);
      const range = new vscode.Range(doc.positionAt(check.span.start), doc.positionAt(check.span.end));
      // Reveal in the editor beside the preview, not in the preview's own column.
      const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString() && e.viewColumn !== this.panel.viewColumn);
      const column =
        shown?.viewColumn ?? vscode.window.visibleTextEditors.find((e) => e.viewColumn !== this.panel.viewColumn)?.viewColumn ?? vscode.ViewColumn.One;
      await vscode.window.showTextDocument(doc, { viewColumn: column, selection: range, preserveFocus: false });
    }
  }

  private ignore(reason: string): void {
    this.client.outputChannel.appendLine(`Preview: a message from the webview was ignored: ${reason}.`);
  }

  private post(m: ToWebview): void {
    void this.panel.webview.postMessage(m);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

/** The page: no data in it (that comes by message), one script with a fresh nonce, styles from dist/. */
function html(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString();
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'preview.css')).toString();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${nonce}'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${style}">
<title>kpilens preview</title>
</head>
<body>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}

// The messages between the extension and the preview webview, typed in both directions. Data
// reaches the webview only this way (postMessage), never pasted into its HTML.
import type { Span } from '../../server/src/engine/types';
import type { ViewModel } from '../../server/src/engine/view/types';

export type ToWebview =
  /** The view model of the workspace of `uri`, the scorecard the preview follows. */
  | { type: 'model'; uri: string; model: ViewModel }
  /** The editor's cursor, as an offset into the document `uri`. */
  | { type: 'cursor'; uri: string; offset: number }
  | { type: 'error'; message: string };

export type FromWebview =
  /** The webview is listening: send it the model and the cursor. */
  | { type: 'ready' }
  /** The user picked a node: show its range in the editor. */
  | { type: 'reveal'; uri: string; span: Span };

/** What the webview keeps across reloads (VS Code's webview state); the serializer reads `uri`. */
export interface PreviewState {
  uri?: string;
  view: 'cascade' | 'wheel';
  /** Keys of the scorecards and objectives shown folded. */
  collapsed: string[];
  /** The scorecard the preview last opened on (the editor's); another one opens the preview on it. */
  focus?: string;
  /** Key of the wheel shown. */
  wheel?: string;
  /** Pan and zoom of the cascade. */
  transform?: { x: number; y: number; k: number };
}

declare global {
  /** The webview's side of the channel, which VS Code puts in the page. */
  function acquireVsCodeApi(): {
    postMessage(message: FromWebview): void;
    getState(): PreviewState | undefined;
    setState(state: PreviewState): void;
  };
}

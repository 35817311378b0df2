// Which `reveal` messages of the preview webview the extension acts on. The webview draws file
// content, so what it sends back is checked like any other input: it may only name a scorecard
// of the view model the extension sent it, and a span inside that document. No vscode here, so
// that the checks are tested without an editor.
import type { Span } from '../../server/src/engine/types';
import type { ViewModel } from '../../server/src/engine/view/types';

/** The documents a click in the preview may open: the scorecards the view model was built from. */
export function revealTargets(model: ViewModel): Set<string> {
  const uris = new Set<string>();
  for (const list of [model.cascade.groups, model.cascade.nodes, model.cascade.disturbances, model.wheels]) {
    for (const item of list) uris.add(item.uri);
  }
  return uris;
}

export type RevealCheck = { ok: true; uri: string; span: Span } | { ok: false; reason: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A message that asks to reveal a span of one of `targets`, or why it is ignored. */
export function checkReveal(message: unknown, targets: ReadonlySet<string>): RevealCheck {
  if (!isRecord(message) || message.type !== 'reveal') return { ok: false, reason: 'not a reveal message' };
  const { uri, span } = message;
  if (typeof uri !== 'string') return { ok: false, reason: 'the uri is not a string' };
  // Quoted as JSON, and cut, so that the log shows control characters as escapes and stays short.
  if (!targets.has(uri)) return { ok: false, reason: `${JSON.stringify(uri.length > 200 ? `${uri.slice(0, 200)}…` : uri)} is not a scorecard of the preview` };
  if (!isRecord(span) || !Number.isSafeInteger(span.start) || !Number.isSafeInteger(span.end)) return { ok: false, reason: 'the span is not two integers' };
  const start = span.start as number;
  const end = span.end as number;
  if (start < 0 || start > end) return { ok: false, reason: `the span from ${start} to ${end} is not a range` };
  return { ok: true, uri, span: { start, end } };
}

/** Why a span does not fit a document of `length` UTF-16 code units, or undefined when it does. */
export function spanOutside(span: Span, length: number): string | undefined {
  return span.end > length ? `the span from ${span.start} to ${span.end} ends past the document's ${length} characters` : undefined;
}

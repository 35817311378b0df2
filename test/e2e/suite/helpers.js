// Shared helpers for the e2e suites. Wait on events, never on a fixed sleep.
'use strict';
const vscode = require('vscode');

const EXTENSION_ID = 'kpilens.kpilens';

/** Tokens from KPILENS_E2E_SKIP (comma separated), e.g. "diagnostics,preview". */
function skipped(token) {
  return (process.env.KPILENS_E2E_SKIP || '')
    .split(',')
    .map((s) => s.trim())
    .includes(token);
}

/**
 * Resolve with the first truthy value of `predicate()`, checked now and after every firing of
 * `event` (a vscode.Event such as vscode.languages.onDidChangeDiagnostics). Pass `event: null`
 * and `pollMs` for state that has no event (e.g. Extension.isActive). Rejects after timeoutMs
 * with `what` in the message.
 */
function waitFor(event, predicate, timeoutMs, what = 'condition', pollMs = 0) {
  return new Promise((resolve, reject) => {
    let done = false;
    const disposables = [];
    const finish = (err, value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(poll);
      for (const d of disposables) d.dispose();
      if (err) reject(err);
      else resolve(value);
    };
    const test = () => {
      try {
        const v = predicate();
        if (v) finish(null, v);
      } catch (e) {
        finish(e);
      }
    };
    const timer = setTimeout(() => finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
    const poll = pollMs > 0 ? setInterval(test, pollMs) : undefined;
    if (event) disposables.push(event(test));
    test();
  });
}

/** Wait until `uri` has a diagnostic matching `match`; returns it. */
function waitForDiagnostic(uri, match, timeoutMs, what) {
  return waitFor(
    vscode.languages.onDidChangeDiagnostics,
    () => vscode.languages.getDiagnostics(uri).find(match),
    timeoutMs,
    what || `a matching diagnostic on ${uri.path}`,
  );
}

/** The kpilens diagnostics of a document, in the order VS Code holds them. */
function kpilensDiagnostics(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kpilens');
}

/** "line:character-line:character" of a range, 0-based as in the API. */
function at(range) {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** "code line:char-line:char" of each kpilens diagnostic of a document, sorted. */
function findings(uri) {
  return kpilensDiagnostics(uri)
    .map((d) => `${codeOf(d)} ${at(d.range)}`)
    .sort();
}

/**
 * Wait until the kpilens diagnostics of `uri` satisfy `predicate(list)`; resolves with the list.
 * On a time-out the error shows the diagnostics there were, since that is what one needs to see.
 */
async function waitForDiagnostics(uri, predicate, timeoutMs, what) {
  try {
    return await waitFor(
      vscode.languages.onDidChangeDiagnostics,
      () => {
        const list = kpilensDiagnostics(uri);
        return predicate(list) ? list : undefined;
      },
      timeoutMs,
      what,
    );
  } catch (e) {
    throw new Error(`${e.message}; ${uri.path.split('/').pop()} has: ${JSON.stringify(findings(uri))}`, { cause: e });
  }
}

/** The diagnostic's code as a string (codes may be plain values or { value, target }). */
function codeOf(d) {
  const c = d.code;
  return c && typeof c === 'object' ? String(c.value) : c === undefined ? undefined : String(c);
}

/** URI of a file in the first workspace folder. */
function workspaceFile(name) {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  if (!folder) throw new Error('no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Open and show a workspace file; returns the TextDocument. */
async function openFile(name) {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Drop unsaved changes of a document (shown first, since revert acts on the active editor). */
async function revert(doc) {
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  if (doc.isDirty) throw new Error(`${doc.uri.path} still has unsaved changes after revert`);
}

module.exports = {
  EXTENSION_ID,
  skipped,
  waitFor,
  waitForDiagnostic,
  waitForDiagnostics,
  kpilensDiagnostics,
  findings,
  at,
  codeOf,
  workspaceFile,
  openFile,
  revert,
};

// What a data file refusal says, wherever the file is read: from disk by the CLI and the language
// server, or through the editor by the language server in a browser. The reading itself is the
// host's; the engine reports the reason on the `csv` value.

export const MAX_DATA_BYTES = 10 * 1024 * 1024;

export const TOO_LARGE = `it is larger than the ${MAX_DATA_BYTES / 1048576} MB limit for data files`;

/** "a", "a and b", "a, b and c". */
function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The workspace as findings and messages name it, from its folders' labels: `the workspace (the current folder)`. */
export function workspaceName(labels: readonly string[]): string {
  return `the workspace (${list([...new Set(labels)])})`;
}

/** How a workspace folder is named in a refusal. */
export function folderLabel(name: string): string {
  return `the workspace folder "${name}"`;
}

/** The label of the only folder a scorecard outside every workspace folder may read from. */
export const OWN_FOLDER = "the scorecard's own folder, as it is in no workspace folder";

// The files of the server in a web worker: it has no disk, so it asks the extension, which reads
// through the editor's file system (client/src/web/files.ts answers these requests). That works
// in a virtual workspace (github.dev, vscode.dev) as on a remote or local one. The rules for data
// files are the same as on disk: inside the workspace folders, a regular file, up to the size cap.
import type { Connection } from 'vscode-languageserver';
import { URI, Utils } from 'vscode-uri';
import { CONFIG_NAME, stripBom } from '../../engine';
import type { DataRead } from '../../engine';
import { MAX_DATA_BYTES, TOO_LARGE, workspaceName } from '../../engine/data-files';
import { isUnder, keyOf, resolveData } from '../files';
import type { DataResult, DataRoot, FileAccess } from '../files';

/** Request: the uris of every `*.kpi.yaml` below a folder, sorted. */
export const SCORECARDS_REQUEST = 'kpilens/files/scorecards';
/** Request: a file's text, or why it was not read. With `limit`, a data file: no links, no more bytes than that. */
export const READ_REQUEST = 'kpilens/files/read';

export type ReadReply = { text: string } | { refused: 'folder' | 'link' | 'other' | 'too-large' } | null;

const REFUSALS: Record<'folder' | 'link' | 'other' | 'too-large', string> = {
  folder: 'it is a folder, not a regular file',
  other: 'it is not a regular file',
  // The editor's file system does not say where a link leads, so none is followed.
  link: 'it is a symbolic link, which is not followed in VS Code for the Web',
  'too-large': TOO_LARGE,
};

export class ClientFiles implements FileAccess {
  constructor(private readonly connection: Connection) {}

  async scorecards(folder: string): Promise<string[]> {
    try {
      return await this.connection.sendRequest<string[]>(SCORECARDS_REQUEST, { folder });
    } catch {
      return [];
    }
  }

  private async request(uri: string, limit?: number): Promise<ReadReply> {
    try {
      return await this.connection.sendRequest<ReadReply>(READ_REQUEST, { uri, limit });
    } catch {
      return null;
    }
  }

  async read(uri: string): Promise<string | undefined> {
    const reply = await this.request(uri);
    return reply && 'text' in reply ? stripBom(reply.text) : undefined;
  }

  async findConfig(folder: string): Promise<string | undefined> {
    let dir = URI.parse(folder);
    for (;;) {
      const candidate = Utils.joinPath(dir, CONFIG_NAME).toString();
      const reply = await this.request(candidate);
      if (reply && 'text' in reply) return candidate;
      const up = Utils.dirname(dir);
      if (up.path === dir.path) return undefined;
      dir = up;
    }
  }

  async readData(scorecard: string, csv: string, roots: readonly DataRoot[]): Promise<DataResult> {
    const uri = resolveData(scorecard, csv);
    const key = keyOf(uri);
    if (!roots.some((r) => isUnder(keyOf(r.uri), key))) return { uri, read: { refused: `it is outside ${workspaceName(roots.map((r) => r.label))}` } };
    const reply = await this.request(uri, MAX_DATA_BYTES);
    let read: DataRead | undefined;
    if (!reply) read = undefined;
    else if ('text' in reply) read = stripBom(reply.text);
    else read = { refused: REFUSALS[reply.refused] };
    return { uri, read };
  }
}

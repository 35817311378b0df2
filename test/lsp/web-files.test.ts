// The server's files in a web worker (server/src/lsp/web/files.ts): asked of the extension by
// request, with the data file rules of the disk (inside the workspace, a regular file, a size
// cap) applied to uris of any scheme. The extension's side is tested in VS Code (test/e2e/web).
import * as assert from 'node:assert/strict';
import type { Connection } from 'vscode-languageserver';
import { MAX_DATA_BYTES, TOO_LARGE } from '../../server/src/engine/data-files';
import { dataRoots, isUnder, keyOf, resolveData } from '../../server/src/lsp/files';
import { ClientFiles, READ_REQUEST } from '../../server/src/lsp/web/files';
import type { ReadReply } from '../../server/src/lsp/web/files';

const ROOT = 'vscode-vfs://github/acme/strategy';

/** A client that answers reads from a table of uris, and records what it was asked. */
function client(files: Record<string, ReadReply>) {
  const asked: { method: string; params: unknown }[] = [];
  const connection = {
    sendRequest: async (method: string, params: { uri: string }) => {
      asked.push({ method, params });
      return files[params.uri] ?? null;
    },
  } as unknown as Connection;
  return { files: new ClientFiles(connection), asked };
}

describe('language server in a browser: files through the editor', () => {
  const roots = dataRoots(`${ROOT}/teams/sales.kpi.yaml`, [ROOT]);

  it('names the workspace folders as the disk does', () => {
    assert.deepEqual(roots, [{ uri: ROOT, label: 'the workspace folder "strategy"' }]);
    assert.deepEqual(dataRoots('vscode-vfs://github/other/x.kpi.yaml', [ROOT]), [
      { uri: 'vscode-vfs://github/other', label: "the scorecard's own folder, as it is in no workspace folder" },
    ]);
  });

  it('reads a data file inside the workspace, without its byte-order mark, asking for at most the cap', async () => {
    const { files, asked } = client({ [`${ROOT}/teams/data/scans.csv`]: { text: '\ufeffdate,scanned\n' } });
    assert.deepEqual(await files.readData(`${ROOT}/teams/sales.kpi.yaml`, 'data/scans.csv', roots), {
      uri: `${ROOT}/teams/data/scans.csv`,
      read: 'date,scanned\n',
    });
    assert.deepEqual(asked, [{ method: READ_REQUEST, params: { uri: `${ROOT}/teams/data/scans.csv`, limit: MAX_DATA_BYTES } }]);
  });

  it('refuses a data file outside the workspace without asking for it', async () => {
    const { files, asked } = client({});
    for (const csv of ['../../elsewhere.csv', '/etc/passwd']) {
      const { read } = await files.readData(`${ROOT}/teams/sales.kpi.yaml`, csv, roots);
      assert.deepEqual(read, { refused: 'it is outside the workspace (the workspace folder "strategy")' }, csv);
    }
    assert.deepEqual(asked, []);
  });

  it('says why the editor would not read a data file, and gives nothing for one that is not there', async () => {
    const { files } = client({
      [`${ROOT}/big.csv`]: { refused: 'too-large' },
      [`${ROOT}/link.csv`]: { refused: 'link' },
      [`${ROOT}/folder.csv`]: { refused: 'folder' },
      [`${ROOT}/fifo.csv`]: { refused: 'other' },
    });
    const read = async (csv: string) => (await files.readData(`${ROOT}/sales.kpi.yaml`, csv, roots)).read;
    assert.deepEqual(await read('big.csv'), { refused: TOO_LARGE });
    assert.deepEqual(await read('link.csv'), { refused: 'it is a symbolic link, which is not followed in VS Code for the Web' });
    assert.deepEqual(await read('folder.csv'), { refused: 'it is a folder, not a regular file' });
    assert.deepEqual(await read('fifo.csv'), { refused: 'it is not a regular file' });
    assert.equal(await read('missing.csv'), undefined);
  });

  it('finds the nearest .kpilens.yaml up the folders', async () => {
    const { files, asked } = client({ [`${ROOT}/.kpilens.yaml`]: { text: 'rules: {}\n' } });
    assert.equal(await files.findConfig(`${ROOT}/teams/north`), `${ROOT}/.kpilens.yaml`);
    assert.deepEqual(
      asked.map((a) => (a.params as { uri: string }).uri),
      [`${ROOT}/teams/north/.kpilens.yaml`, `${ROOT}/teams/.kpilens.yaml`, `${ROOT}/.kpilens.yaml`],
    );
    assert.equal(await client({}).files.findConfig(`${ROOT}/teams`), undefined);
  });

  it('keys and nests uris of any scheme, and file system paths with either separator', () => {
    assert.equal(keyOf('vscode-vfs://github/acme/strategy/a%20b.kpi.yaml'), keyOf('vscode-vfs://github/acme/strategy/a b.kpi.yaml'));
    assert.ok(isUnder(keyOf(ROOT), keyOf(`${ROOT}/teams/x.csv`)));
    assert.ok(!isUnder(keyOf(ROOT), keyOf(`${ROOT}-old/x.csv`)));
    assert.ok(isUnder('C:\\work\\strategy', 'C:\\work\\strategy\\x.csv'));
    assert.ok(!isUnder('C:\\work\\strategy', 'C:\\work\\strategy-old\\x.csv'));
    assert.equal(resolveData(`${ROOT}/teams/sales.kpi.yaml`, '../data/x.csv'), `${ROOT}/data/x.csv`);
  });
});

// Which scorecards the server sees: the same as `kpilens lint` on the folder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestClient } from './client';

describe('language server: the workspace', function () {
  this.timeout(30_000);
  let dir: string;
  let c: TestClient | undefined;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-ws-'));
    fs.writeFileSync(path.join(dir, 'team.kpi.yaml'), 'kpilens: 1\nscorecard:\n  id: team\n');
    fs.mkdirSync(path.join(dir, 'build'));
    // A copy made by a build step, ignored by git: not part of the strategy.
    fs.writeFileSync(path.join(dir, 'build', 'team.kpi.yaml'), 'kpilens: 1\nscorecard:\n  id: team\n');
  });
  afterEach(async () => {
    await c?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('leaves out the scorecards that .gitignore ignores, as the CLI does', async () => {
    fs.writeFileSync(path.join(dir, '.gitignore'), 'build/\n');
    c = await TestClient.start(dir);
    const uri = c.uri('team.kpi.yaml');
    const d = await c.diagnosticsOf(uri);
    assert.deepEqual(
      d.filter((x) => x.code === 'duplicate-id'),
      [],
    );
    assert.equal(c.diagnostics.has(c.uri('build/team.kpi.yaml')), false);
  });

  it('sees both copies without the .gitignore, and reports the duplicate', async () => {
    c = await TestClient.start(dir);
    const d = await c.diagnosticsOf(c.uri('team.kpi.yaml'), (l) => l.some((x) => x.code === 'duplicate-id'), 'the duplicate id');
    assert.equal(d.filter((x) => x.code === 'duplicate-id').length, 1);
  });
});

// `npm pack` gives a package whose commands work after `npm install`, with no build on the
// user's side: the tarball holds the bundled CLI and language server and what they read, nothing
// else, and installs no dependency. Slow (a production build and an install): `npm run
// test:package`, and a step of `npm test`.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));

/** The environment of a nested npm, without what an outer npm exported (scripts/tools.mjs says why). */
function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'INIT_CWD'));
}

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...npmEnv(), NO_COLOR: '1' }, timeout: 180_000 });
  assert.equal(r.error, undefined, `${cmd} ${args.join(' ')}: ${r.error?.message}`);
  return r;
}

describe('npm pack and npm install', function () {
  this.timeout(240_000);
  let tmp: string;
  let packed: { files: { path: string }[]; filename: string };

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-pack-'));
    const r = run('npm', ['pack', '--json', '--pack-destination', tmp], REPO);
    assert.equal(r.status, 0, r.stderr);
    [packed] = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')));
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('packs the built commands, the rule pages and the schema, and nothing else', () => {
    const rules = fs.readdirSync(path.join(REPO, 'docs', 'rules')).map((f) => `docs/rules/${f}`);
    const expected = ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli.js', 'dist/server.js', ...rules, 'package.json', 'schemas/kpi.schema.json'];
    assert.deepEqual(packed.files.map((f) => f.path).sort(), expected.sort());
    assert.equal(packed.filename, `${pkg.name}-${pkg.version}.tgz`);
  });

  it('installs with no dependency, and kpilens lints scorecards as the repository does', () => {
    const project = path.join(tmp, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "strategy", "private": true }\n');
    const r = run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', path.join(tmp, packed.filename)], project);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(
      fs.readdirSync(path.join(project, 'node_modules')).filter((n) => !n.startsWith('.')),
      ['kpilens'],
    );

    const bin = path.join(project, 'node_modules', '.bin');
    const version = run(path.join(bin, 'kpilens'), ['--version'], project);
    assert.equal(version.stdout, `${pkg.version}\n`);
    fs.cpSync(path.join(REPO, 'examples'), path.join(project, 'examples'), { recursive: true });
    const lint = run(path.join(bin, 'kpilens'), ['lint', 'examples', '--format', 'json', '--as-of', '2026-11-24'], project);
    assert.equal(lint.status, 1, lint.stderr);
    const findings = JSON.parse(lint.stdout) as { file: string; rule: string }[];
    assert.ok(findings.length > 0);
    assert.ok(findings.every((f) => f.file.startsWith('examples/')));
    // Globs go through tinyglobby, whose fdir finds its require() through import.meta.url: in the bundle too.
    const globbed = run(path.join(bin, 'kpilens'), ['lint', 'examples/*.kpi.yaml', '!examples/sales*', '--format', 'json', '--as-of', '2026-11-24'], project);
    assert.equal(globbed.stderr, '');
    const files = [...new Set((JSON.parse(globbed.stdout) as { file: string }[]).map((f) => f.file))].sort();
    assert.deepEqual(files, ['examples/company.kpi.yaml', 'examples/engineering.kpi.yaml', 'examples/people.kpi.yaml']);

    const server = run(path.join(bin, 'kpilens-language-server'), [], project);
    assert.equal(server.status, 2);
    assert.match(server.stderr, /^The kpilens language server is started by an editor/);
  });
});

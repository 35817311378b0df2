// Steps 1 and 2 of a run: the one-time install of the tools into the cache folder, then the
// build and package of the extension into a VSIX.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheDir, cleanEnv, ensureNode, ensureNodeTools, markFresh, NODE_VERSIONS, npmInstall, run } from '../../scripts/tools.mjs';
import { log, onCleanup } from './lifecycle.mjs';

const VERSIONS = {
  node: NODE_VERSIONS[24],
  codeServer: '4.139.1',
};
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'build-essential', 'pkg-config', 'python3'];
// The browser and its flags are those of the browser tests too.
const chromium = JSON.parse(fs.readFileSync(new URL('../chromium.json', import.meta.url), 'utf8'));
export const CHROMIUM = chromium.path;
export const CHROMIUM_ARGS = chromium.args;
// Build, package and VSIX install run synchronously (the overall time-out cannot fire while
// they do), so each gets its own bound.
export const STEP_TIMEOUT_MS = 5 * 60_000;

// ---------------------------------------------------------------- helpers
function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}
function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

// ---------------------------------------------------------------- 1. install
export function ensureTools() {
  const { dir: cache, fresh } = cacheDir();
  if (fresh) {
    markFresh(cache);
    onCleanup(() => fs.rmSync(cache, { recursive: true, force: true }));
  }
  fs.mkdirSync(cache, { recursive: true });
  log(`cache: ${cache}${fresh ? ' (new and empty: CI=true)' : ''}`);

  const missing = APT_PACKAGES.filter((p) => !dpkgInstalled(p));
  if (!fs.existsSync(CHROMIUM) && !missing.includes('chromium')) missing.push('chromium');
  if (missing.length) {
    if (process.getuid?.() !== 0 || !has('apt-get')) {
      throw new Error(`missing Debian packages: ${missing.join(' ')} (install them with apt-get as root)`);
    }
    const started = Date.now();
    log(`apt: installing ${missing.join(' ')} ...`);
    const env = cleanEnv(process.env, { DEBIAN_FRONTEND: 'noninteractive' });
    run('apt-get', ['update', '-qq'], { env, quiet: true });
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env, quiet: true });
    log(`apt: done in ${((Date.now() - started) / 1000).toFixed(0)}s`);
  } else {
    log('apt: all packages present');
  }

  const { node24, env24, vsce, playwright } = ensureNodeTools(cache, log);
  const bin24 = path.dirname(node24);

  const csDir = path.join(cache, 'code-server');
  npmInstall(cache, csDir, `code-server@${VERSIONS.codeServer}+node@${VERSIONS.node}`, 'code-server', [`code-server@${VERSIONS.codeServer}`], {
    nodeBin: bin24,
    log,
  });

  // The other LTS lines, for the unit suites of `npm test` (scripts/test.mjs).
  const nodes = { [VERSIONS.node.split('.')[0]]: node24 };
  for (const [line, version] of Object.entries(NODE_VERSIONS)) nodes[line] ??= ensureNode(cache, version, log);
  fs.writeFileSync(path.join(cache, 'nodes.json'), `${JSON.stringify(nodes, null, 2)}\n`);
  return {
    cache,
    node24,
    env24,
    codeServer: path.join(csDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    vsce,
    playwright,
  };
}

// ---------------------------------------------------------------- 2. build + package
export function buildAndPackage(tools, o, runDir) {
  if (o.vsix) {
    // A VSIX made already from this repository (`npm run package`): tested as it is.
    const pkg = JSON.parse(fs.readFileSync(path.join(o.extensionRoot, 'package.json'), 'utf8'));
    log(`package: ${o.vsix} as it is (${(fs.statSync(o.vsix).size / 1024).toFixed(0)} KiB)`);
    return { vsix: o.vsix, id: `${pkg.publisher}.${pkg.name}`.toLowerCase(), version: pkg.version };
  }
  log(`build: npm run build (in ${o.extensionRoot})`);
  run('npm', ['run', 'build', '--silent'], { cwd: o.extensionRoot, timeout: STEP_TIMEOUT_MS });
  const pkg = JSON.parse(fs.readFileSync(path.join(o.extensionRoot, 'package.json'), 'utf8'));
  const main = pkg.main && path.resolve(o.extensionRoot, pkg.main);
  if (!main || !fs.existsSync(main.endsWith('.js') ? main : `${main}.js`)) {
    throw new Error(`package.json main (${pkg.main}) does not exist after the build: is the extension client there yet?`);
  }
  const vsix = path.join(runDir, 'kpilens.vsix');
  log('package: vsce package');
  run(
    tools.node24,
    [tools.vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '--out', vsix],
    { cwd: o.extensionRoot, env: tools.env24, quiet: true, stdio: ['ignore', 'pipe', 'pipe'], timeout: STEP_TIMEOUT_MS },
  );
  log(`package: ${vsix} (${(fs.statSync(vsix).size / 1024).toFixed(0)} KiB)`);
  return { vsix, id: `${pkg.publisher}.${pkg.name}`.toLowerCase(), version: pkg.version };
}

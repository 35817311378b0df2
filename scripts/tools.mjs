// What the test runners and the bench share: the cache folder for tools that are not in
// package.json (Node lines, code-server, the bench's peer server), installs into it, and the
// environment for nested npm and node calls.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The Node lines the tests run on besides the machine's own: the e2e runner needs 24. */
export const NODE_VERSIONS = { 22: '22.23.3', 24: '24.21.0', 26: '26.10.0' };

/** The npm tools that run on Node 24: vsce packages the extension, playwright-core drives chromium. */
export const TOOL_VERSIONS = { playwrightCore: '1.65.1', vsce: '4.1.0' };

/**
 * The environment for a nested npm or node call, without what an outer npm exported. npm sets
 * `npm_config_user_agent` (naming the outer Node), `npm_config_*` settings, `npm_package_*`
 * and `NODE`; a nested npm takes them as its own configuration, and install scripts such as
 * code-server's read the Node version from the user agent. Only `npm_config_cache` is kept when
 * a caller sets it on purpose (see `cacheDir`).
 */
export function cleanEnv(env = process.env, extra = {}) {
  const out = {};
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) continue;
    if (/^npm_/i.test(k) || k === 'NODE' || k === 'INIT_CWD') continue;
    out[k] = v;
  }
  return { ...out, ...extra };
}

/**
 * The folder the tools are installed into. KPILENS_E2E_CACHE wins. Under CI (CI=true) it is a
 * new empty folder, so that an install that only works from a warm cache fails in CI and not
 * on a user's machine; the caller removes it (`fresh: true`). Otherwise
 * $XDG_CACHE_HOME/kpilens-e2e or ~/.cache/kpilens-e2e, kept between runs.
 */
export function cacheDir(env = process.env) {
  if (env.KPILENS_E2E_CACHE) return { dir: path.resolve(env.KPILENS_E2E_CACHE), fresh: false };
  if (env.CI === 'true') return { dir: fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-tools-')), fresh: true };
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return { dir: path.join(base, 'kpilens-e2e'), fresh: false };
}

/**
 * npm settings for installs into the cache. A cache folder that was made empty for this run
 * also gets an empty npm cache inside it, so that every package really comes from the registry.
 */
export function npmEnv(cache, env = process.env) {
  const own = path.join(cache, 'npm-cache');
  return fs.existsSync(path.join(cache, '.fresh')) ? cleanEnv(env, { npm_config_cache: own }) : cleanEnv(env);
}

/** Marks a cache folder as made for this run (see npmEnv). */
export function markFresh(cache) {
  fs.mkdirSync(cache, { recursive: true });
  fs.writeFileSync(path.join(cache, '.fresh'), 'made empty for one CI run\n');
}

/** Runs a command to its end (in the cleaned environment unless `opts.env` says otherwise); throws with its output on failure. */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: opts.quiet ? 'pipe' : 'inherit', encoding: 'utf8', env: cleanEnv(), ...opts });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) {
    const out = opts.quiet ? `\n${(r.stdout || '') + (r.stderr || '')}`.slice(-4000) : '';
    throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}${out}`);
  }
  return r;
}

function readMarker(dir) {
  try {
    return fs.readFileSync(path.join(dir, '.kpilens-e2e-ok'), 'utf8').trim();
  } catch {
    return null;
  }
}

/**
 * Installs into `<dir>.partial-<pid>` and renames, so an interrupted or concurrent install never
 * leaves a half-filled folder that looks complete. A marker holds the version: a bump reinstalls.
 */
export function cachedInstall(dir, marker, label, install, log = console.log) {
  if (readMarker(dir) === marker) {
    log(`${label}: cached (${marker})`);
    return;
  }
  const started = Date.now();
  log(`${label}: installing ${marker} ...`);
  const tmp = `${dir}.partial-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  try {
    install(tmp);
    fs.writeFileSync(path.join(tmp, '.kpilens-e2e-ok'), `${marker}\n`);
    if (readMarker(dir) === marker) {
      fs.rmSync(tmp, { recursive: true, force: true });
      return;
    }
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(tmp, dir);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  log(`${label}: installed in ${((Date.now() - started) / 1000).toFixed(0)}s`);
}

const NPM_QUIET = ['--no-audit', '--no-fund', '--no-save', '--loglevel=error'];

/** Installs packages from the npm registry into a cache folder, with the given Node first on PATH. */
export function npmInstall(cache, dir, marker, label, packages, { nodeBin, log } = {}) {
  cachedInstall(
    dir,
    marker,
    label,
    (tmp) => {
      const env = npmEnv(cache);
      if (nodeBin) Object.assign(env, { PATH: `${nodeBin}${path.delimiter}${env.PATH}`, npm_config_nodedir: path.dirname(nodeBin) });
      run('npm', ['install', '--prefix', tmp, ...NPM_QUIET, ...packages], { env, quiet: true });
    },
    log,
  );
}

/**
 * A Node.js binary of the given version, from the npm package `node` (which ships the binary and
 * its headers), installed into the cache once. Returns the path of `bin/node`.
 */
export function ensureNode(cache, version, log = console.log) {
  const dir = path.join(cache, `node${version.split('.')[0]}`);
  npmInstall(cache, dir, `node@${version}`, `node ${version.split('.')[0]}`, [`node@${version}`], { log });
  const bin = path.join(dir, 'node_modules', 'node', 'node_modules', `node-${process.platform}-${process.arch}`, 'bin', 'node');
  const v = spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  if (v !== `v${version}`) throw new Error(`${bin} is not v${version} (got ${v}); delete ${dir}`);
  return bin;
}

/**
 * vsce and playwright-core, installed once into `<cache>/tools` with Node 24 (vsce needs Node
 * 22 or later, and the machine's Node may be 20). Returns their paths, Node 24's binary and an
 * environment with it first on PATH.
 */
export function ensureNodeTools(cache, log = console.log) {
  const node24 = ensureNode(cache, NODE_VERSIONS[24], log);
  const bin24 = path.dirname(node24);
  const dir = path.join(cache, 'tools');
  const { playwrightCore, vsce } = TOOL_VERSIONS;
  npmInstall(
    cache,
    dir,
    `playwright-core@${playwrightCore}+@vscode/vsce@${vsce}`,
    'playwright-core + vsce',
    [`playwright-core@${playwrightCore}`, `@vscode/vsce@${vsce}`],
    { nodeBin: bin24, log },
  );
  return {
    node24,
    env24: cleanEnv(process.env, { PATH: `${bin24}${path.delimiter}${process.env.PATH}` }),
    vsce: path.join(dir, 'node_modules', '@vscode', 'vsce', 'vsce'),
    playwright: path.join(dir, 'node_modules', 'playwright-core'),
  };
}

// Step 3 of a run: a code-server of its own (user data, extensions, HOME inside the run dir),
// the VSIX installed into it, started on a port and stopped with its whole process group.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { run } from '../../scripts/tools.mjs';
import { STEP_TIMEOUT_MS } from './install.mjs';
import { exiting, groups, log, onCleanup } from './lifecycle.mjs';

export function runDirs(runDir) {
  const d = {
    ud: path.join(runDir, 'user-data'),
    exts: path.join(runDir, 'extensions'),
    home: path.join(runDir, 'home'),
    config: path.join(runDir, 'config.yaml'),
    log: path.join(runDir, 'code-server.log'),
  };
  for (const p of [d.ud, d.exts, d.home, path.join(d.ud, 'User')]) fs.mkdirSync(p, { recursive: true });
  fs.writeFileSync(d.config, 'auth: none\ncert: false\n');
  fs.writeFileSync(
    path.join(d.ud, 'User', 'settings.json'),
    JSON.stringify(
      {
        'telemetry.telemetryLevel': 'off',
        'chat.disableAIFeatures': true,
        'git.enabled': false,
        'workbench.startupEditor': 'none',
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'workbench.tips.enabled': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'security.workspace.trust.enabled': false,
      },
      null,
      2,
    ),
  );
  return d;
}
export function isolatedEnv(tools, d) {
  const env = { ...tools.env24 };
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  Object.assign(env, {
    HOME: d.home,
    XDG_CONFIG_HOME: path.join(d.home, '.config'),
    XDG_DATA_HOME: path.join(d.home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(d.home, '.cache'),
    XDG_STATE_HOME: path.join(d.home, '.local', 'state'),
  });
  return env;
}
function codeServerArgs(tools, d) {
  return [
    tools.codeServer,
    '--config',
    d.config,
    '--user-data-dir',
    d.ud,
    '--extensions-dir',
    d.exts,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
  ];
}
export function installVsix(tools, d, env, pkg) {
  log('install: code-server --install-extension');
  run(tools.node24, [...codeServerArgs(tools, d), '--install-extension', pkg.vsix], { env, quiet: true, timeout: STEP_TIMEOUT_MS });
  const dir = fs.readdirSync(d.exts).find((n) => n.toLowerCase() === `${pkg.id}-${pkg.version}`.toLowerCase());
  if (!dir) throw new Error(`VSIX installed but ${pkg.id}-${pkg.version} is not in ${d.exts}`);
  return path.join(d.exts, dir);
}
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
export async function startCodeServer(tools, d, env, workspace, port) {
  const out = fs.openSync(d.log, 'a');
  const child = spawn(
    tools.node24,
    [...codeServerArgs(tools, d), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--vscode-option', 'enable-smoke-test-driver', workspace],
    { env, detached: true, stdio: ['ignore', out, out] },
  );
  fs.closeSync(out);
  groups.add(child.pid);
  let exited = null;
  let stopping = false;
  let onDied;
  const died = new Promise((_, reject) => {
    onDied = reject;
  });
  died.catch(() => {});
  child.on('exit', (code, sig) => {
    exited = code ?? sig;
    groups.delete(child.pid);
    if (!exiting && !stopping) onDied(new Error(`code-server exited unexpectedly (${exited}); log: ${d.log}\n${tail(d.log)}`));
  });
  const stop = async () => {
    if (exited !== null) return;
    stopping = true;
    log('stop: code-server');
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
    const deadline = Date.now() + 5000;
    while (exited === null && Date.now() < deadline) await delay(100);
    if (exited === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }
    groups.delete(child.pid);
  };
  onCleanup(stop);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) throw new Error(`code-server exited (${exited}) before it was healthy; log: ${d.log}\n${tail(d.log)}`);
    try {
      const r = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`code-server not healthy after 60s; log: ${d.log}\n${tail(d.log)}`);
    await delay(200);
  }
  log(`code-server: healthy on ${url} (pid ${child.pid})`);
  return { url, died, stop };
}
const delay = (ms) => new Promise((r) => setTimeout(r, ms));
function tail(file, n = 30) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}

export function prepareWorkspace(src, parent) {
  if (!fs.existsSync(src)) throw new Error(`workspace ${src} does not exist`);
  const ws = path.join(parent, 'workspace');
  fs.cpSync(src, ws, { recursive: true });
  return ws;
}

// The run in VS Code for the Web's web worker extension host: the suite of web/ on a copy of
// examples/, compared with the CLI's findings, then the UI checks of the web.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanEnv } from '../../scripts/tools.mjs';
import { freePort, installVsix, isolatedEnv, prepareWorkspace, runDirs, startCodeServer } from './code-server.mjs';
import { HERE, log, REPO, tally } from './lifecycle.mjs';
import { runSuites, uiKit } from './workbench.mjs';

const AS_OF = '2026-11-24';

/**
 * Makes the workbench run the extension only in the browser: the user setting
 * `remote.extensionKind` puts it in the web worker extension host (from its `browser` entry) and
 * never in code-server's Node one, which a manifest's own `extensionKind` cannot do for an
 * extension with a `main`. The VSIX and its manifest stay as they ship.
 */
export function webOnly(d, pkg) {
  const file = path.join(d.ud, 'User', 'settings.json');
  const settings = JSON.parse(fs.readFileSync(file, 'utf8'));
  settings['remote.extensionKind'] = { [pkg.id]: ['web'] };
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
  log(`web: user setting "remote.extensionKind": { "${pkg.id}": ["web"] }`);
}

/** A copy of examples/ whose workspace settings fix the as-of date, as the CLI's --as-of does. */
function prepareWebWorkspace(parent) {
  const ws = prepareWorkspace(path.join(REPO, 'examples'), parent);
  fs.mkdirSync(path.join(ws, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify({ 'kpilens.asOf': AS_OF }, null, 2));
  return ws;
}

/** `kpilens lint --format json` of a workspace, file names relative to it: what the editor must show. */
function cliFindings(o, ws) {
  const r = spawnSync(process.execPath, [path.join(o.extensionRoot, 'dist', 'cli.js'), 'lint', '.', '--format', 'json', '--as-of', AS_OF], {
    cwd: ws,
    encoding: 'utf8',
    env: cleanEnv(),
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`kpilens lint exited with ${r.status ?? r.signal}: ${r.stderr}`);
  const findings = JSON.parse(r.stdout);
  if (!findings.length) throw new Error('kpilens lint found nothing in examples/: the web suite would compare nothing');
  return findings;
}

/**
 * The web suite as one CommonJS file for the web worker extension host, with the CLI's findings
 * in it. It goes inside the extension's folder: the workbench runs the tests in the extension
 * host of the extension whose folder holds them, and anywhere else on a remote in the Node one.
 */
async function bundleWebSuite(installed, expected) {
  const esbuild = await import('esbuild');
  const out = path.join(installed, 'e2e-web-suite.js');
  await esbuild.build({
    entryPoints: [path.join(HERE, 'web', 'index.js')],
    outfile: out,
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    define: { KPILENS_E2E_EXPECTED: JSON.stringify(expected) },
    logLevel: 'warning',
  });
  return out;
}

// VS Code for the Web's run: the same VSIX, kept out of the Node extension host by a user
// setting, on a copy of examples/.
export async function webRun(tools, o, pkg, dir) {
  log('web: the extension in the web worker extension host only');
  const d = runDirs(dir);
  const env = isolatedEnv(tools, d);
  const installed = installVsix(tools, d, env, pkg);
  webOnly(d, pkg);
  const ws = prepareWebWorkspace(dir);
  const uiWs = prepareWebWorkspace(path.join(dir, 'ui'));
  const expected = cliFindings(o, ws);
  log(`web: ${expected.length} findings of kpilens lint in examples/ to compare with the editor's`);
  const testsPath = await bundleWebSuite(installed, expected);
  const cs = await startCodeServer(tools, d, env, ws, await freePort());
  try {
    const checks = async (page, shots) => [...(await webUiChecks(page, shots, expected)), await notInNode(d, pkg)];
    const run = runSuites(tools, cs.url, ws, uiWs, installed, d, { name: 'web', testsPath, checks });
    return await Promise.race([run, cs.died]);
  } finally {
    await cs.stop();
  }
}

/** The last check of the web run: code-server's Node extension hosts, which log each activation, never activated kpilens. */
async function notInNode(d, pkg) {
  const name = 'kpilens never ran in a Node extension host';
  const logs = fs.readdirSync(path.join(d.ud, 'logs'), { recursive: true }).filter((f) => /remoteexthost\.log$/.test(f));
  const activated = logs.filter((f) => fs.readFileSync(path.join(d.ud, 'logs', f), 'utf8').includes(`_doActivateExtension ${pkg.id}`));
  const status = logs.length > 0 && activated.length === 0 ? 'passed' : 'failed';
  tally[status]++;
  console.log(
    status === 'passed'
      ? `  ✓ passed: ${name} (${logs.length} logs)`
      : `  ✗ failed: ${name}: ${logs.length ? `activated in ${activated.join(', ')}` : 'no extension host log'}`,
  );
  return { name, status };
}

// UI checks in VS Code for the Web: the findings and the preview as a person sees them.
async function webUiChecks(page, shots, expected) {
  const { results, shot, picture, check, visible, key, openInEditor, preview, openPreview } = uiKit(page, shots, 'web-');
  const files = [...new Set(expected.map((f) => f.file))].sort();
  const file = files[0];
  const count = expected.filter((f) => f.file === file).length;

  console.log('UI checks (VS Code for the Web):');
  await check('workbench is shown', {}, async () => {
    await visible('.monaco-workbench .part.editor', 30_000);
    await visible('.monaco-workbench .part.statusbar');
  });
  await check(`explorer lists the ${files.length} scorecards of examples/`, {}, async () => {
    for (const f of files) await visible(`.explorer-folders-view .monaco-list-row[aria-label*="${f}"]`);
  });
  await check(`${file} opens in an editor tab`, {}, () => openInEditor(file));
  await check(`the status bar counts the CLI's ${count} findings of ${file}`, { tag: 'diagnostics' }, async () => {
    await page.waitForFunction(
      (text) => [...document.querySelectorAll('.statusbar-item')].some((i) => (i.textContent ?? '').trim() === text),
      `kpilens: ${count}`,
      { timeout: 30_000 },
    );
  });
  // The Problems panel leaves hints out; the status bar counts its errors, warnings and infos.
  const bySeverity = ['error', 'warning', 'info'].map((sev) => expected.filter((f) => f.severity === sev).length).join(' ');
  await check(`the Problems panel holds the CLI's findings of every scorecard (${bySeverity})`, { tag: 'diagnostics' }, async () => {
    await key('Control+Shift+M');
    await visible('.markers-panel');
    const counts = () => page.evaluate(() => (document.getElementById('status.problems')?.textContent ?? '').replace(/\s+/g, ' ').trim());
    try {
      await page.waitForFunction((text) => (document.getElementById('status.problems')?.textContent ?? '').replace(/\s+/g, ' ').trim() === text, bySeverity, {
        timeout: 20_000,
      });
    } catch (e) {
      throw new Error(`the status bar counts ${JSON.stringify(await counts())}, not ${JSON.stringify(bySeverity)}`, { cause: e });
    }
  });
  await shot('problems');
  await check('kpilens: open preview shows the cascade of every scorecard', { tag: 'preview' }, async () => {
    await openPreview(file);
    const frame = preview();
    await frame.locator('svg.kl-cascade text.kl-label').first().waitFor({ state: 'attached', timeout: 20_000 });
    const groups = await frame.locator('svg.kl-cascade text.kl-group-title').allTextContents();
    if (groups.length !== files.length) throw new Error(`${groups.length} scorecards in the cascade, not ${files.length}: ${JSON.stringify(groups)}`);
    await picture('vscode-web-preview');
  });
  return results;
}

// The run in code-server's Node extension host (the desktop's): the suites of suite/ on the
// fixture, then the UI checks of the desktop.
import * as path from 'node:path';
import { freePort, installVsix, isolatedEnv, prepareWorkspace, runDirs, startCodeServer } from './code-server.mjs';
import { HERE, log } from './lifecycle.mjs';
import { runSuites, uiKit } from './workbench.mjs';

// The desktop's run: the extension in code-server's Node extension host, on the fixture.
export async function nodeRun(tools, o, pkg, dir) {
  log('node: the extension in the Node extension host');
  const d = runDirs(dir);
  const env = isolatedEnv(tools, d);
  const installed = installVsix(tools, d, env, pkg);
  log(`install: ${pkg.id} -> ${installed}`);
  const fixture = o.workspace ?? path.join(HERE, 'workspace');
  const ws = prepareWorkspace(fixture, dir);
  const uiWs = prepareWorkspace(fixture, path.join(dir, 'ui'));
  log(`workspace: copy of ${fixture}`);
  const cs = await startCodeServer(tools, d, env, ws, o.port || (await freePort()));
  try {
    const devPath = o.devPath === 'repo' ? o.extensionRoot : installed;
    const run = runSuites(tools, cs.url, ws, uiWs, devPath, d, { name: 'node', testsPath: path.join(HERE, 'suite', 'index.js'), checks: uiChecks });
    return await Promise.race([run, cs.died]);
  } finally {
    await cs.stop();
  }
}

// UI checks on the desktop run: what a person sees in the workbench.
async function uiChecks(page, shots) {
  const { results, shot, picture, check, visible, key, restMouse, quickOpen, openInEditor, preview, openPreview } = uiKit(page, shots);

  console.log('UI checks:');
  await check('workbench is shown', {}, async () => {
    await visible('.monaco-workbench .part.editor', 30_000);
    await visible('.monaco-workbench .part.statusbar');
  });
  await check('explorer lists both scorecards', {}, async () => {
    await visible('.explorer-folders-view .monaco-list-row[aria-label*="company.kpi.yaml"]');
    await visible('.explorer-folders-view .monaco-list-row[aria-label*="team.kpi.yaml"]');
  });
  await shot('workbench');
  await check('team.kpi.yaml opens in an editor tab', {}, () => openInEditor('team.kpi.yaml'));
  await check('status bar shows the kpilens language mode', {}, async () => {
    const mode = page.locator('[id="status.editor.mode"]');
    await mode.waitFor({ state: 'visible', timeout: 10_000 });
    await page.waitForFunction(() => /kpi/i.test(document.getElementById('status.editor.mode')?.textContent ?? ''), null, { timeout: 10_000 });
  });
  await shot('team-open');
  await check('Problems panel lists the unresolved ref in team.kpi.yaml', { tag: 'diagnostics' }, async () => {
    await key('Control+Shift+M');
    await visible('.markers-panel');
    await visible('.markers-panel .monaco-list-row[aria-label*="team.kpi.yaml"]');
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('.markers-panel .monaco-list-row')].some((r) =>
          /company-objective-that-does-not-exist|unresolved/i.test(r.textContent ?? ''),
        ),
      null,
      { timeout: 20_000 },
    );
  });
  await shot('problems');
  await check('a hover on the unresolved ref explains the rule', { tag: 'diagnostics' }, async () => {
    if (!(await page.locator('.markers-panel').isVisible())) await key('Control+Shift+M');
    await visible('.markers-panel');
    // Line 35, inside `company-objective-that-does-not-exist` (1-based, as the status bar counts).
    await quickOpen('', ':35:30');
    await key('Enter');
    await page.waitForFunction(() => /Ln 35, Col 30/.test(document.getElementById('status.editor.selection')?.textContent ?? ''), null, { timeout: 10_000 });
    await restMouse();
    await key('Control+K');
    await key('Control+I');
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('.monaco-editor .monaco-hover')].some((h) => {
          const t = h.textContent ?? '';
          return h.getClientRects().length > 0 && t.includes('unresolved-ref') && t.includes('A reference to an id that exists nowhere in the workspace');
        }),
      null,
      { timeout: 20_000 },
    );
    await picture('vscode-diagnostics-hover');
  });
  await key('Escape');
  await check('Command Palette lists the kpilens commands', {}, async () => {
    await quickOpen('>', 'kpilens');
    await page.waitForFunction(
      () => {
        const rows = [...document.querySelectorAll('.quick-input-list .monaco-list-row')].map((r) => r.textContent ?? '');
        return rows.some((t) => /preview/i.test(t)) && rows.some((t) => /restart/i.test(t));
      },
      null,
      { timeout: 10_000 },
    );
  });
  await shot('command-palette');
  await check('kpilens: open preview shows the cascade beside the editor', { tag: 'preview' }, async () => {
    // The picture shows the editor and the preview only: the panel and the side bar are hidden.
    await openPreview('team.kpi.yaml');
    const frame = preview();
    await frame.locator('svg.kl-cascade text.kl-label').first().waitFor({ state: 'attached', timeout: 20_000 });
    // A card's label wraps into one tspan per line.
    const labels = await frame
      .locator('svg.kl-cascade text.kl-label')
      .evaluateAll((ts) => ts.map((t) => [...t.querySelectorAll('tspan')].map((s) => s.textContent).join(' ')));
    for (const name of ['Median first response time', 'Open tickets older than 7 days', 'Net Promoter Score']) {
      if (!labels.includes(name)) throw new Error(`no KPI card "${name}" in the cascade; cards: ${JSON.stringify(labels)}`);
    }
    const groups = await frame.locator('svg.kl-cascade text.kl-group-title').allTextContents();
    if (!groups.some((g) => g.includes('Support team'))) throw new Error(`no "Support team" scorecard in the cascade; groups: ${JSON.stringify(groups)}`);
    // Readable as it opens beside the editor, without zooming: the cards' text at 10 px or more.
    const size = await frame.locator('svg.kl-cascade').evaluate((svg) => ({
      panel: svg.ownerDocument.documentElement.clientWidth,
      text: Math.min(
        ...[...svg.querySelectorAll('.kl-node text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * Math.hypot(t.getScreenCTM().a, t.getScreenCTM().b)),
      ),
    }));
    console.log(`    preview panel ${size.panel} px wide, smallest card text ${size.text.toFixed(1)} px`);
    if (!(size.text >= 10)) throw new Error(`card text is ${size.text} px in a panel ${size.panel} px wide`);
    await picture('vscode-preview');
  });
  await check('the preview shows the polarity wheel of team with task overused', { tag: 'preview' }, async () => {
    const frame = preview();
    await frame.getByRole('button', { name: 'Polarity wheel' }).click();
    const wheel = frame.locator('svg.kl-wheel');
    await wheel.waitFor({ state: 'attached', timeout: 10_000 });
    const title = await wheel.locator('text.kl-wheel-title').textContent();
    if (!/Polarity wheel · Support team/.test(title ?? '')) throw new Error(`wheel title is ${JSON.stringify(title)}`);
    await wheel.locator('g.kl-pole.kl-overused[data-pole="task"]').waitFor({ state: 'attached', timeout: 10_000 });
    if ((await wheel.locator('g.kl-pole.kl-overused').count()) !== 1) throw new Error('only task is overused in team.kpi.yaml');
  });
  await shot('wheel');
  return results;
}

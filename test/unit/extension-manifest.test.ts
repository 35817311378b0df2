import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintFiles, RULES } from '../../server/src/engine';
import { newScorecard } from '../../client/src/template';

// The extension manifest must agree with the code: rule ids, commands, contributed files.

const root = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const contributes = pkg.contributes;

describe('package.json contributions', () => {
  it('lists exactly the rule ids of the engine in the kpilens.rules setting', () => {
    const ids = contributes.configuration.properties['kpilens.rules'].propertyNames.enum;
    assert.deepEqual([...ids].sort(), RULES.map((r) => r.meta.id).sort());
  });

  it('registers every contributed command in the client', () => {
    const dir = path.join(root, 'client', 'src');
    const sources = fs
      .readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');
    const missing = contributes.commands.map((c: { command: string }) => c.command).filter((id: string) => !sources.includes(`'${id}'`));
    // The preview command belongs to client/src/preview.ts (registerPreview).
    assert.deepEqual(
      missing.filter((id: string) => id !== 'kpilens.openPreview'),
      [],
    );
  });

  it('points at files that exist and agree with each other', () => {
    const [lang] = contributes.languages;
    assert.equal(lang.id, 'kpi-yaml');
    assert.deepEqual(lang.extensions, ['.kpi.yaml']);
    const config = JSON.parse(fs.readFileSync(path.join(root, lang.configuration), 'utf8'));
    assert.equal(config.comments.lineComment, '#');
    const [grammar] = contributes.grammars;
    const tm = JSON.parse(fs.readFileSync(path.join(root, grammar.path), 'utf8'));
    assert.equal(tm.scopeName, grammar.scopeName);
    assert.ok(fs.existsSync(path.join(root, contributes.yamlValidation[0].url)));
  });

  it('activates only for scorecards (and its commands), also in untrusted workspaces', () => {
    assert.ok(pkg.activationEvents.includes('onLanguage:kpi-yaml'));
    const broad = pkg.activationEvents.filter((e: string) => !/^(onLanguage:kpi-yaml|onCommand:kpilens\.|onWebviewPanel:kpilens\.)/.test(e));
    assert.deepEqual(broad, [], 'nothing that would start kpilens for other files or at start-up');
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(pkg.main, './dist/extension.js');
  });

  it('runs in VS Code for the Web and in virtual workspaces, from files the VSIX ships', () => {
    assert.equal(pkg.browser, './dist/web/extension.js');
    assert.equal(pkg.capabilities.virtualWorkspaces, true);
    const shipped = fs
      .readFileSync(path.join(root, '.vscodeignore'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('!'))
      .map((l) => l.slice(1));
    for (const file of ['dist/extension.js', 'dist/web/extension.js', 'dist/web/server.js']) assert.ok(shipped.includes(file), `${file} is not in the VSIX`);
    const build = fs.readFileSync(path.join(root, 'esbuild.mjs'), 'utf8');
    // The build script's entries, however they are wrapped.
    const flat = build.replace(/\s+/g, ' ');
    assert.match(flat, /entryPoints: \['client\/src\/web\/extension\.ts'\], outfile: 'dist\/web\/extension\.js', platform: 'browser', format: 'cjs'/);
    assert.match(flat, /entryPoints: \['server\/src\/lsp\/web\/main\.ts'\], outfile: 'dist\/web\/server\.js', platform: 'browser'/);
  });

  const shipped = fs
    .readFileSync(path.join(root, '.vscodeignore'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('!'))
    .map((l) => l.slice(1));
  const isShipped = (file: string) => shipped.some((p) => p === file || (p.endsWith('/**') && file.startsWith(p.slice(0, -2))));
  const findingsOf = (text: string, asOf = '2026-11-24') =>
    (lintFiles([{ uri: 'file:///new.kpi.yaml', text }], { asOf }).findings.get('file:///new.kpi.yaml') ?? []).map((f) => `${f.rule}: ${f.message}`);

  it('offers File > New File > KPI Scorecard, a scorecard kpilens finds nothing wrong with, in any year', () => {
    const command = contributes.commands.find((c: { command: string }) => c.command === 'kpilens.newScorecard');
    assert.deepEqual([command.title, command.shortTitle], ['New KPI Scorecard', 'KPI Scorecard']);
    assert.deepEqual(contributes.menus['file/newFile'], [{ command: 'kpilens.newScorecard', group: 'file' }]);
    for (const today of ['2026-01-01', '2026-11-24', '2031-12-31']) assert.deepEqual(findingsOf(newScorecard(today), today), [], today);
    assert.match(newScorecard('2026-11-24'), /^kpilens: 1\.1$/m);
  });

  it('opens the preview from the explorer, the editor and its tab, for scorecards only', () => {
    const menus = contributes.menus;
    assert.deepEqual(menus['explorer/context'], [{ command: 'kpilens.openPreview', when: 'resourceLangId == kpi-yaml', group: 'navigation' }]);
    assert.deepEqual(menus['editor/context'], [{ command: 'kpilens.openPreview', when: 'editorLangId == kpi-yaml', group: 'navigation' }]);
    assert.deepEqual(menus['editor/title/context'], [{ command: 'kpilens.openPreview', when: 'resourceLangId == kpi-yaml', group: '1_open' }]);
  });

  it('indents scorecards with two spaces and never a tab', () => {
    const defaults = contributes.configurationDefaults['[kpi-yaml]'];
    assert.equal(defaults['editor.insertSpaces'], true);
    assert.equal(defaults['editor.tabSize'], 2);
    assert.equal(defaults['editor.detectIndentation'], false);
  });

  it('walks a first-time user through writing, fixing, previewing and status, with pages the VSIX ships', () => {
    const [walkthrough] = contributes.walkthroughs;
    assert.deepEqual(
      walkthrough.steps.map((s: { id: string }) => s.id),
      ['write', 'fix', 'preview', 'status'],
    );
    const commands = new Set(contributes.commands.map((c: { command: string }) => c.command));
    for (const step of walkthrough.steps) {
      const page = step.media.markdown;
      assert.ok(fs.existsSync(path.join(root, page)), page);
      assert.ok(isShipped(page), `${page} is not in the VSIX`);
      for (const [, id] of step.description.matchAll(/\(command:([\w.]+)\)/g)) {
        if (id.startsWith('kpilens.')) assert.ok(commands.has(id), `${step.id} links to ${id}, which is not a command`);
      }
    }
    // A terminal is what VS Code for the Web lacks.
    assert.equal(walkthrough.steps.find((s: { id: string }) => s.id === 'status').when, '!isWeb');
  });

  it('contributes snippets for a scorecard, an objective, a KPI, a standing target, a milestone and a lever, each valid where it goes', () => {
    const [entry] = contributes.snippets;
    assert.equal(entry.language, 'kpi-yaml');
    assert.ok(isShipped(entry.path.replace(/^\.\//, '')));
    const snippets = JSON.parse(fs.readFileSync(path.join(root, entry.path), 'utf8')) as Record<string, { prefix: string; body: string[] }>;
    assert.deepEqual(
      Object.values(snippets).map((s) => s.prefix),
      ['scorecard', 'objective', 'kpi', 'standing target', 'milestone', 'lever'],
    );
    // As the editor inserts a snippet at `indent` when every placeholder keeps its default or first choice.
    const expand = (name: string, indent: string) =>
      snippets[name].body
        .join(`\n${indent}`)
        .replace(/\$\{CURRENT_YEAR\}/g, '2027')
        .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
        .replace(/\$\{\d+:([^}]*)\}/g, '$1')
        .replace(/\$\d+/g, '');
    const head = 'kpilens: 1.1\nscorecard: { id: team, title: Team, owner: lead }\nvision: { statement: Customers rely on us }\n';
    const texts: Record<string, string> = {
      Scorecard: expand('Scorecard', ''),
      Objective: `${head}objectives:\n  ${expand('Objective', '  ')}`,
      KPI: `${head}objectives:\n  - { id: objective-id, title: An objective, supports: [vision] }\nkpis:\n  ${expand('KPI', '  ')}`,
      'Standing target': `${head}kpis:\n  - id: uptime\n    name: Uptime\n    ${expand('Standing target', '    ')}\n`,
      Milestone: `${head}kpis:\n  - id: uptime\n    name: Uptime\n    target: { value: 99, by: 2028-12-31 }\n    milestones:\n      ${expand('Milestone', '      ')}\n`,
      Lever: `${head}kpis:\n  - { id: kpi-id, name: A KPI }\nlevers:\n  ${expand('Lever', '  ')}`,
    };
    for (const [name, text] of Object.entries(texts)) {
      const broken = findingsOf(text).filter((f) => /^(schema|yaml-syntax|unresolved-ref|duplicate-id):/.test(f));
      assert.deepEqual(broken, [], `${name}:\n${text}`);
    }
  });
});

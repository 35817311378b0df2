import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../server/src/engine';

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
    const sources = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
    const missing = contributes.commands.map((c: { command: string }) => c.command).filter((id: string) => !sources.includes(`'${id}'`));
    // The preview command belongs to client/src/preview.ts (registerPreview).
    assert.deepEqual(missing.filter((id: string) => id !== 'kpilens.openPreview'), []);
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
    const shipped = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1));
    for (const file of ['dist/extension.js', 'dist/web/extension.js', 'dist/web/server.js']) assert.ok(shipped.includes(file), `${file} is not in the VSIX`);
    const build = fs.readFileSync(path.join(root, 'esbuild.mjs'), 'utf8');
    assert.match(build, /entryPoints: \['client\/src\/web\/extension\.ts'\], outfile: 'dist\/web\/extension\.js', platform: 'browser', format: 'cjs'/);
    assert.match(build, /entryPoints: \['server\/src\/lsp\/web\/main\.ts'\], outfile: 'dist\/web\/server\.js', platform: 'browser'/);
  });
});

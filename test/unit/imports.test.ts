// The layering of docs/architecture.md, checked on the imports of every source file: the engine
// is pure, only the language server knows LSP, only the extension knows vscode, and the faces
// share the engine rather than each other. ESLint says the same while one types
// (eslint.config.mjs); this test also catches a file that ESLint is told to skip.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const SPECIFIER =
  /(?:^|[\s;])(?:import|export)\s(?:[^'";]*?\sfrom\s)?\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g;
const NODE = new Set(builtinModules);
const isNode = (s: string) => s.startsWith('node:') || NODE.has(s.split('/')[0]);
const isEditor = (s: string) => /^vscode(-languageserver|-languageclient|-jsonrpc)?(\/|$)/.test(s) && !s.startsWith('vscode-uri');

interface Layer {
  /** Folder of the layer, relative to the repository. */
  dir: string;
  /** Why an import is forbidden, or undefined when it is allowed. `target` is repository-relative for relative imports. */
  forbid(specifier: string, target: string | undefined): string | undefined;
}

const inside = (target: string | undefined, dir: string) => target !== undefined && (target === dir || target.startsWith(`${dir}/`));

export const LAYERS: Layer[] = [
  {
    dir: 'server/src/engine',
    forbid: (s, t) =>
      isNode(s)
        ? 'the engine does no I/O: no Node modules'
        : isEditor(s)
          ? 'the engine knows neither LSP nor vscode'
          : t !== undefined && !inside(t, 'server/src/engine') && !inside(t, 'schemas')
            ? 'the engine imports nothing outside itself but the schema'
            : undefined,
  },
  {
    dir: 'server/src/lsp',
    forbid: (s, t) =>
      /^vscode(-languageclient)?(\/|$)/.test(s)
        ? 'the server does not know the VS Code API'
        : inside(t, 'server/src/cli') || inside(t, 'client')
          ? 'the server shares the engine with the CLI, not the CLI itself'
          : undefined,
  },
  {
    dir: 'server/src/cli',
    forbid: (s, t) =>
      isEditor(s)
        ? 'the CLI knows neither LSP nor vscode'
        : inside(t, 'server/src/lsp') || inside(t, 'client')
          ? 'the CLI shares the engine, not the server'
          : undefined,
  },
  {
    dir: 'server/src/node',
    forbid: (s, t) =>
      isEditor(s)
        ? 'the Node helpers know neither LSP nor vscode'
        : inside(t, 'server/src/lsp') || inside(t, 'server/src/cli')
          ? 'the Node helpers serve the CLI and the server, not the other way round'
          : undefined,
  },
  {
    dir: 'client/src',
    forbid: (_s, t) =>
      inside(t, 'server/src') && t !== 'server/src/engine/view/types' && t !== 'server/src/engine/types'
        ? 'the extension talks to the server by LSP; it shares only the types of the view model'
        : undefined,
  },
  {
    dir: 'client/webview',
    forbid: (s, t) =>
      isNode(s) || isEditor(s)
        ? 'the webview is a web page: no Node, no vscode'
        : inside(t, 'server/src') && !inside(t, 'server/src/engine/view') && t !== 'server/src/engine/types'
          ? "the webview draws the engine's view models, nothing else of the server"
          : undefined,
  },
];

/** Every forbidden import of the given files, as `file: specifier (why)`. */
export function violations(files: { file: string; text: string }[]): string[] {
  const out: string[] = [];
  for (const { file, text } of files) {
    const layer = LAYERS.find((l) => inside(file, l.dir));
    if (!layer) continue;
    // Comments may quote imports; only code counts.
    const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
    for (const m of code.matchAll(SPECIFIER)) {
      const s = m[1] ?? m[2] ?? m[3];
      const target = s.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), s)).replace(/\.(ts|js|json)$/, '') : undefined;
      const why = layer.forbid(s, target);
      if (why) out.push(`${file}: ${s} (${why})`);
    }
  }
  return out;
}

function sources(dir: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, d), { withFileTypes: true })) {
      const rel = `${d}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (/\.(ts|mts|js|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push({ file: rel, text: fs.readFileSync(path.join(ROOT, rel), 'utf8') });
    }
  };
  walk(dir);
  return out;
}

describe('layering: imports', () => {
  it('finds no forbidden import in the sources', () => {
    const files = [...sources('server/src'), ...sources('client')];
    assert.ok(files.length > 50, `only ${files.length} source files found`);
    assert.deepEqual(violations(files), []);
  });

  it('flags each kind of forbidden import', () => {
    const found = violations([
      {
        file: 'server/src/engine/rules/x.ts',
        text: "import * as fs from 'node:fs';\nimport { readFileSync } from 'fs';\nimport type { Connection } from 'vscode-languageserver';\nimport { lint } from '../../cli/lint';\n// import { ok } from 'node:path';\n",
      },
      {
        file: 'server/src/engine/y.ts',
        text: "import schema from '../../../schemas/kpi.schema.json';\nimport { parse } from 'yaml';\nimport { a } from './z';\n",
      },
      { file: 'server/src/lsp/x.ts', text: "import * as vscode from 'vscode';\nimport { runLint } from '../cli/lint';\nimport { URI } from 'vscode-uri';\n" },
      { file: 'server/src/cli/x.ts', text: "const s = require('../lsp/server');\n" },
      {
        file: 'client/src/x.ts',
        text: "import { hover } from '../../server/src/lsp/hover';\nimport type { ViewModel } from '../../server/src/engine/view/types';\n",
      },
      { file: 'client/webview/x.ts', text: "import('node:fs');\nimport { renderCascade } from '../../server/src/engine/view/render-cascade';\n" },
    ]);
    assert.deepEqual(found, [
      'server/src/engine/rules/x.ts: node:fs (the engine does no I/O: no Node modules)',
      'server/src/engine/rules/x.ts: fs (the engine does no I/O: no Node modules)',
      'server/src/engine/rules/x.ts: vscode-languageserver (the engine knows neither LSP nor vscode)',
      'server/src/engine/rules/x.ts: ../../cli/lint (the engine imports nothing outside itself but the schema)',
      'server/src/lsp/x.ts: vscode (the server does not know the VS Code API)',
      'server/src/lsp/x.ts: ../cli/lint (the server shares the engine with the CLI, not the CLI itself)',
      'server/src/cli/x.ts: ../lsp/server (the CLI shares the engine, not the server)',
      'client/src/x.ts: ../../server/src/lsp/hover (the extension talks to the server by LSP; it shares only the types of the view model)',
      'client/webview/x.ts: node:fs (the webview is a web page: no Node, no vscode)',
    ]);
  });
});

// One build for every part of kpilens: the extension (client), the language server,
// the CLI and the preview webview. Everything lands in dist/ so the VSIX ships only that.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const { validatorsSource } = createRequire(import.meta.url)('./scripts/validators.cjs');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// The engine's validators module becomes the schema's validators, compiled now rather than at
// each start of the server or the CLI (scripts/validators.cjs).
let validators;
const precompiledValidators = {
  name: 'precompiled-validators',
  setup(build) {
    build.onLoad({ filter: /[\\/]server[\\/]src[\\/]engine[\\/]syntax[\\/]validators\.ts$/ }, () => {
      validators ??= `${validatorsSource()}\nexports.precompiled = { root: exports.root, objectives: exports.objectives, kpis: exports.kpis, levers: exports.levers, disturbances: exports.disturbances };\n`;
      return { contents: validators, loader: 'js', resolveDir: process.cwd() };
    });
  },
};

// The server in a web worker has no folder to read the rule pages from: they go into its bundle.
const ruleDocs = {
  name: 'rule-docs',
  setup(build) {
    build.onLoad({ filter: /[\\/]server[\\/]src[\\/]lsp[\\/]web[\\/]docs\.ts$/ }, () => {
      const docs = Object.fromEntries(
        readdirSync('docs/rules')
          .filter((f) => f.endsWith('.md'))
          .sort()
          .map((f) => [f.slice(0, -3), readFileSync(`docs/rules/${f}`, 'utf8')]),
      );
      return {
        contents: `export const RULE_DOCS = ${JSON.stringify(docs)};\n`,
        loader: 'js',
        watchFiles: readdirSync('docs/rules').map((f) => `docs/rules/${f}`),
      };
    });
  },
};

// csv-parse's Node build uses Node's Buffer; its browser build brings its own.
const csvParseForBrowsers = {
  name: 'csv-parse-browser',
  setup(build) {
    build.onResolve({ filter: /^csv-parse\/sync$/ }, () => ({ path: path.resolve('node_modules/csv-parse/dist/esm/sync.js') }));
  },
};

const common = {
  bundle: true,
  plugins: [precompiledValidators, ruleDocs],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

const entries = [
  // fdir (under tinyglobby) is an ES module that asks import.meta.url for its require(): in a
  // CommonJS bundle that is the bundle's own address.
  {
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node\nconst __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { 'import.meta.url': '__importMetaUrl' },
  },
  // Also the npm package's kpilens-language-server command, for other editors.
  {
    entryPoints: ['server/src/lsp/main.ts'],
    outfile: 'dist/server.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  // The extension, and the small loader VS Code runs, which compiles it with V8's code cache.
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  { entryPoints: ['client/src/loader.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  { entryPoints: ['client/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022' },
  // VS Code for the Web: the extension as the CommonJS module its web worker host loads, and the
  // language server as a script for a web worker of its own.
  {
    entryPoints: ['client/src/web/extension.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
  },
  {
    entryPoints: ['server/src/lsp/web/main.ts'],
    outfile: 'dist/web/server.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    plugins: [...common.plugins, csvParseForBrowsers],
  },
].filter((e) => existsSync(e.entryPoints[0]));

// The preview webview's style sheet ships as it is.
mkdirSync('dist', { recursive: true });
copyFileSync('client/webview/preview.css', 'dist/preview.css');

if (watch) {
  for (const e of entries) await (await esbuild.context({ ...common, ...e })).watch();
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
}

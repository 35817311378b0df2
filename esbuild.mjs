// One build for every part of kpilens: the extension (client), the language server,
// the CLI and the preview webview. Everything lands in dist/ so the VSIX ships only that.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

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

const common = {
  bundle: true,
  plugins: [precompiledValidators],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

const entries = [
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', platform: 'node', format: 'cjs', target: 'node20' },
  // The extension, and the small loader VS Code runs, which compiles it with V8's code cache.
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  { entryPoints: ['client/src/loader.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  { entryPoints: ['client/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022' },
].filter((e) => existsSync(e.entryPoints[0]));

// The preview webview's style sheet ships as it is.
mkdirSync('dist', { recursive: true });
copyFileSync('client/webview/preview.css', 'dist/preview.css');

if (watch) {
  for (const e of entries) await (await esbuild.context({ ...common, ...e })).watch();
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
}

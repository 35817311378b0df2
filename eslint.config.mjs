// ESLint with typescript-eslint: the recommended rules, the type-aware ones that catch the bugs
// an editor's server is prone to (promises left floating or misused, unsafe `any`), and the
// layering of docs/architecture.md as import restrictions (test/unit/imports.test.ts checks the
// same from the other side).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const NODE = {
  group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'url', 'util', 'module', 'vm', 'stream'],
  message: 'The engine is pure: no Node modules (docs/architecture.md).',
};
const EDITOR = {
  group: ['vscode', 'vscode-languageserver*', 'vscode-languageclient*', 'vscode-jsonrpc*'],
  message: 'Only server/src/lsp knows LSP and only client/src knows vscode.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'out/**', '**/*.d.ts', 'scripts/validators.cjs', 'test/e2e/workspace/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // An async function without await is a deliberate API shape here (handlers, commands).
      '@typescript-eslint/require-await': 'off',
      // Sanitizers match control characters on purpose.
      'no-control-regex': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true, allowNullish: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['server/src/engine/**/*.ts'],
    rules: restrict([
      NODE,
      EDITOR,
      { group: ['**/lsp/**', '**/cli/**', '**/node/**', '**/client/**'], message: 'The engine imports nothing of the faces that use it.' },
    ]),
  },
  {
    files: ['server/src/cli/**/*.ts', 'server/src/node/**/*.ts'],
    rules: restrict([EDITOR, { group: ['**/lsp/**', '**/client/**'], message: 'The CLI shares the engine with the server, not the server itself.' }]),
  },
  {
    files: ['server/src/lsp/**/*.ts'],
    rules: restrict([
      { group: ['vscode', 'vscode-languageclient*'], message: 'The server does not know the VS Code API.' },
      { group: ['**/cli/**', '**/client/**'], message: 'The server shares the engine with the CLI, not the CLI itself.' },
    ]),
  },
  {
    files: ['client/webview/**/*.ts'],
    rules: restrict([
      NODE,
      EDITOR,
      { group: ['**/lsp/**', '**/cli/**', '**/node/**'], message: "The webview draws the engine's view models; nothing else of the server." },
    ]),
  },
  {
    files: ['client/src/**/*.ts'],
    rules: restrict([
      {
        regex: 'server/src/(?!engine/view/types$|engine/types$)',
        message: 'The extension talks to the server by LSP; it shares only the types of the view model.',
      },
    ]),
  },
  // Tests, benchmarks and scripts handle parsed JSON and protocol messages as they come.
  {
    files: ['test/**', 'bench/**', 'scripts/**', 'esbuild.mjs'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      // schema.test.ts evaluates the generated validators' code as the bundles do.
      '@typescript-eslint/no-implied-eval': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { ...globals.node, ...globals.mocha } },
    // An empty catch is how these scripts say "best effort" (a kill of a process already gone).
    rules: { ...tseslint.configs.disableTypeChecked.rules, 'no-empty': ['error', { allowEmptyCatch: true }] },
  },
  // The e2e runner passes functions to the browser page, where `document` exists.
  { files: ['test/e2e/*.mjs'], languageOptions: { globals: { ...globals.browser } } },
);

// Test entry point loaded by VS Code's extension host (extensionTestsPath), in the
// @vscode/test-electron style: export run(), resolve when every test passed, reject otherwise.
// Runs mocha (from the project's node_modules) over every *.test.js file in this folder.
'use strict';
const fs = require('fs');
const path = require('path');

const { runAndReport } = require('./report');

function loadMocha() {
  const dir = path.resolve(__dirname, '..', '..', '..', 'node_modules', 'mocha');
  // mocha 12 is an ES module whose CommonJS build is lib/mocha.cjs; older versions are CJS.
  const cjs = path.join(dir, 'lib', 'mocha.cjs');
  return require(fs.existsSync(cjs) ? cjs : dir);
}

exports.run = function run() {
  const Mocha = loadMocha();
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.KPILENS_E2E_TEST_TIMEOUT || 60000),
  });
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return runAndReport(mocha);
};

// Test entry point for the web worker extension host (VS Code for the Web), in the
// @vscode/test-web style: run.mjs bundles this file with esbuild (platform browser, `vscode`
// external) into the extension's folder and names the bundle as extensionTestsPath. The host
// calls run(), which runs mocha's browser build over the tests of web.test.js.
'use strict';

const { runAndReport } = require('../suite/report');

// Mocha's browser build is a UMD file, but mocha's package says it is an ES module, so the bundle
// runs it with this file's `module` in scope: it makes the mocha instance this module's exports.
// It is taken from there, and the exports put back.
require('mocha/mocha.js');
const mocha = module.exports;

function run() {
  // The default reporter of mocha's browser build writes HTML, and a web worker has no page.
  mocha.setup({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60000 });
  require('./web.test.js');
  return runAndReport(mocha);
}

module.exports = { run };

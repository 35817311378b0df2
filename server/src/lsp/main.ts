// The kpilens language server. VS Code starts it over IPC (--node-ipc); other editors and the
// tests run `node dist/server.js --stdio`. createConnection picks the transport from the
// command line.
import { setFlagsFromString } from 'node:v8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { NodeFiles, readRuleDocs } from './node-files';
import { startServer } from './server';

if (!process.argv.slice(2).some((a) => /^--(stdio|node-ipc|socket=|pipe=)/.test(a))) {
  process.stderr.write('The kpilens language server is started by an editor: node server.js --stdio (or --node-ipc, --socket=PORT, --pipe=NAME).\n');
  process.exit(2);
}
// The server lives as long as the editor, and most of what an edit allocates is garbage by the
// next one. V8's default lets the heap grow to several times the live data before a full
// collection: for a 20,000-KPI scorecard 560 MB of RSS for under 120 MB of live data. Growing by
// half at a time, with a smaller young generation, keeps it near 270 MB; edits of a 1,000-KPI
// scorecard take no longer, those of the 20,000-KPI one about a third longer (bench/RESULTS.md).
setFlagsFromString('--heap-growing-percent=50');
setFlagsFromString('--max-semi-space-size=8');
startServer(createConnection(ProposedFeatures.all), { files: new NodeFiles(), ruleDocs: readRuleDocs });

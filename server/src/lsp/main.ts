// The kpilens language server. VS Code starts it over IPC (--node-ipc); other editors and the
// tests run `node dist/server.js --stdio`. createConnection picks the transport from the
// command line.
import { setFlagsFromString } from 'node:v8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

if (!process.argv.slice(2).some((a) => /^--(stdio|node-ipc|socket=|pipe=)/.test(a))) {
  process.stderr.write('The kpilens language server is started by an editor: node server.js --stdio (or --node-ipc, --socket=PORT, --pipe=NAME).\n');
  process.exit(2);
}
// The server lives as long as the editor, and most of what an edit allocates is garbage by the
// next one. V8's default lets the heap grow to several times the live data before a full
// collection: for a 20,000-KPI scorecard about 460 MB of RSS for some 120 MB of live data. Growing
// by a fifth at a time, with a smaller young generation, keeps it under 300 MB for about a tenth
// more time per edit (bench/RESULTS.md).
setFlagsFromString('--heap-growing-percent=20');
setFlagsFromString('--max-semi-space-size=8');
startServer(createConnection(ProposedFeatures.all));

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
setFlagsFromString(`--heap-growing-percent=${process.env.KPILENS_HGP ?? '20'}`);
startServer(createConnection(ProposedFeatures.all));

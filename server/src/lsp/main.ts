// The kpilens language server. VS Code starts it over IPC; other editors and the tests run
// `node dist/server.js --stdio`. createConnection picks the transport from the command line.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));

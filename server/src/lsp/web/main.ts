// The kpilens language server in a browser's web worker, for VS Code for the Web (github.dev,
// vscode.dev): the same server as under Node, reading files through the extension.
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { startServer } from '../server';
import { RULE_DOCS } from './docs';
import { ClientFiles } from './files';

const scope = self as DedicatedWorkerGlobalScope;
const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(scope), new BrowserMessageWriter(scope));
startServer(connection, { files: new ClientFiles(connection), ruleDocs: (rule) => RULE_DOCS[rule] });

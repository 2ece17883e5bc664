/** Language server entry point; the transport (`--node-ipc`, `--stdio`) comes from the command line. */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/start';

startServer(createConnection(ProposedFeatures.all));

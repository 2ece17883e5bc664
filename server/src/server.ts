/** Language server entry point; the transport (`--node-ipc`, `--stdio`) comes from the command line. */
import { setFlagsFromString } from 'node:v8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/start';

/**
 * The bash grammar (WebAssembly) runs on V8's baseline compiler only: while a person types, one RUN
 * is parsed per keystroke, which Liftoff's code does in well under a millisecond, and optimising the
 * grammar's lexer in the background took about 24 MB and stalled the keystrokes it overlapped.
 * Set before the grammar is compiled (startServer loads it).
 */
setFlagsFromString('--liftoff-only');

startServer(createConnection(ProposedFeatures.all));

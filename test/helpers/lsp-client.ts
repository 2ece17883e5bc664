/** Drives the real language server in-process over streams, as an editor would. */
import { PassThrough } from 'node:stream';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection } from 'vscode-languageserver/node';
import type { ClientCapabilities, Diagnostic, InitializeResult, PublishDiagnosticsParams, WorkspaceEdit } from 'vscode-languageserver';
import { startServer } from '../../server/src/lsp/start';

export interface TestClient {
  rpc: MessageConnection;
  init: InitializeResult;
  settings: Record<string, unknown>;
  logs: string[];
  pushed: PublishDiagnosticsParams[];
  refreshes: number;
  /** Edits the server asked the client to apply (`workspace/applyEdit`); each is answered as applied. */
  appliedEdits: WorkspaceEdit[];
  /** `$/progress` values the server reported. */
  progress: unknown[];
  close(): void;
}

export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] }, diagnostics: { refreshSupport: true } },
  textDocument: {
    diagnostic: { dynamicRegistration: false },
    codeAction: { resolveSupport: { properties: ['edit'] }, codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
    completion: { completionItem: { snippetSupport: true } },
  },
  window: { workDoneProgress: true },
};

export async function startTestServer(
  capabilities: ClientCapabilities = FULL_CAPABILITIES,
  settings: Record<string, unknown> = {},
  initializationOptions?: Record<string, unknown>,
): Promise<TestClient> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(server);
  const rpc = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const client: Partial<TestClient> = { rpc, settings, logs: [], pushed: [], refreshes: 0, appliedEdits: [], progress: [] };
  rpc.onRequest('workspace/applyEdit', (params: { edit: WorkspaceEdit }) => {
    client.appliedEdits!.push(params.edit);
    return { applied: true };
  });
  rpc.onRequest('window/workDoneProgress/create', () => null);
  rpc.onRequest('window/showMessageRequest', (p: { message: string }) => {
    client.logs!.push(p.message);
    return null;
  });
  rpc.onNotification('$/progress', (p: { value: unknown }) => void client.progress!.push(p.value));
  rpc.onNotification('$/logTrace', (p: { message: string; verbose?: string }) => void client.logs!.push(`trace: ${p.message}${p.verbose ? ` ${p.verbose}` : ''}`));
  rpc.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) => params.items.map(() => client.settings));
  rpc.onRequest('client/registerCapability', () => null);
  rpc.onRequest('workspace/diagnostic/refresh', () => {
    client.refreshes!++;
    return null;
  });
  rpc.onNotification('window/logMessage', (p: { message: string }) => void client.logs!.push(p.message));
  rpc.onNotification('window/showMessage', (p: { message: string }) => void client.logs!.push(p.message));
  rpc.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => void client.pushed!.push(p));
  rpc.listen();
  client.init = await rpc.sendRequest('initialize', { processId: null, rootUri: null, capabilities, initializationOptions });
  rpc.sendNotification('initialized', {});
  client.close = () => {
    rpc.dispose();
    server.dispose();
  };
  return client as TestClient;
}

export async function pullDiagnostics(client: TestClient, uri: string): Promise<Diagnostic[]> {
  const report = await client.rpc.sendRequest<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
  return report.items;
}

/** The VS Code side: starts the bundled language server over IPC and registers the commands. */
import * as path from 'node:path';
import { window, workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { SERVER_NODE_FLAGS } from './server-options';

let client: LanguageClient | undefined;

function createClient(context: ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: SERVER_NODE_FLAGS } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6019'] } },
  };
  const outputChannel = window.createOutputChannel('Dockerfile Optimizer', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'dockerfile', scheme: 'file' },
      { language: 'dockerfile', scheme: 'untitled' },
    ],
    outputChannel,
    synchronize: { fileEvents: workspace.createFileSystemWatcher('**/{.dockerignore,*.dockerignore}') },
    // The server runs credential helpers from the Docker config only in a trusted workspace.
    initializationOptions: { workspaceTrusted: workspace.isTrusted },
  };
  return new LanguageClient('dockerfileOptimizer', 'Dockerfile Optimizer', serverOptions, clientOptions);
}

export async function activate(context: ExtensionContext): Promise<void> {
  client = createClient(context);
  registerCommands(context, () => client);
  context.subscriptions.push(
    { dispose: () => void client?.stop() },
    workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification('dockerfileOptimizer/workspaceTrusted')),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

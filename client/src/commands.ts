/** Commands of the "Dockerfile Optimizer" category. */
import { commands, ConfigurationTarget, Uri, window, workspace, type ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export const COMMAND_IDS = {
  fixAll: 'dockerfileOptimizer.fixAll',
  convertToMultiStage: 'dockerfileOptimizer.convertToMultiStage',
  pinAllDigests: 'dockerfileOptimizer.pinAllDigests',
  showOutput: 'dockerfileOptimizer.showOutput',
  restartServer: 'dockerfileOptimizer.restartServer',
} as const;

/** Server-side commands: they compute the edit and ask the editor to apply it. */
const SERVER_COMMANDS = { fixAll: 'dockerfileOptimizer.applyFixAll', split: 'dockerfileOptimizer.applySplit', pinAll: 'dockerfileOptimizer.applyPinAll' } as const;

/** Registry lookups are off by default; pinning needs them, so the command offers to turn them on. */
async function registryEnabled(uri: string): Promise<boolean> {
  const config = workspace.getConfiguration('dockerfileOptimizer', Uri.parse(uri));
  if (config.get<boolean>('registry.enabled')) return true;
  const choice = await window.showWarningMessage(
    'Pinning digests looks them up in the images\' registries, and registry lookups are off.',
    'Turn On Registry Lookups',
  );
  if (choice !== 'Turn On Registry Lookups') return false;
  await config.update('registry.enabled', true, ConfigurationTarget.Global);
  return true;
}

function activeDockerfile(): string | undefined {
  const editor = window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'dockerfile') {
    void window.showInformationMessage('Dockerfile Optimizer: open a Dockerfile first');
    return undefined;
  }
  return editor.document.uri.toString();
}

export function registerCommands(context: ExtensionContext, client: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    commands.registerCommand(COMMAND_IDS.fixAll, async () => {
      const uri = activeDockerfile();
      const c = client();
      if (uri && c) await c.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.fixAll, arguments: [uri] });
    }),
    commands.registerCommand(COMMAND_IDS.pinAllDigests, async () => {
      const uri = activeDockerfile();
      const c = client();
      if (uri && c && (await registryEnabled(uri))) await c.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.pinAll, arguments: [uri] });
    }),
    commands.registerCommand(COMMAND_IDS.convertToMultiStage, async () => {
      const uri = activeDockerfile();
      const c = client();
      if (uri && c) await c.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.split, arguments: [uri] });
    }),
    commands.registerCommand(COMMAND_IDS.showOutput, () => client()?.outputChannel.show(true)),
    commands.registerCommand(COMMAND_IDS.restartServer, async () => {
      const c = client();
      if (!c) return;
      await window.withProgress({ location: { viewId: 'workbench.view.explorer' }, title: 'Restarting the Dockerfile Optimizer server' }, () => c.restart());
      void window.setStatusBarMessage('Dockerfile Optimizer: server restarted', 3000);
    }),
  );
}

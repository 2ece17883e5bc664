/** The extension itself: activation (timed), the code under test, contributed and registered commands. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Checklist } from '../report';
import { codeOf, EXTENSION_ID, openWithDiagnostics, ours, scratchCopy, waitFor } from './helpers';

/** The commands the extension documents; each must be in the Command Palette and registered. */
export const DOCUMENTED_COMMANDS = [
  'dockerfileOptimizer.fixAll',
  'dockerfileOptimizer.convertToMultiStage',
  'dockerfileOptimizer.pinAllDigests',
  'dockerfileOptimizer.showOutput',
  'dockerfileOptimizer.restartServer',
];

interface PackageJson {
  contributes?: { commands?: { command: string }[] };
}

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded`);
  return ext;
}

export async function activationChecks(list: Checklist): Promise<void> {
  await list.check('the extension under test is the installed VSIX', () => {
    const expected = process.env.DFO_E2E_EXTENSION_PATH;
    if (expected) assert.equal(extension().extensionPath, expected);
  });

  // First, before anything opens a Dockerfile: activate() awaits the language client's start, so
  // this is the time until the server is initialized and the extension is ready.
  await list.check('activates (timed with extension.activate())', async () => {
    const ext = extension();
    assert.equal(ext.isActive, false, 'already active before the suite activated it (something opened a Dockerfile?)');
    const start = performance.now();
    await ext.activate();
    list.metric('activationMs', Math.round(performance.now() - start));
    assert.equal(ext.isActive, true);
  });
}

export async function commandChecks(list: Checklist): Promise<void> {
  await list.check('every contributed command is registered', async () => {
    const contributed = ((extension().packageJSON as PackageJson).contributes?.commands ?? []).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(contributed.length > 0, 'no commands contributed');
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), [], 'contributed but not registered');
  });

  await list.check('the documented commands are contributed (Command Palette) and registered', async () => {
    const contributed = new Set(((extension().packageJSON as PackageJson).contributes?.commands ?? []).map((c) => c.command));
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(DOCUMENTED_COMMANDS.filter((c) => !registered.has(c)), [], 'not registered');
    assert.deepEqual(DOCUMENTED_COMMANDS.filter((c) => !contributed.has(c)), [], 'registered but missing from contributes.commands');
  });

  await list.check('dockerfileOptimizer.showOutput runs', async () => {
    await vscode.commands.executeCommand('dockerfileOptimizer.showOutput');
  });

  await list.check('dockerfileOptimizer.restartServer runs and the restarted server answers', async () => {
    const folder = await scratchCopy('quick-fixes', 'restart');
    const uri = vscode.Uri.joinPath(folder, 'Dockerfile');
    const { editor } = await openWithDiagnostics(uri);
    await vscode.commands.executeCommand('dockerfileOptimizer.restartServer');
    // A new finding after the restart can only come from the new server process.
    const last = editor.document.lineCount - 1;
    assert.ok(await editor.edit((e) => e.insert(new vscode.Position(last, 0), 'ADD extra.sh /usr/local/bin/extra.sh\n')));
    await waitFor('a copy-local-files finding on the added line from the restarted server', () =>
      ours(uri).some((d) => codeOf(d) === 'copy-local-files' && d.range.start.line === last),
    );
  });
}

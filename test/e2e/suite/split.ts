/**
 * The whole-file multi-stage split, on a copy of examples/node-article, whose `Dockerfile.expected`
 * holds the expected result.
 *
 * Its edit carries a change annotation with `needsConfirmation: true`. What VS Code 1.100 does with it:
 * - through the API (`vscode.executeCodeActionProvider`), the returned edit no longer carries the
 *   annotation (the command converter drops entry metadata), so `workspace.applyEdit` applies it at once;
 * - when the language client applies it (the `convertToMultiStage` command → `workspace/applyEdit`,
 *   or the lightbulb), the Refactor Preview opens with every change UNTICKED; nothing changes until the
 *   user ticks the changes and presses Apply ("Apply" with nothing ticked applies nothing).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Checklist } from '../report';
import { openWithDiagnostics, scratchCopy, textOf, waitFor } from './helpers';

export const SPLIT_TITLE = 'Split into builder and runtime stages';
const PREVIEW_SCHEME = 'vscode-bulkeditpreview-editor';

async function expectedSplit(folder: vscode.Uri): Promise<string> {
  const expected = await textOf(vscode.Uri.joinPath(folder, 'Dockerfile.expected'));
  if (expected === undefined) throw new Error('examples/node-article/Dockerfile.expected is missing');
  return expected;
}

/** Whether an editor tab shows the Refactor Preview's diff (its URIs use the preview's scheme). */
function previewTabOpen(): boolean {
  return vscode.window.tabGroups.all.some((group) =>
    group.tabs.some((tab) => {
      const input = tab.input as { modified?: vscode.Uri; textDiffs?: { modified?: vscode.Uri }[] } | undefined;
      const uris = [input?.modified, ...(input?.textDiffs ?? []).map((d) => d.modified)];
      return uris.some((u) => u?.scheme === PREVIEW_SCHEME);
    }),
  );
}

async function tryCommand(id: string): Promise<void> {
  try {
    await vscode.commands.executeCommand(id);
  } catch {
    // the view is not available yet
  }
}

export async function splitChecks(list: Checklist): Promise<void> {
  await list.check(`node-article: refactor.rewrite "${SPLIT_TITLE}" gives Dockerfile.expected`, async () => {
    const copy = await scratchCopy('node-article', 'split-action');
    const uri = vscode.Uri.joinPath(copy, 'Dockerfile');
    await openWithDiagnostics(uri);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(0, 0, 0, 0), vscode.CodeActionKind.RefactorRewrite.value, 100);
    const split = actions.find((a) => a.title === SPLIT_TITLE && a.kind?.value === vscode.CodeActionKind.RefactorRewrite.value);
    assert.ok(split, `no "${SPLIT_TITLE}" refactor.rewrite action; offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(split.edit, 'the action was resolved to an edit (codeAction/resolve)');
    assert.ok(await vscode.workspace.applyEdit(split.edit));
    assert.equal(await textOf(uri), await expectedSplit(copy));
  });

  await list.check('node-article: dockerfileOptimizer.convertToMultiStage waits in the Refactor Preview until the user ticks and applies it', async () => {
    const copy = await scratchCopy('node-article', 'convert-command');
    const uri = vscode.Uri.joinPath(copy, 'Dockerfile');
    const { editor } = await openWithDiagnostics(uri);
    const original = editor.document.getText();
    let settled = false;
    const pending = Promise.resolve(vscode.commands.executeCommand('dockerfileOptimizer.convertToMultiStage')).finally(() => (settled = true));
    // A keyboard user: focus the preview's change list, open the first entry (the file), tick it, apply.
    await waitFor('the Refactor Preview to show the rewrite', async () => {
      if (settled) throw new Error(`the command finished without a preview; text ${editor.document.getText() === original ? 'unchanged' : 'changed'}`);
      await tryCommand('refactorPreview.focus');
      await tryCommand('list.focusFirst');
      await tryCommand('list.select');
      return previewTabOpen();
    });
    assert.equal(editor.document.getText(), original, 'the text changed before the preview was accepted');
    await vscode.commands.executeCommand('refactorPreview.focus');
    await vscode.commands.executeCommand('list.focusFirst');
    await vscode.commands.executeCommand('refactorPreview.toggleCheckedState');
    await vscode.commands.executeCommand('refactorPreview.apply');
    await pending;
    assert.equal(editor.document.getText(), await expectedSplit(copy));
  });
}

/**
 * Diagnostics, quick fixes and fix-all, checked against what the CLI reports and does for the same
 * folder (computed by the runner, see ../expectations.ts).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CliFinding, FolderExpectations } from '../expectations';
import type { Checklist } from '../report';
import { assertFiles, codeOf, firstDifference, openWithDiagnostics, ours, sameRange, scratchCopy, waitFor } from './helpers';

const SEVERITY: Record<CliFinding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

const FIX_ALL_KIND = 'source.fixAll.dockerfileOptimizer';

function describe(d: { code: string | undefined; line: number; column: number; severity: number; message: string }): string {
  return `${d.line}:${d.column} ${d.code} [${d.severity}] ${d.message}`;
}

function findingOf(diagnostic: vscode.Diagnostic) {
  const { start } = diagnostic.range;
  return { code: codeOf(diagnostic), line: start.line + 1, column: start.character + 1, severity: diagnostic.severity, message: diagnostic.message };
}

/** Waits until the editor's diagnostics match the CLI's findings (same rule, range, severity and message). */
async function diagnosticsMatch(uri: vscode.Uri, findings: CliFinding[]): Promise<void> {
  const expected = findings.map((f) => describe({ code: f.ruleId, line: f.line, column: f.column, severity: SEVERITY[f.severity], message: f.message })).sort();
  let actual: string[] = [];
  try {
    await waitFor('the editor diagnostics to match the CLI findings', () => {
      actual = ours(uri).map((d) => describe(findingOf(d))).sort();
      return JSON.stringify(actual) === JSON.stringify(expected);
    }, 10_000);
  } catch {
    assert.deepEqual(actual, expected, 'editor diagnostics (actual) vs CLI findings (expected)');
  }
  for (const f of findings) {
    const d = ours(uri).find((x) => codeOf(x) === f.ruleId && sameRange(x.range, f.line, f.column, f.endLine, f.endColumn));
    assert.ok(d, `no diagnostic with the CLI's exact range for ${f.ruleId} ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`);
  }
}

/** The quick fix with this title at the diagnostic: first as listed (lazy, no edit yet), then resolved (codeAction/resolve). */
async function quickFixFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic, title: string): Promise<vscode.CodeAction> {
  const find = async (resolveCount?: number) => {
    const args = [uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value, ...(resolveCount ? [resolveCount] : [])];
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', ...args);
    const action = actions.find((a) => a.title === title && a.kind?.value === vscode.CodeActionKind.QuickFix.value);
    if (!action) throw new Error(`no quick fix "${title}"; offered: ${actions.map((a) => a.title).join(' | ')}`);
    return action;
  };
  assert.equal((await find()).edit, undefined, 'the quick fix computed its edit before it was picked (it should be resolved lazily)');
  return find(100);
}

export async function diagnosticChecks(list: Checklist, folder: string, expectations: FolderExpectations): Promise<void> {
  await list.check(`${folder}: diagnostics match the CLI (rule, range, severity, message)`, async () => {
    const copy = await scratchCopy(folder, `${folder}-diagnostics`);
    const uri = vscode.Uri.joinPath(copy, 'Dockerfile');
    const start = Date.now();
    await openWithDiagnostics(uri);
    list.metric(`${folder}.firstDiagnosticsMs`, Date.now() - start);
    await diagnosticsMatch(uri, expectations.findings);
    for (const d of ours(uri)) assert.ok(d.code && typeof d.code === 'object' && d.code.target.toString().includes(String(codeOf(d))), `${codeOf(d)} links to its rule page`);
  });
}

export async function quickFixChecks(list: Checklist, folder: string, expectations: FolderExpectations): Promise<void> {
  for (const finding of expectations.findings.filter((f) => f.fix)) {
    const fix = finding.fix!;
    const expected = expectations.fixes[finding.ruleId];
    const writesOtherFiles = expected !== undefined && Object.keys(expected).some((f) => f !== 'Dockerfile');
    const count = (uri: vscode.Uri) => ours(uri).filter((d) => codeOf(d) === finding.ruleId).length;
    let applied: { copy: vscode.Uri; uri: vscode.Uri; before: number } | undefined;

    await list.check(`${folder}: quick fix of ${finding.ruleId} at ${finding.line}:${finding.column} "${fix.title}"`, async () => {
      const copy = await scratchCopy(folder, `${folder}-${finding.ruleId}`);
      const uri = vscode.Uri.joinPath(copy, 'Dockerfile');
      await openWithDiagnostics(uri);
      const diagnostic = await waitFor(`the ${finding.ruleId} diagnostic`, () =>
        ours(uri).find((d) => codeOf(d) === finding.ruleId && sameRange(d.range, finding.line, finding.column, finding.endLine, finding.endColumn)),
      );
      const action = await quickFixFor(uri, diagnostic, fix.title);
      assert.equal(action.isPreferred ?? false, fix.safety === 'safe', 'safe fixes (and only they) are preferred');
      assert.ok(action.edit, 'the quick fix was resolved to an edit (codeAction/resolve)');
      const before = count(uri);
      assert.ok(await vscode.workspace.applyEdit(action.edit), 'workspace.applyEdit returned false');
      // With one finding of the rule, the result must be what the CLI's fix gives; with several, this one goes away.
      if (expected) {
        assert.notDeepEqual(expected, {}, 'the CLI fix changed nothing');
        await assertFiles(copy, expected);
      }
      applied = { copy, uri, before };
      if (!writesOtherFiles) await waitFor(`one ${finding.ruleId} finding fewer after the server re-checks`, () => count(uri) === before - 1);
    });

    if (!writesOtherFiles || !applied) continue;
    const { copy, uri, before } = applied;
    await list.check(`${folder}: once the files "${fix.title}" wrote are saved, the ${finding.ruleId} finding goes away`, async () => {
      for (const file of Object.keys(expected)) {
        const target = vscode.Uri.joinPath(copy, ...file.split('/')).toString();
        const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target);
        if (document?.isDirty) assert.ok(await document.save(), `saving ${file} failed`);
      }
      try {
        await waitFor(`one ${finding.ruleId} finding fewer after saving`, () => count(uri) === before - 1, 5_000);
      } catch {
        // Tell a stale server-side analysis apart from a wrong fix: does an edit of the Dockerfile clear it?
        const document = await vscode.workspace.openTextDocument(uri);
        const edit = new vscode.WorkspaceEdit();
        edit.insert(uri, new vscode.Position(document.lineCount, 0), '\n');
        await vscode.workspace.applyEdit(edit);
        const afterEdit = await waitFor('a re-check', () => count(uri) === before - 1, 5_000).then(() => true, () => false);
        throw new Error(
          afterEdit
            ? `still reported after saving; it only goes away once the Dockerfile itself is edited: the server does not re-check open Dockerfiles when their build context changes (workspace/didChangeWatchedFiles)`
            : 'still reported after saving, and after an edit of the Dockerfile',
        );
      }
    });
  }
}

export async function fixAllChecks(list: Checklist, folder: string, expectations: FolderExpectations): Promise<void> {
  await list.check(`${folder}: ${FIX_ALL_KIND} code action applies the safe fixes (as \`--fix\`)`, async () => {
    const copy = await scratchCopy(folder, `${folder}-fix-all-action`);
    const uri = vscode.Uri.joinPath(copy, 'Dockerfile');
    const { editor } = await openWithDiagnostics(uri);
    const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, whole, FIX_ALL_KIND, 100);
    const fixAll = actions.filter((a) => a.kind?.value === FIX_ALL_KIND);
    assert.equal(fixAll.length, 1, `one ${FIX_ALL_KIND} action; got ${actions.map((a) => `${a.kind?.value}: ${a.title}`).join(' | ')}`);
    assert.ok(fixAll[0].edit, 'the fix-all action carries its edit');
    assert.ok(await vscode.workspace.applyEdit(fixAll[0].edit));
    await assertFiles(copy, expectations.fixAll);
  });

  // The in-host workspace's .vscode/settings.json turns this on for Dockerfiles.
  await list.check(`${folder}: ${FIX_ALL_KIND} runs on save (editor.codeActionsOnSave)`, async () => {
    const copy = await scratchCopy(folder, `${folder}-fix-all-on-save`);
    const uri = vscode.Uri.joinPath(copy, 'Dockerfile');
    const { editor } = await openWithDiagnostics(uri);
    const setting = vscode.workspace.getConfiguration('editor', { uri, languageId: 'dockerfile' }).get<Record<string, string>>('codeActionsOnSave');
    assert.equal(setting?.[FIX_ALL_KIND], 'explicit', 'the workspace settings should turn fix-all on save on');
    assert.ok(await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# saved\n')), 'could not make the document dirty');
    assert.ok(await editor.document.save(), 'save failed (was the document saved already? files.autoSave must be off)');
    // What was written is what counts; VS Code swallows errors of on-save actions, so on a mismatch say what the state is.
    const expected = `# saved\n${expectations.fixAll.Dockerfile ?? ''}`;
    let onDisk = '';
    const read = async () => (onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) === expected;
    if (!(await waitFor('the saved file to hold the fixed text', read, 5_000).then(() => true, () => false))) {
      const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(0, 0, editor.document.lineCount, 0), FIX_ALL_KIND);
      throw new Error(
        `the saved file lacks the fixes, ${firstDifference(expected, onDisk)}; after the save the document is at version ${editor.document.version}, ` +
          `${editor.document.isDirty ? 'dirty' : 'clean'}, and fix-all is offered ${offered.filter((a) => a.kind?.value === FIX_ALL_KIND).length} time(s)`,
      );
    }
  });

  await list.check(`${folder}: dockerfileOptimizer.fixAll command applies the safe fixes (as \`--fix\`)`, async () => {
    const copy = await scratchCopy(folder, `${folder}-fix-all-command`);
    const uri = vscode.Uri.joinPath(copy, 'Dockerfile');
    await openWithDiagnostics(uri);
    await vscode.commands.executeCommand('dockerfileOptimizer.fixAll');
    await assertFiles(copy, expectations.fixAll);
  });
}

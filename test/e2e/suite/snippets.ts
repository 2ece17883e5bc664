/** The contributed snippets (read from the installed extension) are offered as snippet completions and insert their body. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Checklist } from '../report';
import { EXTENSION_ID, waitFor } from './helpers';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
}

function contributedSnippets(): Snippet[] {
  const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
  const files = ((ext.packageJSON as { contributes?: { snippets?: { language: string; path: string }[] } }).contributes?.snippets ?? [])
    .filter((s) => s.language === 'dockerfile');
  return files.flatMap((f) => Object.values(JSON.parse(fs.readFileSync(path.join(ext.extensionPath, f.path), 'utf8')) as Record<string, Snippet>));
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

async function setText(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

export async function snippetChecks(list: Checklist): Promise<void> {
  const snippets = contributedSnippets();
  const document = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: '' });

  await list.check(`every contributed snippet (${snippets.length}) is offered with kind Snippet and its body`, async () => {
    assert.ok(snippets.some((s) => s.prefix === 'dfo-node'), 'no dfo-node snippet contributed');
    const problems: string[] = [];
    for (const snippet of snippets) {
      for (const prefix of Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix]) {
        await setText(document, prefix);
        const position = document.lineAt(0).range.end;
        const completions = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
        const item = completions.items.find((i) => labelOf(i) === prefix);
        const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
        if (!item) problems.push(`${prefix}: not offered`);
        else if (item.kind !== vscode.CompletionItemKind.Snippet) problems.push(`${prefix}: kind ${item.kind}, not Snippet`);
        else if (!(item.insertText instanceof vscode.SnippetString) || item.insertText.value !== body) problems.push(`${prefix}: inserts something else than its body`);
      }
    }
    assert.deepEqual(problems, []);
  });

  await list.check('accepting the dfo-node suggestion inserts the multi-stage template', async () => {
    const editor = await vscode.window.showTextDocument(document);
    for (let attempt = 1; ; attempt++) {
      await setText(document, 'dfo-node');
      const end = document.lineAt(0).range.end;
      editor.selection = new vscode.Selection(end, end);
      await vscode.commands.executeCommand('editor.action.triggerSuggest');
      // The suggest widget needs a moment to settle before it accepts (see E2E.md, "Flaky snippet accept").
      await new Promise((r) => setTimeout(r, 300));
      await vscode.commands.executeCommand('acceptSelectedSuggestion');
      try {
        await waitFor('the template', () => document.getText().includes('FROM node:22 AS builder') && !document.getText().includes('dfo-node'), 3000);
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        await vscode.commands.executeCommand('hideSuggestWidget');
      }
    }
    assert.match(document.getText(), /^# syntax=docker\/dockerfile:1\n\nFROM node:22 AS builder\n/);
    await vscode.commands.executeCommand('leaveSnippet');
  });
}

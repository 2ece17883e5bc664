/** Shared helpers of the in-host suite: waiting, scratch copies, our diagnostics, expectations. */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Expectations, FileTexts } from '../expectations';

export const EXTENSION_ID = 'dockerfile-optimizer.dockerfile-optimizer';
export const SOURCE = 'dockerfile-optimizer';

/** Polls `probe` until it returns a truthy value; the error names what was awaited and the last value seen. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return folder.uri;
}

let scratchCount = 0;
/** A fresh copy of a workspace folder (e.g. `quick-fixes`), so each check starts from the fixture. */
export async function scratchCopy(folder: string, label: string): Promise<vscode.Uri> {
  const target = vscode.Uri.joinPath(workspaceRoot(), '.scratch', `${++scratchCount}-${label}`);
  await vscode.workspace.fs.copy(vscode.Uri.joinPath(workspaceRoot(), folder), target, { overwrite: true });
  return target;
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** Opens a Dockerfile in an editor and waits for its first diagnostics from the language server. */
export async function openWithDiagnostics(uri: vscode.Uri): Promise<{ editor: vscode.TextEditor; diagnostics: vscode.Diagnostic[] }> {
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  if (document.languageId !== 'dockerfile') throw new Error(`${uri.path} opened as ${document.languageId}, not dockerfile`);
  const diagnostics = await waitFor(`diagnostics for ${uri.path}`, () => {
    const d = ours(uri);
    return d.length > 0 && d;
  });
  return { editor, diagnostics };
}

/** The text of a file as the editor sees it (open documents include unsaved edits). */
export async function textOf(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** "line N: expected … / actual …" for the first line where two texts differ. */
export function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const i = a.findIndex((line, n) => line !== b[n]);
  const at = i === -1 ? a.length : i;
  return `line ${at + 1}: expected ${JSON.stringify(a[at] ?? '(end of file)')}, actual ${JSON.stringify(b[at] ?? '(end of file)')}`;
}

/** Asserts that the files of `folder` named in `expected` have exactly the expected texts. */
export async function assertFiles(folder: vscode.Uri, expected: FileTexts): Promise<void> {
  for (const [file, text] of Object.entries(expected)) {
    const actual = await textOf(vscode.Uri.joinPath(folder, ...file.split('/')));
    if (actual === undefined) throw new Error(`${file} is missing; the CLI's fix writes it`);
    if (actual !== text) throw new Error(`${file} differs from what the CLI produces, ${firstDifference(text, actual)}\n--- expected\n${text}\n--- actual\n${actual}`);
  }
}

export function loadExpectations(): Expectations {
  const file = process.env.DFO_E2E_EXPECTED;
  if (!file) throw new Error('DFO_E2E_EXPECTED is not set (the runner computes it with the CLI)');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Expectations;
}

export function sameRange(a: vscode.Range, line: number, column: number, endLine: number, endColumn: number): boolean {
  return a.start.line === line - 1 && a.start.character === column - 1 && a.end.line === endLine - 1 && a.end.character === endColumn - 1;
}

export function fail(message: string): never {
  throw new Error(message);
}

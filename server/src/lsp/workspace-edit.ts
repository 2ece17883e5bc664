/** Core edits as an LSP WorkspaceEdit, including edits to and creation of other files (`.dockerignore`). */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CreateFile,
  TextDocumentEdit,
  type ChangeAnnotation,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Edit } from '../core/types';
import { fileLocation } from './analysis';

export interface EditOptions {
  /** The client applies `documentChanges` with create operations. */
  documentChanges: boolean;
  /** Mark every change as needing confirmation (opens the refactor preview). */
  confirm?: ChangeAnnotation;
}

function textEdits(edits: Edit[], annotation?: string): TextEdit[] {
  return edits.map((e) => (annotation ? { range: e.range, newText: e.newText, annotationId: annotation } : { range: e.range, newText: e.newText }));
}

export function toWorkspaceEdit(document: TextDocument, edits: Edit[], options: EditOptions): WorkspaceEdit | undefined {
  const own = edits.filter((e) => !e.file);
  const others = new Map<string, Edit[]>();
  for (const e of edits) if (e.file) others.set(e.file, [...(others.get(e.file) ?? []), e]);
  const location = fileLocation(document.uri);
  if (others.size > 0 && (!location || !options.documentChanges)) return undefined;
  const annotation = options.confirm ? 'dockerfileOptimizer.confirm' : undefined;

  if (!options.documentChanges) return { changes: { [document.uri]: textEdits(own) } };
  const documentChanges: WorkspaceEdit['documentChanges'] = [];
  if (own.length) documentChanges.push(TextDocumentEdit.create({ uri: document.uri, version: document.version }, textEdits(own, annotation)));
  for (const [file, fileEdits] of others) {
    const uri = pathToFileURL(path.join(location!.dir, file)).toString();
    const create = fileEdits.find((e) => e.createFile);
    if (create) {
      documentChanges.push(CreateFile.create(uri, { ignoreIfExists: false, overwrite: false }, annotation));
      documentChanges.push(TextDocumentEdit.create({ uri, version: null }, textEdits([{ ...create, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }], annotation)));
    } else {
      documentChanges.push(TextDocumentEdit.create({ uri, version: null }, textEdits(fileEdits, annotation)));
    }
  }
  const result: WorkspaceEdit = { documentChanges };
  if (options.confirm && annotation) result.changeAnnotations = { [annotation]: options.confirm };
  return result;
}

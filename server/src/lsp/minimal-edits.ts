/** The smallest line-based edits that turn one text into another, so the editor keeps the cursor and folds. */
import { diffLines } from 'diff';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Edit } from '../core/types';

export function minimalEdits(before: string, after: string): Edit[] {
  const doc = TextDocument.create('file:///x', 'plaintext', 0, before);
  const edits: Edit[] = [];
  let offset = 0;
  let pending: { start: number; end: number; text: string } | undefined;
  const flush = () => {
    if (pending) edits.push({ range: { start: doc.positionAt(pending.start), end: doc.positionAt(pending.end) }, newText: pending.text });
    pending = undefined;
  };
  for (const part of diffLines(before, after)) {
    if (part.added) {
      pending ??= { start: offset, end: offset, text: '' };
      pending.text += part.value;
    } else if (part.removed) {
      pending ??= { start: offset, end: offset, text: '' };
      offset += part.value.length;
      pending.end = offset;
    } else {
      flush();
      offset += part.value.length;
    }
  }
  flush();
  return edits;
}

/** Edit builders shared by the fixes, and applying edits to text. */
import type { DockerfileModel, Instr } from './model';
import type { Edit, Range } from './types';

/** The file's line ending: `\r\n` when its first line break is CRLF. */
export function eol(model: DockerfileModel): string {
  const nl = model.text.indexOf('\n');
  return nl > 0 && model.text[nl - 1] === '\r' ? '\r\n' : '\n';
}

export function replace(range: Range, newText: string): Edit {
  return { range, newText };
}

/** The leading whitespace of an instruction's first line. */
export function indentOf(model: DockerfileModel, instr: Instr): string {
  const lineStart = model.offsetAt({ line: instr.range.start.line, character: 0 });
  return /^[ \t]*/.exec(model.text.slice(lineStart))![0];
}

/** Inserts whole lines before an instruction's first line, indented like it. */
export function insertLinesBefore(model: DockerfileModel, instr: Instr, lines: string[]): Edit {
  const at = { line: instr.range.start.line, character: 0 };
  const indent = indentOf(model, instr);
  const nl = eol(model);
  return { range: { start: at, end: at }, newText: lines.map((l) => indent + l + nl).join('') };
}

/**
 * Inserts whole lines after an instruction's last line. An instruction that ends the file with a
 * dangling line continuation would swallow the new lines, so that escape character is removed.
 */
export function insertLinesAfter(model: DockerfileModel, instr: Instr, lines: string[]): Edit {
  const nl = eol(model);
  const end = instr.range.end;
  const instrEnd = model.offsetAt(end);
  const body = model.text.slice(0, instrEnd).trimEnd();
  if (body.endsWith(model.escapeChar) && model.text.slice(instrEnd).trim() === '') {
    const indent = indentOf(model, instr);
    const range = { start: model.positionAt(body.length - 1), end: model.positionAt(model.text.length) };
    return { range, newText: nl + lines.map((l) => indent + l + nl).join('') };
  }
  const lineEnd = model.offsetAt({ line: end.line + 1, character: 0 });
  const atEof = lineEnd >= model.text.length && !model.text.endsWith('\n');
  const pos = model.positionAt(atEof ? model.text.length : lineEnd);
  const indent = indentOf(model, instr);
  const text = lines.map((l) => indent + l).join(nl);
  return { range: { start: pos, end: pos }, newText: atEof ? nl + text : text + nl };
}

/** The range of an instruction's whole lines, including the final line break. */
export function instructionLines(model: DockerfileModel, instr: Instr): Range {
  const start = { line: instr.range.start.line, character: 0 };
  const nextLine = model.offsetAt({ line: instr.range.end.line + 1, character: 0 });
  return { start, end: model.positionAt(nextLine) };
}

/** The offset of a position; a character past the end of its line means the end of the line, before `\n` or `\r\n` (as in LSP). */
function offsetIn(text: string, lineStarts: number[], pos: { line: number; character: number }): number {
  if (pos.line >= lineStarts.length) return text.length;
  let lineEnd = text.length;
  if (pos.line + 1 < lineStarts.length) {
    lineEnd = lineStarts[pos.line + 1] - 1;
    if (lineEnd > lineStarts[pos.line] && text[lineEnd - 1] === '\r') lineEnd--;
  }
  return Math.min(lineStarts[pos.line] + pos.character, lineEnd);
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export class EditConflictError extends Error {}

/** Applies edits to one text. Edits may not overlap (insertions at one point are applied in order given). */
export function applyEdits(text: string, edits: Array<Pick<Edit, 'range' | 'newText'>>): string {
  const lineStarts = lineStartsOf(text);
  const spans = edits
    .map((e, order) => ({ start: offsetIn(text, lineStarts, e.range.start), end: offsetIn(text, lineStarts, e.range.end), text: e.newText, order }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  let out = '';
  let cursor = 0;
  for (const span of spans) {
    if (span.start < cursor || span.end < span.start) throw new EditConflictError('Overlapping edits');
    out += text.slice(cursor, span.start) + span.text;
    cursor = span.end;
  }
  return out + text.slice(cursor);
}

/** Whether two edits touch the same text (two insertions at one point count as touching). */
export function editsOverlap(a: Edit, b: Edit, model: DockerfileModel): boolean {
  if ((a.file ?? '') !== (b.file ?? '')) return false;
  if (a.file) return true;
  const [as, ae, bs, be] = [a.range.start, a.range.end, b.range.start, b.range.end].map((p) => model.offsetAt(p));
  return as <= be && bs <= ae;
}

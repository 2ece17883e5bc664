/** Edit builders shared by the fixes, and applying edits to text. */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DockerfileModel, Instr } from './model';
import type { Edit, Range } from './types';

/** The file's line ending: that of its first line break, `\r\n`, `\n` or (old Mac files) `\r`. */
export function eol(model: DockerfileModel): string {
  const at = model.text.search(/[\r\n]/);
  if (at < 0 || model.text[at] === '\n') return '\n';
  return model.text[at + 1] === '\n' ? '\r\n' : '\r';
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

/** The delimiters of an instruction's heredocs that are never closed (their body runs to the end of the file). */
function unclosedHeredocs(model: DockerfileModel, instr: Instr): string[] {
  // dockerfile-ast finds no delimiter on lines that end with a lone `\r`; the instruction then still ends before the file does.
  if (model.text.slice(model.offsetAt(instr.range.end)).trim() !== '') return [];
  const node = instr.node as unknown as { getHeredocs?: () => Array<{ getName(): string | undefined; getDelimiterRange(): Range | null }> };
  const lastLine = model.textOf(instr.range).split(/\r\n|\r|\n/).pop()!.replace(/^\t+/, '');
  try {
    return (node.getHeredocs?.() ?? []).filter((h) => h.getDelimiterRange() === null && h.getName() && h.getName() !== lastLine).map((h) => h.getName()!);
  } catch {
    return [];
  }
}

/**
 * Inserts whole lines after an instruction's last line. An instruction that ends the file with a
 * dangling line continuation would swallow the new lines, so that escape character is removed; one
 * whose heredoc is never closed would take them as heredoc lines, so the heredoc is closed first.
 */
export function insertLinesAfter(model: DockerfileModel, instr: Instr, lines: string[]): Edit {
  const nl = eol(model);
  const end = instr.range.end;
  const instrEnd = model.offsetAt(end);
  const unclosed = unclosedHeredocs(model, instr);
  if (unclosed.length > 0) {
    const at = model.positionAt(model.text.length);
    const before = /[\r\n]$/.test(model.text) || model.text === '' ? '' : nl;
    const indent = indentOf(model, instr);
    return { range: { start: at, end: at }, newText: before + unclosed.map((d) => d + nl).join('') + lines.map((l) => indent + l + nl).join('') };
  }
  const body = model.text.slice(0, instrEnd).trimEnd();
  if (body.endsWith(model.escapeChar) && model.text.slice(instrEnd).trim() === '') {
    const indent = indentOf(model, instr);
    const range = { start: model.positionAt(body.length - 1), end: model.positionAt(model.text.length) };
    return { range, newText: nl + lines.map((l) => indent + l + nl).join('') };
  }
  const lineEnd = model.offsetAt({ line: end.line + 1, character: 0 });
  const atEof = lineEnd >= model.text.length && !/[\r\n]$/.test(model.text);
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

export class EditConflictError extends Error {}

/** Applies edits to one text. Edits may not overlap (insertions at one point are applied in order given). */
export function applyEdits(text: string, edits: Array<Pick<Edit, 'range' | 'newText'>>): string {
  // Positions count lines and clamp characters as LSP does (`\r`, `\n` and `\r\n` end a line), like the model that made them.
  const document = TextDocument.create('file:///edited', 'plaintext', 0, text);
  const spans = edits
    .map((e, order) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end), text: e.newText, order }))
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

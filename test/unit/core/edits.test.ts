import { describe, expect, it } from 'vitest';
import {
  applyEdits,
  EditConflictError,
  editsOverlap,
  eol,
  indentOf,
  insertLinesAfter,
  insertLinesBefore,
  instructionLines,
} from '../../../server/src/core/edits';
import { parseDockerfile } from '../../../server/src/core/model';
import type { Edit } from '../../../server/src/core/types';

const at = (line: number, character: number) => ({ line, character });
const edit = (sl: number, sc: number, el: number, ec: number, newText: string): Edit => ({ range: { start: at(sl, sc), end: at(el, ec) }, newText });

describe('applyEdits', () => {
  it('applies edits given in any order', () => {
    const text = 'FROM a\nRUN b\nCMD c\n';
    expect(applyEdits(text, [edit(2, 4, 2, 5, '["c"]'), edit(0, 5, 0, 6, 'alpine'), edit(1, 5, 1, 5, ' -y')])).toBe('FROM alpine\nRUN b -y\nCMD ["c"]\n');
  });

  it('applies insertions at one point in the order given', () => {
    expect(applyEdits('ab', [edit(0, 1, 0, 1, '1'), edit(0, 1, 0, 1, '2'), edit(0, 1, 0, 1, '3')])).toBe('a123b');
  });

  it('allows an insertion right where a replacement ends or starts', () => {
    expect(applyEdits('abc', [edit(0, 1, 0, 2, 'B'), edit(0, 2, 0, 2, '+')])).toBe('aB+c');
    expect(applyEdits('abc', [edit(0, 1, 0, 1, '+'), edit(0, 1, 0, 2, 'B')])).toBe('a+Bc');
  });

  it('deletes across lines', () => {
    expect(applyEdits('FROM a\nRUN b\nRUN c\n', [edit(1, 0, 2, 0, '')])).toBe('FROM a\nRUN c\n');
  });

  it('throws on overlapping edits', () => {
    expect(() => applyEdits('abcdef', [edit(0, 1, 0, 4, 'x'), edit(0, 3, 0, 5, 'y')])).toThrow(EditConflictError);
    expect(() => applyEdits('abcdef', [edit(0, 1, 0, 4, 'x'), edit(0, 2, 0, 2, 'y')])).toThrow(EditConflictError);
  });

  it('counts CRLF line breaks as one line end', () => {
    const text = 'FROM a\r\nRUN b\r\nCMD c\r\n';
    expect(applyEdits(text, [edit(1, 5, 1, 5, ' -y'), edit(2, 0, 3, 0, '')])).toBe('FROM a\r\nRUN b -y\r\n');
  });

  it('clamps a character past the end of a line to the end of the line, before its line break (as LSP does)', () => {
    expect(applyEdits('ab\ncd\n', [edit(0, 99, 0, 99, '!')])).toBe('ab!\ncd\n');
    expect(applyEdits('ab\r\ncd\r\n', [edit(0, 99, 0, 99, '!')])).toBe('ab!\r\ncd\r\n');
    expect(applyEdits('ab\r\ncd\r\n', [edit(0, 1, 0, 99, '')])).toBe('a\r\ncd\r\n');
    expect(applyEdits('ab\ncd', [edit(1, 99, 1, 99, '!')])).toBe('ab\ncd!');
  });

  it('clamps a line past the end to the end of the text', () => {
    expect(applyEdits('ab\n', [edit(5, 0, 5, 0, 'x')])).toBe('ab\nx');
    expect(applyEdits('ab', [edit(1, 0, 1, 0, '\ncd')])).toBe('ab\ncd');
  });

  it('leaves the text alone without edits', () => {
    expect(applyEdits('FROM a\n', [])).toBe('FROM a\n');
  });
});

describe('editsOverlap', () => {
  const model = parseDockerfile('FROM a\nRUN b\n');

  it('compares ranges, touching ones included', () => {
    expect(editsOverlap(edit(0, 0, 0, 4, ''), edit(0, 5, 0, 6, ''), model)).toBe(false);
    expect(editsOverlap(edit(0, 0, 0, 5, ''), edit(0, 5, 0, 6, ''), model)).toBe(true);
    expect(editsOverlap(edit(1, 5, 1, 5, 'x'), edit(1, 5, 1, 5, 'y'), model)).toBe(true);
    expect(editsOverlap(edit(0, 0, 1, 2, ''), edit(0, 3, 0, 3, ''), model)).toBe(true);
  });

  it('edits of different files never overlap; two edits of one other file always do', () => {
    const ignore: Edit = { ...edit(0, 0, 0, 0, '.git\n'), file: '.dockerignore' };
    expect(editsOverlap(ignore, edit(0, 0, 0, 0, 'x'), model)).toBe(false);
    expect(editsOverlap(ignore, { ...edit(3, 0, 3, 0, 'x'), file: '.dockerignore' }, model)).toBe(true);
    expect(editsOverlap(ignore, { ...edit(0, 0, 0, 0, 'x'), file: 'other' }, model)).toBe(false);
  });
});

describe('edit builders', () => {
  it('eol follows the first line break', () => {
    expect(eol(parseDockerfile('FROM a\r\nRUN b\n'))).toBe('\r\n');
    expect(eol(parseDockerfile('FROM a\nRUN b\r\n'))).toBe('\n');
    expect(eol(parseDockerfile('FROM a'))).toBe('\n');
  });

  it('inserts lines before an instruction with its indentation', () => {
    const model = parseDockerfile('FROM a\n  CMD ["x"]\n');
    const cmd = model.instructions[1];
    expect(indentOf(model, cmd)).toBe('  ');
    expect(applyEdits(model.text, [insertLinesBefore(model, cmd, ['USER app', 'ENV A=1'])])).toBe('FROM a\n  USER app\n  ENV A=1\n  CMD ["x"]\n');
  });

  it('inserts lines after a multi-line instruction, in CRLF', () => {
    const model = parseDockerfile('FROM a\r\nRUN b \\\r\n  c\r\nCMD d\r\n');
    expect(applyEdits(model.text, [insertLinesAfter(model, model.instructions[1], ['USER app'])])).toBe('FROM a\r\nRUN b \\\r\n  c\r\nUSER app\r\nCMD d\r\n');
  });

  it('inserts lines after the last instruction of a file without a final newline', () => {
    const model = parseDockerfile('FROM a\nRUN b');
    expect(applyEdits(model.text, [insertLinesAfter(model, model.instructions[1], ['USER app'])])).toBe('FROM a\nRUN b\nUSER app');
  });

  it('instructionLines covers whole lines with the line break', () => {
    const model = parseDockerfile('FROM a\n  RUN b \\\n  c\nCMD d\n');
    const range = instructionLines(model, model.instructions[1]);
    expect(range).toEqual({ start: at(1, 0), end: at(3, 0) });
    expect(applyEdits(model.text, [{ range, newText: '' }])).toBe('FROM a\nCMD d\n');
  });
});

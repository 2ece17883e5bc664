import { defineRule } from '../define-rule';
import type { DockerfileModel, Instr } from '../model';
import type { Range } from '../types';

/** A line that ends in the escape character (and blanks): the instruction goes on. */
const CONTINUES_BACKSLASH = /\\[ \t]*$/;
const CONTINUES_BACKTICK = /`[ \t]*$/;

/**
 * The whitespace-only lines inside an instruction's line continuations (before any heredoc body), and
 * the line where the continuation ends, which is where BuildKit reports them.
 */
export function emptyContinuationLines(model: DockerfileModel, instr: Instr): { empty: number[]; last: number } | undefined {
  const lines = model.lines;
  // The text after the final line break is not a line.
  const count = lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  const continues = model.escapeChar === '`' ? CONTINUES_BACKTICK : CONTINUES_BACKSLASH;
  let line = instr.range.start.line;
  const empty: number[] = [];
  if (line >= count || !continues.test(lines[line])) return undefined;
  while (line + 1 < count) {
    line++;
    const text = lines[line];
    if (/^\s*#/.test(text)) continue;
    if (text.trim() === '') {
      empty.push(line);
      continue;
    }
    if (!continues.test(text)) break;
  }
  return empty.length ? { empty, last: line } : undefined;
}

function wholeLines(model: DockerfileModel, first: number, last: number): Range {
  return { start: { line: first, character: 0 }, end: model.positionAt(model.offsetAt({ line: last + 1, character: 0 })) };
}

export default defineRule({
  id: 'instruction-no-empty-continuation',
  category: 'correctness',
  severity: 'warning',
  fixable: 'safe',
  scope: 'file',
  aliases: ['NoEmptyContinuation'],
  docs: {
    description: 'Line continuations of an instruction have no empty lines in between.',
    rationale:
      'The builder skips an empty line that follows a line ending in `\\`, so the instruction goes on below it. That is easy to misread: it looks like the instruction ended, and a forgotten `\\` silently swallows the next instruction. Docker has announced that empty continuation lines will become an error. The fix removes the empty lines, which changes nothing in the build.',
    bad: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n\n    curl\n',
    good: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n    curl\n',
    references: ['https://docs.docker.com/reference/build-checks/no-empty-continuation/', 'https://github.com/moby/moby/pull/33719'],
  },
  check({ model, report }) {
    for (const instr of model.instructions) {
      const found = emptyContinuationLines(model, instr);
      if (!found) continue;
      const lastText = model.textOf({ start: { line: found.last, character: 0 }, end: { line: found.last + 1, character: 0 } }).replace(/\r?\n$/, '');
      const indent = /^\s*/.exec(lastText)![0].length;
      report({
        range: { start: { line: found.last, character: indent }, end: { line: found.last, character: lastText.length } },
        message: `\`${instr.keyword}\` continues across ${found.empty.length === 1 ? 'an empty line' : `${found.empty.length} empty lines`}`,
        fix: {
          title: found.empty.length === 1 ? 'Remove the empty line' : 'Remove the empty lines',
          safety: 'safe',
          edits: () => found.empty.map((line) => ({ range: wholeLines(model, line, line), newText: '' })),
        },
      });
    }
  },
});

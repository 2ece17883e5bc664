/**
 * The sources and destination of `COPY` and `ADD` as Docker reads them: words split at whitespace
 * outside quotes, with quote removal and the file's escape character, line continuations joined;
 * or the strings of the JSON form. Offsets are document offsets.
 */
import type { JSONInstruction } from 'dockerfile-ast';
import { memoFor, memoKey, type DockerfileModel, type Instr } from './model';
import { commandStart, decodeJsonString } from './shell';

export interface CopyWord {
  /** The word after quote and escape removal. */
  value: string;
  /** The word as written (with its quotes). */
  raw: string;
  start: number;
  end: number;
  /** Where text appended to the word's value goes: before a closing quote, else at the end. */
  appendAt: number;
}

export interface CopyArgs {
  /** The sources; a heredoc source is its `<<EOF` word. */
  sources: CopyWord[];
  dest: CopyWord;
  json: boolean;
  /** Some sources are heredocs. */
  heredoc: boolean;
}

function jsonArgs(model: DockerfileModel, node: JSONInstruction): CopyWord[] | undefined {
  const words: CopyWord[] = [];
  for (const s of node.getJSONStrings()) {
    const start = model.offsetAt(s.getRange().start);
    const end = model.offsetAt(s.getRange().end);
    const decoded = decodeJsonString(model.text, start, end);
    if (!decoded) return undefined;
    words.push({ value: decoded.text, raw: model.text.slice(start, end), start, end, appendAt: end - 1 });
  }
  return words;
}

/** A run of characters that are neither blank, nor a quote, nor the escape character. */
const PLAIN_BACKSLASH = /[^\s"'\\]*/y;
const PLAIN_BACKTICK = /[^\s"'`]*/y;

/** Splits shell-form arguments into words. */
function shellWords(text: string, from: number, to: number, escape: string): CopyWord[] {
  const words: CopyWord[] = [];
  let i = from;
  const isContinuation = (at: number): number | undefined => {
    if (text[at] !== escape) return undefined;
    let j = at + 1;
    while (j < to && (text[j] === ' ' || text[j] === '\t')) j++;
    if (text[j] === '\r') j++;
    return text[j] === '\n' ? j + 1 : undefined;
  };
  while (i < to) {
    const next = isContinuation(i);
    if (next !== undefined) {
      i = next;
      continue;
    }
    if (/\s/.test(text[i])) {
      i++;
      continue;
    }
    const start = i;
    // Most words hold no quote and no escape character: they are their own value.
    const plain = escape === '`' ? PLAIN_BACKTICK : PLAIN_BACKSLASH;
    plain.lastIndex = start;
    const plainEnd = Math.min(to, start + (plain.exec(text)?.[0].length ?? 0));
    if (plainEnd > start && (plainEnd === to || /\s/.test(text[plainEnd]))) {
      const word = text.slice(start, plainEnd);
      words.push({ value: word, raw: word, start, end: plainEnd, appendAt: plainEnd });
      i = plainEnd;
      continue;
    }
    let value = '';
    let quote = '';
    let lastQuoteEnd = -1;
    while (i < to) {
      const cont = isContinuation(i);
      if (cont !== undefined) {
        i = cont;
        continue;
      }
      const ch = text[i];
      if (!quote && /\s/.test(ch)) break;
      if (quote === "'") {
        if (ch === "'") {
          quote = '';
          lastQuoteEnd = i + 1;
        } else value += ch;
      } else if (ch === escape && i + 1 < to && (!quote || text[i + 1] === '"' || text[i + 1] === '$' || text[i + 1] === escape)) {
        value += text[i + 1];
        i++;
      } else if (ch === '"') {
        quote = quote ? '' : '"';
        if (!quote) lastQuoteEnd = i + 1;
      } else if (ch === "'" && !quote) {
        quote = "'";
      } else {
        value += ch;
      }
      i++;
    }
    const end = i;
    words.push({ value, raw: text.slice(start, end), start, end, appendAt: lastQuoteEnd === end ? end - 1 : end });
  }
  return words;
}

/** Per instruction, computed once: several rules read the same `COPY`s. */
const COPY_ARGS = memoKey<Map<Instr, CopyArgs | null>>('copyArgs');

/** The arguments of a `COPY` or `ADD` (shared: do not modify); undefined for fewer than two words. */
export function copyArgs(model: DockerfileModel, instr: Instr): CopyArgs | undefined {
  return memoFor(model, COPY_ARGS, instr, () => computeCopyArgs(model, instr) ?? null) ?? undefined;
}

function computeCopyArgs(model: DockerfileModel, instr: Instr): CopyArgs | undefined {
  if (instr.keyword !== 'COPY' && instr.keyword !== 'ADD') return undefined;
  const node = instr.node as JSONInstruction;
  const isJson = typeof node.getJSONStrings === 'function' && Boolean(node.getOpeningBracket()) && Boolean(node.getClosingBracket());
  let words: CopyWord[] | undefined;
  if (isJson) {
    words = jsonArgs(model, node);
  } else {
    const from = commandStart(model, instr);
    if (from === undefined) return undefined;
    words = shellWords(model.text, from, model.offsetAt(instr.range.end), model.escapeChar);
    // Heredoc bodies start on the line after the first `<<` word.
    const first = words.find((w) => w.raw.startsWith('<<'));
    if (first) {
      const nl = model.text.indexOf('\n', first.end);
      words = words.filter((w) => nl < 0 || w.start < nl);
    }
  }
  if (!words || words.length < 2) return undefined;
  const sources = words.slice(0, -1);
  return { sources, dest: words[words.length - 1], json: isJson, heredoc: sources.some((w) => !isJson && w.raw.startsWith('<<')) };
}

/** The last path component, for `/` and Windows `\` separators. */
export function pathBaseName(path: string): string {
  const parts = path.replace(/[\\/]+$/, '').split(/[\\/]/);
  return parts[parts.length - 1];
}

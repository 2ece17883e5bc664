/**
 * Mutations of real Dockerfiles: the kind of damage an editor buffer goes through while someone types
 * (characters inserted or deleted anywhere, lines split, joined, dropped, duplicated, moved, a file cut
 * short) and the kind a file picks up on its way between systems (CRLF or CR line endings, a byte
 * order mark, tabs, an escape directive, control characters, Unicode). Each mutation is plain data,
 * so a failing case prints as the file's name and the list of mutations that broke it.
 */
import fc from 'fast-check';
import type { CorpusFile } from '../corpus';
import { instructionArbitrary } from './dockerfile-arbitrary';

export type Mutation =
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'truncate'; at: number }
  | { op: 'dropLine' | 'duplicateLine' | 'splitLine' | 'joinLine' | 'continueLine' | 'commentLine' | 'indentLine'; at: number }
  | { op: 'moveLine'; at: number; to: number }
  | { op: 'spliceLines'; at: number; lines: string }
  | { op: 'lineEndings'; eol: '\r\n' | '\r' | '\n' }
  | { op: 'bom' | 'tabs' | 'escapeBacktick' | 'lowercaseKeywords' | 'noFinalNewline' };

/** A position as a fraction of the text, so one mutation applies to any file. */
const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

const SPECIAL = ['\\', '\\\n', '`', '"', "'", '$', '${', '$(', ')', '(', '{', '}', '[', ']', '\n', '\r', '\r\n', '\t', ' ', '#', '=', '&&', '||', ';', '|', '<<', '<<EOF\n', '\nEOF\n', '--', '-', ',', ':', '@', '/', '*', '\u0000', '\u0007', '\u001b[31m', '\u00a0', '\u2028', '\u200b', '\ufeff', 'é', '日本', '🙂', '\ud800', 'RUN ', 'FROM ', '\nRUN ', '\nFROM scratch\n', ' AS ', '--mount=type=cache,target=/x ', 'apt-get install ', ' -y', '# dockerfile-optimizer ignore=', '# escape=`\n'];

export function mutationArbitrary(): fc.Arbitrary<Mutation> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fraction, text: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...SPECIAL) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) }) }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fraction, length: fc.integer({ min: 1, max: 40 }) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fraction }) },
    { weight: 6, arbitrary: fc.record({ op: fc.constantFrom('dropLine', 'duplicateLine', 'splitLine', 'joinLine', 'continueLine', 'commentLine', 'indentLine'), at: fraction }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('moveLine' as const), at: fraction, to: fraction }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('spliceLines' as const), at: fraction, lines: instructionArbitrary.map((t) => t.replace(/^FROM alpine:3\.20(\r\n|\r|\n)/, '')) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('lineEndings' as const), eol: fc.constantFrom('\r\n' as const, '\r' as const, '\n' as const) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constantFrom('bom' as const, 'tabs' as const, 'escapeBacktick' as const, 'lowercaseKeywords' as const, 'noFinalNewline' as const) }) },
  );
}

function lineBounds(text: string, at: number): { start: number; end: number; next: number } {
  const offset = Math.floor(at * text.length);
  const start = Math.max(text.lastIndexOf('\n', offset - 1) + 1, 0);
  const nl = text.indexOf('\n', offset);
  const end = nl < 0 ? text.length : nl;
  return { start, end, next: nl < 0 ? text.length : nl + 1 };
}

export function applyMutation(text: string, m: Mutation): string {
  const offset = 'at' in m ? Math.floor(m.at * text.length) : 0;
  switch (m.op) {
    case 'insert':
      return text.slice(0, offset) + m.text + text.slice(offset);
    case 'delete':
      return text.slice(0, offset) + text.slice(offset + m.length);
    case 'truncate':
      return text.slice(0, offset);
    case 'dropLine': {
      const { start, next } = lineBounds(text, m.at);
      return text.slice(0, start) + text.slice(next);
    }
    case 'duplicateLine': {
      const { start, next } = lineBounds(text, m.at);
      return text.slice(0, next) + text.slice(start, next) + text.slice(next);
    }
    case 'splitLine':
      return `${text.slice(0, offset)}\n${text.slice(offset)}`;
    case 'joinLine': {
      const { end } = lineBounds(text, m.at);
      return text.slice(0, end) + ' ' + text.slice(end + 1);
    }
    case 'continueLine': {
      const { end } = lineBounds(text, m.at);
      return `${text.slice(0, end)} \\${text.slice(end)}`;
    }
    case 'commentLine': {
      const { start } = lineBounds(text, m.at);
      return `${text.slice(0, start)}# ${text.slice(start)}`;
    }
    case 'indentLine': {
      const { start } = lineBounds(text, m.at);
      return `${text.slice(0, start)}\t  ${text.slice(start)}`;
    }
    case 'moveLine': {
      const { start, next } = lineBounds(text, m.at);
      const line = text.slice(start, next);
      const rest = text.slice(0, start) + text.slice(next);
      const { start: to } = lineBounds(rest, m.to);
      return rest.slice(0, to) + line + rest.slice(to);
    }
    case 'spliceLines': {
      const { start } = lineBounds(text, m.at);
      return text.slice(0, start) + m.lines + (/[\r\n]$/.test(m.lines) ? '' : '\n') + text.slice(start);
    }
    case 'lineEndings':
      return text.replace(/\r\n|\r|\n/g, m.eol);
    case 'bom':
      return `\uFEFF${text.replace(/^\uFEFF/, '')}`;
    case 'tabs':
      return text.replace(/^( {2,})/gm, (s) => '\t'.repeat(Math.ceil(s.length / 4))).replace(/ {2,}/g, '\t');
    case 'escapeBacktick':
      return `# escape=\`\n${text.replace(/\\(\r?\n)/g, '`$1')}`;
    case 'lowercaseKeywords':
      return text.replace(/^(\s*)([A-Z]+)\b/gm, (_m, space: string, word: string) => space + word.toLowerCase());
    case 'noFinalNewline':
      return text.replace(/(\r\n|\r|\n)+$/, '');
  }
}

export interface MutatedFile {
  name: string;
  mutations: Mutation[];
  text: string;
}

/** A corpus file with one to four mutations applied. */
export function mutatedCorpusArbitrary(files: CorpusFile[]): fc.Arbitrary<MutatedFile> {
  return fc.tuple(fc.constantFrom(...files), fc.array(mutationArbitrary(), { minLength: 1, maxLength: 4 })).map(([file, mutations]) => ({
    name: file.name,
    mutations,
    text: mutations.reduce(applyMutation, file.text),
  }));
}

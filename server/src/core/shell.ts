/**
 * The shell model of `RUN`: commands with their words and exact document ranges, built on
 * tree-sitter-bash. Handles shell form, JSON (exec) form, heredocs, line continuations with the
 * file's escape character and `sh -c` strings. Shell that does not parse yields no commands.
 */
import { Language, Parser } from 'web-tree-sitter';
import type { Heredoc, JSONInstruction, Run } from 'dockerfile-ast';
import type { Range } from './types';
import type { DockerfileModel, Instr } from './model';
import { OffsetMap } from './offset-map';
import { flagsOf, stageShell } from './model';

export interface ShellWord {
  /** The word after quote removal; the raw text when it is not static. */
  value: string;
  raw: string;
  /** False when the word holds expansions or substitutions. */
  static: boolean;
  range: Range;
  /** Document offsets. */
  start: number;
  end: number;
}

export interface ShellCommand {
  /** Command name without its path: `apt-get` for `/usr/bin/apt-get`. */
  name: string;
  /** Words from the command name on (wrappers such as `sudo` and `env` removed). */
  words: ShellWord[];
  /** Words after the command name. */
  args: ShellWord[];
  /** `sudo`, `env`… that were in front of the command. */
  wrappers: string[];
  range: Range;
  start: number;
  end: number;
}

export interface ShellScript {
  /** False when the shell could not be parsed (or is not a POSIX shell); then `commands` is empty. */
  ok: boolean;
  /** Exec (JSON) form: the words are passed to the program without a shell. */
  execForm: boolean;
  /** A heredoc supplies the script or its input. */
  heredoc: boolean;
  /** The script holds a `#` comment (text appended after it would be commented out). */
  comment: boolean;
  commands: ShellCommand[];
  /** Document offset just after the last non-blank character of the shell text. */
  end: number;
  /** Document offsets of the script's pipelines (`a | b`), outermost first; not those inside `sh -c` strings. */
  pipelines: Array<{ start: number; end: number }>;
  /** Operators between the top-level statements and whether they change the shell; shell form only. */
  topLevel?: ShellTopLevel;
}

export interface ShellWasm {
  /** web-tree-sitter's runtime (`web-tree-sitter.wasm`). */
  runtime: Uint8Array;
  /** The bash grammar (`tree-sitter-bash.wasm`). */
  bash: Uint8Array;
}

let parser: Parser | undefined;
/** Name and named-ness by node type id, read once from the grammar: one call into WebAssembly per node instead of two. */
let nodeTypes: Array<{ name: string; named: boolean }> = [];
/** Field ids of a command's `name` and `argument` children. */
let nameField = -1;
let argumentField = -1;
let loading: Promise<void> | undefined;

/** Loads the bash grammar once; later calls return the same promise. */
export function initShellParser(load: () => Promise<ShellWasm>): Promise<void> {
  loading ??= (async () => {
    const wasm = await load();
    await Parser.init({ wasmBinary: wasm.runtime });
    const language = await Language.load(wasm.bash);
    const p = new Parser();
    p.setLanguage(language);
    nodeTypes = Array.from({ length: language.nodeTypeCount }, (_, id) => ({ name: language.types[id] ?? 'ERROR', named: language.nodeTypeIsNamed(id) }));
    nameField = language.fieldIdForName('name') ?? -1;
    argumentField = language.fieldIdForName('argument') ?? -1;
    parser = p;
  })();
  return loading;
}

export function isShellParserReady(): boolean {
  return parser !== undefined;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);
const WRAPPERS = new Set(['sudo', 'env', 'exec', 'command', 'nice', 'nohup', 'time']);
const MAX_DEPTH = 3;
/**
 * Command substitutions nested deeper than this make the shell unreadable (`ok: false`). Each level is a
 * command whose word holds all the levels inside it, so ten thousand `"$(echo "$(…)")"` would otherwise
 * take quadratic time and memory (gigabytes) to model.
 */
const MAX_SUBSTITUTION_NESTING = 64;
const SUBSTITUTIONS = new Set(['command_substitution', 'process_substitution']);

/** Text handed to the shell plus, for each of its characters, the document offset it came from. */
interface MappedText {
  text: string;
  /** Where each character of `text` came from in the document. */
  map: OffsetMap;
}

/** Applies the Dockerfile's line continuations: escape + newline and comment lines inside them are removed. */
export function joinContinuations(source: string, from: number, to: number, escapeChar: string): MappedText {
  let text = '';
  const map = new OffsetMap();
  let runStart = from;
  let i = from;
  const flush = (until: number) => {
    text += source.slice(runStart, until);
    map.copy(runStart, until - runStart);
  };
  while (i < to) {
    if (source[i] === escapeChar) {
      let j = i + 1;
      while (j < to && (source[j] === ' ' || source[j] === '\t')) j++;
      if (source[j] === '\r') j++;
      if (j < to && source[j] === '\n') {
        flush(i);
        i = skipContinuationFiller(source, j + 1, to);
        runStart = i;
        continue;
      }
    }
    i++;
  }
  flush(to);
  return { text, map };
}

/** Skips the comment lines and empty lines that Docker drops after a line continuation. */
function skipContinuationFiller(source: string, start: number, to: number): number {
  let i = start;
  for (;;) {
    let j = i;
    while (j < to && (source[j] === ' ' || source[j] === '\t')) j++;
    const isComment = source[j] === '#';
    const isEmpty = source[j] === '\n' || (source[j] === '\r' && source[j + 1] === '\n');
    if (j >= to || (!isComment && !isEmpty)) return i;
    const nl = source.indexOf('\n', j);
    if (nl < 0 || nl >= to) return to;
    i = nl + 1;
  }
}

function identity(source: string, from: number, to: number): MappedText {
  const map = new OffsetMap();
  map.copy(from, to - from);
  return { text: source.slice(from, to), map };
}

/** Decodes a JSON string literal (with its quotes) at `from`, mapping each character to its source offset. */
export function decodeJsonString(source: string, from: number, to: number): MappedText | undefined {
  if (source[from] !== '"' || source[to - 1] !== '"') return undefined;
  let text = '';
  const map = new OffsetMap();
  const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
  for (let i = from + 1; i < to - 1; i++) {
    const ch = source[i];
    if (ch !== '\\') {
      text += ch;
      map.copy(i, 1);
      continue;
    }
    const next = source[i + 1];
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(i + 2, i + 6))) {
      text += String.fromCharCode(parseInt(source.slice(i + 2, i + 6), 16));
      map.escape(i, 6);
      i += 5;
    } else if (next !== undefined && next in simple) {
      text += simple[next];
      map.escape(i, 2);
      i += 1;
    } else {
      return undefined;
    }
  }
  return { text, map };
}

/**
 * Document offsets whose range is computed only when first asked for (most words and commands never
 * need one). Words and commands are classes, so that each is one object (the scripts of a file hold
 * thousands); `range` is a getter on the prototype: copy one field by field, not with a spread.
 */
class Span {
  // #private: never enumerated, so a word prints and serialises as its data
  readonly #model: DockerfileModel;
  #range?: Range;
  constructor(
    model: DockerfileModel,
    readonly start: number,
    readonly end: number,
  ) {
    this.#model = model;
  }

  get range(): Range {
    return (this.#range ??= { start: this.#model.positionAt(this.start), end: this.#model.positionAt(this.end) });
  }
}

class Word extends Span implements ShellWord {
  readonly static: boolean;
  constructor(
    model: DockerfileModel,
    start: number,
    end: number,
    readonly value: string,
    readonly raw: string,
    isStatic: boolean,
  ) {
    super(model, start, end);
    this.static = isStatic;
  }
}

class Command extends Span implements ShellCommand {
  readonly name: string;
  readonly args: ShellWord[];
  constructor(
    model: DockerfileModel,
    start: number,
    end: number,
    readonly words: ShellWord[],
    readonly wrappers: string[],
  ) {
    super(model, start, end);
    this.name = baseCommandName(words[0].value);
    this.args = words.slice(1);
  }
}

/** The document offset of the shell text's character at `start`. */
function docStartOf(mapped: MappedText, start: number): number {
  return mapped.map.start(start);
}

/** The document offset just after [start, end) of the shell text (its start when empty). */
function docEndOf(mapped: MappedText, start: number, end: number): number {
  return end > start ? mapped.map.end(end - 1) : mapped.map.start(start);
}

/** Characters that quote removal or expansion may change; a word without any is its own value. */
const QUOTING = /["'\\$`]/;

/** Quote removal of a shell word; not static when it holds `$` or a backtick outside single quotes. */
export function unquoteWord(raw: string): { value: string; static: boolean } {
  if (!QUOTING.test(raw)) return { value: raw, static: true };
  let value = '';
  let isStatic = true;
  let quote: '' | "'" | '"' = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (quote === "'") {
      if (ch === "'") quote = '';
      else value += ch;
    } else if (ch === '\\') {
      const next = raw[i + 1];
      if (next === undefined) value += ch;
      else if (next === '\n') i++;
      else if (quote === '"' && !'\\"$`'.includes(next)) value += ch;
      else {
        value += next;
        i++;
      }
    } else if (ch === '"') {
      quote = quote === '"' ? '' : '"';
    } else if (ch === "'" && quote === '') {
      quote = "'";
    } else {
      if (ch === '$' || ch === '`') isStatic = false;
      value += ch;
    }
  }
  return { value, static: isStatic };
}

/** Node kinds whose text is a word that quote removal can read; anything else is dynamic. */
const WORD_KINDS = new Set(['word', 'number', 'string', 'raw_string', 'concatenation', 'command_name']);

function baseCommandName(value: string): string {
  const slash = value.lastIndexOf('/');
  return slash >= 0 ? value.slice(slash + 1) : value;
}

/** Drops `sudo -u x`, `env A=1 -i`, `exec`… in front of the real command. */
function unwrap(words: ShellWord[]): { words: ShellWord[]; wrappers: string[] } {
  const wrappers: string[] = [];
  let i = 0;
  while (i < words.length && WRAPPERS.has(baseCommandName(words[i].value))) {
    const wrapper = baseCommandName(words[i].value);
    wrappers.push(wrapper);
    i++;
    while (i < words.length) {
      const v = words[i].value;
      if (wrapper === 'sudo' && /^-[ugCDhprRTU]$/.test(v)) i += 2;
      else if (wrapper === 'env' && /^-[uCS]$/.test(v)) i += 2;
      else if (wrapper === 'nice' && v === '-n') i += 2;
      else if (v.startsWith('-') || (wrapper === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v))) i += 1;
      else break;
    }
  }
  return { words: words.slice(i), wrappers };
}

interface Collected {
  commands: ShellCommand[];
  comment: boolean;
  pipelines: Array<{ start: number; end: number }>;
  topLevel: ShellTopLevel;
}

/** Nodes whose insides do not change the shell that runs the statements after them. */
const OWN_SHELL = new Set(['subshell', 'pipeline', 'command_substitution', 'process_substitution', 'function_definition']);
/** Statements that change the shell itself. */
const ASSIGNMENTS = new Set(['variable_assignment', 'variable_assignments', 'declaration_command', 'unset_command']);

/** What the walk needs to know about each node on the path from the root to the cursor. */
interface PathNode {
  substitution: boolean;
  /** `program` or `list`: operators directly inside still join top-level statements. */
  listLike: boolean;
  /** Below it, nothing changes the state of the script's shell (or it was already counted). */
  blocks: boolean;
}

/** A word of a command as the parser saw it, before quote removal. */
interface Part {
  kind: string;
  start: number;
  end: number;
}

const UNKNOWN_TYPE = { name: 'ERROR', named: true };

/**
 * Nodes of a command's level and below: commands, their words and redirects, assignments. Only a
 * substitution inside one can hold commands or pipelines, so the walk goes into such a node only
 * when its text holds a marker of one. A heredoc (`<<`) is a marker too: tree-sitter-bash puts the
 * rest of the line (`cat <<EOF && next`) inside the heredoc, and `#` because comments are extras
 * that may sit anywhere.
 */
const WORD_LEVEL = new Set([
  'command',
  'command_name',
  'word',
  'string',
  'raw_string',
  'ansi_c_string',
  'translated_string',
  'concatenation',
  'simple_expansion',
  'expansion',
  'number',
  'file_redirect',
  'herestring_redirect',
  'variable_assignment',
  'variable_assignments',
  'declaration_command',
  'unset_command',
  'array',
  'test_command',
]);
const MARKER = /\$\(|`|[<>]\(|#|<</g;

/** Offsets of the substitution, heredoc and comment markers of a script, in order. */
function markers(text: string): number[] {
  const found: number[] = [];
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m; m = MARKER.exec(text)) found.push(m.index);
  return found;
}

/** Whether a marker starts within [start, end). */
function holdsMarker(marks: number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (marks[mid] < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < marks.length && marks[lo] < end;
}

/** Parses shell text and collects every command, following `sh -c '…'` strings. */
function collectCommands(model: DockerfileModel, mapped: MappedText, depth: number): Collected | undefined {
  if (!parser) throw new Error('The shell parser is not initialised: call initShellParser() first');
  const tree = parser.parse(mapped.text);
  if (!tree) return undefined;
  const cursor = tree.walk();
  try {
    if (tree.rootNode.hasError) return undefined;
    const commands: ShellCommand[] = [];
    const pipes: Collected['pipelines'] = [];
    let comment = false;
    /** Substitutions around the cursor. */
    let nesting = 0;
    /** Ancestors of the cursor that are not `program`/`list`, and that block state changes. */
    let notLists = 0;
    let blocked = 0;
    const path: PathNode[] = [];
    const operators: string[] = [];
    let statements = 0;
    /** `;` and `&` between top-level statements; a line break separates the others. */
    let separators = 0;
    let changesState = false;
    const marks = markers(mapped.text);
    // Depth-first over the tree with one cursor: no node objects are created on the way.
    for (;;) {
      const type = nodeTypes[cursor.nodeTypeId] ?? UNKNOWN_TYPE;
      const kind = type.name;
      const named = type.named;
      const substitution = SUBSTITUTIONS.has(kind);
      if (substitution && ++nesting > MAX_SUBSTITUTION_NESTING) return undefined;
      if (path.length > 0) {
        // The top level, for joining scripts with `&&`: statements, the operators between them, state changes.
        const parent = path[path.length - 1];
        if (path.length === 1 && named && kind !== 'comment') statements++;
        if (!named && parent.listLike && notLists === 0 && (kind === '&&' || kind === '||' || kind === ';' || kind === '&')) {
          operators.push(kind);
          if (path.length === 1) separators++;
        }
        if (named && blocked === 0 && ASSIGNMENTS.has(kind)) changesState = true;
      }
      let leaf = false;
      if (kind === 'comment') comment = true;
      else if (kind === 'pipeline') {
        const from = cursor.startIndex;
        pipes.push({ start: docStartOf(mapped, from), end: docEndOf(mapped, from, cursor.endIndex) });
      } else if (WORD_LEVEL.has(kind)) {
        const start = cursor.startIndex;
        const end = cursor.endIndex;
        if (kind === 'command') collectCommand(start, end, blocked === 0 && path.length > 0);
        // Nothing below a word-level node matters unless it holds a substitution (a command inside).
        leaf = !holdsMarker(marks, start, end);
      }
      const node: PathNode = {
        substitution,
        listLike: path.length === 0 || kind === 'list',
        blocks: path.length > 0 && (OWN_SHELL.has(kind) || ASSIGNMENTS.has(kind) || kind === 'command'),
      };
      if (!leaf && cursor.gotoFirstChild()) {
        path.push(node);
        if (!node.listLike) notLists++;
        if (node.blocks) blocked++;
        continue;
      }
      if (substitution) nesting--;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          if (statements > 1 && separators < statements - 1) operators.push(';');
          return { commands, comment, pipelines: pipes, topLevel: { operators, changesState } };
        }
        const left = path.pop()!;
        if (left.substitution) nesting--;
        if (!left.listLike) notLists--;
        if (left.blocks) blocked--;
      }
    }

    function collectCommand(start: number, end: number, topLevel: boolean): void {
      const parts: Part[] = [];
      if (cursor.gotoFirstChild()) {
        do {
          const field = cursor.currentFieldId;
          if (field !== nameField && field !== argumentField) continue;
          const part = { kind: (nodeTypes[cursor.nodeTypeId] ?? UNKNOWN_TYPE).name, start: cursor.startIndex, end: cursor.endIndex };
          parts.push(part);
          if (field === nameField && topLevel && STATE_BUILTINS.has(unquoteWord(mapped.text.slice(part.start, part.end)).value)) changesState = true;
        } while (cursor.gotoNextSibling());
        cursor.gotoParent();
      }
      const words = parts.map((part): ShellWord => {
        const raw = mapped.text.slice(part.start, part.end);
        const { value, static: isStatic } = WORD_KINDS.has(part.kind) ? unquoteWord(raw) : { value: raw, static: false };
        return new Word(model, docStartOf(mapped, part.start), docEndOf(mapped, part.start, part.end), value, raw, isStatic);
      });
      const { words: real, wrappers } = unwrap(words);
      if (real.length === 0) return;
      const command = new Command(model, docStartOf(mapped, start), docEndOf(mapped, start, end), real, wrappers);
      commands.push(command);
      const nested = depth < MAX_DEPTH ? shellCString(command, parts) : undefined;
      if (nested) commands.push(...nested);
    }
  } finally {
    cursor.delete();
    tree.delete();
  }

  function shellCString(command: ShellCommand, parts: Part[]): ShellCommand[] | undefined {
    if (!SHELLS.has(command.name)) return undefined;
    const dashC = command.args.findIndex((w) => /^-[a-z]*c[a-z]*$/.test(w.value));
    const scriptWord = dashC >= 0 ? command.args[dashC + 1] : undefined;
    if (!scriptWord || !scriptWord.static) return undefined;
    const part = parts.find((p) => mapped.map.start(p.start) === scriptWord.start);
    if (!part) return undefined;
    const inner = innerText(part, mapped);
    return inner ? (collectCommands(model, inner, depth + 1)?.commands ?? []) : undefined;
  }
}

/** The text inside a quoted word, mapped to document offsets. */
function innerText(node: Part, outer: MappedText): MappedText | undefined {
  const sub = (from: number, to: number): MappedText => ({ text: outer.text.slice(from, to), map: outer.map.slice(from, to) });
  if (node.kind === 'raw_string') return sub(node.start + 1, node.end - 1);
  if (node.kind === 'word') return sub(node.start, node.end);
  if (node.kind !== 'string') return undefined;
  let text = '';
  const map = new OffsetMap();
  for (let i = node.start + 1; i < node.end - 1; i++) {
    const start = outer.map.start(i);
    if (outer.text[i] === '\\' && /[\\"$`\n]/.test(outer.text[i + 1] ?? '')) {
      i++;
      if (outer.text[i] === '\n') continue;
      text += outer.text[i];
      map.escape(start, outer.map.end(i) - start);
      continue;
    }
    text += outer.text[i];
    const width = outer.map.end(i) - start;
    if (width === 1) map.copy(start, 1);
    else map.escape(start, width);
  }
  return { text, map };
}

const HEREDOC_ONLY = /^\s*(?:(?:\/usr)?\/bin\/)?(?:(?:sh|bash|ash|dash)(?:\s+-[a-zA-Z]+)*\s+)?<<-?\s*(["']?)[A-Za-z_][\w.-]*\1\s*$/;

function jsonForm(model: DockerfileModel, instr: Instr): ShellScript | undefined {
  const node = instr.node as JSONInstruction;
  if (typeof node.getJSONStrings !== 'function' || !node.getOpeningBracket() || !node.getClosingBracket()) return undefined;
  const end = model.offsetAt(node.getClosingBracket()!.getRange().end);
  const failed: ShellScript = { ok: false, execForm: true, heredoc: false, comment: false, commands: [], end, pipelines: [] };
  const strings = node.getJSONStrings();
  const words: ShellWord[] = [];
  const decoded: MappedText[] = [];
  for (const s of strings) {
    const range = s.getRange();
    const start = model.offsetAt(range.start);
    const end = model.offsetAt(range.end);
    const text = decodeJsonString(model.text, start, end);
    if (!text) return failed;
    decoded.push(text);
    words.push(new Word(model, start, end, text.text, model.text.slice(start, end), true));
  }
  if (words.length === 0) return failed;
  const { words: real, wrappers } = unwrap(words);
  if (real.length === 0) return failed;
  const command = new Command(model, words[0].start, words[words.length - 1].end, real, wrappers);
  const commands: ShellCommand[] = [command];
  if (SHELLS.has(command.name)) {
    const dashC = command.args.findIndex((w) => /^-[a-z]*c[a-z]*$/.test(w.value));
    const index = dashC >= 0 ? words.indexOf(command.args[dashC + 1]) : -1;
    if (index >= 0) {
      const nested = collectCommands(model, decoded[index], 1);
      if (!nested) return { ...failed, commands };
      commands.push(...nested.commands);
    }
  }
  return { ok: true, execForm: true, heredoc: false, comment: false, commands, end, pipelines: [] };
}

/** Document offset where the command of an instruction starts, after its flags. */
export function commandStart(model: DockerfileModel, instr: Instr): number | undefined {
  const flags = flagsOf(instr);
  const lastFlagEnd = flags.length ? model.offsetAt(flags[flags.length - 1].getRange().end) : -1;
  const firstArg = instr.node.getArguments().find((a) => model.offsetAt(a.getRange().start) > lastFlagEnd);
  return firstArg ? model.offsetAt(firstArg.getRange().start) : undefined;
}

/** The shell text of an instruction (after its flags) as the shell would see it. */
function shellText(model: DockerfileModel, instr: Instr): (MappedText & { heredoc: boolean }) | undefined {
  const from = commandStart(model, instr);
  if (from === undefined) return undefined;
  const to = model.offsetAt(instr.range.end);
  let heredocs: Heredoc[];
  try {
    heredocs = (instr.node as Run).getHeredocs?.() ?? [];
  } catch {
    // dockerfile-ast 0.7.1 throws on an escaped lone `\r` followed by a comment line (`RUN a \\\r# c\nb`): no shell model then.
    return undefined;
  }
  if (heredocs.length === 0) return { ...joinContinuations(model.text, from, to, model.escapeChar), heredoc: false };
  const text = heredocText(model, from, to, heredocs);
  return text && { ...text, heredoc: true };
}

function heredocText(model: DockerfileModel, from: number, to: number, heredocs: Heredoc[]): MappedText | undefined {
  const firstLineEnd = model.text.indexOf('\n', from);
  const lineEnd = firstLineEnd < 0 || firstLineEnd > to ? to : firstLineEnd;
  const commandLine = joinContinuations(model.text, from, lineEnd, model.escapeChar);
  if (heredocs.length === 1 && HEREDOC_ONLY.test(commandLine.text)) {
    const content = heredocs[0].getContentRange();
    if (!content) return undefined;
    const bodyStart = model.offsetAt(content.start);
    const bodyEnd = model.offsetAt(content.end);
    const body = model.text.slice(bodyStart, bodyEnd);
    if (/^#!/.test(body) && !/^#!\s*\S*\/(?:env\s+)?(?:sh|bash|ash|dash)\b/.test(body)) return undefined;
    return identity(model.text, bodyStart, bodyEnd);
  }
  const rest = identity(model.text, lineEnd, to);
  commandLine.map.append(rest.map);
  return { text: commandLine.text + rest.text, map: commandLine.map };
}

const SHELL_INSTRUCTIONS = new Set(['RUN', 'CMD', 'ENTRYPOINT']);

/** Builds the shell model of a RUN, CMD or ENTRYPOINT instruction. Never throws on odd input: it returns `ok: false`. */
export function parseRunShell(model: DockerfileModel, instr: Instr): ShellScript {
  if (!SHELL_INSTRUCTIONS.has(instr.keyword)) return computeRunShell(model, instr, undefined);
  const shell = instr.stage ? stageShell(instr.stage, instr) : undefined;
  const base = model.offsetAt(instr.range.start);
  // Looked up by the text alone, a slice of the document: a key joining the text with the shell
  // would copy the text of every RUN on every keystroke.
  const text = model.text.slice(base, model.offsetAt(instr.range.end));
  const context = `${model.escapeChar}\0${shell?.join('\0') ?? ''}`;
  const cached = scriptCache.get(text);
  if (cached) {
    // Most recently used last, so the oldest entry is the first one to go.
    scriptCache.delete(text);
    if (cached.context === context) {
      scriptCache.set(text, cached);
      return rebase(model, cached.script, base);
    }
    // The same text under another shell or escape character: replaced below.
    scriptCacheChars -= text.length;
  }
  const script = computeRunShell(model, instr, shell);
  scriptCache.set(detached(text), { context, script: relative(script, base) });
  scriptCacheChars += text.length;
  // Bounded by count and by text: each keystroke in a long RUN adds an entry as large as that RUN.
  while (scriptCache.size > SCRIPT_CACHE_SIZE || scriptCacheChars > SCRIPT_CACHE_CHARS) {
    const oldest = scriptCache.keys().next().value!;
    scriptCache.delete(oldest);
    scriptCacheChars -= oldest.length;
  }
  return script;
}

/**
 * Scripts by instruction text, with offsets relative to the instruction, and the escape character
 * and shell they were parsed with: while a person types, only the instruction being edited is
 * parsed again; the others are moved to their new offsets.
 */
const scriptCache = new Map<string, { context: string; script: RelativeScript }>();

/** Forgets the scripts parsed so far (for measurements that must parse every file afresh). */
export function forgetShellScripts(): void {
  scriptCache.clear();
  scriptCacheChars = 0;
}
const SCRIPT_CACHE_SIZE = 4000;
/**
 * Characters of instruction text the cache may hold. A cached script takes about 8 bytes per
 * character (measured over the corpus), so this keeps it under 1 MB: enough for every RUN of the
 * open files, while the versions of the RUN being typed in (one per keystroke) age out.
 */
const SCRIPT_CACHE_CHARS = 100_000;
let scriptCacheChars = 0;

interface RelativeWord {
  value: string;
  /** Empty when the same as `value` (a word without quotes: most of them). */
  raw: string;
  static: boolean;
  start: number;
  end: number;
}

interface RelativeScript extends Omit<ShellScript, 'commands'> {
  commands: Array<{ words: RelativeWord[]; wrappers: string[]; start: number; end: number }>;
}

/**
 * A copy of a string that keeps no other string alive. A substring of the document is, in V8, a
 * view of the whole document text: a cache entry holding one would keep every version of the
 * document typed since (measured: a hundred 26 KB copies of the file being edited). Concatenating
 * makes V8 copy the characters; the slice is then a view of that copy only.
 */
function detached(text: string): string {
  return (' ' + text).slice(1);
}

function relative(script: ShellScript, base: number): RelativeScript {
  const word = (w: ShellWord): RelativeWord => ({ value: detached(w.value), raw: w.value === w.raw ? '' : detached(w.raw), static: w.static, start: w.start - base, end: w.end - base });
  return {
    ...script,
    end: script.end - base,
    pipelines: script.pipelines.map((p) => ({ start: p.start - base, end: p.end - base })),
    commands: script.commands.map((c) => ({ words: c.words.map(word), wrappers: c.wrappers, start: c.start - base, end: c.end - base })),
  };
}

function rebase(model: DockerfileModel, script: RelativeScript, base: number): ShellScript {
  return {
    ...script,
    end: script.end + base,
    pipelines: script.pipelines.map((p) => ({ start: p.start + base, end: p.end + base })),
    commands: script.commands.map((c) =>
      new Command(
        model,
        c.start + base,
        c.end + base,
        c.words.map((w) => new Word(model, w.start + base, w.end + base, w.value, w.raw === '' ? w.value : w.raw, w.static)),
        c.wrappers,
      ),
    ),
  };
}

function computeRunShell(model: DockerfileModel, instr: Instr, shell: string[] | undefined): ShellScript {
  const nothing: ShellScript = { ok: false, execForm: false, heredoc: false, comment: false, commands: [], end: model.offsetAt(instr.range.end), pipelines: [] };
  if (!SHELL_INSTRUCTIONS.has(instr.keyword)) return nothing;
  const json = jsonForm(model, instr);
  if (json) return json;
  if (shell && !SHELLS.has(baseCommandName(shell[0] ?? ''))) return nothing;
  const mapped = shellText(model, instr);
  if (!mapped || mapped.text.trim() === '') return nothing;
  const lastChar = mapped.text.trimEnd().length - 1;
  const end = mapped.map.end(lastChar);
  const collected = collectCommands(model, mapped, 0);
  if (!collected) return { ...nothing, heredoc: mapped.heredoc, end };
  return {
    ok: true,
    execForm: false,
    heredoc: mapped.heredoc,
    comment: collected.comment,
    commands: collected.commands,
    end,
    pipelines: collected.pipelines,
    topLevel: mapped.heredoc ? undefined : collected.topLevel,
  };
}

/** Builtins that change the shell itself for the commands after them. */
const STATE_BUILTINS = new Set(['cd', 'pushd', 'popd', 'set', 'shopt', 'source', '.', 'umask', 'ulimit', 'alias', 'unalias', 'trap', 'exec', 'exit', 'return', 'eval', 'read', 'let', 'hash', 'getopts']);

export interface ShellTopLevel {
  /** The operators that join the top-level commands: `&&`, `||`, `;`, `&`. */
  operators: string[];
  /** Whether the script changes the shell for what would run after it in the same shell (`cd`, `export`, `VAR=value`, `set -e`, `exit`…). */
  changesState: boolean;
}

/**
 * The top level of a shell-form script, for fixes that join two scripts with `&&`. Undefined for
 * exec form, heredocs and shell that does not parse.
 */
/** A script as the shell receives it, and where each of its characters is in the document. */
export interface ShellSource {
  text: string;
  /** Document offset where the script's character `i` starts (`i` may be the script's length). */
  docStart(i: number): number;
  /** Document offset just after the script's character `i`. */
  docEnd(i: number): number;
}

/**
 * The text a POSIX shell runs for a shell-form `RUN` (continuations joined; for `RUN <<EOF`, the
 * heredoc body), for tools that check shell code. Undefined for exec form and non-POSIX shells.
 */
export function shellSource(model: DockerfileModel, instr: Instr): ShellSource | undefined {
  if (instr.keyword !== 'RUN') return undefined;
  const script = model.shell(instr);
  if (!script.ok || script.execForm) return undefined;
  const mapped = shellText(model, instr);
  if (!mapped) return undefined;
  return { text: mapped.text, docStart: (i) => mapped.map.start(i), docEnd: (i) => mapped.map.end(i) };
}

export function shellTopLevel(model: DockerfileModel, instr: Instr): ShellTopLevel | undefined {
  const script = model.shell(instr);
  return script.ok && !script.execForm && !script.heredoc ? script.topLevel : undefined;
}

/** Whether a command has any of the given flags; short flags may be bundled (`-qy` has `-y`). */
export function hasFlag(command: ShellCommand, ...flags: string[]): boolean {
  for (const word of command.args) {
    const v = word.value;
    if (v === '--') return false;
    for (const flag of flags) {
      if (flag.startsWith('--')) {
        if (v === flag || v.startsWith(`${flag}=`)) return true;
      } else if (flag.length === 2 && /^-[a-zA-Z]+$/.test(v) && v.includes(flag[1])) {
        return true;
      } else if (v === flag) {
        return true;
      }
    }
  }
  return false;
}

/** Arguments that do not start with `-`. */
export function positionals(command: ShellCommand): ShellWord[] {
  return command.args.filter((w) => !w.value.startsWith('-'));
}

/** Whether the command is `name` with one of the subcommands (`apt-get install`). */
export function isSubcommand(command: ShellCommand, names: string[], subcommands: string[]): boolean {
  if (!names.includes(command.name)) return false;
  return command.args.some((w) => subcommands.includes(w.value));
}

/**
 * Document offsets of the pipelines (`a | b`, `a |& b`) of a shell-form script, outermost first.
 * Empty for exec form, a non-POSIX `SHELL` and shell that does not parse.
 */
export function pipelines(model: DockerfileModel, instr: Instr): Array<{ start: number; end: number }> {
  const script = model.shell(instr);
  return script.ok && !script.execForm ? script.pipelines : [];
}

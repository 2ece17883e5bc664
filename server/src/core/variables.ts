/** Substitution of `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR:+alt}` as the Dockerfile builder does it. */

interface Reference {
  start: number;
  end: number;
  name: string;
  /** `-`, `:-`, `+`, `:+` (and `?`, `:?` when asked for); undefined for `$NAME` and `${NAME}`. */
  op?: string;
  /** The text between the modifier and the first `}`. */
  word?: string;
}

function isNameStart(code: number): boolean {
  return code === 95 || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 48 && code <= 57);
}

/**
 * The references `$NAME`, `${NAME}` and `${NAME<op>word}` (`word` ends at the first `}`) from left to
 * right, as the regular expression `\$(?:\{(NAME)(?:(:?[<ops>])([^}]*))?\}|(NAME))` would find them, but in
 * linear time: that expression rescans the rest of the text for a `}` at every `${NAME:-` that has none.
 */
function* references(text: string, ops: string): Generator<Reference> {
  /** The first `}` at or after the scan position once looked up; text.length when there is none. */
  let close = -1;
  for (let i = text.indexOf('$'); i >= 0; i = text.indexOf('$', i)) {
    const braced = text[i + 1] === '{';
    const nameStart = braced ? i + 2 : i + 1;
    let nameEnd = nameStart;
    if (isNameStart(text.charCodeAt(nameEnd))) while (isNameChar(text.charCodeAt(++nameEnd)));
    if (nameEnd === nameStart) {
      i++;
      continue;
    }
    const name = text.slice(nameStart, nameEnd);
    if (!braced) {
      yield { start: i, end: nameEnd, name };
      i = nameEnd;
      continue;
    }
    const colon = text[nameEnd] === ':' ? 1 : 0;
    const opChar = text[nameEnd + colon];
    if (opChar === undefined || !ops.includes(opChar)) {
      if (text[nameEnd] === '}') {
        yield { start: i, end: nameEnd + 1, name };
        i = nameEnd + 1;
      } else {
        i++;
      }
      continue;
    }
    const wordStart = nameEnd + colon + 1;
    if (close < wordStart) {
      close = text.indexOf('}', wordStart);
      if (close < 0) close = text.length;
    }
    if (close === text.length) {
      i++;
      continue;
    }
    yield { start: i, end: close + 1, name, op: text.slice(nameEnd, wordStart), word: text.slice(wordStart, close) };
    i = close + 1;
  }
}

/** Replaces each reference with what `substitute` returns for it. */
function substituteReferences(text: string, ops: string, substitute: (ref: Reference) => string): string {
  let out = '';
  let cursor = 0;
  for (const ref of references(text, ops)) {
    out += text.slice(cursor, ref.start) + substitute(ref);
    cursor = ref.end;
  }
  return out + text.slice(cursor);
}

/**
 * Expands variable references with `lookup`; returns undefined when a referenced variable is unknown
 * (lookup returns undefined) and no default applies.
 */
export function expandVariables(text: string, lookup: (name: string) => string | undefined): string | undefined {
  let unresolved = false;
  const result = substituteReferences(text, '-+', ({ name, op, word }) => {
    const value = lookup(name);
    if (op === ':-' || op === '-') {
      if (value === undefined || (op === ':-' && value === '')) return word ?? '';
      return value;
    }
    if (op === ':+' || op === '+') {
      return value !== undefined && (op === '+' || value !== '') ? (word ?? '') : '';
    }
    if (value === undefined) {
      unresolved = true;
      return '';
    }
    return value;
  });
  return unresolved ? undefined : result;
}

export function hasVariables(text: string): boolean {
  return !references(text, '-+').next().done;
}

export interface VariableReference {
  name: string;
  /** Offsets of the whole reference (`${NAME:-x}`) in the text. */
  start: number;
  end: number;
  /** Offsets of the name. */
  nameStart: number;
  nameEnd: number;
  /** `-`, `:-`, `+`, `:+`, `?`, `:?` for `${NAME:-word}` and the like; undefined for `$NAME` and `${NAME}`. */
  modifier?: string;
}

/**
 * The variable references the Dockerfile builder expands in a word of an instruction: outside single
 * quotes, not escaped with the file's escape character. References inside a `${…}` word are included.
 *
 * Linear in the text: the word of each `${NAME:-word}` is scanned once, from a work list rather than by
 * recursion, and the closing braces are found from tables built in one pass (so ten thousand nested
 * `${A:-` neither overflow the stack nor take quadratic time).
 */
export function variableReferences(text: string, escapeChar = '\\'): VariableReference[] {
  // Most words hold no reference at all.
  if (!text.includes('$')) return [];
  const refs: VariableReference[] = [];
  const braces = text.includes('${') ? braceTables(text, escapeChar) : undefined;
  /** Ranges to scan: the text, then the words of `${NAME:-word}`, each as if it were a text of its own. */
  const work: Array<[number, number]> = [[0, text.length]];
  for (let range = work.pop(); range; range = work.pop()) {
    const [from, to] = range;
    let single = false;
    for (let i = from; i < to; i++) {
      const ch = text[i];
      if (single) {
        if (ch === "'") single = false;
        continue;
      }
      if (ch === escapeChar) {
        i++;
        continue;
      }
      if (ch === "'") {
        single = true;
        continue;
      }
      if (ch !== '$') continue;
      const braced = i + 1 < to && text[i + 1] === '{';
      const nameStart = braced ? i + 2 : i + 1;
      let nameEnd = nameStart;
      if (nameEnd < to && isNameStart(text.charCodeAt(nameEnd))) while (++nameEnd < to && isNameChar(text.charCodeAt(nameEnd)));
      if (nameEnd === nameStart) continue;
      const name = text.slice(nameStart, nameEnd);
      if (!braced) {
        refs.push({ name, start: i, end: nameEnd, nameStart, nameEnd });
        i = nameEnd - 1;
        continue;
      }
      const colon = nameEnd < to && text[nameEnd] === ':' ? 1 : 0;
      const op = nameEnd + colon < to && '-+?'.includes(text[nameEnd + colon]) ? text.slice(nameEnd, nameEnd + colon + 1) : undefined;
      const firstClose = braces!.nextClose[nameEnd];
      if (firstClose < 0 || firstClose >= to) continue;
      let end = firstClose;
      if (op) {
        // The word may hold references of its own (and nested braces): it ends at the brace that closes `${`.
        const match = braces!.closeOf[i + 1];
        end = match >= 0 && match < to ? match : to - 1;
        work.push([nameEnd + op.length, end]);
      } else if (end !== nameEnd) {
        continue;
      }
      refs.push({ name, start: i, end: end + 1, nameStart, nameEnd, modifier: op });
      i = end;
    }
  }
  return refs.sort((a, b) => a.start - b.start);
}

/**
 * For each offset, the next `}` at or after it (-1: none); for each `{`, the `}` that closes it counting
 * nested braces and skipping escaped characters (-1: none).
 */
function braceTables(text: string, escapeChar: string): { nextClose: Int32Array; closeOf: Int32Array } {
  const nextClose = new Int32Array(text.length + 1).fill(-1);
  for (let i = text.length - 1; i >= 0; i--) nextClose[i] = text[i] === '}' ? i : nextClose[i + 1];
  const closeOf = new Int32Array(text.length + 1).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === escapeChar) i++;
    else if (ch === '{') open.push(i);
    else if (ch === '}' && open.length > 0) closeOf[open.pop()!] = i;
  }
  return { nextClose, closeOf };
}

/**
 * Expands a word as BuildKit does when it checks base images with the `ARG` defaults only: an unset
 * variable is empty. Returns undefined where the builder would fail (`${NAME:?message}` on an unset one).
 */
export function expandWithDefaults(text: string, lookup: (name: string) => string | undefined): string | undefined {
  // `${NAME#pattern}`, `${NAME%pattern}`, `${NAME/a/b}` and the like are not evaluated here.
  if (/\$\{[A-Za-z_][A-Za-z0-9_]*[^-+?:}A-Za-z0-9_]/.test(text) || /\$\{[A-Za-z_][A-Za-z0-9_]*:[^-+?]/.test(text)) return undefined;
  let failed = false;
  const unquote = (word: string) => word.replace(/["']/g, '');
  const result = substituteReferences(
    text,
    '-+?',
    ({ name, op, word }) => {
      const value = lookup(name);
      const empty = value === undefined || (op?.startsWith(':') === true && value === '');
      if (op === ':-' || op === '-') return empty ? unquote(word ?? '') : value!;
      if (op === ':+' || op === '+') return empty ? '' : unquote(word ?? '');
      if (op === ':?' || op === '?') {
        if (empty) failed = true;
        return value ?? '';
      }
      return value ?? '';
    },
  );
  return failed || result.includes('${') ? undefined : result;
}

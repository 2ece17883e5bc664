/** Substitution of `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR:+alt}` as the Dockerfile builder does it. */

const REFERENCE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Expands variable references with `lookup`; returns undefined when a referenced variable is unknown
 * (lookup returns undefined) and no default applies.
 */
export function expandVariables(text: string, lookup: (name: string) => string | undefined): string | undefined {
  let unresolved = false;
  const result = text.replace(REFERENCE, (_match, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare)!;
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
  REFERENCE.lastIndex = 0;
  return REFERENCE.test(text);
}

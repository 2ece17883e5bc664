/**
 * hadolint's test configuration (`def { allowedRegistries = ["docker.io"] }`, a Haskell record
 * expression) mapped onto our lint options. Fields we have no counterpart for make the case skipped.
 */
import type { LintOptions } from '../../server/src/core/lint';
import type { LabelType } from '../../server/src/core/types';

export type HsValue = string | boolean | HsValue[] | { raw: string };

/** How a hadolint config field maps onto our options; add an entry when our config grows. */
const FIELDS: Record<string, (value: HsValue, options: LintOptions) => void> = {
  allowedRegistries: (value, options) => {
    options.config = { ...options.config, trustedRegistries: strings(value) };
  },
  ignoreRules: (value, options) => {
    options.ignore = [...(options.ignore ?? []), ...strings(value)];
  },
  labelSchema: (value, options) => {
    options.config = { ...options.config, labelSchema: labelSchema(value) };
  },
  strictLabels: (value, options) => {
    if (typeof value !== 'boolean') throw new Error(`Expected a boolean, got ${JSON.stringify(value)}`);
    options.config = { ...options.config, strictLabels: value };
  },
};

/** hadolint's label types (`Rule.RawText`, `Url`…) by our names. */
const LABEL_TYPES: Record<string, LabelType> = { RawText: 'text', Url: 'url', Spdx: 'spdx', GitHash: 'hash', Rfc3339: 'rfc3339', SemVer: 'semver', Email: 'email' };

/** `Map.fromList [("key", Rule.Url), …]` as a label schema. */
function labelSchema(value: HsValue): Record<string, LabelType> {
  const raw = typeof value === 'object' && !Array.isArray(value) ? value.raw : '';
  const list = /^Map\.fromList\s*\[([\s\S]*)\]$/.exec(raw);
  if (!list) throw new Error(`Expected Map.fromList [...], got ${JSON.stringify(value)}`);
  const schema: Record<string, LabelType> = {};
  for (const m of list[1].matchAll(/\(\s*("(?:[^"\\]|\\.)*")\s*,\s*(?:Rule\.)?(\w+)\s*\)/g)) {
    const type = LABEL_TYPES[m[2]];
    if (!type) throw new Error(`Unknown label type ${m[2]}`);
    schema[JSON.parse(m[1]) as string] = type;
  }
  return schema;
}

function strings(value: HsValue): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new Error(`Expected a list of strings, got ${JSON.stringify(value)}`);
  return value as string[];
}

/** Splits at top-level commas (outside brackets, parentheses and strings). */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '[' || ch === '(' || ch === '{') depth++;
    else if (ch === ']' || ch === ')' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

export function parseHsValue(text: string): HsValue {
  const t = text.trim();
  if (t === 'True' || t === 'False') return t === 'True';
  if (t.startsWith('"') && t.endsWith('"')) return JSON.parse(t) as string;
  if (t.startsWith('[') && t.endsWith(']')) return splitTopLevel(t.slice(1, -1)).map(parseHsValue);
  return { raw: t };
}

/** The fields of `def { a = x, b = y }`. */
export function parseHsConfig(expr: string): Map<string, HsValue> {
  const match = /^\s*def\s*\{([\s\S]*)\}\s*$/.exec(expr);
  if (!match) throw new Error(`Unsupported hadolint config expression: ${expr}`);
  const fields = new Map<string, HsValue>();
  for (const part of splitTopLevel(match[1])) {
    const eq = part.indexOf('=');
    fields.set(part.slice(0, eq).trim(), parseHsValue(part.slice(eq + 1)));
  }
  return fields;
}

/** Applies a hadolint config expression to lint options; returns the fields that have no counterpart (the case is then skipped). */
export function applyHadolintConfig(expr: string, options: LintOptions): string[] {
  const unsupported: string[] = [];
  for (const [name, value] of parseHsConfig(expr)) {
    const apply = FIELDS[name];
    if (apply) apply(value, options);
    else unsupported.push(name);
  }
  return unsupported;
}

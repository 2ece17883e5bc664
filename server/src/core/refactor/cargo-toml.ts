/** Reading a Rust package's `Cargo.toml`, with the small TOML reader it needs. */

type TomlValue = string | number | boolean | TomlValue[] | { raw: string };

interface TomlTable {
  /** `package`, `bin`, `workspace`… (`''` for the keys before the first header). */
  name: string;
  /** `[[bin]]` rather than `[bin]`. */
  array: boolean;
  values: Map<string, TomlValue>;
}

function tomlValue(raw: string): TomlValue {
  const text = raw.trim();
  if (/^"(?:[^"\\]|\\.)*"$/.test(text)) {
    try {
      return JSON.parse(text) as string;
    } catch {
      return { raw: text };
    }
  }
  if (/^'[^']*'$/.test(text)) return text.slice(1, -1);
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^[+-]?\d[\d_]*(\.\d+)?$/.test(text)) return Number(text.replace(/_/g, ''));
  if (text.startsWith('[') && text.endsWith(']')) {
    const items = text.slice(1, -1).match(/"(?:[^"\\]|\\.)*"|'[^']*'|[^,\s][^,]*/g) ?? [];
    return items.map((i) => tomlValue(i)).filter((v) => !(typeof v === 'object' && !Array.isArray(v) && v.raw === ''));
  }
  return { raw: text };
}

function stripTomlComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return line.slice(0, i);
  }
  return line;
}

/** The subset of TOML that Cargo manifests use: tables, arrays of tables, `key = value` with strings, numbers, booleans and arrays. */
function readToml(text: string): TomlTable[] {
  const tables: TomlTable[] = [{ name: '', array: false, values: new Map() }];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = stripTomlComment(lines[i]).trim();
    if (line === '') continue;
    const header = /^\[(\[)?\s*([^\]]+?)\s*\]?\]$/.exec(line);
    if (header) {
      tables.push({ name: header[2].replace(/["']/g, ''), array: header[1] === '[', values: new Map() });
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim().replace(/^["']|["']$/g, '');
    let value = line.slice(eq + 1).trim();
    // Multi-line arrays and inline tables: read on until the brackets balance.
    const open = (s: string) => (s.match(/[[{]/g)?.length ?? 0) - (s.match(/[\]}]/g)?.length ?? 0);
    while (open(value) > 0 && i + 1 < lines.length) {
      line = stripTomlComment(lines[++i]).trim();
      value += ` ${line}`;
    }
    tables[tables.length - 1].values.set(key, tomlValue(value));
  }
  return tables;
}

function tomlString(table: TomlTable | undefined, key: string): string | undefined {
  const value = table?.values.get(key);
  return typeof value === 'string' ? value : undefined;
}

/** `Cargo.toml`: the package and the binaries it builds. */
export interface CargoManifest {
  name?: string;
  /** A workspace (`[workspace]` with `members`, or no `[package]`), not a single package. */
  workspace: boolean;
  /** `[[bin]]` targets with a name. */
  bins: Array<{ name: string; path?: string }>;
  /** Targets other than `src/main.rs` (a library, `build.rs`, examples, tests, benches) that a placeholder build would also need. */
  otherTargets: boolean;
}

/** Reads the package name, its `[[bin]]` targets, and whether it is a workspace or has other targets. */
export function readCargoToml(text: string): CargoManifest {
  const tables = readToml(text);
  const pkg = tables.find((t) => t.name === 'package' && !t.array);
  const bins = tables.filter((t) => t.name === 'bin' && t.array).flatMap((t) => {
    const name = tomlString(t, 'name');
    return name ? [{ name, path: tomlString(t, 'path') }] : [];
  });
  const otherTargets =
    tables.some((t) => ['lib', 'example', 'test', 'bench'].includes(t.name)) ||
    (pkg?.values.has('build') ?? false) ||
    pkg?.values.get('autobins') === false;
  const workspace = !pkg || (tables.find((t) => t.name === 'workspace')?.values.has('members') ?? false);
  return { name: tomlString(pkg, 'name'), workspace, bins, otherTargets };
}

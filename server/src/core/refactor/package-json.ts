/** Reading a Node project's `package.json` and the command its `start` script runs. */
import { parse as parseJsonc } from 'jsonc-parser';
import type { ContextFiles } from '../types';

export interface PackageJson {
  main?: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  engines?: { node?: string };
}

export function readPackageJson(files: ContextFiles, path = 'package.json'): PackageJson | undefined {
  const text = files.read(path);
  if (text === undefined) return undefined;
  try {
    const raw = JSON.parse(text) as Record<string, unknown>;
    const record = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, string>) : {});
    return {
      main: typeof raw.main === 'string' ? raw.main : undefined,
      scripts: record(raw.scripts),
      dependencies: record(raw.dependencies),
      devDependencies: record(raw.devDependencies),
      engines: raw.engines as PackageJson['engines'],
    };
  } catch {
    return undefined;
  }
}

/** `compilerOptions.outDir` of a tsconfig (JSON with comments), without `./` and trailing `/`. */
export function tsconfigOutDir(files: ContextFiles): string | undefined {
  const text = files.read('tsconfig.json');
  if (text === undefined) return undefined;
  const config = parseJsonc(text) as { compilerOptions?: { outDir?: unknown } } | undefined;
  const outDir = config?.compilerOptions?.outDir;
  return typeof outDir === 'string' ? outDir.replace(/^\.\//, '').replace(/\/+$/, '') : undefined;
}

export interface NodeCommand {
  /** `node` and its arguments, for an exec-form `CMD`. */
  argv: string[];
  /** `NAME=value` assignments in front of the command, for `ENV`. */
  env: Array<[string, string]>;
}

const SAFE_WORD = /^[\w@%+=:,./-]+$/;

/** Reads `[VAR=value…] node [flags] file [args]`; undefined for anything else (shell operators, other programs). */
export function nodeCommand(script: string): NodeCommand | undefined {
  const words = script.trim().split(/\s+/);
  const env: Array<[string, string]> = [];
  while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) {
    const [name, ...value] = words.shift()!.split('=');
    env.push([name, value.join('=')]);
  }
  if (words[0] !== 'node' || words.length < 2 || !words.every((w) => SAFE_WORD.test(w))) return undefined;
  return { argv: words, env };
}

/** The script file a `node` command runs: the first argument that is not a flag (or a flag's value). */
export function entryFile(command: NodeCommand): string | undefined {
  const args = command.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    if (['-r', '--require', '--import', '--loader', '--env-file'].includes(args[i])) i++;
    else if (!args[i].startsWith('-')) return args[i].replace(/^\.\//, '');
  }
  return undefined;
}

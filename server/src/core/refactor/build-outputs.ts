/** Build outputs: where the build writes them, where the original's `RUN`s move them, and which one the image starts. */
import type { ShellCommand } from '../shell';
import type { Item } from './original';
import { basename, joinPath, pathWithin } from './paths';
import type { FoundCommand } from './run-commands';
import type { SplitContext } from './types';

const MOVES = new Set(['cp', 'mv', 'install']);
/** Commands around a build that leave nothing the runtime needs. */
const AROUND_BUILD = new Set(['strip', 'rm', 'ls', 'echo', 'true', 'file', 'du', 'upx']);
/** Folders that exist in the usual base images, so `cp app /usr/local/bin` copies into them. */
const KNOWN_DIRS = new Set(['/', '/usr/local/bin', '/usr/bin', '/bin', '/usr/local/sbin', '/usr/sbin', '/sbin', '/opt', '/srv', '/tmp', '/usr/local', '/usr/src', '/root', '/home', '/go/bin', '/usr/local/cargo/bin']);

function moveArgs(command: ShellCommand): { sources: string[]; dest: string; intoDir: boolean } | undefined {
  if (!command.args.every((w) => w.static)) return undefined;
  const values = command.args.map((w) => w.value);
  const positional: string[] = [];
  let target: string | undefined;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === '-t' || v === '--target-directory') target = values[++i];
    else if (v.startsWith('--target-directory=')) target = v.slice(19);
    else if (command.name === 'install' && ['-m', '-o', '-g', '--mode', '--owner', '--group'].includes(v)) i++;
    else if (!v.startsWith('-')) positional.push(v);
  }
  if (target !== undefined) return { sources: positional, dest: target, intoDir: true };
  if (positional.length < 2) return undefined;
  const dest = positional[positional.length - 1];
  return { sources: positional.slice(0, -1), dest, intoDir: positional.length > 2 || dest.endsWith('/') || dest === '.' };
}

/** Where the build output ends up, and the `RUN`s that only build and move it. */
export interface Outputs {
  /** Where the build output is at the end of the build (it may be at several places). */
  paths: Set<string>;
  /** `RUN`s that only build and move the output: nothing in them concerns the runtime. */
  handled: Set<Item>;
}

/**
 * Follows the build output through `cp`/`mv`/`install` in the build's `RUN` and the ones after it.
 * `mkdir`, `chmod` and `touch` of the output's folders or of the sources stay in the builder too.
 * @param isTool the ecosystem's own commands (`go`, `cargo`…), which stay in the builder.
 */
export function followOutputs(ctx: SplitContext, workdirs: Map<Item, string | undefined>, build: FoundCommand, outputs: string[], isTool: (c: ShellCommand) => boolean): Outputs {
  const paths = new Set(outputs);
  const handled = new Set<Item>();
  const items = ctx.original.items;
  const dirs = new Set(KNOWN_DIRS);
  for (const w of workdirs.values()) if (w) dirs.add(w);
  const isAncestorOfOutput = (p: string) => [...paths].some((o) => o === p || o.startsWith(`${p}/`));
  for (let i = items.indexOf(build.item); i < items.length; i++) {
    const item = items[i];
    if (item.keyword !== 'RUN') continue;
    const workdir = workdirs.get(item);
    const script = ctx.model.shell(item.instr);
    let other = !script.ok;
    for (const command of script.commands) {
      const args = command.args.filter((w) => !w.value.startsWith('-')).map((w) => (workdir === undefined ? undefined : joinPath(workdir, w.value)));
      if (isTool(command) || AROUND_BUILD.has(command.name)) continue;
      const inSources = (a: string) => build.workdir !== undefined && pathWithin(build.workdir, a) !== undefined;
      if (['mkdir', 'chmod', 'touch'].includes(command.name) && args.every((a) => a !== undefined && (isAncestorOfOutput(a) || inSources(a) || /^[ugoa]*[+-=][rwxXst]+$|^\d{3,4}$/.test(basename(a))))) {
        if (command.name === 'mkdir') args.forEach((a) => dirs.add(a!));
        continue;
      }
      const move = MOVES.has(command.name) && workdir !== undefined ? moveArgs(command) : undefined;
      if (!move) {
        other = true;
        continue;
      }
      const dest = joinPath(workdir!, move.dest);
      for (const source of move.sources) {
        const from = joinPath(workdir!, source);
        if (!from || !dest || !paths.has(from)) continue;
        paths.add(move.intoDir || dirs.has(dest) ? joinPath(dest, basename(from))! : dest);
        if (command.name === 'mv') paths.delete(from);
      }
    }
    if (!other) handled.add(item);
  }
  return { paths, handled };
}

/** The path a start command's program resolves to among the build outputs, or undefined. */
export function resolveProgram(program: string, workdir: string | undefined, paths: Set<string>, pathDirs: string[]): string | undefined {
  if (program.startsWith('/') || program.includes('/')) {
    const path = program.startsWith('/') ? joinPath('/', program) : workdir === undefined ? undefined : joinPath(workdir, program);
    return path !== undefined && paths.has(path) ? path : undefined;
  }
  return pathDirs.map((d) => joinPath(d, program)!).find((p) => paths.has(p));
}

/** The program and arguments the original image starts (`ENTRYPOINT`/`CMD`), and the lines that start the runtime. */
import type { Item } from './original';
import { prefixAssignments } from './run-commands';
import type { SplitContext } from './types';

/** A word of the start command. */
export interface StartWord {
  value: string;
  /** A shell-form word with `*`, `?` or `[`: the shell expands it. */
  glob: boolean;
}

/** The start command, read from a simple `ENTRYPOINT`/`CMD`. */
export interface Start {
  /** The `ENTRYPOINT`'s words, if any, then the `CMD`'s (unless the `ENTRYPOINT` is in shell form, which ignores `CMD`). */
  entrypoint: StartWord[];
  cmd: StartWord[];
  /** Where the program (the first word) is. */
  programIn: 'ENTRYPOINT' | 'CMD';
  argv: StartWord[];
}

function startWords(ctx: SplitContext, item: Item): StartWord[] | string {
  const script = ctx.model.shell(item.instr);
  const what = `\`${item.keyword}\``;
  if (!script.ok || script.commands.length === 0) return `${what} cannot be read`;
  let commands = script.commands;
  let shellForm = !script.execForm;
  if (script.execForm && commands.length > 1) {
    // `["sh", "-c", "…"]`: the script inside.
    commands = commands.slice(1);
    shellForm = true;
  }
  if (commands.length !== 1) return `${what} runs more than one command`;
  const command = commands[0];
  if (command.wrappers.some((w) => w !== 'exec')) return `${what} runs \`${command.wrappers[0]}\` in front of the program`;
  if (!command.words.every((w) => w.static)) return `${what} uses shell expansion (\`${command.words.find((w) => !w.static)!.raw}\`)`;
  if (shellForm && (prefixAssignments(ctx.model, command).trim() !== '' || (!script.execForm && script.end !== command.end))) {
    return `${what} uses shell features (variables or redirections)`;
  }
  return command.words.map((w) => ({ value: w.value, glob: shellForm && /[*?[]/.test(w.value) }));
}

/** The program and arguments the image starts, from a simple `ENTRYPOINT`/`CMD`; a refusal reason otherwise. */
export function readStart(ctx: SplitContext): Start | string {
  const { entrypoint, cmd } = ctx.original;
  if (!entrypoint && !cmd) return 'the Dockerfile has no `CMD` or `ENTRYPOINT`';
  const ep = entrypoint ? startWords(ctx, entrypoint) : [];
  if (typeof ep === 'string') return ep;
  const epShell = entrypoint !== undefined && !ctx.model.shell(entrypoint.instr).execForm;
  const c = cmd && !epShell ? startWords(ctx, cmd) : [];
  if (typeof c === 'string') return c;
  return { entrypoint: ep, cmd: c, programIn: ep.length ? 'ENTRYPOINT' : 'CMD', argv: [...ep, ...c] };
}

/** Words as an exec-form JSON array: `["a", "b"]`. */
export function execForm(words: string[]): string {
  return `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
}

/**
 * `ENTRYPOINT`/`CMD` lines that run `program` with the original's arguments in the same instructions:
 * the program replaces the original's first word (or `drop` words of it).
 */
export function startLines(start: Start, program: string[], drop = 1): string[] {
  const args = start.argv.slice(drop).map((w) => w.value);
  if (start.programIn === 'CMD') return [`CMD ${execForm([...program, ...args])}`];
  const epArgs = start.entrypoint.slice(drop).map((w) => w.value);
  const lines = [`ENTRYPOINT ${execForm([...program, ...epArgs])}`];
  if (start.cmd.length) lines.push(`CMD ${execForm(start.cmd.map((w) => w.value))}`);
  return lines;
}

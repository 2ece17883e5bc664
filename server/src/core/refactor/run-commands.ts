/** Commands found in the `RUN`s of the original stage, and edits of their text. */
import type { DockerfileModel } from '../model';
import type { ShellCommand, ShellScript } from '../shell';
import type { Item } from './original';
import type { SplitContext } from './types';

/** A command found in the `RUN`s of the original stage. */
export interface FoundCommand {
  item: Item;
  script: ShellScript;
  command: ShellCommand;
  /** The working directory of the `RUN`. */
  workdir?: string;
  /** A `cd` runs before the command in the same `RUN`, so its directory is not the `WORKDIR`. */
  afterCd: boolean;
  /** The command runs inside `sh -c '…'`, so its text is inside a quoted string. */
  nested: boolean;
}

/** The commands of the original's `RUN`s that `match` accepts, in order. */
export function findCommands(ctx: SplitContext, workdirs: Map<Item, string | undefined>, match: (command: ShellCommand) => boolean): FoundCommand[] {
  const found: FoundCommand[] = [];
  for (const item of ctx.original.items) {
    if (item.keyword !== 'RUN') continue;
    const script = ctx.model.shell(item.instr);
    script.commands.forEach((command, index) => {
      if (!match(command)) return;
      const before = script.commands.slice(0, index);
      found.push({
        item,
        script,
        command,
        workdir: workdirs.get(item),
        afterCd: before.some((c) => ['cd', 'pushd'].includes(c.name)),
        nested: script.commands.some((c) => c !== command && c.start <= command.start && c.end >= command.end),
      });
    });
  }
  return found;
}

/** Why a found build command's text cannot be edited in place, if it cannot. */
export function uneditable(found: FoundCommand, label: string): string | undefined {
  if (found.script.execForm) return `the \`${label}\` \`RUN\` is in exec form`;
  if (found.nested) return `\`${label}\` runs inside \`sh -c\``;
  if (found.afterCd) return `the \`${label}\` \`RUN\` changes directory with \`cd\``;
  return undefined;
}

/** The instruction's text with insertions/replacements at document offsets. */
export function editedText(model: DockerfileModel, item: Item, edits: Array<{ start: number; end?: number; text: string }>): string {
  const base = model.offsetAt(item.instr.range.start);
  let text = item.text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    text = text.slice(0, edit.start - base) + edit.text + text.slice((edit.end ?? edit.start) - base);
  }
  return text;
}

/** `NAME=value` assignments written in front of a command (`CGO_ENABLED=0 go build`). */
export function prefixAssignments(model: DockerfileModel, command: ShellCommand): string {
  return model.text.slice(command.start, command.words[0].start);
}

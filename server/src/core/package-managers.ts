/** Recognising package-manager commands in the shell model. */
import type { ShellCommand, ShellWord } from './shell';

const APT_VALUE_OPTIONS = new Set(['-o', '-t', '-c', '--option', '--target-release', '--config-file']);

/** The subcommand word of an `apt-get`/`apt`/`apk`/`yum`… command, skipping options and their values. */
export function subcommandWord(command: ShellCommand, valueOptions: Set<string> = APT_VALUE_OPTIONS): ShellWord | undefined {
  const args = command.args;
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (valueOptions.has(v)) {
      i++;
      continue;
    }
    if (!v.startsWith('-')) return args[i];
  }
  return undefined;
}

/** `apt-get <sub>` (or `apt <sub>` when `apt` is allowed) with one of the subcommands; returns the subcommand word. */
export function aptCommand(command: ShellCommand, subcommands: string[], names = ['apt-get']): ShellWord | undefined {
  if (!names.includes(command.name)) return undefined;
  const sub = subcommandWord(command);
  return sub && subcommands.includes(sub.value) ? sub : undefined;
}

export function apkAdd(command: ShellCommand): ShellWord | undefined {
  if (command.name !== 'apk') return undefined;
  const sub = subcommandWord(command, new Set(['-X', '--repository', '-p', '--root', '-t', '--virtual']));
  return sub?.value === 'add' ? sub : undefined;
}

/** The `install` word of `pip install`, `pip3 install`, `python -m pip install`. */
export function pipInstall(command: ShellCommand): ShellWord | undefined {
  const args = command.args;
  let i = 0;
  if (/^python[\d.]*$/.test(command.name)) {
    if (args[0]?.value !== '-m' || !/^pip\d*(\.\d+)?$/.test(args[1]?.value ?? '')) return undefined;
    i = 2;
  } else if (!/^pip\d*(\.\d+)?$/.test(command.name)) {
    return undefined;
  }
  for (; i < args.length; i++) {
    const v = args[i].value;
    if (v === '--index-url' || v === '-i' || v === '--proxy') i++;
    else if (!v.startsWith('-')) return v === 'install' ? args[i] : undefined;
  }
  return undefined;
}

/** Whether the command removes the apt lists (`rm -rf /var/lib/apt/lists/*`). */
export function removesAptLists(command: ShellCommand): boolean {
  if (command.name !== 'rm') return false;
  return command.args.some((w) => /^\/var\/lib\/apt\/lists(\/\*?)?$/.test(w.value) || /^\/var\/lib\/apt\/lists\/\*$/.test(w.raw));
}

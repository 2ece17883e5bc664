import { defineRule } from '../define-rule';
import { instructionLines, insertLinesBefore } from '../edits';
import type { DockerfileModel, Instr } from '../model';
import { commandsIn } from '../query';
import { commandStart, type ShellCommand, type ShellScript } from '../shell';
import type { Edit } from '../types';

/** The offset after `&&` and the blanks and line continuations around it, or undefined when `at` is not followed by `&&`. */
function afterAndAnd(model: DockerfileModel, at: number, to: number): number | undefined {
  const text = model.text;
  const skip = (i: number): number => {
    for (;;) {
      while (i < to && (text[i] === ' ' || text[i] === '\t')) i++;
      if (text[i] !== model.escapeChar) return i;
      let j = i + 1;
      while (j < to && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '\r') j++;
      if (text[j] !== '\n') return i;
      i = j + 1;
    }
  };
  const op = skip(at);
  return text.startsWith('&&', op) ? skip(op + 2) : undefined;
}

/** Commands that only set shell options; a `cd` after them still starts the real work of the `RUN`. */
const SHELL_SETUP = new Set(['set', 'shopt', 'umask', 'export']);

/** Whether the `cd` comes before everything else the `RUN` does (shell options aside). */
function startsRun(script: ShellScript, cd: ShellCommand): boolean {
  const index = script.commands.indexOf(cd);
  return script.commands.slice(0, index).every((c) => SHELL_SETUP.has(c.name));
}

/** `RUN cd /abs && rest` → `WORKDIR /abs` + `RUN rest`; `RUN cd /abs` alone → `WORKDIR /abs`. */
function cdFix(model: DockerfileModel, instr: Instr, script: ShellScript, cd: ShellCommand): Edit[] | undefined {
  if (instr.onbuild || !script.ok || script.execForm || script.heredoc || script.commands[0] !== cd) return undefined;
  const dir = cd.args[0];
  if (cd.args.length !== 1 || cd.wrappers.length || !dir.static || !dir.value.startsWith('/') || /[\s"'\\]/.test(dir.value)) return undefined;
  if (commandStart(model, instr) !== cd.start) return undefined;
  const workdir = `WORKDIR ${dir.value}`;
  if (cd.end === script.end) {
    const lines = instructionLines(model, instr);
    const eolText = model.textOf(lines).match(/\r?\n$/)?.[0] ?? '';
    const indent = /^[ \t]*/.exec(model.textOf(lines))![0];
    return [{ range: lines, newText: `${indent}${workdir}${eolText}` }];
  }
  const rest = afterAndAnd(model, cd.end, script.end);
  if (rest === undefined) return undefined;
  return [insertLinesBefore(model, instr, [workdir]), { range: { start: model.positionAt(cd.start), end: model.positionAt(rest) }, newText: '' }];
}

export default defineRule({
  id: 'workdir-not-cd',
  category: 'maintainability',
  severity: 'warning',
  fixable: 'unsafe',
  scope: 'all-stages',
  aliases: ['DL3003'],
  docs: {
    description: 'The working folder is set with `WORKDIR`, not with a `cd` that starts a `RUN`.',
    rationale:
      '`cd` lasts only until the end of its `RUN`, so the next instruction silently runs in the old folder, and the reader has to track folders through shell code. `WORKDIR` sets the folder for every following `RUN`, `COPY`, `CMD` and `ENTRYPOINT`, creates it if needed and is visible in the image\'s configuration.',
    bad: 'FROM node:20-slim\nCOPY . /app\nRUN cd /app && npm ci\n',
    good: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3003', 'https://docs.docker.com/build/building/best-practices/#workdir'],
    differences:
      'hadolint reports every `cd`. This rule only reports a `cd` that starts a `RUN` (after `set` and similar shell options), where `WORKDIR` is a drop-in replacement. A `cd` later in a `RUN` usually enters a folder that the same `RUN` creates and removes again (build from source, then clean up in one layer); `WORKDIR` could only replace it by splitting the layer. The fix, offered when an absolute `cd` is the first command and the rest follows `&&`, moves the folder change into a `WORKDIR` line before the `RUN`. It is unsafe: unlike `cd`, `WORKDIR` also applies to the instructions after the `RUN`.',
  },
  check({ model, report }) {
    for (const { instr, script, command } of commandsIn(model, 'all-stages')) {
      if (command.name !== 'cd' || !startsRun(script, command)) continue;
      const target = command.args[0]?.value;
      const edits = cdFix(model, instr, script, command);
      report({
        range: command.range,
        message: `\`cd${target ? ` ${target}` : ''}\` only lasts until the end of this \`RUN\`; set the folder with \`WORKDIR\``,
        fix: edits && { title: `Use \`WORKDIR ${target}\``, safety: 'unsafe', edits: () => edits },
      });
    }
  },
});

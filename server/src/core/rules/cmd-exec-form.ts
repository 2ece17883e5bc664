import { defineRule } from '../define-rule';
import { stageShell, type DockerfileModel, type Instr } from '../model';
import { commandStart, joinContinuations } from '../shell';
import type { Fix } from '../types';

const GLOB_OR_TILDE = /[*?[\]~]/;

function execForm(model: DockerfileModel, instr: Instr): Fix | undefined {
  const script = model.shell(instr);
  const start = commandStart(model, instr);
  // With a backtick escape (Windows images) the shell's backslash rules do not apply to the words.
  if (!script.ok || script.heredoc || start === undefined || model.escapeChar !== '\\') return undefined;
  const text = joinContinuations(model.text, start, script.end, model.escapeChar).text;
  const range = { start: model.positionAt(start), end: model.positionAt(script.end) };
  const shell = (instr.stage && stageShell(instr.stage, instr)) ?? ['/bin/sh', '-c'];
  const json = (words: string[]) => `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
  const [command] = script.commands;
  // One simple command with nothing around it: no wrappers, no `VAR=value` prefix, no redirections.
  const single =
    script.commands.length === 1 &&
    command.start === start &&
    command.words[0].start === command.start &&
    command.end === script.end &&
    command.wrappers.length === 0;
  // A shell-form ENTRYPOINT ignores the stage's CMD; in plain exec form the CMD would become its arguments.
  const ignoresCmd = instr.keyword === 'ENTRYPOINT' && instr.stage!.instructions.some((i) => i.keyword === 'CMD');
  if (single && !ignoresCmd && command.words.every((w) => w.static && !GLOB_OR_TILDE.test(w.raw))) {
    return { title: 'Convert to exec form', safety: 'safe', edits: () => [{ range, newText: json(command.words.map((w) => w.value)) }] };
  }
  if (single) {
    return { title: 'Convert to exec form (`sh -c exec …`)', safety: 'safe', edits: () => [{ range, newText: json([...shell, `exec ${text}`]) }] };
  }
  return { title: 'Convert to exec form with an explicit shell', safety: 'safe', edits: () => [{ range, newText: json([...shell, text]) }] };
}

export default defineRule({
  id: 'cmd-exec-form',
  category: 'correctness',
  severity: 'warning',
  fixable: 'safe',
  scope: 'all-stages',
  aliases: ['DL3025', 'JSONArgsRecommended'],
  docs: {
    description: '`CMD` and `ENTRYPOINT` use the exec (JSON) form.',
    rationale:
      'In shell form Docker runs `/bin/sh -c "…"`: the shell becomes PID 1 and does not pass `SIGTERM` on, so `docker stop` waits ten seconds and kills the application without a graceful shutdown. The exec form starts the program itself as PID 1. Where shell features are needed, the fix keeps them with `sh -c` and `exec`.',
    bad: 'FROM node:20-slim\nUSER node\nCMD node server.js\n',
    good: 'FROM node:20-slim\nUSER node\nCMD ["node", "server.js"]\n',
    references: [
      'https://docs.docker.com/reference/dockerfile/#shell-and-exec-form',
      'https://docs.docker.com/reference/build-checks/json-args-recommended/',
      'https://github.com/hadolint/hadolint/wiki/DL3025',
    ],
    differences:
      'Like BuildKit, a stage that sets a `SHELL` (itself or through the stage it is built on) is not reported: its shell-form commands run in that shell on purpose. hadolint reports them too. `HEALTHCHECK CMD` is not checked, unlike in hadolint: a health check is not the container\'s main process, so the signal forwarding that the exec form is about does not apply, and checks such as `curl -f http://localhost/ || exit 1` need a shell.',
  },
  check({ model, report }) {
    for (const instr of model.instructions) {
      if ((instr.keyword !== 'CMD' && instr.keyword !== 'ENTRYPOINT') || !instr.stage) continue;
      const script = model.shell(instr);
      if (script.execForm || instr.node.getArguments().length === 0) continue;
      // A stage that sets its own SHELL runs shell-form commands in it on purpose (as BuildKit sees it).
      if (stageShell(instr.stage, instr)) continue;
      report({
        range: instr.range,
        message: `\`${instr.keyword}\` in shell form runs under \`/bin/sh -c\`, which does not forward signals`,
        fix: execForm(model, instr),
      });
    }
  },
});

import { defineRule } from '../define-rule';
import type { Instr, Stage } from '../model';

const PACKAGE_MANAGERS = new Set(['npm', 'yarn', 'pnpm', 'npx']);
const INITS = new Set(['tini', 'dumb-init', 'catatonit', 'tini-static']);

function last(stage: Stage, keyword: string): Instr | undefined {
  for (let s: Stage | undefined = stage; s; s = s.baseStage) {
    const found = s.instructions.filter((i) => i.keyword === keyword);
    if (found.length) return found[found.length - 1];
  }
  return undefined;
}

export default defineRule({
  id: 'cmd-no-package-manager',
  category: 'correctness',
  severity: 'warning',
  fixable: false,
  scope: 'shipped-stages',
  aliases: [],
  docs: {
    description: 'The container\'s main process is the application, not `npm start` or another package manager.',
    rationale:
      'npm, yarn and pnpm start the application as a child process and do not reliably forward `SIGTERM`/`SIGINT` to it. With one of them as PID 1, `docker stop` ends in a `SIGKILL` after the timeout: open requests are cut off and shutdown hooks never run. They also add startup time and memory. Start `node` directly.',
    bad: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["npm", "start"]\n',
    good: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
    references: [
      'https://github.com/nodejs/docker-node/blob/main/docs/BestPractices.md#cmd',
      'https://docs.docker.com/reference/dockerfile/#entrypoint',
    ],
  },
  check({ model, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    const entrypoint = last(stage, 'ENTRYPOINT');
    const cmd = last(stage, 'CMD');
    const entry = entrypoint && model.shell(entrypoint).commands[0];
    const passesOn = entry && (INITS.has(entry.name) || /entrypoint|\.sh$/.test(entry.name));
    const main = entrypoint && !passesOn ? entrypoint : cmd;
    if (!main) return;
    // The long-running process is the last command (`sh -c "npm run migrate && node server.js"` runs node).
    const commands = model.shell(main).commands;
    const command = commands[commands.length - 1];
    if (!command || !PACKAGE_MANAGERS.has(command.name)) return;
    const label = command.words
      .slice(0, 2)
      .map((w) => w.value)
      .join(' ');
    report({
      range: main.range,
      message: `\`${label}\` as the main process does not forward stop signals to the application; start it directly`,
    });
  },
});

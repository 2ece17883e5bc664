import { defineRule } from '../define-rule';
import { commandsIn } from '../query';

const WHY: Record<string, string> = {
  vim: 'is interactive, and a build step has no terminal',
  top: 'is interactive, and a build step has no terminal',
  ssh: 'opens a remote session, which a build step can neither answer nor keep',
  service: 'starts or stops services, and no process outlives the build step',
  shutdown: 'acts on a running system, and a build step is not one',
  kill: 'stops processes, and no process outlives the build step',
  mount: 'mounts only for the build step; nothing of it reaches the image',
  ps: 'only shows the short-lived build container',
  free: 'only shows the short-lived build container',
  ifconfig: 'only shows the short-lived build container',
};

export default defineRule({
  id: 'run-no-pointless-commands',
  category: 'maintainability',
  severity: 'info',
  fixable: false,
  scope: 'all-stages',
  aliases: ['DL3001'],
  docs: {
    description: '`RUN` does not use commands that make no sense in an image build (`vim`, `top`, `ssh`, `service`, `shutdown`, `kill`, `mount`, `ps`, `free`, `ifconfig`).',
    rationale:
      'Each `RUN` executes in a throw-away container without a terminal, and only its file changes are kept. Interactive tools hang or fail, services started there are gone at the next step, and status commands only describe the build container. Such a command usually means something that belongs in `CMD`, an entrypoint script or the host.',
    bad: 'FROM debian:bookworm-slim\nRUN service nginx start\n',
    good: 'FROM nginx:1.27\nCMD ["nginx", "-g", "daemon off;"]\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3001'],
  },
  check({ model, report }) {
    for (const { command } of commandsIn(model, 'all-stages')) {
      const why = Object.hasOwn(WHY, command.name) ? WHY[command.name] : undefined;
      if (why) report({ range: command.range, message: `\`${command.name}\` in \`RUN\` ${why}` });
    }
  },
});

import { defineRule } from '../define-rule';
import { aptCommand, removesAptLists } from '../package-managers';
import type { DockerfileModel, Instr, Stage } from '../model';
import { canAppendTo, hasCacheMount, runsIn } from '../query';

const APT_TOOLS = ['apt-get', 'apt', 'aptitude'];

/** Whether this `RUN`, or one before it in its stage or the stages it is built from, removes Debian's `docker-clean` apt hook. */
function dockerCleanRemoved(model: DockerfileModel, instr: Instr): boolean {
  const removes = (i: Instr) =>
    model.shell(i).commands.some((c) => c.name === 'rm' && c.args.some((w) => w.value === '/etc/apt/apt.conf.d/docker-clean'));
  if (removes(instr)) return true;
  for (let s: Stage | undefined = instr.stage; s; s = s.baseStage) {
    const before = s.instructions.filter((i) => (i.trigger ?? i).keyword === 'RUN' && (s !== instr.stage || i.index < instr.index));
    if (before.some((i) => removes(i.trigger ?? i))) return true;
  }
  return false;
}

export default defineRule({
  id: 'apt-lists-removed',
  category: 'size',
  severity: 'warning',
  fixable: 'safe',
  scope: 'shipped-stages',
  aliases: ['DL3009'],
  docs: {
    description: 'A `RUN` of a shipped stage that runs `apt-get update` and installs packages removes `/var/lib/apt/lists` in the same `RUN` (or keeps apt\'s folders in cache mounts).',
    rationale:
      'The package lists that `apt-get update` downloads (often 20–50 MB) stay in the layer unless they are removed in the same `RUN`; deleting them in a later `RUN` does not shrink the image. A cache mount on `/var/lib/apt` keeps them out of the layer too; when `/etc/apt/apt.conf.d/docker-clean` is removed to let apt keep its downloads, `/var/cache/apt` needs a cache mount as well, or the `.deb` files end up in the layer.',
    bad: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
    good: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3009', 'https://docs.docker.com/build/building/best-practices/#apt-get'],
    differences:
      'hadolint reports every stage; this rule only the shipped ones. `ONBUILD RUN` triggers are checked with their stage: the triggers of a builder stage that no later stage is built from never run. A `RUN` with `apt-get update` but no install is reported by `apt-update-with-install` instead, whose fix moves the update next to the install.',
  },
  check({ model, report }) {
    for (const instr of runsIn(model, 'shipped-stages')) {
      const script = model.shell(instr);
      const apt = script.commands.find((c) => aptCommand(c, ['install', 'upgrade', 'dist-upgrade', 'full-upgrade'], APT_TOOLS));
      if (!apt || !script.commands.some((c) => aptCommand(c, ['update'], APT_TOOLS))) continue;
      if (script.commands.some(removesAptLists)) continue;
      if (hasCacheMount(instr, '/var/lib/apt/lists') || hasCacheMount(instr, '/var/lib/apt')) {
        // With docker-clean gone apt keeps the downloaded packages, in /var/cache/apt unless that is mounted too.
        if (!hasCacheMount(instr, '/var/cache/apt') && dockerCleanRemoved(model, instr)) {
          report({
            range: apt.range,
            message: 'The downloaded packages stay in this layer: `docker-clean` is removed, so `/var/cache/apt` needs a cache mount too',
          });
        }
        continue;
      }
      const at = model.positionAt(script.end);
      report({
        range: apt.range,
        message: 'The apt package lists stay in this layer; remove `/var/lib/apt/lists/*` in the same `RUN`',
        fix: canAppendTo(script, model)
          ? {
              title: 'Remove the apt lists at the end of this `RUN`',
              safety: 'safe',
              edits: () => [{ range: { start: at, end: at }, newText: ' && rm -rf /var/lib/apt/lists/*' }],
            }
          : undefined,
      });
    }
  },
});

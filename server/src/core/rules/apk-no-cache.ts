import { defineRule } from '../define-rule';
import { apkAdd } from '../package-managers';
import { commandsIn, hasCacheMount, insertAfterWord } from '../query';
import { hasFlag } from '../shell';

export default defineRule({
  id: 'apk-no-cache',
  category: 'size',
  severity: 'warning',
  fixable: 'safe',
  scope: 'shipped-stages',
  aliases: ['DL3019'],
  docs: {
    description: '`apk add` in a shipped stage uses `--no-cache`.',
    rationale:
      'Without `--no-cache`, apk keeps its package index in `/var/cache/apk` inside the layer. `--no-cache` fetches a fresh index for this command only and leaves nothing behind, so no separate `apk update` or cleanup is needed.',
    bad: 'FROM alpine:3.20\nRUN apk add curl\n',
    good: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3019', 'https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper#Add_a_Package'],
    differences: 'hadolint reports every stage; this rule only the shipped ones. A cache mount on `/var/cache/apk` also satisfies it.',
  },
  check({ model, report }) {
    for (const { instr, command } of commandsIn(model, 'shipped-stages')) {
      const add = apkAdd(command);
      if (!add || hasFlag(command, '--no-cache')) continue;
      if (hasCacheMount(instr, /^\/(etc\/apk\/cache|var\/cache\/apk)$/)) continue;
      report({
        range: command.range,
        message: '`apk add` without `--no-cache` leaves the package index in the layer',
        fix: { title: 'Add `--no-cache`', safety: 'safe', edits: () => [insertAfterWord(model, add, ' --no-cache')] },
      });
    }
  },
});

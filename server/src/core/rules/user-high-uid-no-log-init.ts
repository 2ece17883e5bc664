import { defineRule } from '../define-rule';
import { commandsIn, insertAfterWord } from '../query';
import { hasFlag, type ShellCommand } from '../shell';

/** UIDs from here on make `/var/log/lastlog` and `faillog` (sparse files sized by UID) weigh tens of megabytes in a layer. */
const HIGH_UID = 65536;

/** The value of `useradd -u`/`--uid`, as written. */
function uidOf(command: ShellCommand): string | undefined {
  const args = command.args;
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (v === '-u' || v === '--uid') return args[i + 1]?.value;
    const joined = /^(?:-u|--uid=)(.+)$/.exec(v);
    if (joined) return joined[1];
  }
  return undefined;
}

export default defineRule({
  id: 'user-high-uid-no-log-init',
  category: 'size',
  severity: 'warning',
  fixable: 'safe',
  scope: 'shipped-stages',
  aliases: ['DL3046'],
  docs: {
    description: '`useradd` with a UID of 65536 or more in a shipped stage runs with `-l` (`--no-log-init`).',
    rationale:
      'useradd records the new user in `/var/log/lastlog` and `/var/log/faillog`, files with one slot per UID up to the highest one. On disk they are sparse, but an image layer stores them in full: a UID of 1000000 adds almost 300 MB of zeros to the layer. `-l` skips those files.',
    bad: 'FROM debian:bookworm-slim\nRUN useradd -u 1000000 app\n',
    good: 'FROM debian:bookworm-slim\nRUN useradd -l -u 1000000 app\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3046', 'https://github.com/moby/moby/issues/5419', 'https://man7.org/linux/man-pages/man8/useradd.8.html'],
    differences:
      'hadolint reports UIDs of more than five digits in every stage; this rule reports UIDs from 65536 on (where the files pass 19 MB) in the shipped stages, and offers the fix.',
  },
  check({ model, report }) {
    for (const { command } of commandsIn(model, 'shipped-stages')) {
      if (command.name !== 'useradd' || hasFlag(command, '-l', '--no-log-init')) continue;
      const uid = uidOf(command);
      if (uid === undefined || !/^\d+$/.test(uid) || Number(uid) < HIGH_UID) continue;
      report({
        range: command.range,
        message: `\`useradd\` for UID ${uid} without \`-l\` stores a lastlog file of about ${Math.round((Number(uid) * 292) / 1e6)} MB in the layer`,
        fix: { title: 'Add `-l`', safety: 'safe', edits: () => [insertAfterWord(model, command.words[0], ' -l')] },
      });
    }
  },
});

import { defineRule } from '../define-rule';
import type { DockerfileModel, Instr, Stage } from '../model';
import { commandsIn, isWindowsStage } from '../query';
import type { Range } from '../types';

/** The last `USER` of a stage or of the stages it is built from. */
function effectiveUser(stage: Stage): Instr | undefined {
  for (let s: Stage | undefined = stage; s; s = s.baseStage) {
    const users = s.instructions.filter((i) => i.keyword === 'USER');
    if (users.length) return users[users.length - 1];
  }
  return undefined;
}

/** The UID given to `name` by `useradd -u N name` or `adduser -u N name` in the file's shipped stages. */
function createdUid(model: DockerfileModel, name: string): string | undefined {
  for (const { command } of commandsIn(model, 'shipped-stages')) {
    if (command.name !== 'useradd' && command.name !== 'adduser') continue;
    const args = command.args;
    const last = [...args].reverse().find((w) => !w.value.startsWith('-'));
    if (last?.value !== name) continue;
    for (let i = 0; i < args.length; i++) {
      const v = args[i].value;
      const uid = v === '-u' || v === '--uid' ? args[i + 1]?.value : /^--uid=(\d+)$/.exec(v)?.[1];
      if (uid && /^\d+$/.test(uid)) return uid;
    }
  }
  return undefined;
}

export default defineRule({
  id: 'user-numeric-id',
  category: 'security',
  severity: 'hint',
  fixable: 'safe',
  scope: 'shipped-stages',
  aliases: ['DL3066'],
  docs: {
    description: 'The `USER` the shipped image runs as is a numeric UID (`USER 10001`), not a name.',
    rationale:
      'Kubernetes can only enforce `runAsNonRoot` when the image\'s user is a number: with a name it cannot tell whether the user is root and refuses to start the pod. A numeric UID is also resolved without `/etc/passwd`, so it works in distroless and scratch images.',
    bad: 'FROM debian:bookworm-slim\nRUN useradd -u 10001 app\nUSER app\n',
    good: 'FROM debian:bookworm-slim\nRUN useradd -u 10001 app\nUSER 10001\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3066', 'https://kubernetes.io/docs/concepts/security/pod-security-standards/'],
    differences:
      'hadolint reports every non-numeric `USER`; this rule only the one the shipped image runs as (earlier ones only matter during the build), and leaves `root` to `user-non-root`. Windows images, which have no numeric UIDs, are not checked. When the file creates the user with a fixed UID, the fix writes that UID.',
  },
  check({ model, report }) {
    const stage = model.finalStage;
    // Windows containers have no numeric UIDs.
    if (!stage || isWindowsStage(stage)) return;
    const instr = effectiveUser(stage);
    const arg = instr?.node.getArguments()[0];
    if (!instr || !arg) return;
    const text = arg.getValue();
    const [user] = text.split(':');
    if (/^\d+$/.test(user) || user.includes('$') || user === 'root') return;
    const uid = createdUid(model, user);
    const range: Range = arg.getRange();
    const userRange: Range = { start: range.start, end: model.positionAt(model.offsetAt(range.start) + user.length) };
    report({
      range,
      message: `\`USER ${text}\` names the user: use its numeric UID so that runtimes can check it is not root`,
      fix: uid && model.textOf(range) === text ? { title: `Use UID \`${uid}\``, safety: 'safe', edits: () => [{ range: userRange, newText: uid }] } : undefined,
    });
  },
});

import { defineRule } from '../define-rule';
import { allLabelPairs } from '../labels';
import { variablesInScope } from '../query';

const RESERVED = /^(com\.docker|io\.docker|org\.dockerproject)\./;

/** Why a label key breaks Docker's key format, or undefined when it is fine. */
function problem(key: string): string | undefined {
  if (RESERVED.test(key)) return `uses the namespace \`${/^[^.]+\.[^.]+/.exec(key)![0]}\` that Docker reserves`;
  if (/[^a-z0-9.-]/.test(key)) return /[^a-zA-Z0-9.-]/.test(key) ? 'has characters other than `a-z`, `0-9`, `.` and `-`' : 'has upper-case letters';
  if (!/^[a-z]/.test(key)) return 'does not start with a letter';
  if (!/[a-z0-9]$/.test(key)) return 'does not end with a letter or digit';
  if (/[.-]{2}/.test(key)) return 'has consecutive `.` or `-`';
  return undefined;
}

export default defineRule({
  id: 'label-key-valid',
  category: 'maintainability',
  severity: 'info',
  fixable: 'unsafe',
  scope: 'file',
  aliases: ['DL3048'],
  docs: {
    description: 'Label keys follow Docker\'s format: lower-case letters, digits, `.` and `-`, starting with a letter, and outside the namespaces Docker reserves.',
    rationale:
      'Docker asks for label keys made of lower-case letters, digits, `.` and `-`, starting with a letter and ending with a letter or digit, without `..` or `--`, and in a reverse-DNS namespace you own: `com.docker.*`, `io.docker.*` and `org.dockerproject.*` are reserved for Docker. Keys outside that format are easy to misspell and clash with other tools\' labels.',
    bad: 'FROM alpine:3.20\nLABEL Version="1.4.2"\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version="1.4.2"\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3048', 'https://docs.docker.com/engine/manage-resources/labels/#key-format-recommendations'],
    differences: 'Keys that only have upper-case letters come with a fix that lowers them; it is unsafe because whatever reads the label by its old name no longer finds it.',
  },
  check({ model, report }) {
    for (const pair of allLabelPairs(model)) {
      // A key built from a variable that is set is only known at build time; one whose variable is unset is taken as written.
      const scope = pair.instr.stage ? variablesInScope(pair.instr.stage, pair.instr) : new Set<string>();
      if ([...pair.key.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].some((m) => scope.has(m[1]))) continue;
      const why = problem(pair.key);
      if (!why) continue;
      const lower = pair.key.toLowerCase();
      const raw = model.textOf(pair.keyRange);
      const fixable = lower !== pair.key && problem(lower) === undefined;
      report({
        range: pair.keyRange,
        message: `Label key \`${pair.key}\` ${why}`,
        fix: fixable ? { title: `Rename the key to \`${lower}\``, safety: 'unsafe', edits: () => [{ range: pair.keyRange, newText: raw.toLowerCase() }] } : undefined,
      });
    }
  },
});

import { defineRule } from '../define-rule';
import { commandsIn, valueWithoutUnsetVariables, variablesInScope } from '../query';
import { isFileOrGroup, isPinnedRpm, rpmInvocation } from '../rpm-package-managers';

export default defineRule({
  id: 'dnf-version-pinned',
  category: 'reproducibility',
  severity: 'warning',
  fixable: false,
  scope: 'shipped-stages',
  aliases: ['DL3041'],
  docs: {
    description: 'Packages that `dnf install` or `microdnf install` puts into a shipped stage name a version (`httpd-2.4.62`, `nodejs:20` for modules).',
    rationale:
      'Without a version, each build installs whatever the repositories hold that day, so two builds of the same Dockerfile ship different software and a rebuild can break without a change. A pinned version changes only when you change it.',
    bad: 'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n',
    good: 'FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3041', 'https://dnf.readthedocs.io/en/latest/command_ref.html#install-command'],
    differences:
      'hadolint reports every stage; this rule only the shipped ones. A version from a variable counts only when the variable is in scope (an `ARG` or `ENV` of the stage or of the stages it is built from): an `ARG` of another stage expands to nothing. Local package files, URLs and `@groups` are not reported; a version must be the last `-` part of the name, so `java-17-openjdk` counts as unpinned.',
  },
  check({ model, report }) {
    for (const { instr, command } of commandsIn(model, 'shipped-stages')) {
      const inv = rpmInvocation(command);
      if (inv?.tool !== 'dnf' || (inv.subcommand !== 'install' && inv.subcommand !== 'module install')) continue;
      const scope = instr.stage ? variablesInScope(instr.stage, instr.onbuild ?? instr) : new Set<string>();
      for (const word of inv.operands) {
        const spec = valueWithoutUnsetVariables(word, scope);
        if (spec === undefined || spec === '' || isFileOrGroup(word)) continue;
        const pinned = inv.subcommand === 'module install' ? spec.includes(':') : isPinnedRpm(spec);
        if (pinned) continue;
        const hint = inv.subcommand === 'module install' ? `${spec}:<stream>` : `${spec}-<version>`;
        const message = word.static
          ? `Package \`${spec}\` is not pinned to a version: use \`${hint}\``
          : `Package \`${word.raw}\` has no version: its variable is not set in this stage`;
        report({ range: word.range, message });
      }
    }
  },
});

import { defineRule } from '../define-rule';
import { commandsIn, valueWithoutUnsetVariables, variablesInScope } from '../query';
import { isFileOrGroup, rpmInvocation } from '../rpm-package-managers';

export default defineRule({
  id: 'zypper-version-pinned',
  category: 'reproducibility',
  severity: 'warning',
  fixable: false,
  scope: 'shipped-stages',
  aliases: ['DL3037'],
  docs: {
    description: 'Packages that `zypper install` puts into a shipped stage name a version (`httpd=2.4.58`, `httpd>=2.4`).',
    rationale:
      'Without a version, each build installs whatever the repositories hold that day, so two builds of the same Dockerfile ship different software and a rebuild can break without a change. A pinned version changes only when you change it.',
    bad: 'FROM opensuse/leap:15.6\nRUN zypper -n install httpd && zypper clean\n',
    good: 'FROM opensuse/leap:15.6\nRUN zypper -n install httpd=2.4.58 && zypper clean\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3037', 'https://en.opensuse.org/SDB:Zypper_manual'],
    differences:
      'hadolint reports every stage; this rule only the shipped ones. Patterns, patches and products (`-t pattern`), local package files and versions from variables in scope are not reported.',
  },
  check({ model, report }) {
    for (const { instr, command } of commandsIn(model, 'shipped-stages')) {
      const inv = rpmInvocation(command);
      if (inv?.tool !== 'zypper' || inv.subcommand !== 'install') continue;
      const type = command.args.find((w, i) => ['-t', '--type'].includes(command.args[i - 1]?.value ?? '') || /^--type=/.test(w.value));
      if (type && !/(^|=)package$/.test(type.value)) continue;
      const scope = instr.stage ? variablesInScope(instr.stage, instr.onbuild ?? instr) : new Set<string>();
      for (const word of inv.operands) {
        const spec = valueWithoutUnsetVariables(word, scope);
        if (spec === undefined || spec === '' || isFileOrGroup(word) || /[<>=]/.test(spec)) continue;
        const message = word.static
          ? `Package \`${spec}\` is not pinned to a version: use \`${spec}=<version>\``
          : `Package \`${word.raw}\` has no version: its variable is not set in this stage`;
        report({ range: word.range, message });
      }
    }
  },
});

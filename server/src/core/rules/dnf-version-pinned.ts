import { defineRule } from '../define-rule';
import { checkRpmVersionsPinned } from '../rpm-checks';

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
  check(ctx) {
    checkRpmVersionsPinned(ctx, 'dnf');
  },
});

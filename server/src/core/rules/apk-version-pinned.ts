import { defineRule } from '../define-rule';
import { apkAddOperands, apkSpec, unpinnedMessage, unpinnedPackages } from '../package-pins';

export default defineRule({
  id: 'apk-version-pinned',
  category: 'reproducibility',
  severity: 'info',
  fixable: false,
  scope: 'shipped-stages',
  aliases: ['DL3018'],
  docs: {
    description: 'Packages that `apk add` puts into a shipped stage name a version (`curl=8.9.1-r2`, or `curl~8.9` for a release line).',
    rationale:
      'Without a version, `apk add` installs whatever the repository holds at build time, so rebuilding the same Dockerfile can ship different software. A pin makes upgrades a reviewed change; `~` pins a release line and keeps accepting its fixes. Alpine removes superseded versions from a branch, so exact pins need updating from time to time: the rule is informational and leaves builder stages alone, whose packages are not shipped.',
    bad: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
    good: 'FROM alpine:3.20\nRUN apk add --no-cache curl~8.9\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3018', 'https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper#Advanced_APK_Usage'],
    differences:
      'hadolint reports every stage; this rule only the shipped ones (builder stages install build tools that do not end up in the image). A version from a variable counts only when the variable is set in the stage. Local `.apk` files are not reported.',
  },
  check({ model, report }) {
    for (const p of unpinnedPackages(model, 'shipped-stages', apkAddOperands, apkSpec)) {
      report({ range: p.word.range, message: unpinnedMessage(p, `${p.name}=<version>`) });
    }
  },
});

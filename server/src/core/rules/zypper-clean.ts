import { defineRule } from '../define-rule';
import { checkRpmCacheCleaned } from '../rpm-checks';
import { rpmInvocation } from '../rpm-package-managers';

const CACHE = /^\/var\/cache\/zypp(\/packages)?$/;

export default defineRule({
  id: 'zypper-clean',
  category: 'size',
  severity: 'warning',
  fixable: 'safe',
  scope: 'shipped-stages',
  aliases: ['DL3036'],
  docs: {
    description: 'A `RUN` of a shipped stage that installs packages with zypper runs `zypper clean` after it.',
    rationale:
      'zypper keeps repository metadata and downloaded packages in `/var/cache/zypp`. Unless they are removed in the same `RUN`, they stay in the layer: cleaning up in a later `RUN` does not shrink the image.',
    bad: 'FROM opensuse/leap:15.6\nRUN zypper -n install httpd=2.4.58\n',
    good: 'FROM opensuse/leap:15.6\nRUN zypper -n install httpd=2.4.58 && zypper clean\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3036', 'https://en.opensuse.org/SDB:Zypper_manual'],
    differences:
      'hadolint reports every stage; this rule only the shipped ones, as builder stages are not shipped. Removing `/var/cache/zypp` also satisfies it.',
  },
  check(ctx) {
    checkRpmCacheCleaned(ctx, { tool: 'zypper', cache: CACHE, cleans: (later) => later.name === 'zypper' && rpmInvocation(later)?.subcommand === 'clean', cleanCommand: () => 'zypper clean' });
  },
});

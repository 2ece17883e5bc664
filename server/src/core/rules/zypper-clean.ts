import { defineRule } from '../define-rule';
import { appendCommand, hasCacheMount, runsIn } from '../query';
import { installs, removesFolder, rpmInvocation } from '../rpm-package-managers';

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
  check({ model, report }) {
    for (const instr of runsIn(model, 'shipped-stages')) {
      if (hasCacheMount(instr, CACHE)) continue;
      const script = model.shell(instr);
      const install = script.commands.find((c) => {
        const inv = rpmInvocation(c);
        if (inv?.tool !== 'zypper' || !installs(inv)) return false;
        return !script.commands.some((later) => later.start > c.start && (rpmInvocation(later)?.subcommand === 'clean' && later.name === 'zypper' || removesFolder(later, CACHE)));
      });
      if (!install) continue;
      const edit = appendCommand(model, script, 'zypper clean');
      report({
        range: install.range,
        message: 'The zypper cache stays in this layer; run `zypper clean` in the same `RUN`',
        fix: edit && { title: 'Run `zypper clean` at the end of this `RUN`', safety: 'safe', edits: () => [edit] },
      });
    }
  },
});

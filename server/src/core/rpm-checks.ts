/** The checks that the yum, dnf and zypper rules share: packages pinned to a version, the cache cleaned in the same RUN. */
import { appendCommand, commandsIn, hasCacheMount, runsIn, valueWithoutUnsetVariables, variablesInScope } from './query';
import { installs, isFileOrGroup, isPinnedRpm, removesFolder, rpmInvocation, type RpmTool } from './rpm-package-managers';
import type { ShellCommand } from './shell';
import type { CheckContext } from './types';

/**
 * Reports each package that `yum install` / `dnf install` (and `module install`) puts into a shipped
 * stage without a version; a version from a variable counts only when the variable is in scope.
 */
export function checkRpmVersionsPinned({ model, report }: CheckContext, tool: 'yum' | 'dnf'): void {
  for (const { instr, command } of commandsIn(model, 'shipped-stages')) {
    const inv = rpmInvocation(command);
    if (inv?.tool !== tool || (inv.subcommand !== 'install' && inv.subcommand !== 'module install')) continue;
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
}

export interface CacheCleanup {
  tool: RpmTool;
  /** The package cache folders (a cache mount there, or removing one, also cleans up). */
  cache: RegExp;
  /** Whether `later` cleans the cache that `install` filled. */
  cleans(later: ShellCommand, install: ShellCommand): boolean;
  /** The command that cleans up after `install` (`dnf clean all`, `microdnf clean all`…). */
  cleanCommand(install: ShellCommand): string;
}

/**
 * Reports the first install by `tool` in each `RUN` of a shipped stage that no later command of the
 * same `RUN` cleans up after, with the fix that appends the clean-up command.
 */
export function checkRpmCacheCleaned({ model, report }: CheckContext, cleanup: CacheCleanup): void {
  for (const instr of runsIn(model, 'shipped-stages')) {
    if (hasCacheMount(instr, cleanup.cache)) continue;
    const script = model.shell(instr);
    const install = script.commands.find((c) => {
      const inv = rpmInvocation(c);
      if (inv?.tool !== cleanup.tool || !installs(inv)) return false;
      return !script.commands.some((later) => later.start > c.start && (cleanup.cleans(later, c) || removesFolder(later, cleanup.cache)));
    });
    if (!install) continue;
    const clean = cleanup.cleanCommand(install);
    const edit = appendCommand(model, script, clean);
    report({
      range: install.range,
      message: `The ${install.name} cache stays in this layer; run \`${clean}\` in the same \`RUN\``,
      fix: edit && { title: `Run \`${clean}\` at the end of this \`RUN\``, safety: 'safe', edits: () => [edit] },
    });
  }
}

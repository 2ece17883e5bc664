/** Recognising the RPM-family package managers (yum, dnf, microdnf, zypper) in the shell model. */
import { hasFlag, type ShellCommand, type ShellWord } from './shell';

export type RpmTool = 'yum' | 'dnf' | 'zypper';

/** A table by name as a Map, not an object: a command word such as `constructor` must not find `Object.prototype`'s members. */
function spellings<T>(byName: Record<string, T>): Map<string, T> {
  return new Map(Object.entries(byName));
}

/** Command names per tool; `microdnf` and `dnf5` take dnf's commands and flags. */
const TOOLS = spellings<RpmTool>({ yum: 'yum', dnf: 'dnf', 'dnf-3': 'dnf', dnf5: 'dnf', microdnf: 'dnf', zypper: 'zypper' });

/** Options of yum and dnf that take a value as the next word (`--enablerepo epel`). */
const YUM_VALUE_OPTIONS = new Set([
  '-c', '--config', '-d', '--debuglevel', '-e', '--errorlevel', '--installroot', '--enablerepo', '--disablerepo',
  '-x', '--exclude', '--releasever', '--setopt', '--repo', '--repoid', '--rpmverbosity', '--color', '--downloaddir',
  '--destdir', '--forcearch', '--comment', '--repofrompath', '--disableplugin', '--enableplugin', '--advisory',
  '--advisories', '--bz', '--bzs', '--cve', '--cves', '--sec-severity', '--secseverity', '-R', '--randomwait',
  '--use-host-config', '--from-repo',
]);

/** zypper's global and command options that take a value as the next word. */
const ZYPPER_VALUE_OPTIONS = new Set([
  '-c', '--config', '-R', '--root', '-D', '--reposd-dir', '-C', '--cache-dir', '--raw-cache-dir', '--solv-cache-dir',
  '--pkg-cache-dir', '--userdata', '-r', '--repo', '-t', '--type', '--from', '-p', '--plus-repo', '--download',
]);

/** Canonical subcommands of yum and dnf, by every spelling. */
const YUM_SUBCOMMANDS = spellings({
  install: 'install', in: 'install', groupinstall: 'group install', localinstall: 'install',
  reinstall: 'reinstall', rei: 'reinstall', update: 'upgrade', upgrade: 'upgrade', up: 'upgrade',
  'upgrade-minimal': 'upgrade-minimal', 'update-minimal': 'upgrade-minimal', 'up-min': 'upgrade-minimal',
  downgrade: 'downgrade', dg: 'downgrade', 'distro-sync': 'distro-sync', distrosync: 'distro-sync', dsync: 'distro-sync',
  remove: 'remove', rm: 'remove', erase: 'remove', autoremove: 'autoremove', groupremove: 'group remove',
  groupupdate: 'group upgrade', clean: 'clean', makecache: 'makecache', mc: 'makecache',
});

/** Canonical subcommands of zypper, by every spelling. */
const ZYPPER_SUBCOMMANDS = spellings({
  install: 'install', in: 'install', remove: 'remove', rm: 'remove', update: 'update', up: 'update', patch: 'patch',
  'dist-upgrade': 'dist-upgrade', dup: 'dist-upgrade', 'source-install': 'source-install', si: 'source-install',
  'install-new-recommends': 'install-new-recommends', inr: 'install-new-recommends', clean: 'clean', cc: 'clean',
  refresh: 'refresh', ref: 'refresh',
});

export interface RpmInvocation {
  tool: RpmTool;
  command: ShellCommand;
  /** `install`, `group install`, `module install`, `upgrade`, `clean`… */
  subcommand: string;
  /** The last word of the subcommand (`install` of `module install`): where options for it go. */
  subcommandWord: ShellWord;
  /** Operands after the subcommand (packages, groups, modules, files), without options and their values. */
  operands: ShellWord[];
}

function positionalsAfter(args: ShellWord[], from: number, valueOptions: Set<string>): ShellWord[] {
  const out: ShellWord[] = [];
  for (let i = from; i < args.length; i++) {
    const v = args[i].value;
    if (v === '--') {
      out.push(...args.slice(i + 1));
      break;
    }
    if (valueOptions.has(v)) i++;
    else if (!v.startsWith('-')) out.push(args[i]);
  }
  return out;
}

/** A yum, dnf, microdnf or zypper command with its subcommand and operands. */
export function rpmInvocation(command: ShellCommand): RpmInvocation | undefined {
  const tool = TOOLS.get(command.name);
  if (!tool) return undefined;
  const valueOptions = tool === 'zypper' ? ZYPPER_VALUE_OPTIONS : YUM_VALUE_OPTIONS;
  const names = tool === 'zypper' ? ZYPPER_SUBCOMMANDS : YUM_SUBCOMMANDS;
  const words = positionalsAfter(command.args, 0, valueOptions);
  const first = words[0];
  if (!first) return undefined;
  let subcommand = names.get(first.value) ?? first.value;
  let subcommandWord = first;
  if (tool !== 'zypper' && ['group', 'groups', 'grp', 'module'].includes(first.value) && words[1]) {
    subcommand = `${first.value === 'module' ? 'module' : 'group'} ${names.get(words[1].value) ?? words[1].value}`;
    subcommandWord = words[1];
  }
  const index = command.args.indexOf(subcommandWord);
  return { tool, command, subcommand, subcommandWord, operands: positionalsAfter(command.args, index + 1, valueOptions) };
}

/** Subcommands that download packages into the tool's cache. */
const INSTALLING = new Set(['install', 'reinstall', 'upgrade', 'upgrade-minimal', 'downgrade', 'distro-sync', 'group install', 'group upgrade', 'module install', 'update', 'patch', 'dist-upgrade', 'source-install', 'install-new-recommends']);

/** Whether the invocation installs or upgrades packages (and so fills the package cache). */
export function installs(inv: RpmInvocation): boolean {
  return INSTALLING.has(inv.subcommand);
}

/** `yum -y`, `dnf --assumeyes`, `zypper -n`/`--non-interactive`/`-y`/`--no-confirm`: the command does not prompt. */
export function assumesYes(inv: RpmInvocation): boolean {
  const { command } = inv;
  if (inv.tool === 'zypper') return hasFlag(command, '-n', '--non-interactive', '-y', '--no-confirm');
  return hasFlag(command, '-y', '--assumeyes') || command.args.some((w) => /^--setopt=assumeyes=(1|true|yes)$/i.test(w.value));
}

/** An operand that names a local or remote package file, a directory or a group rather than a package from a repository. */
export function isFileOrGroup(word: ShellWord): boolean {
  const v = word.value;
  return v.startsWith('@') || v.includes('/') || /\.rpm$/i.test(v);
}

/** `name-version[-release]`, `name-epoch:version`, `name >= version`: the last `-` part starts with a digit, or a comparison is given. */
export function isPinnedRpm(spec: string): boolean {
  return /[<>=]/.test(spec) || /^[^-].*-(\d+:)?\d[^-]*$/.test(spec);
}

/** Whether the command removes a package cache folder matching `folder` (`rm -rf /var/cache/yum/*`). */
export function removesFolder(command: ShellCommand, folder: RegExp): boolean {
  if (command.name !== 'rm') return false;
  return command.args.some((w) => {
    const path = w.value.replace(/\/\*?$/, '').replace(/\/+$/, '');
    return folder.test(path);
  });
}

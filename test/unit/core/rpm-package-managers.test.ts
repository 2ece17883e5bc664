import { beforeAll, describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../server/src/core/model';
import { assumesYes, installs, isPinnedRpm, removesFolder, rpmInvocation } from '../../../server/src/core/rpm-package-managers';
import { loadShellParser } from '../../../server/src/io/shell-wasm';

beforeAll(() => loadShellParser());

function commands(run: string) {
  const model = parseDockerfile(`FROM x\nRUN ${run}\n`);
  return model.shell(model.instructions[1]).commands;
}

function invocation(run: string) {
  const inv = rpmInvocation(commands(run)[0]);
  return inv && { tool: inv.tool, subcommand: inv.subcommand, word: inv.subcommandWord.value, operands: inv.operands.map((w) => w.value), installs: installs(inv), yes: assumesYes(inv) };
}

describe('rpm package manager commands', () => {
  it('find the subcommand after global options and their values', () => {
    expect(invocation('yum --enablerepo epel -q install -y jq-1.6 -x foo git')).toEqual({
      tool: 'yum', subcommand: 'install', word: 'install', operands: ['jq-1.6', 'git'], installs: true, yes: true,
    });
  });

  it('know the spellings of each tool', () => {
    expect(invocation('dnf in foo')).toMatchObject({ tool: 'dnf', subcommand: 'install' });
    expect(invocation('microdnf up')).toMatchObject({ tool: 'dnf', subcommand: 'upgrade', yes: false });
    expect(invocation('dnf -y up-min')).toMatchObject({ subcommand: 'upgrade-minimal', installs: true, yes: true });
    expect(invocation('yum groupinstall -y "Dev Tools"')).toMatchObject({ subcommand: 'group install', operands: ['Dev Tools'] });
    expect(invocation('zypper --non-interactive dup')).toMatchObject({ tool: 'zypper', subcommand: 'dist-upgrade', yes: true });
    expect(invocation('zypper -n in -t pattern devel_basis')).toMatchObject({ subcommand: 'install', operands: ['devel_basis'] });
    expect(invocation('zypper cc -a')).toMatchObject({ subcommand: 'clean', installs: false });
  });

  it('take the last word of two-word subcommands', () => {
    expect(invocation('dnf module install nodejs:20')).toMatchObject({ subcommand: 'module install', word: 'install', operands: ['nodejs:20'] });
    expect(invocation('dnf group install "Development Tools"')).toMatchObject({ subcommand: 'group install', word: 'install' });
  });

  it('ignore other programs and commands without a subcommand', () => {
    expect(invocation('apt-get install foo')).toBeUndefined();
    expect(invocation('yum --version')).toBeUndefined();
  });

  it('find nothing in the names of Object.prototype', () => {
    expect(invocation('constructor install foo')).toBeUndefined();
    expect(invocation('toString -y install foo')).toBeUndefined();
    expect(invocation('yum constructor foo')).toMatchObject({ tool: 'yum', subcommand: 'constructor', installs: false });
  });

  it('tell pinned package specs', () => {
    for (const spec of ['httpd-2.4.6', 'openssl-1:1.1.1k', 'gcc-c++-8.5.0', 'git-core-2.43.0-1.fc40', 'foo-1.0.x86_64', 'nginx >= 1.24']) expect(isPinnedRpm(spec), spec).toBe(true);
    for (const spec of ['httpd', 'java-17-openjdk', 'python3', 'rpm-sign', 'lib32-foo']) expect(isPinnedRpm(spec), spec).toBe(false);
  });

  it('see cache folders removed', () => {
    const [rm] = commands('rm -rf /var/cache/yum/* /tmp/x');
    expect(removesFolder(rm, /^\/var\/cache\/yum$/)).toBe(true);
    expect(removesFolder(rm, /^\/var\/cache\/dnf$/)).toBe(false);
  });
});

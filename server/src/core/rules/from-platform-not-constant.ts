import { defineRule } from '../define-rule';
import { flagsOf } from '../model';
import { hasVariables } from '../variables';

const OSES = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'illumos', 'ios', 'js', 'linux', 'netbsd', 'openbsd', 'plan9', 'solaris', 'wasip1', 'windows']);
/** Architectures by every spelling (a Map: `constructor` must not find `Object.prototype`'s members). */
const ARCHES = new Map<string, string>(Object.entries({
  '386': '386', i386: '386', i686: '386', x86: '386', amd64: 'amd64', x86_64: 'amd64', 'x86-64': 'amd64', arm64: 'arm64', aarch64: 'arm64',
  arm: 'arm', armhf: 'arm', armel: 'arm', ppc64le: 'ppc64le', ppc64: 'ppc64', s390x: 's390x', riscv64: 'riscv64', mips64le: 'mips64le', mips64: 'mips64', loong64: 'loong64', wasm: 'wasm',
}));

/** `os/arch[/variant]` as containerd's platform parser reads it (a lone OS or architecture is completed with linux/amd64). */
export function parsePlatform(text: string): { os: string; arch: string } | undefined {
  const parts = text.toLowerCase().split('/');
  if (parts.length > 3 || parts.some((p) => !/^[a-z0-9_.-]+$/.test(p))) return undefined;
  if (parts.length === 1) {
    if (OSES.has(parts[0])) return { os: parts[0], arch: 'amd64' };
    const arch = ARCHES.get(parts[0]);
    return arch ? { os: 'linux', arch } : undefined;
  }
  const arch = ARCHES.get(parts[1]);
  return OSES.has(parts[0]) && arch ? { os: parts[0], arch } : undefined;
}

export default defineRule({
  id: 'from-platform-not-constant',
  category: 'reproducibility',
  severity: 'warning',
  fixable: false,
  scope: 'all-stages',
  aliases: ['DL3029', 'FromPlatformFlagConstDisallowed'],
  docs: {
    description: '`FROM --platform` uses a variable such as `$BUILDPLATFORM`, not a fixed platform, unless the stage is named for that platform.',
    rationale:
      'A fixed `--platform=linux/amd64` forces that platform whatever the build asks for: on an Arm machine or in a multi-platform build the stage runs under emulation, or an amd64 image is shipped as arm64. Use `$BUILDPLATFORM` for stages that run build tools and leave the target stages without `--platform`. A stage whose name says the platform (`AS build-amd64`) is clearly meant to be fixed and is not reported.',
    bad: 'FROM --platform=linux/amd64 golang:1.22 AS build\nRUN go build ./...\n',
    good: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN go build ./...\n',
    references: [
      'https://docs.docker.com/reference/build-checks/from-platform-flag-const-disallowed/',
      'https://github.com/hadolint/hadolint/wiki/DL3029',
      'https://docs.docker.com/build/building/multi-platform/',
    ],
    differences:
      'As BuildKit does, any variable is accepted (hadolint\'s DL3029 only accepts `BUILDPLATFORM` and `TARGETPLATFORM`), and a fixed platform is accepted in a stage named for it, which hadolint reports.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const flag = flagsOf(stage.from).find((f) => f.getName().toLowerCase() === 'platform');
      const value = flag?.getValue()?.replace(/^(["'])(.*)\1$/, '$2');
      if (!flag || !value || hasVariables(value) || value.includes('$')) continue;
      const platform = parsePlatform(value);
      if (!platform) continue;
      const name = stage.name?.toLowerCase() ?? '';
      if (name.includes(platform.os) || name.includes(platform.arch)) continue;
      report({ range: flag.getValueRange() ?? flag.getRange(), message: `\`FROM --platform=${value}\` fixes the platform of the stage` });
    }
  },
});

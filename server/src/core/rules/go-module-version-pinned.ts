import { defineRule } from '../define-rule';
import { commandsIn } from '../query';
import type { ShellWord } from '../shell';

/** Build flags of the go command that take a value as the next word. */
const VALUE_FLAGS = new Set([
  '-C', '-o', '-p', '-asmflags', '-buildmode', '-buildvcs', '-compiler', '-gccgoflags', '-gcflags', '-installsuffix', '-ldflags',
  '-mod', '-modfile', '-overlay', '-pgo', '-pkgdir', '-tags', '-toolexec', '-exec', '-covermode', '-coverpkg', '-coverprofile',
]);

/** Versions that name a moving target rather than a release or commit. */
const FLOATING = new Set(['latest', 'upgrade', 'patch', 'master', 'main', 'head', 'HEAD', 'trunk']);

/** The module or package arguments of `go install`, `go get` and `go run` (for `go run`, only the first: the rest go to the program). */
function packageArgs(args: ShellWord[]): { sub: string; packages: ShellWord[] } | undefined {
  const sub = args[0]?.value;
  if (sub !== 'install' && sub !== 'get' && sub !== 'run') return undefined;
  const packages: ShellWord[] = [];
  for (let i = 1; i < args.length; i++) {
    const v = args[i].value;
    if (v === '--') continue;
    if (v.startsWith('-')) {
      if (VALUE_FLAGS.has(v.replace(/^--/, '-'))) i++;
      continue;
    }
    packages.push(args[i]);
    if (sub === 'run') break;
  }
  return { sub, packages };
}

/** A local path, a file, or a pattern of the main module rather than a remote module. */
function isLocal(path: string): boolean {
  return /^(\.|\/|\$)/.test(path) || /\.go$/.test(path) || path === 'all' || path === 'std' || path === 'cmd' || /^cmd\//.test(path);
}

export default defineRule({
  id: 'go-module-version-pinned',
  category: 'reproducibility',
  severity: 'warning',
  fixable: false,
  scope: 'all-stages',
  aliases: ['DL3062'],
  docs: {
    description: '`go install`, `go get` and `go run` of a remote module name a version (`@v1.2.3` or a commit), not `@latest` or none.',
    rationale:
      'Without a version, or with `@latest` or a branch, Go resolves the newest release at build time: two builds of the same Dockerfile compile different code, and a new release of the tool can break the build. What a builder stage compiles usually ends up in the shipped image, so this applies to every stage.',
    bad: 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@latest\n',
    good: 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@v0.16.2\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3062', 'https://go.dev/ref/mod#go-install'],
    differences: 'Branch names (`@master`, `@main`) and `@upgrade`/`@patch` count as unpinned, like `@latest`.',
  },
  check({ model, report }) {
    for (const { command } of commandsIn(model, 'all-stages')) {
      if (command.name !== 'go') continue;
      const found = packageArgs(command.args);
      if (!found) continue;
      for (const word of found.packages) {
        const path = word.value;
        if (isLocal(path)) continue;
        const at = path.lastIndexOf('@');
        const version = at > 0 ? path.slice(at + 1) : undefined;
        if (version !== undefined && version !== '' && !FLOATING.has(version)) continue;
        const module = at > 0 ? path.slice(0, at) : path;
        report({
          range: word.range,
          message: version ? `\`go ${found.sub} ${path}\` follows \`@${version}\`: pin a version such as \`${module}@v1.2.3\`` : `\`go ${found.sub} ${path}\` has no version: pin one such as \`${module}@v1.2.3\``,
        });
      }
    }
  },
});

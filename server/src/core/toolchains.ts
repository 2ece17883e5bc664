/** Recognising build toolchains: commands that compile or bundle, and compiler packages. */
import { apkAdd, aptCommand, subcommandWord } from './package-managers';
import type { ShellCommand } from './shell';

const BUILD_SCRIPT = /^(build|compile|bundle|dist|prod|production)(:.*)?$/;
const FRONTEND_BUILDERS = new Map([
  ['vite', 'build'],
  ['ng', 'build'],
  ['next', 'build'],
  ['nuxt', 'build'],
  ['react-scripts', 'build'],
  ['vue-cli-service', 'build'],
  ['astro', 'build'],
]);
const COMPILERS = new Set(['tsc', 'gcc', 'g++', 'cc', 'c++', 'clang', 'clang++', 'javac', 'rustc', 'cmake', 'make', 'webpack', 'esbuild', 'rollup']);
const COMPILER_PACKAGES =
  /^(build-essential|build-base|gcc|g\+\+|gcc-\d+|g\+\+-\d+|clang(-\d+)?|make|cmake|musl-dev|libc6?-dev|golang(-go|-\d\.\d+)?|go|rustc|cargo|maven|gradle|default-jdk(-headless)?|openjdk-?\d+-jdk(-headless)?|openjdk\d+(-jdk)?|typescript|nodejs-dev)$/;

function scriptOf(command: ShellCommand): string | undefined {
  const args = command.args.filter((w) => !w.value.startsWith('-'));
  const [first, second] = args.map((w) => w.value);
  if (command.name === 'npm') return first === 'run' || first === 'run-script' ? second : undefined;
  if (command.name === 'yarn' || command.name === 'pnpm' || command.name === 'bun') return first === 'run' ? second : first;
  return undefined;
}

function commandText(command: ShellCommand, words = 3): string {
  return command.words
    .slice(0, words)
    .map((w) => w.value)
    .join(' ');
}

/** A short label such as `npm run build` when the command builds or compiles software; undefined otherwise. */
export function toolchainUse(command: ShellCommand): string | undefined {
  const name = command.name;
  const sub = subcommandWord(command, new Set())?.value;
  const script = scriptOf(command);
  if (script && BUILD_SCRIPT.test(script)) return commandText(command);
  if (name === 'npx' || name === 'pnpx') {
    const tool = command.args.find((w) => !w.value.startsWith('-'));
    if (tool && (tool.value === 'tsc' || FRONTEND_BUILDERS.has(tool.value))) return commandText(command);
  }
  if (sub !== undefined && FRONTEND_BUILDERS.get(name) === sub) return commandText(command, 2);
  const versionCheck = command.args.length > 0 && command.args.every((w) => /^(--?version|-[vV]|--help)$/.test(w.value));
  if (COMPILERS.has(name) && !(name === 'make' && sub === 'install') && !versionCheck) return name;
  if (name === 'go' && (sub === 'build' || sub === 'install')) return `go ${sub}`;
  if (name === 'cargo' && (sub === 'build' || sub === 'install')) return `cargo ${sub}`;
  if ((name === 'mvn' || name === 'mvnw') && command.args.some((w) => /^(package|install|verify|compile)$/.test(w.value))) return `${name} package`;
  if ((name === 'gradle' || name === 'gradlew') && command.args.some((w) => /^(build|assemble|bootJar|shadowJar|installDist|jar)$/.test(w.value))) return `${name} build`;
  if (name === 'dotnet' && (sub === 'publish' || sub === 'build')) return `dotnet ${sub}`;
  return undefined;
}

/** Compiler packages that an `apt-get install` or `apk add` installs. */
export function compilerPackages(command: ShellCommand): string[] {
  const install = aptCommand(command, ['install']) ?? apkAdd(command);
  if (!install) return [];
  const after = command.args.slice(command.args.indexOf(install) + 1);
  return after.map((w) => w.value.replace(/[=<>].*$/, '')).filter((v) => COMPILER_PACKAGES.test(v));
}

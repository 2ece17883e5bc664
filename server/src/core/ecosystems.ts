/** Ecosystems: dependency-install commands, their manifest files, and what a `.dockerignore` should exclude. */
import type { DockerfileModel } from './model';
import { subcommandWord } from './package-managers';
import type { ShellCommand } from './shell';
import type { ContextFiles } from './types';

export type Ecosystem = 'node' | 'python' | 'go' | 'ruby' | 'php' | 'rust' | 'java' | 'dotnet';

export interface DependencyInstall {
  ecosystem: Ecosystem;
  /** What the command is, for messages: `npm ci`. */
  label: string;
  /** Manifest files to copy before the install: exact names when the build context is known, else safe globs. */
  manifests(files: ContextFiles, contextKnown: boolean): string[] | undefined;
}

function existing(files: ContextFiles, contextKnown: boolean, required: string[], optional: string[], fallback: string[]): string[] | undefined {
  if (!contextKnown) return fallback;
  if (!required.every((f) => files.exists(f))) return undefined;
  return [...required, ...optional.filter((f) => files.exists(f))];
}

function positionalsAfter(command: ShellCommand, sub: string): string[] {
  const args = command.args.map((w) => w.value);
  return args.slice(args.indexOf(sub) + 1).filter((v) => !v.startsWith('-'));
}

/** Lines of a requirements file that refer to other files or to the sources: `-r`, `-c`, `-e`, `.`, `./pkg`, `file:`. */
const REQUIREMENTS_INCLUDE = /^[ \t]*(?:-[rce]|--(?:requirement|constraint|editable)\b|\.{1,2}(?:[/[ \t]|$)|file:)/m;

/** A command that installs a project's dependencies from its manifest files (not named packages). */
export function dependencyInstall(command: ShellCommand): DependencyInstall | undefined {
  const name = command.name;
  const sub = subcommandWord(command, new Set())?.value;
  if (name === 'npm' && (sub === 'ci' || ((sub === 'install' || sub === 'i') && positionalsAfter(command, sub).length === 0))) {
    if (command.args.some((w) => w.value === '-g' || w.value === '--global')) return undefined;
    return {
      ecosystem: 'node',
      label: `npm ${sub}`,
      manifests: (files, known) => existing(files, known, ['package.json'], ['package-lock.json', 'npm-shrinkwrap.json', '.npmrc'], ['package*.json']),
    };
  }
  if (name === 'yarn' && (sub === undefined || (sub === 'install' && positionalsAfter(command, sub).length === 0))) {
    return {
      ecosystem: 'node',
      label: 'yarn install',
      manifests: (files, known) => existing(files, known, ['package.json'], ['yarn.lock', '.yarnrc.yml', '.yarnrc', '.npmrc'], ['package.json', 'yarn.lock*']),
    };
  }
  if (name === 'pnpm' && (sub === 'install' || sub === 'i') && positionalsAfter(command, sub).length === 0) {
    return {
      ecosystem: 'node',
      label: 'pnpm install',
      manifests: (files, known) => existing(files, known, ['package.json'], ['pnpm-lock.yaml', 'pnpm-workspace.yaml', '.npmrc'], ['package.json', 'pnpm-lock.yaml*']),
    };
  }
  if (/^(pip\d*(\.\d+)?|python[\d.]*)$/.test(name) && command.args.some((w) => w.value === 'install')) {
    const args = command.args.map((w) => w.value);
    const requirements = args.flatMap((v, i) => (v === '-r' || v === '--requirement' ? [args[i + 1]] : v.startsWith('--requirement=') ? [v.slice(14)] : [])).filter(Boolean);
    if (requirements.length === 0 || requirements.some((r) => r.includes('$') || r.startsWith('/') || r.split('/').includes('..'))) return undefined;
    const rest = positionalsAfter(command, 'install').filter((v) => !requirements.includes(v));
    if (rest.length > 0) return undefined;
    return {
      ecosystem: 'python',
      label: 'pip install -r',
      manifests: (files, known) => {
        if (!known) return requirements;
        const contents = requirements.map((r) => files.read(r.replace(/^\.\//, '')));
        // A file that is missing, or that pulls in other files or the project itself (`-r`, `-c`, `-e .`), needs more than itself.
        return contents.every((c) => c !== undefined && !REQUIREMENTS_INCLUDE.test(c)) ? requirements : undefined;
      },
    };
  }
  if (name === 'poetry' && sub === 'install' && command.args.some((w) => w.value === '--no-root')) {
    return {
      ecosystem: 'python',
      label: 'poetry install',
      manifests: (files, known) => existing(files, known, ['pyproject.toml'], ['poetry.lock'], ['pyproject.toml', 'poetry.lock*']),
    };
  }
  if (name === 'go' && sub === 'mod' && command.args.some((w) => w.value === 'download')) {
    return { ecosystem: 'go', label: 'go mod download', manifests: (files, known) => existing(files, known, ['go.mod'], ['go.sum'], ['go.mod', 'go.sum*']) };
  }
  if (name === 'bundle' && (sub === undefined || sub === 'install')) {
    return { ecosystem: 'ruby', label: 'bundle install', manifests: (files, known) => existing(files, known, ['Gemfile'], ['Gemfile.lock'], ['Gemfile', 'Gemfile.lock*']) };
  }
  if (name === 'composer' && sub === 'install') {
    return { ecosystem: 'php', label: 'composer install', manifests: (files, known) => existing(files, known, ['composer.json'], ['composer.lock'], ['composer.json', 'composer.lock*']) };
  }
  if ((name === 'mvn' || name === 'mvnw') && command.args.some((w) => /^dependency:(go-offline|resolve)$/.test(w.value))) {
    return { ecosystem: 'java', label: 'mvn dependency:go-offline', manifests: (files, known) => existing(files, known, ['pom.xml'], [], ['pom.xml']) };
  }
  if (name === 'dotnet' && sub === 'restore') {
    return {
      ecosystem: 'dotnet',
      label: 'dotnet restore',
      manifests: (files, known) => {
        const projects = known ? (files.list('') ?? []).filter((f) => /\.(cs|fs|vb)proj$/.test(f)) : [];
        return projects.length > 0 ? projects : undefined;
      },
    };
  }
  return undefined;
}

const MARKERS: Array<[string | RegExp, Ecosystem]> = [
  ['package.json', 'node'],
  ['requirements.txt', 'python'],
  ['pyproject.toml', 'python'],
  ['Pipfile', 'python'],
  ['go.mod', 'go'],
  ['Cargo.toml', 'rust'],
  ['pom.xml', 'java'],
  ['build.gradle', 'java'],
  ['build.gradle.kts', 'java'],
  ['Gemfile', 'ruby'],
  ['composer.json', 'php'],
  [/\.(cs|fs|vb)proj$|\.sln$/, 'dotnet'],
];

/** Ecosystems of a build context, from its marker files and the Dockerfile's install commands. */
export function detectEcosystems(model: DockerfileModel, files: ContextFiles): Set<Ecosystem> {
  const found = new Set<Ecosystem>();
  const entries = files.list('') ?? [];
  for (const [marker, ecosystem] of MARKERS) {
    if (typeof marker === 'string' ? entries.includes(marker) : entries.some((e) => marker.test(e))) found.add(ecosystem);
  }
  for (const stage of model.stages) {
    for (const instr of stage.instructions) {
      if (instr.keyword !== 'RUN') continue;
      for (const command of model.shell(instr).commands) {
        const install = dependencyInstall(command);
        if (install) found.add(install.ecosystem);
      }
    }
  }
  return found;
}

/** Entries a `.dockerignore` needs: the ones checked, and extra ones added when the file is created. */
export function ignoreEntries(ecosystems: Set<Ecosystem>): { required: string[]; extra: string[] } {
  const required = ['.git', '.env'];
  const extra = ['.dockerignore', '**/*.log'];
  const add = (r: string[], e: string[] = []) => {
    r.forEach((x) => required.includes(x) || required.push(x));
    e.forEach((x) => extra.includes(x) || extra.push(x));
  };
  if (ecosystems.has('node')) add(['node_modules'], ['npm-debug.log*', 'coverage', '.nyc_output']);
  if (ecosystems.has('python')) add(['.venv', '__pycache__'], ['*.pyc', '.pytest_cache']);
  if (ecosystems.has('rust')) add(['target']);
  if (ecosystems.has('java')) add(['target', 'build', '.gradle']);
  if (ecosystems.has('dotnet')) add(['bin', 'obj']);
  if (ecosystems.has('ruby')) add(['vendor/bundle', '.bundle']);
  if (ecosystems.has('php')) add(['vendor']);
  return { required, extra };
}

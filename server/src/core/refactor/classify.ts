/** What each `RUN` of the original stage does, so the split knows what stays in the builder and what the runtime needs. */
import { dependencyInstall } from '../ecosystems';
import type { DockerfileModel } from '../model';
import { apkAdd, aptCommand, removesAptLists, subcommandWord } from '../package-managers';
import type { ShellCommand } from '../shell';
import { compilerPackages, toolchainUse } from '../toolchains';
import type { Item } from './original';

/** What the original's `RUN`s mean for the runtime stage. */
export interface RunClassification {
  /** System packages the runtime stage must install too, per package manager. */
  runtimePackages: { apt: string[]; apk: string[] };
  /** Commands that prepare the file system (`mkdir -p /data`, `useradd`…) and are repeated in the runtime stage. */
  setup: string[];
  /** A command the split cannot place, with the reason; the split is refused. */
  unknown?: string;
}

const SETUP = new Set(['mkdir', 'chown', 'chmod', 'ln', 'groupadd', 'useradd', 'addgroup', 'adduser', 'touch']);
const BUILDER_ONLY = new Set(['rm', 'echo', 'ls', 'true', 'cat', 'printf', 'test', '[', 'cd', 'export', 'set', 'which', 'node', 'npx', 'corepack']);
/** Packages that only building needs, for every ecosystem. */
const BUILD_TOOLS = /^(git|curl|wget|pkg-config|autoconf|automake|libtool|ca-certificates|gnupg|unzip|xz-utils|bzip2|patch|file|dpkg-dev|.*-dev|.*-devel)$/;

/** The packages an `apt-get install` or `apk add` installs (versions dropped, option values skipped), or undefined for other commands. */
export function installedPackages(command: ShellCommand): string[] | undefined {
  const install = aptCommand(command, ['install']) ?? apkAdd(command);
  if (!install) return undefined;
  const after = command.args.slice(command.args.indexOf(install) + 1);
  const values = after.map((w) => w.value);
  return after
    .filter((w, i) => !w.value.startsWith('-') && !['-t', '-o', '--virtual', '-X', '--repository'].includes(values[i - 1] ?? ''))
    .map((w) => w.value.replace(/[=<>~].*$/, ''));
}

function isPackageHousekeeping(command: ShellCommand): boolean {
  if (aptCommand(command, ['update', 'clean', 'autoclean', 'autoremove', 'purge', 'remove', 'upgrade', 'dist-upgrade'])) return true;
  if (command.name === 'apk' && ['update', 'del', 'upgrade', 'cache'].includes(subcommandWord(command, new Set())?.value ?? '')) return true;
  return removesAptLists(command);
}

/** Setup that only touches absolute, literal paths, so it can be repeated without the sources. */
function isRepeatableSetup(command: ShellCommand): boolean {
  if (!SETUP.has(command.name)) return false;
  return command.args.every((w) => w.static && (w.value.startsWith('-') || w.value.startsWith('/') || !/[/.]/.test(w.value) || /^[ugoa]*[+-=][rwxXst]+$/.test(w.value) || /^\d{3,4}$/.test(w.value) || /^[\w-]+(:[\w-]+)?$/.test(w.value)));
}

/**
 * Classifies the `RUN`s of the original stage.
 * @param buildOnly packages this ecosystem needs only while building (compilers, headers, its own toolchain).
 */
export function classifyRuns(model: DockerfileModel, items: Item[], buildOnly: (pkg: string) => boolean): RunClassification {
  const result: RunClassification = { runtimePackages: { apt: [], apk: [] }, setup: [] };
  for (const item of items) {
    if (item.keyword !== 'RUN') continue;
    const script = model.shell(item.instr);
    if (!script.ok) return { ...result, unknown: `\`${item.text.split(/\r?\n/)[0].slice(0, 60)}\` cannot be read` };
    for (const command of script.commands) {
      const packages = installedPackages(command);
      if (packages) {
        const compilers = new Set(compilerPackages(command));
        const needed = packages.filter((p) => !compilers.has(p) && !BUILD_TOOLS.test(p) && !buildOnly(p));
        const list = command.name === 'apk' ? result.runtimePackages.apk : result.runtimePackages.apt;
        for (const p of needed) if (!list.includes(p)) list.push(p);
        continue;
      }
      if (isPackageHousekeeping(command) || dependencyInstall(command) || toolchainUse(command) || BUILDER_ONLY.has(command.name)) continue;
      if (['npm', 'yarn', 'pnpm', 'pip', 'pip3', 'go', 'cargo', 'mvn', 'gradle', 'dotnet', 'mvnw', 'gradlew', 'python', 'python3', 'poetry', 'uv'].includes(command.name)) continue;
      if (isRepeatableSetup(command)) {
        result.setup.push(command.words.map((w) => (/^[\w@%+=:,./-]+$/.test(w.value) ? w.value : `'${w.value.replace(/'/g, `'\\''`)}'`)).join(' '));
        continue;
      }
      return { ...result, unknown: `\`${command.words.map((w) => w.value).join(' ').slice(0, 60)}\` may be needed at run time` };
    }
  }
  return result;
}

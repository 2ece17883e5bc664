/**
 * The packages an install command names (`apt-get install`, `apk add`, `pip install`, `npm install`,
 * `gem install`), and whether each pins a version. Each tool has an `…Operands` function (the words
 * that may name packages, options and their values left out; undefined when the command is not that
 * install) and a `…Spec` function (the package in a word's value and whether it is pinned; undefined
 * for local files, folders, archives and URLs, which have no version to pin).
 */
import type { DockerfileModel } from './model';
import { aptCommand, apkAdd, pipInstall } from './package-managers';
import { commandsIn, valueWithoutUnsetVariables, variablesInScope } from './query';
import type { ShellCommand, ShellWord } from './shell';
import type { RuleScope } from './types';

export interface PackageSpec {
  /** The package name without its version constraint. */
  name: string;
  pinned: boolean;
  /** How to pin it, when it is not the tool's usual `name<sep><version>` (git URLs). */
  hint?: string;
}

/** Positional words of a command after `from`, skipping options and the values of `valueOptions`. */
function operands(command: ShellCommand, from: ShellWord, valueOptions: Set<string>, stopAtDoubleDash = false): ShellWord[] {
  const args = command.args;
  const out: ShellWord[] = [];
  for (let i = args.indexOf(from) + 1; i < args.length; i++) {
    const v = args[i].value;
    if (v === '--') {
      if (stopAtDoubleDash) break;
      continue;
    }
    if (valueOptions.has(v)) i++;
    else if (!v.startsWith('-')) out.push(args[i]);
  }
  return out;
}

const APT_VALUE_OPTIONS = new Set(['-o', '-t', '-c', '--option', '--target-release', '--config-file', '--default-release']);

/** Package words of `apt-get install` / `apt install` (options may come before or after `install`). */
export function aptInstallOperands(command: ShellCommand): ShellWord[] | undefined {
  const install = aptCommand(command, ['install'], ['apt-get', 'apt']);
  if (!install) return undefined;
  const words = command.args.filter((w) => w !== install);
  const out: ShellWord[] = [];
  for (let i = 0; i < words.length; i++) {
    if (APT_VALUE_OPTIONS.has(words[i].value)) i++;
    else if (!words[i].value.startsWith('-')) out.push(words[i]);
  }
  return out;
}

/** `pkg=version` pins; `.deb` files and paths are not packages. `pkg/release` picks a release, not a version. */
export function aptSpec(value: string): PackageSpec | undefined {
  if (value.includes('/') && !/^[^/=]+\/[^/=]+(=|$)/.test(value)) return undefined;
  if (/\.deb$/.test(value)) return undefined;
  const [name, version] = value.split('=');
  return { name: name.split('/')[0], pinned: Boolean(version) };
}

const APK_VALUE_OPTIONS = new Set(['-X', '--repository', '-t', '--virtual', '-p', '--root', '--arch', '--cache-dir', '--keys-dir', '--repositories-file']);

export function apkAddOperands(command: ShellCommand): ShellWord[] | undefined {
  const add = apkAdd(command);
  return add && operands(command, add, APK_VALUE_OPTIONS);
}

/** `pkg=1.2-r0`, `pkg~1.2`, `pkg>1.2`… pin; `.apk` files and paths are not packages. */
export function apkSpec(value: string): PackageSpec | undefined {
  if (/\.apk$/.test(value) || value.includes('/')) return undefined;
  const match = /^([^=~<>]*)(?:[=~<>]+(.*))?$/.exec(value)!;
  return { name: match[1], pinned: Boolean(match[2]) };
}

const PIP_VALUE_OPTIONS = new Set([
  '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--trusted-host', '-t', '--target', '--prefix', '--root',
  '--build', '--src', '--upgrade-strategy', '--root-user-action', '--platform', '--python-version', '--implementation',
  '--abi', '--progress-bar', '--log', '--cache-dir', '--proxy', '--retries', '--timeout', '--exists-action', '--cert',
  '--client-cert', '--global-option', '--install-option', '-C', '--config-settings', '--only-binary', '--no-binary',
  '-e', '--editable', '--python', '--pip-args', '--suffix', '--spec', '--report', '--keyring-provider', '--use-feature',
  '--use-deprecated', '--log-file', '--group', '--index', '--python-path',
]);

/** Options after which pip takes versions from a file: the command pins through that file. */
const PIP_FILE_OPTIONS = /^(-r|--requirement|-c|--constraint)(=|$)|^-[rc]./;

/** Package words of `pip install` (any `pip`, `python -m pip`) and `pipx install`; none when a requirements or constraints file is used. */
export function pipInstallOperands(command: ShellCommand): ShellWord[] | undefined {
  let install = pipInstall(command);
  if (!install && command.name === 'pipx') {
    const first = command.args.find((w) => !w.value.startsWith('-'));
    if (first?.value === 'install') install = first;
  }
  if (!install) return undefined;
  if (command.args.some((w) => PIP_FILE_OPTIONS.test(w.value))) return [];
  return operands(command, install, PIP_VALUE_OPTIONS);
}

const VCS = /^(git|hg|svn|bzr)\+/;
const URL = /^[a-z][a-z0-9+.-]*:\/\//i;
const PY_ARCHIVE = /\.(whl|tar\.gz|tgz|tar\.bz2|tar\.xz|zip|tar)$/i;

/** Whether a VCS URL names a revision: `git+https://host/org/repo.git@v1.2#egg=x`. */
function vcsHasRevision(url: string): boolean {
  const afterScheme = url.replace(/#.*$/, '').replace(VCS, '').replace(/^[a-z]+:\/\//i, '');
  const slash = afterScheme.indexOf('/');
  return slash >= 0 && afterScheme.slice(slash + 1).includes('@');
}

/** A version specifier (`==`, `~=`, `>=`, `<`, `!=`…) or a direct reference (`name @ url`) pins; VCS URLs pin with `@revision`. */
export function pipSpec(value: string): PackageSpec | undefined {
  if (VCS.test(value)) {
    const name = value.replace(/#.*$/, '');
    return { name, pinned: vcsHasRevision(value), hint: `${name}@<revision>${value.slice(name.length)}` };
  }
  // A direct reference (`name @ https://…`) pins to what the URL holds.
  const direct = /^([A-Za-z0-9][\w.-]*)(\[[^\]]*\])?\s*@\s*\S/.exec(value);
  if (direct) return { name: direct[1], pinned: true };
  if (URL.test(value) || value.includes('/') || value === '.' || value === '..' || PY_ARCHIVE.test(value)) return undefined;
  const name = value.split(/[\s[<>=!~;@]/)[0];
  return { name, pinned: /(===?|~=|!=|<=?|>=?)\s*[^\s<>=!~]/.test(value) };
}

const NPM_INSTALL = new Set(['install', 'i', 'add', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall']);
const NPM_VALUE_OPTIONS = new Set([
  '--registry', '--loglevel', '--prefix', '--cache', '--userconfig', '--globalconfig', '--tag', '--omit', '--include',
  '-w', '--workspace', '--install-strategy', '--save-prefix', '--before', '--otp', '--auth-type', '--scope', '--fetch-retries',
]);

/** Package words of `npm install <pkg>…` (and its aliases `i`, `add`…). */
export function npmInstallOperands(command: ShellCommand): ShellWord[] | undefined {
  if (command.name !== 'npm') return undefined;
  const args = command.args;
  let sub: ShellWord | undefined;
  for (let i = 0; i < args.length && !sub; i++) {
    if (NPM_VALUE_OPTIONS.has(args[i].value)) i++;
    else if (!args[i].value.startsWith('-')) sub = args[i];
  }
  return sub && NPM_INSTALL.has(sub.value) ? operands(command, sub, NPM_VALUE_OPTIONS) : undefined;
}

const NPM_PATH = /^(\.{1,2}(\/|$)|\/|~\/|[a-zA-Z]:[\\/]|file:)/;
const NPM_TARBALL = /\.(tgz|tar|tar\.gz)$/i;
const NPM_GIT = /^(git(\+[a-z]+)?:\/\/|git@|github:|gitlab:|bitbucket:|gist:)/i;
/** Dist-tags move like no version at all. */
const NPM_TAGS = new Set(['latest', 'next']);

/** `pkg@version` and `@scope/pkg@version` pin; git URLs and `user/repo` pin with `#ref`; folders, tarballs and URLs are not packages. */
export function npmSpec(value: string): PackageSpec | undefined {
  if (NPM_PATH.test(value) || NPM_TARBALL.test(value) || /^https?:\/\//i.test(value)) return undefined;
  if (NPM_GIT.test(value) || (!value.startsWith('@') && value.includes('/'))) {
    const hash = value.indexOf('#');
    const name = hash >= 0 ? value.slice(0, hash) : value;
    return { name, pinned: hash >= 0 && hash < value.length - 1, hint: `${name}#<commit or tag>` };
  }
  const at = value.indexOf('@', 1);
  const version = at > 0 ? value.slice(at + 1) : '';
  return { name: at > 0 ? value.slice(0, at) : value, pinned: version !== '' && !NPM_TAGS.has(version) };
}

const GEM_VALUE_OPTIONS = new Set([
  '-v', '--version', '-i', '--install-dir', '-n', '--bindir', '-s', '--source', '-P', '--trust-policy', '--platform',
  '-g', '--file', '--document', '-p', '--http-proxy', '--build-root', '--target-rbconfig',
]);

/** Gem words of `gem install` / `gem i`, up to `--`; none when `-v`/`--version` pins the version. */
export function gemInstallOperands(command: ShellCommand): ShellWord[] | undefined {
  if (command.name !== 'gem') return undefined;
  const sub = command.args.find((w) => !w.value.startsWith('-'));
  if (!sub || (sub.value !== 'install' && sub.value !== 'i')) return undefined;
  const words: ShellWord[] = [];
  const args = command.args;
  for (let i = args.indexOf(sub) + 1; i < args.length; i++) {
    const v = args[i].value;
    if (v === '--') break;
    if (/^(-v|--version)(=|$)/.test(v)) return [];
    if (GEM_VALUE_OPTIONS.has(v)) i++;
    else if (v.startsWith('-')) {
      // An option followed by a boolean takes it as its value (`--use-system-libraries true`).
      if (/^(true|false)$/.test(args[i + 1]?.value ?? '')) i++;
    } else words.push(args[i]);
  }
  return words;
}

/** `name:version` pins; `.gem` files and paths are not packages. */
export function gemSpec(value: string): PackageSpec | undefined {
  if (/\.gem$/.test(value) || value.includes('/')) return undefined;
  const [name, version] = value.split(':');
  return { name, pinned: Boolean(version) };
}

export interface UnpinnedPackage {
  word: ShellWord;
  name: string;
  hint?: string;
}

/**
 * The unpinned packages of one kind of install command in the stages of `scope`. A word with a
 * variable set in the stage (`curl=$CURL_VERSION`) is not reported: its value is unknown here; a
 * variable that is not set expands to nothing, as it does in the build.
 */
export function* unpinnedPackages(
  model: DockerfileModel,
  scope: RuleScope,
  operandsOf: (command: ShellCommand) => ShellWord[] | undefined,
  specOf: (value: string) => PackageSpec | undefined,
): Generator<UnpinnedPackage> {
  for (const { instr, command } of commandsIn(model, scope)) {
    const words = operandsOf(command);
    if (!words?.length) continue;
    const inScope = instr.stage ? variablesInScope(instr.stage, instr.onbuild ?? instr) : new Set<string>();
    for (const word of words) {
      const value = valueWithoutUnsetVariables(word, inScope);
      if (!value) continue;
      const spec = specOf(value);
      if (spec && !spec.pinned) yield { word, name: spec.name, hint: spec.hint };
    }
  }
}

/** The message for an unpinned package, with the pinned spelling as a hint (`curl=<version>`, unless the spec has its own). */
export function unpinnedMessage(p: UnpinnedPackage, hint: string): string {
  return p.word.static
    ? `Package \`${p.name}\` is not pinned to a version: use \`${p.hint ?? hint}\``
    : `Package \`${p.word.raw}\` has no version: its variable is not set in this stage`;
}

/**
 * What the Go, Python, Java, Rust and .NET splits read from a project: its manifests (go.mod,
 * Cargo.toml, pom.xml, Gradle settings, .NET project files), where in the image its build runs,
 * and the steps that follow from them (manifests copied before the sources, the start command,
 * the runtime's user). Text in, data out: no file system, the build context comes as `ContextFiles`.
 */
import { isWholeContextCopy } from '../context';
import { flagsOf, type DockerfileModel } from '../model';
import { apkAdd, aptCommand } from '../package-managers';
import type { ShellCommand, ShellScript } from '../shell';
import type { ContextFiles } from '../types';
import type { RunClassification } from './classify';
import type { Item, OriginalStage } from './original';
import { fromLine } from './render';
import type { SplitContext } from './types';

// ---------------------------------------------------------------------------------------------
// Paths inside the image (POSIX, absolute) and inside the build context (relative, no `./`).

/** Joins and normalises a path; `rel` may be absolute. Undefined when it climbs above `/`. */
export function joinPath(base: string, rel: string): string | undefined {
  const parts: string[] = [];
  for (const segment of `${rel.startsWith('/') ? '' : base}/${rel}`.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(segment);
  }
  return `/${parts.join('/')}`;
}

/** `dir` relative to `base` when it is `base` or inside it (`''` for the same folder), else undefined. */
export function pathWithin(base: string, dir: string): string | undefined {
  if (dir === base) return '';
  const prefix = base === '/' ? '/' : `${base}/`;
  return dir.startsWith(prefix) ? dir.slice(prefix.length) : undefined;
}

/** A context-relative path: `./a/b/` → `a/b`, `.` → `''`; undefined when it leaves the context. */
export function contextPath(path: string): string | undefined {
  const joined = joinPath('/', path);
  return joined === undefined ? undefined : joined.slice(1);
}

function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export function basename(path: string): string {
  return path.replace(/\/+$/, '').slice(path.replace(/\/+$/, '').lastIndexOf('/') + 1);
}

// ---------------------------------------------------------------------------------------------
// Manifests.

/** `go.mod`: the module path, and whether it needs anything but itself to resolve. */
export interface GoMod {
  module?: string;
  /** `replace … => ./local` directives: `go mod download` then needs those folders too. */
  localReplace: boolean;
}

export function readGoMod(text: string): GoMod {
  const clean = text.replace(/\/\/.*$/gm, '');
  const module = /^\s*module\s+"?([^\s"]+)"?/m.exec(clean)?.[1];
  return { module, localReplace: /=>\s*\.{1,2}\//.test(clean) };
}

export type TomlValue = string | number | boolean | TomlValue[] | { raw: string };

export interface TomlTable {
  /** `package`, `bin`, `workspace`… (`''` for the keys before the first header). */
  name: string;
  /** `[[bin]]` rather than `[bin]`. */
  array: boolean;
  values: Map<string, TomlValue>;
}

function tomlValue(raw: string): TomlValue {
  const text = raw.trim();
  if (/^"(?:[^"\\]|\\.)*"$/.test(text)) {
    try {
      return JSON.parse(text) as string;
    } catch {
      return { raw: text };
    }
  }
  if (/^'[^']*'$/.test(text)) return text.slice(1, -1);
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^[+-]?\d[\d_]*(\.\d+)?$/.test(text)) return Number(text.replace(/_/g, ''));
  if (text.startsWith('[') && text.endsWith(']')) {
    const items = text.slice(1, -1).match(/"(?:[^"\\]|\\.)*"|'[^']*'|[^,\s][^,]*/g) ?? [];
    return items.map((i) => tomlValue(i)).filter((v) => !(typeof v === 'object' && !Array.isArray(v) && v.raw === ''));
  }
  return { raw: text };
}

function stripTomlComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return line.slice(0, i);
  }
  return line;
}

/** The subset of TOML that Cargo manifests use: tables, arrays of tables, `key = value` with strings, numbers, booleans and arrays. */
export function readToml(text: string): TomlTable[] {
  const tables: TomlTable[] = [{ name: '', array: false, values: new Map() }];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = stripTomlComment(lines[i]).trim();
    if (line === '') continue;
    const header = /^\[(\[)?\s*([^\]]+?)\s*\]?\]$/.exec(line);
    if (header) {
      tables.push({ name: header[2].replace(/["']/g, ''), array: header[1] === '[', values: new Map() });
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim().replace(/^["']|["']$/g, '');
    let value = line.slice(eq + 1).trim();
    // Multi-line arrays and inline tables: read on until the brackets balance.
    const open = (s: string) => (s.match(/[[{]/g)?.length ?? 0) - (s.match(/[\]}]/g)?.length ?? 0);
    while (open(value) > 0 && i + 1 < lines.length) {
      line = stripTomlComment(lines[++i]).trim();
      value += ` ${line}`;
    }
    tables[tables.length - 1].values.set(key, tomlValue(value));
  }
  return tables;
}

export function tomlString(table: TomlTable | undefined, key: string): string | undefined {
  const value = table?.values.get(key);
  return typeof value === 'string' ? value : undefined;
}

/** `Cargo.toml`: the package and the binaries it builds. */
export interface CargoManifest {
  name?: string;
  /** A workspace (`[workspace]` with `members`, or no `[package]`), not a single package. */
  workspace: boolean;
  /** `[[bin]]` targets with a name. */
  bins: Array<{ name: string; path?: string }>;
  /** Targets other than `src/main.rs` (a library, `build.rs`, examples, tests, benches) that a placeholder build would also need. */
  otherTargets: boolean;
}

export function readCargoToml(text: string): CargoManifest {
  const tables = readToml(text);
  const pkg = tables.find((t) => t.name === 'package' && !t.array);
  const bins = tables.filter((t) => t.name === 'bin' && t.array).flatMap((t) => {
    const name = tomlString(t, 'name');
    return name ? [{ name, path: tomlString(t, 'path') }] : [];
  });
  const otherTargets =
    tables.some((t) => ['lib', 'example', 'test', 'bench'].includes(t.name)) ||
    (pkg?.values.has('build') ?? false) ||
    pkg?.values.get('autobins') === false;
  const workspace = !pkg || (tables.find((t) => t.name === 'workspace')?.values.has('members') ?? false);
  return { name: tomlString(pkg, 'name'), workspace, bins, otherTargets };
}

/** `pom.xml`: what names the jar (`target/<finalName>.jar`). */
export interface Pom {
  artifactId?: string;
  version?: string;
  packaging: string;
  /** `<build><finalName>` or `<artifactId>-<version>`, properties resolved; undefined when not resolvable. */
  finalName?: string;
  modules: string[];
}

function xmlBlock(xml: string, tag: string): string | undefined {
  return new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(xml)?.[1];
}

function xmlText(xml: string | undefined, tag: string): string | undefined {
  if (xml === undefined) return undefined;
  return new RegExp(`<${tag}>\\s*([^<]*?)\\s*</${tag}>`).exec(xml)?.[1];
}

export function readPom(text: string): Pom {
  const xml = text.replace(/<!--[\s\S]*?-->/g, '');
  const parent = xmlBlock(xml, 'parent');
  const propertiesXml = xmlBlock(xml, 'properties') ?? '';
  const modules = [...(xmlBlock(xml, 'modules') ?? '').matchAll(/<module>\s*([^<]+?)\s*<\/module>/g)].map((m) => m[1]);
  // The project's own elements: drop the nested blocks that have their own artifactId/version.
  let own = xml;
  for (const tag of ['parent', 'dependencies', 'dependencyManagement', 'plugins', 'pluginManagement', 'profiles', 'reporting', 'extensions', 'properties', 'modules', 'distributionManagement', 'repositories', 'pluginRepositories']) {
    own = own.replace(new RegExp(`<${tag}(?:\\s[^>]*)?>[\\s\\S]*?</${tag}>`, 'g'), '');
  }
  const properties = new Map<string, string>();
  for (const m of propertiesXml.matchAll(/<([\w.-]+)>\s*([^<]*?)\s*<\/\1>/g)) properties.set(m[1], m[2]);
  const artifactId = xmlText(own, 'artifactId');
  const version = xmlText(own, 'version') ?? xmlText(parent, 'version');
  properties.set('project.artifactId', artifactId ?? '');
  properties.set('project.version', version ?? '');
  properties.set('pom.artifactId', artifactId ?? '');
  properties.set('pom.version', version ?? '');
  const resolve = (value: string | undefined, depth = 0): string | undefined => {
    if (value === undefined) return undefined;
    const out = value.replace(/\$\{([^}]+)\}/g, (m, name: string) => properties.get(name) ?? m);
    if (!out.includes('${')) return out;
    return depth < 3 && out !== value ? resolve(out, depth + 1) : undefined;
  };
  const finalNameText = xmlText(xmlBlock(own, 'build'), 'finalName');
  const resolvedVersion = resolve(version);
  const finalName = finalNameText !== undefined ? resolve(finalNameText) : artifactId && resolvedVersion ? `${resolve(artifactId)}-${resolvedVersion}` : undefined;
  return {
    artifactId,
    version: resolvedVersion,
    packaging: xmlText(own, 'packaging') ?? 'jar',
    finalName: finalName || undefined,
    modules,
  };
}

/** Gradle: the settings file (Groovy or Kotlin DSL) and whether the build has more than one project. */
export interface GradleBuild {
  settings?: string;
  build?: string;
  /** `include(...)` in the settings, `buildSrc/`, or an included build: more files than the build scripts are needed to resolve. */
  multiProject: boolean;
}

export function readGradle(files: ContextFiles, dir = ''): GradleBuild {
  const at = (name: string) => (dir ? `${dir}/${name}` : name);
  const settings = ['settings.gradle', 'settings.gradle.kts'].find((f) => files.exists(at(f)));
  const build = ['build.gradle', 'build.gradle.kts'].find((f) => files.exists(at(f)));
  const text = settings ? (files.read(at(settings)) ?? '') : '';
  const multiProject = /^\s*(include|includeBuild|includeFlat)\b/m.test(text) || (files.list(at('buildSrc')) ?? []).length > 0;
  return { settings, build, multiProject };
}

/** A .NET project file (`.csproj`, `.fsproj`, `.vbproj`). */
export interface DotnetProject {
  path: string;
  sdk?: string;
  assemblyName: string;
  targetFramework?: string;
  /** `<TargetFrameworks>` (several): the runtime cannot be chosen. */
  multiTarget: boolean;
  /** References `Microsoft.AspNetCore.App` (Web SDK or a framework reference). */
  aspnet: boolean;
  /** `PublishAot`, `PublishSingleFile`, `SelfContained` or `PublishTrimmed`: the output is not a framework-dependent dll. */
  native?: string;
  /** `<ProjectReference Include="…">`, as context-relative paths. */
  references: string[];
}

export function readDotnetProject(path: string, text: string): DotnetProject {
  const xml = text.replace(/<!--[\s\S]*?-->/g, '');
  const prop = (name: string) => new RegExp(`<${name}(?:\\s[^>]*)?>\\s*([^<]*?)\\s*</${name}>`, 'i').exec(xml)?.[1];
  const sdk = /<Project\s[^>]*Sdk\s*=\s*"([^"]+)"/i.exec(xml)?.[1] ?? /<Sdk\s+Name\s*=\s*"([^"]+)"/i.exec(xml)?.[1];
  const file = basename(path);
  const dir = dirname(path);
  const references = [...xml.matchAll(/<ProjectReference\s[^>]*Include\s*=\s*"([^"]+)"/gi)]
    .map((m) => contextPath(`${dir ? `${dir}/` : ''}${m[1].replace(/\\/g, '/')}`))
    .filter((p): p is string => p !== undefined);
  const native = ['PublishAot', 'PublishSingleFile', 'SelfContained', 'PublishTrimmed'].find((p) => /^true$/i.test(prop(p) ?? ''));
  return {
    path,
    sdk,
    assemblyName: prop('AssemblyName') ?? file.replace(/\.(cs|fs|vb)proj$/, ''),
    targetFramework: prop('TargetFramework'),
    multiTarget: prop('TargetFrameworks') !== undefined,
    aspnet: /^Microsoft\.NET\.Sdk\.Web$/i.test(sdk ?? '') || /<FrameworkReference\s[^>]*Include\s*=\s*"Microsoft\.AspNetCore\.App"/i.test(xml),
    native,
    references,
  };
}

/** The .NET project files of a context folder. */
export function dotnetProjectFiles(files: ContextFiles, dir: string): string[] {
  return (files.list(dir) ?? []).filter((f) => /\.(cs|fs|vb)proj$/.test(f)).map((f) => (dir ? `${dir}/${f}` : f));
}

// ---------------------------------------------------------------------------------------------
// Where the build runs.

/** The working directory before each item, undefined when not known (a variable, or no `WORKDIR` and an unknown default). */
export function workdirsOf(original: OriginalStage, initial: string | undefined): Map<Item, string | undefined> {
  const result = new Map<Item, string | undefined>();
  let dir = initial;
  for (const item of original.items) {
    result.set(item, dir);
    if (item.keyword !== 'WORKDIR') continue;
    const arg = item.instr.node.getArgumentsContent()?.trim() ?? '';
    dir = arg.includes('$') ? undefined : arg.startsWith('/') ? joinPath('/', arg) : dir === undefined ? undefined : joinPath(dir, arg);
  }
  return result;
}

/** A `COPY`/`ADD` from the build context. */
export interface ContextCopy {
  item: Item;
  sources: string[];
  /** The destination as written, and resolved (absolute, normalised); undefined when not known. */
  destText: string;
  dest?: string;
  /** `COPY . <dest>`. */
  whole: boolean;
  /** `--chown`, `--chmod`, `--link` as written. */
  flags: string[];
}

export function contextCopies(model: DockerfileModel, original: OriginalStage, workdirs: Map<Item, string | undefined>): ContextCopy[] {
  const copies: ContextCopy[] = [];
  for (const item of original.items) {
    if (item.keyword !== 'COPY' && item.keyword !== 'ADD') continue;
    const flags = flagsOf(item.instr);
    if (flags.some((f) => f.getName().toLowerCase() === 'from')) continue;
    const args = item.instr.node.getArguments().map((a) => a.getValue());
    if (args.length < 2) continue;
    const destText = args[args.length - 1];
    const workdir = workdirs.get(item);
    const dest = destText.includes('$') ? undefined : destText.startsWith('/') ? joinPath('/', destText) : workdir === undefined ? undefined : joinPath(workdir, destText);
    copies.push({
      item,
      sources: args.slice(0, -1),
      destText,
      dest,
      whole: isWholeContextCopy(item.instr),
      flags: flags.filter((f) => ['chown', 'chmod', 'link'].includes(f.getName().toLowerCase())).map((f) => model.textOf(f.getRange())),
    });
  }
  return copies;
}

/** A command found in the `RUN`s of the original stage. */
export interface FoundCommand {
  item: Item;
  script: ShellScript;
  command: ShellCommand;
  /** The working directory of the `RUN`. */
  workdir?: string;
  /** A `cd` runs before the command in the same `RUN`, so its directory is not the `WORKDIR`. */
  afterCd: boolean;
  /** The command runs inside `sh -c '…'`, so its text is inside a quoted string. */
  nested: boolean;
}

export function findCommands(ctx: SplitContext, workdirs: Map<Item, string | undefined>, match: (command: ShellCommand) => boolean): FoundCommand[] {
  const found: FoundCommand[] = [];
  for (const item of ctx.original.items) {
    if (item.keyword !== 'RUN') continue;
    const script = ctx.model.shell(item.instr);
    script.commands.forEach((command, index) => {
      if (!match(command)) return;
      const before = script.commands.slice(0, index);
      found.push({
        item,
        script,
        command,
        workdir: workdirs.get(item),
        afterCd: before.some((c) => ['cd', 'pushd'].includes(c.name)),
        nested: script.commands.some((c) => c !== command && c.start <= command.start && c.end >= command.end),
      });
    });
  }
  return found;
}

/** Why a found build command's text cannot be edited in place, if it cannot. */
export function uneditable(found: FoundCommand, label: string): string | undefined {
  if (found.script.execForm) return `the \`${label}\` \`RUN\` is in exec form`;
  if (found.nested) return `\`${label}\` runs inside \`sh -c\``;
  if (found.afterCd) return `the \`${label}\` \`RUN\` changes directory with \`cd\``;
  return undefined;
}

/** The instruction's text with insertions/replacements at document offsets. */
export function editedText(model: DockerfileModel, item: Item, edits: Array<{ start: number; end?: number; text: string }>): string {
  const base = model.offsetAt(item.instr.range.start);
  let text = item.text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    text = text.slice(0, edit.start - base) + edit.text + text.slice((edit.end ?? edit.start) - base);
  }
  return text;
}

/** `NAME=value` assignments written in front of a command (`CGO_ENABLED=0 go build`). */
export function prefixAssignments(model: DockerfileModel, command: ShellCommand): string {
  return model.text.slice(command.start, command.words[0].start);
}

// ---------------------------------------------------------------------------------------------
// The start command.

export interface StartWord {
  value: string;
  /** A shell-form word with `*`, `?` or `[`: the shell expands it. */
  glob: boolean;
}

export interface Start {
  /** The `ENTRYPOINT`'s words, if any, then the `CMD`'s (unless the `ENTRYPOINT` is in shell form, which ignores `CMD`). */
  entrypoint: StartWord[];
  cmd: StartWord[];
  /** Where the program (the first word) is. */
  programIn: 'ENTRYPOINT' | 'CMD';
  argv: StartWord[];
}

function startWords(ctx: SplitContext, item: Item): StartWord[] | string {
  const script = ctx.model.shell(item.instr);
  const what = `\`${item.keyword}\``;
  if (!script.ok || script.commands.length === 0) return `${what} cannot be read`;
  let commands = script.commands;
  let shellForm = !script.execForm;
  if (script.execForm && commands.length > 1) {
    // `["sh", "-c", "…"]`: the script inside.
    commands = commands.slice(1);
    shellForm = true;
  }
  if (commands.length !== 1) return `${what} runs more than one command`;
  const command = commands[0];
  if (command.wrappers.some((w) => w !== 'exec')) return `${what} runs \`${command.wrappers[0]}\` in front of the program`;
  if (!command.words.every((w) => w.static)) return `${what} uses shell expansion (\`${command.words.find((w) => !w.static)!.raw}\`)`;
  if (shellForm && (prefixAssignments(ctx.model, command).trim() !== '' || (!script.execForm && script.end !== command.end))) {
    return `${what} uses shell features (variables or redirections)`;
  }
  return command.words.map((w) => ({ value: w.value, glob: shellForm && /[*?[]/.test(w.value) }));
}

/** The program and arguments the image starts, from a simple `ENTRYPOINT`/`CMD`; a refusal reason otherwise. */
export function readStart(ctx: SplitContext): Start | string {
  const { entrypoint, cmd } = ctx.original;
  if (!entrypoint && !cmd) return 'the Dockerfile has no `CMD` or `ENTRYPOINT`';
  const ep = entrypoint ? startWords(ctx, entrypoint) : [];
  if (typeof ep === 'string') return ep;
  const epShell = entrypoint !== undefined && !ctx.model.shell(entrypoint.instr).execForm;
  const c = cmd && !epShell ? startWords(ctx, cmd) : [];
  if (typeof c === 'string') return c;
  return { entrypoint: ep, cmd: c, programIn: ep.length ? 'ENTRYPOINT' : 'CMD', argv: [...ep, ...c] };
}

export function execForm(words: string[]): string {
  return `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
}

/**
 * `ENTRYPOINT`/`CMD` lines that run `program` with the original's arguments in the same instructions:
 * the program replaces the original's first word (or `drop` words of it).
 */
export function startLines(start: Start, program: string[], drop = 1): string[] {
  const args = start.argv.slice(drop).map((w) => w.value);
  if (start.programIn === 'CMD') return [`CMD ${execForm([...program, ...args])}`];
  const epArgs = start.entrypoint.slice(drop).map((w) => w.value);
  const lines = [`ENTRYPOINT ${execForm([...program, ...epArgs])}`];
  if (start.cmd.length) lines.push(`CMD ${execForm(start.cmd.map((w) => w.value))}`);
  return lines;
}

// ---------------------------------------------------------------------------------------------
// The builder of a compiled project: the original steps, with the manifests copied and the
// dependencies fetched before the sources, and the build command rewritten.

/** Instructions that only matter in the image that runs; they leave the builder. */
const RUNTIME_ONLY = new Set(['CMD', 'ENTRYPOINT', 'EXPOSE', 'HEALTHCHECK', 'VOLUME', 'LABEL', 'STOPSIGNAL', 'ONBUILD']);

export interface WarmUp {
  /** A command of the original that already fetches the dependencies (`go mod download`). */
  isWarmup(command: ShellCommand): boolean;
  /** Whether such a command, in a `RUN` of its own after the whole-context copy, can run before it with only the manifests. */
  movable?(command: ShellCommand): boolean;
  /** Context-relative files to copy before it, to the same place under the whole-context copy's destination. */
  files: string[];
  /** Context-relative folders to copy the same way (`.mvn`, `gradle`). */
  folders?: string[];
  /** The `RUN` lines to add when the original has none. */
  run: string[];
}

export interface BuilderPlan {
  /** The builder's image, when it differs from the original's. */
  image?: string;
  warmup?: WarmUp;
  /** New text for some items (the build command). */
  rewrites?: Map<Item, string>;
  /** Lines after `FROM` (Python's virtual environment). */
  prelude?: string[];
  append?: string[];
}

function withComments(item: Item, text = item.text): string[] {
  return [...item.comments, ...text.split(/\r?\n/)];
}

function manifestCopies(copy: ContextCopy, warmup: WarmUp): string[] {
  const dest = copy.destText === '.' || copy.destText === './' ? './' : copy.destText.endsWith('/') ? copy.destText : `${copy.destText}/`;
  const flags = copy.flags.length ? `${copy.flags.join(' ')} ` : '';
  const byDir = new Map<string, string[]>();
  for (const path of warmup.files) byDir.set(dirname(path), [...(byDir.get(dirname(path)) ?? []), path]);
  return [
    ...[...byDir].map(([dir, list]) => `COPY ${flags}${list.join(' ')} ${dest}${dir ? `${dir}/` : ''}`),
    ...(warmup.folders ?? []).map((folder) => `COPY ${flags}${folder} ${dest}${folder}`),
  ];
}

/**
 * The builder stage. When the original copies the whole context and does not fetch the
 * dependencies before that, the manifests are copied and the dependencies fetched first, so that
 * layer stays cached until a manifest changes. A `RUN` of the original that only fetches them
 * after the whole-context copy is moved in front of it.
 */
export function compiledBuilder(ctx: SplitContext, plan: BuilderPlan): { lines: string[]; warmedUp: boolean } {
  const { model, original } = ctx;
  const lines = [fromLine(original, plan.image ?? original.imageText, 'builder'), ...(plan.prelude ?? [])];
  const items = original.items.filter((i) => !RUNTIME_ONLY.has(i.keyword));
  const wholeIndex = items.findIndex((i) => isWholeContextCopy(i.instr));
  const warmup = plan.warmup;
  const commandsOf = (item: Item) => (item.keyword === 'RUN' ? model.shell(item.instr).commands : []);
  let insertAt = -1;
  let moved = -1;
  let warmedUp = false;
  if (warmup && wholeIndex >= 0) {
    const before = items.slice(0, wholeIndex).some((i) => commandsOf(i).some((c) => warmup.isWarmup(c)));
    if (!before) {
      for (let i = wholeIndex + 1; i < items.length; i++) {
        const commands = commandsOf(items[i]);
        if (items[i].keyword === 'RUN' && commands.length > 0 && commands.every((c) => warmup.isWarmup(c) && (warmup.movable?.(c) ?? false))) {
          moved = i;
          break;
        }
        if (!['ENV', 'ARG'].includes(items[i].keyword)) break;
      }
      if (moved >= 0 || warmup.run.length > 0) {
        insertAt = wholeIndex;
        warmedUp = true;
      }
    }
  }
  const workdirs = workdirsOf(original, undefined);
  const copy = wholeIndex >= 0 ? contextCopies(model, original, workdirs).find((c) => c.item === items[wholeIndex]) : undefined;
  items.forEach((item, index) => {
    if (index === insertAt && warmup && copy) {
      lines.push(...manifestCopies(copy, warmup));
      lines.push(...(moved >= 0 ? withComments(items[moved], plan.rewrites?.get(items[moved])) : warmup.run));
    }
    if (index === moved) return;
    lines.push(...withComments(item, plan.rewrites?.get(item)));
  });
  lines.push(...(plan.append ?? []));
  return { lines, warmedUp };
}

// ---------------------------------------------------------------------------------------------
// The runtime stage.

/** `ENV`, `ARG`, `EXPOSE`, `LABEL`, `VOLUME`, `STOPSIGNAL`, `HEALTHCHECK` items of the original, without the `ENV`s that only the build reads. */
export function runtimeSettings(original: OriginalStage, keywords: string[], buildOnlyEnv?: RegExp): string[] {
  return original.runtimeSettings
    .filter((i) => keywords.includes(i.keyword))
    .filter((i) => !(i.keyword === 'ENV' && buildOnlyEnv && envNames(i).every((n) => buildOnlyEnv.test(n))))
    .flatMap((i) => withComments(i));
}

export function envNames(item: Item): string[] {
  const node = item.instr.node as { getProperties?: () => Array<{ getName(): string }> };
  return typeof node.getProperties === 'function' ? node.getProperties().map((p) => p.getName()) : [];
}

/** Whether the original sets an environment variable (`ENV NAME=…`). */
export function setsEnv(original: OriginalStage, name: string): boolean {
  return original.runtimeSettings.some((i) => i.keyword === 'ENV' && envNames(i).includes(name));
}

/** The programs a `HEALTHCHECK CMD` runs (first word of each command), or undefined without a health check. */
export function healthcheckPrograms(original: OriginalStage): string[] | undefined {
  const item = original.runtimeSettings.find((i) => i.keyword === 'HEALTHCHECK');
  if (!item) return undefined;
  const text = item.text.replace(/\\\r?\n/g, ' ');
  const match = /\bCMD\s+([\s\S]*)$/i.exec(text);
  if (!match) return [];
  let script = match[1].trim();
  if (script.startsWith('[')) {
    try {
      const argv = JSON.parse(script) as string[];
      if (!/(^|\/)(sh|bash|ash)$/.test(argv[0] ?? '') || argv[1] !== '-c') return [basename(argv[0] ?? '')];
      script = argv[2] ?? '';
    } catch {
      return ['?'];
    }
  }
  return script
    .replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, 'ARG')
    .split(/&&|\|\||[;|]/)
    .map((part) => part.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean)
    .map((p) => basename(p));
}

/** Programs every shell image has. */
const SHELL_BUILTINS = new Set(['exit', 'test', '[', 'true', 'false', 'sh', 'echo', 'cat', 'grep', 'pgrep', 'kill']);

/**
 * What the runtime needs for the original's `HEALTHCHECK`: packages to install (`curl`, `wget`), or
 * a refusal when it runs something the runtime may not have.
 * @param available programs the runtime image has (`python`, `java`…).
 */
export function healthcheckNeeds(original: OriginalStage, family: 'apt' | 'apk', available: string[]): { packages: string[] } | string {
  const programs = healthcheckPrograms(original);
  if (!programs || /HEALTHCHECK\s+NONE\b/i.test(original.runtimeSettings.find((i) => i.keyword === 'HEALTHCHECK')?.text ?? '')) return { packages: [] };
  const packages: string[] = [];
  for (const program of programs) {
    if (program === 'curl' || (program === 'wget' && family === 'apt')) {
      if (!packages.includes(program)) packages.push(program);
    } else if (!(program === 'wget' && family === 'apk') && !SHELL_BUILTINS.has(program) && !available.includes(program)) {
      return `the \`HEALTHCHECK\` runs \`${program}\`, which the runtime image may not have`;
    }
  }
  return { packages };
}

const ROOT = /^(root|0)(:.*)?$/;

/** The original's last `USER` when it is not root. */
export function nonRootUser(original: OriginalStage): string | undefined {
  const user = original.user?.instr.node.getArgumentsContent()?.trim();
  return user && !ROOT.test(user) ? user : undefined;
}

export const APP_USER = 'app';
/** The UID (and GID) given to the `app` user: numeric, so that Kubernetes can check `runAsNonRoot`. */
export const APP_UID = '10001';

/** The commands that create the `app` system user with a fixed UID, for the image family. */
export function createUserCommands(family: 'apt' | 'apk'): string[] {
  return family === 'apk'
    ? [`addgroup -S -g ${APP_UID} ${APP_USER}`, `adduser -S -u ${APP_UID} -G ${APP_USER} -H -D ${APP_USER}`]
    : [`groupadd --system --gid ${APP_UID} ${APP_USER}`, `useradd --system --uid ${APP_UID} --gid ${APP_USER} --no-create-home ${APP_USER}`];
}

/** One `RUN` that installs the runtime's packages (cache cleaned in the same layer), repeats the setup and creates the user. */
export function runtimeRun(family: 'apt' | 'apk', packages: string[], setup: string[]): string[] {
  const commands: string[] = [];
  if (packages.length && family === 'apt') commands.push('apt-get update', `apt-get install -y --no-install-recommends ${packages.join(' ')}`, 'rm -rf /var/lib/apt/lists/*');
  if (packages.length && family === 'apk') commands.push(`apk add --no-cache ${packages.join(' ')}`);
  commands.push(...setup);
  if (commands.length === 0) return [];
  return `RUN ${commands.join(' && \\\n    ')}`.split('\n');
}

/** The runtime packages classify found, for the family, with extra ones added. */
export function runtimePackages(runs: RunClassification, family: 'apt' | 'apk', extra: string[]): string[] {
  const list = [...(family === 'apk' ? runs.runtimePackages.apk : runs.runtimePackages.apt)];
  for (const p of extra) if (!list.includes(p)) list.push(p);
  return list;
}

/** The image text without its digest (the runtime image is another image; the builder keeps the pin). */
export function withoutDigest(image: string): string {
  return image.replace(/@sha256:[a-f0-9]+$/, '');
}

/** Folders of the context that applications commonly read at run time (templates, static files…). */
export const RUNTIME_FOLDERS = ['templates', 'static', 'public', 'views', 'assets', 'web', 'config', 'migrations'];

/** The runtime folders that exist (non-empty) in a context folder. */
export function runtimeFolders(files: ContextFiles, dir: string): string[] {
  return RUNTIME_FOLDERS.filter((f) => (files.list(dir ? `${dir}/${f}` : f) ?? []).length > 0);
}

// ---------------------------------------------------------------------------------------------
// Build outputs: where the build writes them, and where the original moves them.

/** The packages an `apt-get install` or `apk add` installs (versions dropped), or undefined for other commands. */
export function installedPackages(command: ShellCommand): string[] | undefined {
  const install = aptCommand(command, ['install']) ?? apkAdd(command);
  if (!install) return undefined;
  const after = command.args.slice(command.args.indexOf(install) + 1);
  const values = after.map((w) => w.value);
  return after
    .filter((w, i) => !w.value.startsWith('-') && !['-t', '-o', '--virtual', '-X', '--repository'].includes(values[i - 1] ?? ''))
    .map((w) => w.value.replace(/[=<>~].*$/, ''));
}

const MOVES = new Set(['cp', 'mv', 'install']);
/** Commands around a build that leave nothing the runtime needs. */
const AROUND_BUILD = new Set(['strip', 'rm', 'ls', 'echo', 'true', 'file', 'du', 'upx']);
/** Folders that exist in the usual base images, so `cp app /usr/local/bin` copies into them. */
const KNOWN_DIRS = new Set(['/', '/usr/local/bin', '/usr/bin', '/bin', '/usr/local/sbin', '/usr/sbin', '/sbin', '/opt', '/srv', '/tmp', '/usr/local', '/usr/src', '/root', '/home', '/go/bin', '/usr/local/cargo/bin']);

function moveArgs(command: ShellCommand): { sources: string[]; dest: string; intoDir: boolean } | undefined {
  if (!command.args.every((w) => w.static)) return undefined;
  const values = command.args.map((w) => w.value);
  const positional: string[] = [];
  let target: string | undefined;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === '-t' || v === '--target-directory') target = values[++i];
    else if (v.startsWith('--target-directory=')) target = v.slice(19);
    else if (command.name === 'install' && ['-m', '-o', '-g', '--mode', '--owner', '--group'].includes(v)) i++;
    else if (!v.startsWith('-')) positional.push(v);
  }
  if (target !== undefined) return { sources: positional, dest: target, intoDir: true };
  if (positional.length < 2) return undefined;
  const dest = positional[positional.length - 1];
  return { sources: positional.slice(0, -1), dest, intoDir: positional.length > 2 || dest.endsWith('/') || dest === '.' };
}

export interface Outputs {
  /** Where the build output is at the end of the build (it may be at several places). */
  paths: Set<string>;
  /** `RUN`s that only build and move the output: nothing in them concerns the runtime. */
  handled: Set<Item>;
}

/**
 * Follows the build output through `cp`/`mv`/`install` in the build's `RUN` and the ones after it.
 * `mkdir`, `chmod` and `touch` of the output's folders or of the sources stay in the builder too.
 * @param isTool the ecosystem's own commands (`go`, `cargo`…), which stay in the builder.
 */
export function followOutputs(ctx: SplitContext, workdirs: Map<Item, string | undefined>, build: FoundCommand, outputs: string[], isTool: (c: ShellCommand) => boolean): Outputs {
  const paths = new Set(outputs);
  const handled = new Set<Item>();
  const items = ctx.original.items;
  const dirs = new Set(KNOWN_DIRS);
  for (const w of workdirs.values()) if (w) dirs.add(w);
  const isAncestorOfOutput = (p: string) => [...paths].some((o) => o === p || o.startsWith(`${p}/`));
  for (let i = items.indexOf(build.item); i < items.length; i++) {
    const item = items[i];
    if (item.keyword !== 'RUN') continue;
    const workdir = workdirs.get(item);
    const script = ctx.model.shell(item.instr);
    let other = !script.ok;
    for (const command of script.commands) {
      const args = command.args.filter((w) => !w.value.startsWith('-')).map((w) => (workdir === undefined ? undefined : joinPath(workdir, w.value)));
      if (isTool(command) || AROUND_BUILD.has(command.name)) continue;
      const inSources = (a: string) => build.workdir !== undefined && pathWithin(build.workdir, a) !== undefined;
      if (['mkdir', 'chmod', 'touch'].includes(command.name) && args.every((a) => a !== undefined && (isAncestorOfOutput(a) || inSources(a) || /^[ugoa]*[+-=][rwxXst]+$|^\d{3,4}$/.test(basename(a))))) {
        if (command.name === 'mkdir') args.forEach((a) => dirs.add(a!));
        continue;
      }
      const move = MOVES.has(command.name) && workdir !== undefined ? moveArgs(command) : undefined;
      if (!move) {
        other = true;
        continue;
      }
      const dest = joinPath(workdir!, move.dest);
      for (const source of move.sources) {
        const from = joinPath(workdir!, source);
        if (!from || !dest || !paths.has(from)) continue;
        paths.add(move.intoDir || dirs.has(dest) ? joinPath(dest, basename(from))! : dest);
        if (command.name === 'mv') paths.delete(from);
      }
    }
    if (!other) handled.add(item);
  }
  return { paths, handled };
}

/** The path a start command's program resolves to among the build outputs, or undefined. */
export function resolveProgram(program: string, workdir: string | undefined, paths: Set<string>, pathDirs: string[]): string | undefined {
  if (program.startsWith('/') || program.includes('/')) {
    const path = program.startsWith('/') ? joinPath('/', program) : workdir === undefined ? undefined : joinPath(workdir, program);
    return path !== undefined && paths.has(path) ? path : undefined;
  }
  return pathDirs.map((d) => joinPath(d, program)!).find((p) => paths.has(p));
}

export interface UserPlan {
  /** The `USER` value. */
  user: string;
  /** Commands that create the user. */
  create: string[];
  /** The original's repeated setup, with a UID added to the command that creates its user. */
  setup: string[];
  /** The user for messages: `app` (UID 10001). */
  label: string;
  note?: string;
}

/** Users every Debian and Alpine image has, by UID. */
const SYSTEM_UIDS: Record<'apt' | 'apk', Record<string, string>> = { apt: { nobody: '65534', 'www-data': '33' }, apk: { nobody: '65534', 'www-data': '82' } };

/**
 * The runtime's user, as a number so that `runAsNonRoot` can be checked: the original's non-root
 * user (with the UID its repeated `useradd`/`adduser` gives it, or a fixed one added to that
 * command), the image's own user, or a new `app` user with UID 10001.
 * @returns the `USER` value, the commands that create the user, and the setup with the UID fixed.
 */
export function userPlan(original: OriginalStage, family: 'apt' | 'apk', setup: string[], builtIn?: string): UserPlan {
  const own = nonRootUser(original);
  if (own) {
    const name = own.split(':')[0];
    if (/^\d+$/.test(name) || name.includes('$')) return { user: own, create: [], setup, label: `\`${own}\`` };
    const creating = setup.findIndex((s) => /^(useradd|adduser)\b/.test(s) && s.split(/\s+/).filter((w) => !w.startsWith('-')).at(-1) === name);
    if (creating >= 0) {
      const words = setup[creating].split(/\s+/);
      const at = words.findIndex((w) => w === '-u' || w === '--uid');
      const uid = at >= 0 ? words[at + 1] : /^--uid=(\d+)$/.exec(words.find((w) => w.startsWith('--uid=')) ?? '')?.[1];
      if (uid && /^\d+$/.test(uid)) return { user: uid, create: [], setup, label: `\`${name}\` (UID ${uid})` };
      const flag = words[0] === 'adduser' && family === 'apk' ? `-u ${APP_UID}` : `--uid ${APP_UID}`;
      const fixed = [...setup];
      fixed[creating] = `${words[0]} ${flag} ${words.slice(1).join(' ')}`;
      return { user: APP_UID, create: [], setup: fixed, label: `\`${name}\` (UID ${APP_UID})`, note: `\`${name}\` is created with UID ${APP_UID} so that \`USER\` can name it by number` };
    }
    const known = SYSTEM_UIDS[family][name];
    return { user: known ?? own, create: [], setup, label: known ? `\`${name}\` (UID ${known})` : `\`${own}\`` };
  }
  if (builtIn) return { user: builtIn, create: [], setup, label: `\`${builtIn}\`` };
  return { user: `${APP_UID}:${APP_UID}`, create: createUserCommands(family), setup, label: `\`${APP_USER}\` (UID ${APP_UID}), a system user created for it` };
}

/**
 * Go services: the module cache is filled before the sources are copied, the binary is built
 * static (`CGO_ENABLED=0 -trimpath -ldflags="-s -w"`) and shipped alone in distroless static
 * (or `scratch` with the CA bundle), as user 65532.
 */
import { subcommandWord } from '../package-managers';
import type { ShellCommand, ShellWord } from '../shell';
import { binaryRuntime, DISTROLESS_STATIC } from './binary-runtime';
import { compiledBuilder } from './builder-stage';
import { followOutputs, resolveProgram } from './build-outputs';
import { installedPackages } from './classify';
import { contextCopies, projectDirOf } from './context-copies';
import { readGoMod } from './go-mod';
import { basename, joinPath } from './paths';
import { joinStages } from './render';
import { editedText, findCommands, prefixAssignments, uneditable } from './run-commands';
import { folderCopies } from './runtime-folders';
import { setsEnv } from './runtime-stage';
import { readStart } from './start-command';
import { refuse, type SplitContext, type SplitResult, type Splitter } from './types';
import { workdirsOf } from './workdirs';

/** Directories on the default `PATH` of the Go images. */
const PATH_DIRS = ['/go/bin', '/usr/local/go/bin', '/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
/** Packages that only building needs. */
const GO_BUILD_ONLY = /^(git|make|golang.*|go|mercurial|openssh-client)$/;
/** Packages whose presence means the build may use cgo: a C compiler, C library headers. */
const CGO_PACKAGES = /^(gcc|g\+\+|gcc-\d+|clang(-\d+)?|build-essential|build-base|musl-dev|libc6?-dev|.+-dev)$/;
/** Environment variables that only `go` reads. */
export const GO_ENV = /^(GO[A-Z0-9_]*|CGO_[A-Z_]+)$/;
/** `go build` flags that take a value. */
const VALUE_FLAGS = new Set(['o', 'ldflags', 'gcflags', 'asmflags', 'tags', 'mod', 'modfile', 'p', 'pkgdir', 'installsuffix', 'buildmode', 'compiler', 'gccgoflags', 'overlay', 'pgo', 'toolexec', 'C', 'coverpkg', 'covermode']);

function isGoSub(command: ShellCommand, sub: string): boolean {
  return command.name === 'go' && subcommandWord(command, new Set())?.value === sub;
}

interface GoBuildArgs {
  buildWord: ShellWord;
  output?: ShellWord;
  ldflags?: { from: ShellWord; to: ShellWord; value?: string; static: boolean };
  trimpath: boolean;
  race: boolean;
  packages: ShellWord[];
}

function goBuildArgs(command: ShellCommand): GoBuildArgs {
  const args = command.args;
  const buildIndex = args.indexOf(subcommandWord(command, new Set())!);
  const result: GoBuildArgs = { buildWord: args[buildIndex], trimpath: false, race: false, packages: [] };
  for (let i = buildIndex + 1; i < args.length; i++) {
    const word = args[i];
    const flag = /^--?([\w-]+)(?:=([\s\S]*))?$/.exec(word.value);
    if (!flag || result.packages.length > 0) {
      result.packages.push(word);
      continue;
    }
    const [, name, inline] = flag;
    const valueWord = inline === undefined && VALUE_FLAGS.has(name) ? args[++i] : undefined;
    const value = inline ?? valueWord?.value;
    if (name === 'o') result.output = valueWord ?? { value: inline ?? '', raw: word.raw, static: word.static, start: word.start, end: word.end, range: word.range };
    if (name === 'ldflags') result.ldflags = { from: word, to: valueWord ?? word, value, static: word.static && (valueWord?.static ?? true) };
    if (name === 'trimpath' && value !== 'false') result.trimpath = true;
    if (name === 'race' && value !== 'false') result.race = true;
  }
  return result;
}

/** The binary's name as `go build` picks it without `-o` (or with `-o dir/`): the package's last path element, or the first file's name. */
function defaultName(ctx: SplitContext, args: GoBuildArgs, projectDir: string | undefined): string | undefined {
  const packages = args.packages.map((w) => w.value);
  if (packages.length > 0 && packages.every((p) => p.endsWith('.go'))) return basename(packages[0]).replace(/\.go$/, '');
  if (packages.length > 1 || packages.some((p) => p.includes('...'))) return undefined;
  const pkg = packages[0] ?? '.';
  let importPath: string | undefined;
  if (pkg.startsWith('.')) {
    const module = readGoMod(ctx.files.read('go.mod') ?? '').module;
    const rel = projectDir === undefined ? undefined : joinPath(`/${projectDir}`, pkg);
    if (!module || rel === undefined) return undefined;
    importPath = rel === '/' ? module : `${module}${rel}`;
  } else importPath = pkg;
  const parts = importPath.split('/');
  const last = parts[parts.length - 1];
  return /^v\d+$/.test(last) && parts.length > 1 ? parts[parts.length - 2] : last;
}

function cgoReason(ctx: SplitContext): string | undefined {
  for (const item of ctx.original.items) {
    if (item.keyword !== 'RUN') continue;
    for (const command of ctx.model.shell(item.instr).commands) {
      const cgo = installedPackages(command)?.find((p) => CGO_PACKAGES.test(p));
      if (cgo) return `the build installs \`${cgo}\`, so it may need cgo; a static \`CGO_ENABLED=0\` binary cannot be assumed`;
      if (/\bCGO_ENABLED=1\b/.test(prefixAssignments(ctx.model, command))) return '`CGO_ENABLED=1` is set, so the binary is not static';
    }
  }
  const env = ctx.original.runtimeSettings.find((i) => i.keyword === 'ENV' && /\bCGO_ENABLED[= ]+["']?1\b/.test(i.text));
  return env ? '`CGO_ENABLED=1` is set, so the binary is not static' : undefined;
}

export function goSplit(ctx: SplitContext): SplitResult {
  const { model, original, files } = ctx;
  if (!ctx.contextKnown) return refuse('the build context is unknown, so `go.mod` cannot be read');
  if (!files.exists('go.mod')) return refuse('there is no `go.mod` at the root of the build context');
  const workdirs = workdirsOf(original, original.image?.repository === 'library/golang' ? '/go' : undefined);
  if (findCommands(ctx, workdirs, (c) => isGoSub(c, 'install')).length) return refuse('`go install` is used; the split needs a `go build` whose output it can locate');
  const builds = findCommands(ctx, workdirs, (c) => isGoSub(c, 'build'));
  if (builds.length === 0) return refuse('no `go build` of the application was found');
  if (builds.length > 1) return refuse('the Dockerfile runs `go build` more than once; the split handles one binary');
  const build = builds[0];
  const problem = uneditable(build, 'go build') ?? cgoReason(ctx);
  if (problem) return refuse(problem);
  const args = goBuildArgs(build.command);
  if (args.race) return refuse('`-race` needs cgo, so the binary cannot be static');
  if (build.workdir === undefined) return refuse('the folder `go build` runs in is not known (no absolute `WORKDIR`)');
  const { projectDir, sourceDir } = projectDirOf(ctx, workdirs, build);

  // Where the binary lands.
  let binary: string | undefined;
  if (args.output) {
    if (!args.output.static) return refuse('the `-o` path of `go build` uses a variable');
    const out = joinPath(build.workdir, args.output.value);
    if (!out) return refuse('the `-o` path of `go build` cannot be resolved');
    if (args.output.value.endsWith('/')) {
      const name = defaultName(ctx, args, projectDir);
      binary = name ? joinPath(out, name) : undefined;
    } else binary = out;
  } else {
    const name = defaultName(ctx, args, projectDir);
    if (args.packages.length > 1 && !args.packages.every((p) => p.value.endsWith('.go'))) return refuse('`go build` builds several packages without `-o`, so it writes no binary');
    binary = name ? joinPath(build.workdir, name) : undefined;
  }
  if (!binary) return refuse('the name of the binary that `go build` writes cannot be worked out; add `-o`');

  const start = readStart(ctx);
  if (typeof start === 'string') return refuse(start);
  const outputs = followOutputs(ctx, workdirs, build, [binary], (c) => c.name === 'go');
  const program = start.argv[0]?.value ?? '';
  const startItem = start.programIn === 'ENTRYPOINT' ? original.entrypoint! : original.cmd!;
  const shipped = resolveProgram(program, workdirs.get(startItem), outputs.paths, PATH_DIRS);
  if (!shipped) return refuse(`\`${startItem.keyword}\` runs \`${program}\`, not the binary that \`go build\` writes (\`${binary}\`)`);

  // The build command, made static and small.
  const edits: Array<{ start: number; end?: number; text: string }> = [];
  const assignments = prefixAssignments(model, build.command);
  if (!/\bCGO_ENABLED=0\b/.test(assignments) && !setsEnv(original, 'CGO_ENABLED')) edits.push({ start: build.command.words[0].start, text: 'CGO_ENABLED=0 ' });
  const notes: string[] = [];
  const added: string[] = [];
  if (!args.trimpath) added.push('-trimpath');
  const ld = args.ldflags;
  if (!ld) added.push('-ldflags="-s -w"');
  else if (ld.static && ld.value !== undefined && !/["'$`\\]/.test(ld.value)) {
    const tokens = ld.value.split(/\s+/).filter(Boolean);
    const missing = ['-s', '-w'].filter((f) => !tokens.includes(f));
    if (missing.length) edits.push({ start: ld.from.start, end: ld.to.end, text: `-ldflags="${[...missing, ...tokens].join(' ')}"` });
  } else notes.push('`-ldflags` is kept as written; add `-s -w` to it to strip the binary');
  if (added.length) edits.push({ start: args.buildWord.end, text: ` ${added.join(' ')}` });
  const rewrites = new Map([[build.item, editedText(model, build.item, edits)]]);

  // The module cache, filled from go.mod/go.sum before the sources.
  const copyDest = sourceDir;
  const canWarm = projectDir === '' && copyDest !== undefined && !files.exists('go.work') && !files.exists('vendor/modules.txt') && !readGoMod(files.read('go.mod') ?? '').localReplace;
  const copyItem = contextCopies(model, original, workdirs).find((c) => c.whole);
  const warmHere = canWarm && copyItem !== undefined && workdirs.get(copyItem.item) === copyDest;
  const { lines: builder, warmedUp } = compiledBuilder(ctx, {
    rewrites,
    warmup: warmHere
      ? { isWarmup: (c) => isGoSub(c, 'mod') && c.args.some((w) => w.value === 'download'), movable: () => true, files: ['go.mod', ...(files.exists('go.sum') ? ['go.sum'] : [])], run: ['RUN go mod download'] }
      : undefined,
  });
  if (warmedUp) notes.unshift(`${files.exists('go.sum') ? '`go.mod` and `go.sum` are' : '`go.mod` is'} copied and the modules downloaded before the sources, so that layer stays cached until ${files.exists('go.sum') ? 'they change' : 'it changes'}`);

  const scratch = ctx.options.goRuntime === 'scratch';
  const runtime = binaryRuntime(ctx, {
    image: scratch ? 'scratch' : DISTROLESS_STATIC,
    scratch,
    binary: shipped,
    start,
    folders: folderCopies(ctx, projectDir, build.workdir, '.go'),
    handled: outputs.handled,
    buildOnlyEnv: GO_ENV,
    buildOnly: GO_BUILD_ONLY,
    what: scratch ? 'the scratch runtime' : 'the distroless runtime',
  });
  if (typeof runtime === 'string') return refuse(runtime);
  notes.unshift(`the binary is built static (\`CGO_ENABLED=0\`, \`-trimpath\`, \`-ldflags="-s -w"\`) and runs as user 65532 in \`${scratch ? 'scratch' : DISTROLESS_STATIC}\``);
  return { ok: true, ecosystem: 'go', text: joinStages(original, [builder, runtime.lines]), notes: [...notes, ...runtime.notes] };
}

export const go: Splitter = {
  ecosystem: 'go',
  detect: (ctx) =>
    ctx.original.image?.repository === 'library/golang' ||
    ctx.original.items.some((i) => i.keyword === 'RUN' && ctx.model.shell(i.instr).commands.some((c) => isGoSub(c, 'build') || isGoSub(c, 'install'))),
  split: goSplit,
};

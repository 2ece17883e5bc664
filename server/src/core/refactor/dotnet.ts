/**
 * .NET applications: `dotnet restore` from the project files before the sources are copied,
 * `dotnet publish` in the SDK image, and the published output on `mcr.microsoft.com/dotnet/aspnet`
 * (web projects) or `…/runtime` (console and worker projects) of the project's target framework,
 * as the images' `app` user (.NET 8 and later).
 */
import { imageFamily } from '../base-images';
import { subcommandWord } from '../package-managers';
import type { ShellCommand } from '../shell';
import { compiledBuilder } from './builder-stage';
import { followOutputs } from './build-outputs';
import { classifyRuns } from './classify';
import { contextCopies, projectDirOf } from './context-copies';
import { dotnetProjectFiles, readDotnetProject, type DotnetProject } from './dotnet-project';
import { healthcheckNeeds } from './health-check';
import type { Item } from './original';
import { basename, contextPath, joinPath } from './paths';
import { fromLine, joinStages } from './render';
import { editedText, findCommands, uneditable } from './run-commands';
import { runtimePackages, runtimeRun, runtimeSettings } from './runtime-stage';
import { userPlan } from './runtime-user';
import { execForm, readStart } from './start-command';
import { refuse, type SplitContext, type SplitResult, type Splitter } from './types';
import { workdirsOf } from './workdirs';

const DOTNET_BUILD_ONLY = /^(dotnet-sdk.*|git|unzip|clang|zlib1g-dev|nodejs|npm)$/;
/** Variables only the SDK reads. */
const DOTNET_BUILD_ENV = /^(DOTNET_CLI_[A-Z_]*|DOTNET_NOLOGO|DOTNET_SKIP_FIRST_TIME_EXPERIENCE|DOTNET_GENERATE_ASPNET_CERTIFICATE|NUGET_[A-Z_]*|MSBUILD[A-Z_]*|DOTNET_SDK_VERSION|DOTNET_USE_POLLING_FILE_WATCHER)$/;
/** Files next to the projects that restore reads. */
const RESTORE_FILES = ['NuGet.config', 'nuget.config', 'NuGet.Config', 'Directory.Build.props', 'Directory.Build.targets', 'Directory.Packages.props', 'global.json'];
const VALUE_OPTIONS = new Set(['-o', '--output', '-c', '--configuration', '-r', '--runtime', '-f', '--framework', '-a', '--arch', '--os', '-v', '--verbosity', '--version-suffix', '-s', '--source', '--property', '-p']);
const OUTPUT_DEFAULT = '/app/publish';

function isDotnet(command: ShellCommand, sub: string): boolean {
  return command.name === 'dotnet' && subcommandWord(command, new Set())?.value === sub;
}

interface PublishArgs {
  project?: string;
  values: Map<string, string>;
  properties: string[];
  selfContained: boolean;
}

function publishArgs(command: ShellCommand): PublishArgs {
  const sub = subcommandWord(command, new Set())!;
  const args = command.args.slice(command.args.indexOf(sub) + 1).map((w) => w.value);
  const result: PublishArgs = { values: new Map(), properties: [], selfContained: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const property = /^(?:-p|\/p|--property):(.+)$/i.exec(arg);
    if (property) {
      result.properties.push(property[1]);
      continue;
    }
    const split = /^(-{1,2}[\w-]+)[=:](.*)$/.exec(arg);
    const name = split ? split[1] : arg;
    const inline = split ? split[2] : undefined;
    if (name === '--self-contained' || name === '--sc') result.selfContained = inline === undefined ? args[i + 1] !== 'false' : inline !== 'false';
    if (VALUE_OPTIONS.has(name)) {
      const value = inline ?? args[++i] ?? '';
      if (name === '-p' || name === '--property') result.properties.push(value);
      else result.values.set(name.replace(/^--output$/, '-o').replace(/^--runtime$/, '-r').replace(/^--framework$/, '-f').replace(/^--arch$/, '-a'), value);
    } else if (!arg.startsWith('-') && result.project === undefined) result.project = arg;
  }
  return result;
}

/** The project file and the files `dotnet restore` needs for it (referenced projects, NuGet and MSBuild settings). */
function restoreFiles(ctx: SplitContext, project: DotnetProject): string[] {
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const text = ctx.files.read(path);
    if (text !== undefined) for (const ref of readDotnetProject(path, text).references) visit(ref);
  };
  visit(project.path);
  const dir = project.path.includes('/') ? project.path.slice(0, project.path.lastIndexOf('/')) : '';
  const extra = RESTORE_FILES.flatMap((f) => [f, ...(dir ? [`${dir}/${f}`] : [])]).filter((f) => ctx.files.exists(f));
  return [...extra, ...[...seen].filter((p) => ctx.files.exists(p))];
}

/** The runtime image: `aspnet` or `runtime` of the target framework's version, with the SDK tag's distribution. */
function runtimeImage(ctx: SplitContext, project: DotnetProject, framework: string | undefined): string {
  const image = ctx.original.image!;
  if (image.registry !== 'mcr.microsoft.com' || image.repository !== 'dotnet/sdk') return `no runtime image is known for a \`${ctx.original.imageText}\` builder`;
  const tag = /^(\d+\.\d+)(?:\.\d+)?(-.+)?$/.exec(image.tag ?? '');
  const tfm = /^net(?:coreapp)?(\d+\.\d+)$/.exec(framework ?? '')?.[1];
  if (framework && !tfm) return `the target framework \`${framework}\` has no Linux runtime image`;
  const version = tfm ?? tag?.[1];
  if (!version) return 'the .NET version is neither in the SDK image tag nor in the project file';
  if (/windows|nanoserver/.test(image.tag ?? '')) return 'Windows images are not supported';
  return `mcr.microsoft.com/dotnet/${project.aspnet ? 'aspnet' : 'runtime'}:${version}${tag?.[2] ?? ''}`;
}

export function dotnetSplit(ctx: SplitContext): SplitResult {
  const { model, original, files } = ctx;
  const workdirs = workdirsOf(original, original.image?.repository === 'dotnet/sdk' ? '/' : undefined);
  const publishes = findCommands(ctx, workdirs, (c) => isDotnet(c, 'publish'));
  if (publishes.length === 0) return refuse('no `dotnet publish` was found; the split ships the published output');
  if (publishes.length > 1) return refuse('the Dockerfile runs `dotnet publish` more than once; the split handles one project');
  const build = publishes[0];
  if (!ctx.contextKnown) return refuse('the build context is unknown, so the project file cannot be read');
  const problem = uneditable(build, 'dotnet publish');
  if (problem) return refuse(problem);
  const { projectDir, sourceDir } = projectDirOf(ctx, workdirs, build);
  if (projectDir === undefined || build.workdir === undefined) return refuse('the folder `dotnet publish` runs in is not the one the build context is copied to');
  const args = publishArgs(build.command);

  // The project that is published.
  let projectPath: string | undefined;
  if (args.project !== undefined) {
    const path = args.project.includes('$') ? undefined : contextPath(`${projectDir}/${args.project}`);
    if (path === undefined) return refuse('the project that `dotnet publish` names is not in the build context');
    if (/\.sln[xf]?$/.test(path)) return refuse('`dotnet publish` publishes a solution; name the project to publish');
    projectPath = /\.(cs|fs|vb)proj$/.test(path) ? path : undefined;
    if (!projectPath) {
      const inDir = dotnetProjectFiles(files, path);
      if (inDir.length !== 1) return refuse(`\`${args.project}\` does not hold exactly one project file`);
      projectPath = inDir[0];
    }
  } else {
    const inDir = dotnetProjectFiles(files, projectDir);
    if (inDir.length === 0) return refuse('there is no project file in the folder `dotnet publish` runs in');
    if (inDir.length > 1) return refuse('the folder `dotnet publish` runs in has several project files; name one in `dotnet publish`');
    projectPath = inDir[0];
  }
  const text = files.read(projectPath);
  if (text === undefined) return refuse(`\`${projectPath}\` cannot be read`);
  const project = readDotnetProject(projectPath, text);
  if (/BlazorWebAssembly/i.test(project.sdk ?? '')) return refuse('a Blazor WebAssembly project is a static site, not a .NET server');
  const framework = args.values.get('-f') ?? project.targetFramework;
  if (project.multiTarget && !args.values.has('-f')) return refuse('the project has several target frameworks; name one with `dotnet publish -f`');
  const native = project.native ?? args.properties.map((p) => /^(PublishAot|PublishSingleFile|SelfContained|PublishTrimmed)=true$/i.exec(p)?.[1]).find(Boolean) ?? (args.selfContained ? 'SelfContained' : undefined);
  if (native) return refuse(`\`${native}\` is set, so the output is not a framework-dependent \`.dll\``);

  // Where the output lands: the user's `-o`, or `/app/publish` added.
  const edits: Array<{ start: number; text: string }> = [];
  const outText = args.values.get('-o');
  if (outText?.includes('$')) return refuse('the `-o` folder of `dotnet publish` uses a variable');
  const output = outText !== undefined ? joinPath(build.workdir, outText) : OUTPUT_DEFAULT;
  if (!output) return refuse('the `-o` folder of `dotnet publish` cannot be resolved');
  if (outText === undefined) edits.push({ start: build.command.end, text: ` -o ${OUTPUT_DEFAULT}` });
  const dll = `${project.assemblyName}.dll`;

  // The original runs the published dll (or its apphost).
  const start = readStart(ctx);
  if (typeof start === 'string') return refuse(start);
  const startItem = start.programIn === 'ENTRYPOINT' ? original.entrypoint! : original.cmd!;
  const argv = start.argv.map((w) => w.value);
  let drop: number;
  if (basename(argv[0]) === 'dotnet' && argv[1] === 'run') return refuse(`\`${startItem.keyword}\` runs \`dotnet run\`, which needs the SDK; run the published \`${dll}\` instead`);
  if (basename(argv[0]) === 'dotnet' && basename(argv[1] ?? '') === dll) drop = 2;
  else if (basename(argv[0]) === project.assemblyName) drop = 1;
  else return refuse(`\`${startItem.keyword}\` runs \`${argv.slice(0, 2).join(' ')}\`, not the published \`${dll}\``);

  // Restore from the project files before the sources.
  const copy = contextCopies(model, original, workdirs).find((c) => c.whole);
  const notes: string[] = [];
  const runtimeFlags = args.values.has('-r') ? [`-r ${args.values.get('-r')}`] : [];
  const copyDir = copy && copy.dest !== undefined && workdirs.get(copy.item) === copy.dest ? copy.dest : undefined;
  const restoreTarget = copyDir !== undefined && sourceDir === copy?.dest ? projectPath : undefined;
  const { lines: builder, warmedUp } = compiledBuilder(ctx, {
    rewrites: new Map<Item, string>(edits.length ? [[build.item, editedText(model, build.item, edits)]] : []),
    warmup: restoreTarget
      ? {
          isWarmup: (c) => isDotnet(c, 'restore'),
          movable: (c) => {
            const positional = c.args.filter((w) => !w.value.startsWith('-')).map((w) => w.value);
            return positional.length === 1 || (positional.length === 2 && contextPath(`${projectDir}/${positional[1]}`) === restoreTarget);
          },
          files: restoreFiles(ctx, project),
          run: [`RUN dotnet restore ${[restoreTarget, ...runtimeFlags].join(' ')}`],
        }
      : undefined,
  });
  if (warmedUp) notes.push('the project files are copied and restored before the sources, so the NuGet packages stay cached until a project file changes');

  // The runtime.
  const image = runtimeImage(ctx, project, framework);
  if (!image.startsWith('mcr.microsoft.com/')) return refuse(image);
  const ref = original.image!;
  const family = imageFamily({ ...ref, tag: image.slice(image.lastIndexOf(':') + 1) }) === 'alpine' ? 'apk' : 'apt';
  const major = Number(/:(\d+)\./.exec(image)?.[1] ?? 0);
  const outputs = followOutputs(ctx, workdirs, build, [], (c) => c.name === 'dotnet');
  const runs = classifyRuns(model, original.items.filter((i) => !outputs.handled.has(i)), (p) => DOTNET_BUILD_ONLY.test(p));
  if (runs.unknown) return refuse(runs.unknown);
  const health = healthcheckNeeds(original, family, ['dotnet']);
  if (typeof health === 'string') return refuse(health);
  const user = userPlan(original, family, runs.setup, major >= 8 ? '$APP_UID' : undefined);
  const packages = runtimePackages(runs, family, health.packages);
  if ((packages.length || user.setup.length || user.create.length) && /azurelinux|mariner/.test(image)) return refuse(`\`${image}\` has no \`apt\` or \`apk\` to prepare the runtime`);
  const runtime = [
    fromLine(original, image),
    ...runtimeSettings(original, ['ARG']),
    'WORKDIR /app',
    ...runtimeSettings(original, ['ENV'], DOTNET_BUILD_ENV),
    ...runtimeRun(family, packages, [...user.setup, ...user.create]),
    `COPY --from=builder ${output} .`,
    ...runtimeSettings(original, ['EXPOSE', 'VOLUME', 'LABEL', 'STOPSIGNAL', 'HEALTHCHECK']),
    `USER ${user.user}`,
    `ENTRYPOINT ${execForm(['dotnet', dll, ...(start.programIn === 'ENTRYPOINT' ? argv.slice(drop, start.entrypoint.length) : [])])}`,
    ...(start.programIn === 'ENTRYPOINT' ? (start.cmd.length ? [`CMD ${execForm(start.cmd.map((w) => w.value))}`] : []) : argv.length > drop ? [`CMD ${execForm(argv.slice(drop))}`] : []),
  ];
  notes.unshift(`\`${dll}\` runs on \`${image}\` as ${user.user === '$APP_UID' ? "the image's `app` user (`$APP_UID`, UID 1654)" : user.label}`);
  if (family === 'apk') notes.push('the Alpine runtime images run with invariant globalization unless `icu-libs` is installed');
  if (user.note) notes.push(user.note);
  return { ok: true, ecosystem: 'dotnet', text: joinStages(original, [builder, runtime]), notes };
}

export const dotnet: Splitter = {
  ecosystem: 'dotnet',
  detect: (ctx) =>
    (ctx.original.image?.registry === 'mcr.microsoft.com' && ctx.original.image.repository === 'dotnet/sdk') ||
    ctx.original.items.some((i) => i.keyword === 'RUN' && ctx.model.shell(i.instr).commands.some((c) => isDotnet(c, 'publish') || isDotnet(c, 'build'))),
  split: dotnetSplit,
};

/**
 * Java services built with Maven or Gradle (wrapper or not): the dependencies are resolved from
 * the build files before the sources are copied, the jar is built with the JDK, and only the jar
 * runs on the JRE of the same Java version (`eclipse-temurin:<major>-jre`, `-jre-alpine` for an
 * Alpine builder) as a non-root user.
 */
import { imageFamily } from '../base-images';
import type { ShellCommand } from '../shell';
import { compiledBuilder, type WarmUp } from './builder-stage';
import { followOutputs } from './build-outputs';
import { classifyRuns } from './classify';
import { contextCopies, projectDirOf } from './context-copies';
import { readGradle } from './gradle-build';
import { healthcheckNeeds } from './health-check';
import type { OriginalStage } from './original';
import { basename, joinPath } from './paths';
import { readPom } from './pom-xml';
import { fromLine, joinStages } from './render';
import { findCommands } from './run-commands';
import { folderCopies } from './runtime-folders';
import { runtimePackages, runtimeRun, runtimeSettings } from './runtime-stage';
import { userPlan } from './runtime-user';
import { execForm, readStart } from './start-command';
import { refuse, type SplitContext, type SplitResult, type Splitter } from './types';
import { workdirsOf } from './workdirs';

const JAVA_BUILD_ONLY = /^(maven|gradle|ant|git|unzip|zip|openjdk-?\d+-jdk(-headless)?|default-jdk(-headless)?|openjdk\d+(-jdk)?)$/;
/** Variables only the build tools read; `JAVA_HOME` differs between the JDK and JRE images. */
const JAVA_BUILD_ENV = /^(MAVEN_[A-Z_]*|M2_HOME|GRADLE_[A-Z_]*|JAVA_HOME|JAVA_VERSION)$/;
const MAVEN_GOALS = /^(package|install|verify|spring-boot:repackage)$/;
const GRADLE_TASKS = /^(build|assemble|bootJar|shadowJar|jar)$/;

type Tool = 'maven' | 'gradle';

function toolOf(command: ShellCommand): Tool | undefined {
  if (command.name === 'mvn' || command.name === 'mvnw') return 'maven';
  if (command.name === 'gradle' || command.name === 'gradlew') return 'gradle';
  return undefined;
}

function isBuild(command: ShellCommand): boolean {
  const tool = toolOf(command);
  const goals = command.args.map((w) => w.value.replace(/^:/, ''));
  if (tool === 'maven') return goals.some((g) => MAVEN_GOALS.test(g));
  if (tool === 'gradle') return goals.some((g) => GRADLE_TASKS.test(g));
  return false;
}

function isWarmup(command: ShellCommand): boolean {
  const tool = toolOf(command);
  const goals = command.args.map((w) => w.value);
  if (tool === 'maven') return goals.some((g) => /^dependency:(go-offline|resolve|resolve-plugins)$/.test(g));
  if (tool === 'gradle') return goals.some((g) => g === 'dependencies' || g === '--version');
  return false;
}

/** The JRE image for the JDK builder: same Java major version, Alpine stays Alpine. */
export function jreImage(original: OriginalStage): string {
  const image = original.image!;
  const tag = image.tag ?? 'latest';
  const alpine = imageFamily(image) === 'alpine' ? '-alpine' : '';
  const what = `\`${original.imageText}\``;
  let major: string | undefined;
  switch (image.repository) {
    case 'library/maven': {
      const match = /-(eclipse-temurin|openjdk)-(\d+)\b/.exec(tag);
      if (!match && /-(amazoncorretto|sapmachine|ibm-semeru|ibmjava|graalvm)/.test(tag)) return `no JRE image is known for ${what}`;
      major = match?.[2];
      break;
    }
    case 'library/gradle': {
      if (/graal/.test(tag)) return `no JRE image is known for ${what}`;
      major = /(?:^|-)jdk(\d+)\b/.exec(tag)?.[1];
      break;
    }
    case 'library/eclipse-temurin':
    case 'library/openjdk': {
      if (/windows|nanoserver/.test(tag)) return `no Linux JRE image is known for ${what}`;
      major = /^(\d+)/.exec(tag)?.[1];
      if (major && image.repository === 'library/eclipse-temurin' && !alpine) {
        // Keep the exact version and distribution: `21.0.2_13-jdk-jammy` → `21.0.2_13-jre-jammy`.
        const exact = /^(\d[\w.]*?)(?:-jdk)?(-[a-z][\w.-]*)?$/.exec(tag);
        if (exact) return `eclipse-temurin:${exact[1]}-jre${exact[2] ?? ''}`;
      }
      break;
    }
    default:
      return `no JRE image is known for ${what}`;
  }
  if (!major) return `the Java version of ${what} is not in its tag, so the JRE cannot be matched`;
  return `eclipse-temurin:${major}-jre${alpine}`;
}

/** A shell glob as a regular expression, to check a jar name against it. */
function globMatches(glob: string, path: string): boolean {
  const re = new RegExp(`^${glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
  return re.test(path);
}

function warmup(ctx: SplitContext, tool: Tool, build: ShellCommand): WarmUp | string {
  const { files } = ctx;
  const wrapper = build.name === 'mvnw' || build.name === 'gradlew';
  const program = wrapper ? `./${build.name}` : build.name;
  if (build.args.some((w) => /^(-s|--settings|-gs|--global-settings|-f|--file|-c|--settings-file|-b|--build-file|-P|--activate-profiles)$/.test(w.value) || /^-[sP]\S/.test(w.value))) {
    return `\`${build.name}\` reads settings or profiles from its options, so the dependencies are not resolved in a layer of their own`;
  }
  if (tool === 'maven') {
    const pom = readPom(files.read('pom.xml') ?? '');
    if (pom.modules.length) return 'the Maven build has modules, so the dependencies are not resolved in a layer of their own';
    return {
      isWarmup,
      movable: () => true,
      files: ['pom.xml', ...(wrapper && files.exists('mvnw') ? ['mvnw'] : [])],
      folders: (files.list('.mvn') ?? []).length ? ['.mvn'] : [],
      run: [`RUN ${program} -B dependency:go-offline`],
    };
  }
  const gradle = readGradle(files);
  const buildText = gradle.build ? (files.read(gradle.build) ?? '') : '';
  if (!gradle.build || gradle.multiProject || /\bapply\s*\(?\s*from\b|\bfiles?\s*\(/.test(buildText)) {
    return 'the Gradle build has several projects or reads other files, so the dependencies are not resolved in a layer of their own';
  }
  return {
    isWarmup,
    movable: () => true,
    files: [gradle.build, ...(gradle.settings ? [gradle.settings] : []), ...(files.exists('gradle.properties') ? ['gradle.properties'] : []), ...(wrapper && files.exists('gradlew') ? ['gradlew'] : [])],
    folders: (files.list('gradle') ?? []).length ? ['gradle'] : [],
    run: [`RUN ${program} --no-daemon dependencies`],
  };
}

export function javaSplit(ctx: SplitContext): SplitResult {
  const { model, original, files } = ctx;
  const workdirs = workdirsOf(original, ['library/maven', 'library/eclipse-temurin', 'library/openjdk'].includes(original.image?.repository ?? '') ? '/' : undefined);
  const builds = findCommands(ctx, workdirs, isBuild);
  if (builds.length === 0) return refuse('no `mvn package` or `gradle build` of the application was found');
  if (builds.length > 1) return refuse('the Dockerfile builds the application more than once; the split handles one build');
  const build = builds[0];
  const tool = toolOf(build.command)!;
  const manifest = tool === 'maven' ? '`pom.xml`' : '`build.gradle`';
  if (!ctx.contextKnown) return refuse(`the build context is unknown, so ${manifest} cannot be read`);
  if (build.afterCd) return refuse(`the \`${build.command.name}\` \`RUN\` changes directory with \`cd\``);
  const { projectDir } = projectDirOf(ctx, workdirs, build);
  if (projectDir !== '' || build.workdir === undefined) return refuse(`the folder \`${build.command.name}\` runs in is not the one the build context is copied to`);
  if (tool === 'maven' && !files.exists('pom.xml')) return refuse('there is no `pom.xml` at the root of the build context');
  if (tool === 'gradle' && !readGradle(files).build) return refuse('there is no `build.gradle` or `build.gradle.kts` at the root of the build context');
  const pom = tool === 'maven' ? readPom(files.read('pom.xml') ?? '') : undefined;
  if (pom && pom.packaging !== 'jar') return refuse(`\`pom.xml\` packages a \`${pom.packaging}\`; the split handles runnable jars`);

  // The jar the original runs.
  const start = readStart(ctx);
  if (typeof start === 'string') return refuse(start);
  const startItem = start.programIn === 'ENTRYPOINT' ? original.entrypoint! : original.cmd!;
  const argv = start.argv;
  const jarAt = argv.findIndex((w) => w.value === '-jar');
  if (basename(argv[0]?.value ?? '') !== 'java' || jarAt < 0 || !argv[jarAt + 1]) {
    return refuse(`\`${startItem.keyword}\` runs \`${argv.map((w) => w.value).join(' ').slice(0, 40)}\`, not \`java -jar <file>\``);
  }
  const jarWord = argv[jarAt + 1];
  const startDir = workdirs.get(startItem);
  const jarPath = startDir === undefined && !jarWord.value.startsWith('/') ? undefined : joinPath(startDir ?? '/', jarWord.value);
  if (!jarPath) return refuse('the jar that the image runs cannot be located (no absolute `WORKDIR`)');
  const outDir = joinPath(build.workdir, tool === 'maven' ? 'target' : 'build/libs')!;
  const notes: string[] = [];
  let copyFrom = jarPath;
  const append: string[] = [];
  if (jarWord.glob) {
    const named = pom?.finalName ? joinPath(outDir, `${pom.finalName}.jar`)! : undefined;
    if (named && globMatches(jarPath, named)) {
      copyFrom = named;
      notes.push(`the jar is \`${basename(named)}\`, named from \`pom.xml\``);
    } else {
      const here = original.workdir === startDir;
      copyFrom = joinPath(original.workdir ?? '/', 'app.jar')!;
      append.push(`RUN cp ${here ? jarWord.value : jarPath} ${here ? 'app.jar' : copyFrom}`);
      notes.push(`the jar matching \`${jarWord.value}\` is copied to a fixed name in the builder; the build fails if more than one jar matches`);
    }
  }

  // The builder: dependencies first.
  const outputs = followOutputs(ctx, workdirs, build, [], (c) => toolOf(c) !== undefined);
  const copy = contextCopies(model, original, workdirs).find((c) => c.whole);
  const warm = copy && workdirs.get(copy.item) === copy.dest ? warmup(ctx, tool, build.command) : undefined;
  if (typeof warm === 'string') notes.push(warm);
  const { lines: builder, warmedUp } = compiledBuilder(ctx, { warmup: typeof warm === 'string' ? undefined : warm, append });
  if (warmedUp) notes.unshift(`the build files are copied and the dependencies resolved before the sources, so that layer stays cached until they change${tool === 'gradle' ? ' (for Gradle this caches the distribution and the dependency metadata)' : ''}`);

  // The runtime: the JRE, the jar, a non-root user.
  const runtimeImage = jreImage(original);
  if (!runtimeImage.startsWith('eclipse-temurin:')) return refuse(runtimeImage);
  const family = runtimeImage.includes('alpine') ? 'apk' : 'apt';
  const runs = classifyRuns(model, original.items.filter((i) => !outputs.handled.has(i)), (p) => JAVA_BUILD_ONLY.test(p));
  if (runs.unknown) return refuse(runs.unknown);
  const health = healthcheckNeeds(original, family, ['java']);
  if (typeof health === 'string') return refuse(health);
  const user = userPlan(original, family, runs.setup);
  const jvmOptions = argv.slice(1, jarAt).map((w) => w.value);
  const appArgs = argv.slice(jarAt + 2).map((w) => w.value);
  const runtime = [
    fromLine(original, runtimeImage),
    ...runtimeSettings(original, ['ARG']),
    'WORKDIR /app',
    ...runtimeSettings(original, ['ENV'], JAVA_BUILD_ENV),
    ...runtimeRun(family, runtimePackages(runs, family, health.packages), [...user.setup, ...user.create]),
    `COPY --from=builder ${copyFrom} /app/app.jar`,
    ...folderCopies(ctx, projectDir, build.workdir, '.java'),
    ...runtimeSettings(original, ['EXPOSE', 'VOLUME', 'LABEL', 'STOPSIGNAL', 'HEALTHCHECK']),
    `USER ${user.user}`,
    `ENTRYPOINT ${execForm(['java', ...jvmOptions, '-jar', '/app/app.jar'])}`,
    ...(appArgs.length ? [`CMD ${execForm(appArgs)}`] : []),
  ];
  notes.unshift(`the jar runs on \`${runtimeImage}\` as ${user.label}`);
  if (user.note) notes.push(user.note);
  return { ok: true, ecosystem: 'java', text: joinStages(original, [builder, runtime]), notes };
}

export const java: Splitter = {
  ecosystem: 'java',
  detect: (ctx) => ctx.original.items.some((i) => i.keyword === 'RUN' && ctx.model.shell(i.instr).commands.some(isBuild)),
  split: javaSplit,
};

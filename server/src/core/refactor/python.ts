/**
 * Python applications: the dependencies are installed into a virtual environment (`/opt/venv`) in
 * a builder that keeps the compilers and headers, and the environment and the application are
 * copied into `python:<same version>-slim` (Alpine stays Alpine) with the runtime libraries that
 * the headers were installed for, as a non-root user.
 */
import { imageFamily } from '../base-images';
import { dependencyInstall } from '../ecosystems';
import { pipInstall, subcommandWord } from '../package-managers';
import type { ShellCommand } from '../shell';
import { builderLines } from './builder-stage';
import { classifyRuns, installedPackages } from './classify';
import { contextCopies } from './context-copies';
import { healthcheckNeeds } from './health-check';
import type { Item, OriginalStage } from './original';
import { joinPath, pathWithin } from './paths';
import { fromLine, joinStages } from './render';
import { findCommands } from './run-commands';
import { runtimePackages, runtimeRun, runtimeSettings, setsEnv, withoutDigest } from './runtime-stage';
import { userPlan } from './runtime-user';
import { refuse, type SplitContext, type SplitResult, type Splitter } from './types';
import { workdirsOf } from './workdirs';

const VENV = '/opt/venv';
/** Packages that only building wheels needs. */
const PY_BUILD_ONLY = /^(gcc|g\+\+|make|cmake|build-essential|build-base|python3?-dev|python3?-pip|python3?-venv|musl-dev|libc-dev|linux-headers|cargo|rust|rustc|swig|gfortran|pkgconf|pkg-config|poetry|pipenv)$/;
/** Variables only the installers read. */
const PY_BUILD_ENV = /^(PIP_[A-Z_]*|POETRY_[A-Z_]*|PIPENV_[A-Z_]*|UV_[A-Z_]*|VIRTUAL_ENV)$/;
/**
 * Header packages and the runtime library the built extensions then load; `null` when the slim or
 * Alpine Python image already has it (Python itself links it).
 */
const RUNTIME_LIBRARIES: Record<'apt' | 'apk', Record<string, string | null>> = {
  apt: {
    'libpq-dev': 'libpq5',
    'default-libmysqlclient-dev': 'libmariadb3',
    'libmariadb-dev': 'libmariadb3',
    'libmariadb-dev-compat': 'libmariadb3',
    'libjpeg-dev': 'libjpeg62-turbo',
    'libjpeg62-turbo-dev': 'libjpeg62-turbo',
    'libxslt1-dev': 'libxslt1.1',
    'libyaml-dev': 'libyaml-0-2',
    'libcairo2-dev': 'libcairo2',
    'libffi-dev': null,
    'libssl-dev': null,
    'zlib1g-dev': null,
    'libbz2-dev': null,
    'liblzma-dev': null,
    'libsqlite3-dev': null,
    'libreadline-dev': null,
    'libncurses-dev': null,
    'libncursesw5-dev': null,
    'uuid-dev': null,
    'libgdbm-dev': null,
    'libexpat1-dev': null,
    'python3-dev': null,
    'libc6-dev': null,
    'libc-dev': null,
    'linux-libc-dev': null,
  },
  apk: {
    'postgresql-dev': 'libpq',
    'libpq-dev': 'libpq',
    'mariadb-dev': 'mariadb-connector-c',
    'mariadb-connector-c-dev': 'mariadb-connector-c',
    'jpeg-dev': 'libjpeg-turbo',
    'libjpeg-turbo-dev': 'libjpeg-turbo',
    'libxslt-dev': 'libxslt',
    'libxml2-dev': 'libxml2',
    'yaml-dev': 'yaml',
    'cairo-dev': 'cairo',
    'zlib-dev': null,
    'libffi-dev': null,
    'openssl-dev': null,
    'bzip2-dev': null,
    'xz-dev': null,
    'sqlite-dev': null,
    'readline-dev': null,
    'ncurses-dev': null,
    'python3-dev': null,
    'musl-dev': null,
    'linux-headers': null,
  },
};
const WRAPPERS = new Set(['poetry', 'pipenv', 'uv', 'pdm', 'hatch', 'pip', 'pip3']);

/** `pip install`, `poetry install`, `pipenv install`, `uv pip install`/`uv sync`, `pdm install`. */
function isInstall(command: ShellCommand): boolean {
  if (pipInstall(command)) return true;
  const sub = subcommandWord(command, new Set())?.value;
  if (['poetry', 'pipenv', 'pdm'].includes(command.name)) return sub === 'install' || sub === 'sync';
  if (command.name === 'uv') return sub === 'sync' || (sub === 'pip' && command.args.some((w) => w.value === 'install'));
  return false;
}

/** `python:3.12` → `python:3.12-slim`, `python:3.12-bookworm` → `python:3.12-slim-bookworm`; slim and Alpine tags stay. */
export function slimPythonImage(original: OriginalStage): string | undefined {
  const image = original.image;
  if (image?.repository !== 'library/python') return undefined;
  const tag = image.tag ?? 'latest';
  if (/windows|nanoserver/.test(tag)) return undefined;
  // Already slim (or Alpine): the same image, pin included.
  if (/alpine|slim/.test(tag)) return original.imageText;
  const text = withoutDigest(original.imageText);
  const codename = /^(.*?)-?(bookworm|bullseye|buster|trixie)$/.exec(tag);
  const slimTag = tag === 'latest' ? 'slim' : codename ? `${codename[1] ? `${codename[1]}-` : ''}slim-${codename[2]}` : `${tag}-slim`;
  const colon = text.lastIndexOf(':');
  const hasTag = colon > text.lastIndexOf('/');
  // Only `-slim` appended: the tag stays as written, with its variables.
  if (hasTag && slimTag === `${tag}-slim`) return `${text}-slim`;
  const name = hasTag ? text.slice(0, colon) : text;
  return `${name.includes('$') ? image.name : name}:${slimTag}`;
}

/** The virtual environment the original creates itself (`python -m venv /venv`), if any. */
function ownVenv(ctx: SplitContext, workdirs: Map<Item, string | undefined>): string | undefined {
  for (const found of findCommands(ctx, workdirs, (c) => (/^python[\d.]*$/.test(c.name) && c.args[0]?.value === '-m' && c.args[1]?.value === 'venv') || c.name === 'virtualenv')) {
    const path = found.command.args.filter((w) => !w.value.startsWith('-') && w.value !== 'venv').at(-1);
    if (path?.static) {
      const abs = found.workdir === undefined && !path.value.startsWith('/') ? undefined : joinPath(found.workdir ?? '/', path.value);
      if (abs) return abs;
    }
  }
  return undefined;
}

export function pythonSplit(ctx: SplitContext): SplitResult {
  const { model, original } = ctx;
  const runtimeImage = slimPythonImage(original);
  if (!runtimeImage) return refuse('the base image is not an official Linux `python` image, so the runtime image cannot be chosen');
  const family = imageFamily(original.image!) === 'alpine' ? 'apk' : 'apt';
  const workdirs = workdirsOf(original, '/');
  const installs = findCommands(ctx, workdirs, isInstall);
  if (installs.length === 0) return refuse('no `pip install` or `poetry install` was found, so there is nothing to build');
  const firstInstall = Math.min(...installs.map((i) => original.items.indexOf(i.item)));
  const earlyUser = original.items.slice(0, firstInstall).filter((i) => i.keyword === 'USER').at(-1)?.instr.node.getArgumentsContent()?.trim();
  if (earlyUser && !/^(root|0)(:.*)?$/.test(earlyUser)) return refuse(`the dependencies are installed as \`${earlyUser}\`, who cannot write to the virtual environment that the builder creates as root`);
  for (const { command } of installs) {
    const outside = command.args.find((w) => /^(--user|--target|-t|--prefix|--root|--system)$/.test(w.value) || /^--(target|prefix|root)=/.test(w.value));
    if (outside && !(outside.value === '--system' && command.name === 'pipenv')) return refuse(`\`${command.name} install ${outside.value}\` installs outside the virtual environment`);
  }

  // The start command is kept as written (the runtime has a shell); it must find its programs on the environment's PATH.
  if (!original.entrypoint && !original.cmd) return refuse('the Dockerfile has no `CMD` or `ENTRYPOINT`, so it may be a base image for others');
  const own = ownVenv(ctx, workdirs);
  const venv = own ?? VENV;
  for (const item of [original.entrypoint, original.cmd]) {
    if (!item) continue;
    for (const command of model.shell(item.instr).commands) {
      const program = command.words[0]?.value ?? '';
      if (WRAPPERS.has(command.name)) return refuse(`\`${item.keyword}\` runs \`${command.name}\`, which stays in the builder; run the application with \`python\` or its server directly`);
      if (/^\/(usr|usr\/local)\/bin\/python/.test(program)) return refuse(`\`${item.keyword}\` runs \`${program}\` by its path, which bypasses the virtual environment`);
    }
  }

  // Headers in the builder, their libraries in the runtime.
  const libraries: string[] = [];
  for (const item of original.items) {
    if (item.keyword !== 'RUN') continue;
    for (const command of model.shell(item.instr).commands) {
      for (const pkg of installedPackages(command) ?? []) {
        if (!/-dev(el)?$|^linux-headers$/.test(pkg)) continue;
        const table = RUNTIME_LIBRARIES[command.name === 'apk' ? 'apk' : 'apt'];
        if (!(pkg in table)) return refuse(`the build installs \`${pkg}\`, and the runtime library it is needed for is not known`);
        const library = table[pkg];
        if (library && !libraries.includes(library)) libraries.push(library);
      }
    }
  }
  const runs = classifyRuns(model, original.items, (p) => PY_BUILD_ONLY.test(p));
  if (runs.unknown) return refuse(runs.unknown);
  const health = healthcheckNeeds(original, family, ['python', 'python3']);
  if (typeof health === 'string') return refuse(health);

  // What the runtime copies from the builder: the environment and everything copied from the context.
  const copies = contextCopies(model, original, workdirs);
  const targets: string[] = [];
  for (const copy of copies) {
    if (copy.dest === undefined) return refuse(`the destination of \`${copy.item.text.split(/\r?\n/)[0]}\` is not known`);
    if (copy.dest === '/') return refuse('the application is copied to `/`, so its files cannot be told apart from the image\'s; copy it to a `WORKDIR`');
    if (copy.dest === '/tmp' || copy.dest.startsWith('/tmp/')) continue;
    targets.push(copy.dest);
  }
  if (original.workdir && original.workdir !== '/' && !targets.some((t) => pathWithin(t, original.workdir!) !== undefined)) targets.push(original.workdir);
  const paths = [venv, ...targets].filter((p, i, all) => all.indexOf(p) === i && !all.some((q, j) => j !== i && q !== p && pathWithin(q, p) !== undefined));

  const prelude = own ? [] : [`RUN python -m venv ${VENV}`, `ENV VIRTUAL_ENV=${VENV} PATH="${VENV}/bin:$PATH"`];
  const builder = builderLines(model, original, { prelude, manifests: (install) => install.manifests(ctx.files, ctx.contextKnown) });

  const user = userPlan(original, family, runs.setup);
  const env = [['PYTHONDONTWRITEBYTECODE', '1'], ['PYTHONUNBUFFERED', '1']].filter(([name]) => !setsEnv(original, name)).map(([n, v]) => `${n}=${v}`);
  const runtime = [
    fromLine(original, runtimeImage),
    ...runtimeSettings(original, ['ARG']),
    ...(original.workdir ? [`WORKDIR ${original.workdir}`] : []),
    ...(env.length ? [`ENV ${env.join(' ')}`] : []),
    ...(own ? [] : [`ENV PATH="${VENV}/bin:$PATH"`]),
    ...runtimeSettings(original, ['ENV'], PY_BUILD_ENV),
    ...runtimeRun(family, runtimePackages(runs, family, [...libraries, ...health.packages]), [...user.setup, ...user.create]),
    ...paths.map((p) => `COPY --from=builder ${p} ${p}`),
    ...runtimeSettings(original, ['EXPOSE', 'VOLUME', 'LABEL', 'STOPSIGNAL', 'HEALTHCHECK']),
    `USER ${user.user}`,
    ...(original.entrypoint ? original.entrypoint.text.split(/\r?\n/) : []),
    ...(original.cmd ? original.cmd.text.split(/\r?\n/) : []),
  ];
  const notes = [`the dependencies are installed into a virtual environment in \`${venv}\` by the builder, which keeps the compilers; the runtime is \`${runtimeImage}\` as ${user.label}`];
  if (libraries.length) notes.push(`the runtime installs \`${libraries.join('`, `')}\`, the libraries the build's header packages are for`);
  if (user.note) notes.push(user.note);
  return { ok: true, ecosystem: 'python', text: joinStages(original, [builder, runtime]), notes };
}

export const python: Splitter = {
  ecosystem: 'python',
  detect: (ctx) =>
    ctx.original.image?.repository === 'library/python' ||
    ctx.original.items.some((i) => i.keyword === 'RUN' && ctx.model.shell(i.instr).commands.some((c) => isInstall(c) && dependencyInstall(c)?.ecosystem === 'python')),
  split: pythonSplit,
};

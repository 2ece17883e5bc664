/** Node / TypeScript services: build with all dependencies, ship the output with production dependencies only. */
import { imageFamily } from '../base-images';
import { dependencyInstall } from '../ecosystems';
import type { ImageRef } from '../image-ref';
import { builderLines } from './builder-stage';
import { classifyRuns } from './classify';
import type { Item, OriginalStage } from './original';
import { entryFile, nodeCommand, readPackageJson, tsconfigOutDir, type NodeCommand, type PackageJson } from './package-json';
import { fromLine, joinStages } from './render';
import { runtimeRun, runtimeSettings, withoutDigest } from './runtime-stage';
import { nonRootUser } from './runtime-user';
import { refuse, type SplitContext, type SplitResult, type Splitter } from './types';

type Manager = 'npm' | 'yarn' | 'yarn-berry' | 'pnpm';

/** Packages a Node project needs only to build native modules. */
const NODE_BUILD_ONLY = /^(python3?|python3-minimal|make|g\+\+|gcc|build-essential|build-base|node-gyp|libc6-dev|musl-dev)$/;
const RUNTIME_FOLDERS = ['public', 'views', 'config'];
const PACKAGE_MANAGERS = new Set(['npm', 'yarn', 'pnpm']);

export function isOfficialNode(image: ImageRef | undefined): boolean {
  return image?.repository === 'library/node';
}

/** The slim variant of the same Node version: `node:18` → `node:18-slim`; alpine and slim tags stay. */
export function slimNodeImage(original: OriginalStage): string {
  const image = original.image;
  if (!isOfficialNode(image)) return original.imageText;
  const tag = image!.tag ?? 'lts';
  if (/alpine|slim/.test(tag)) return withoutDigest(original.imageText);
  const text = withoutDigest(original.imageText);
  const withTag = text.includes(':') && text.lastIndexOf(':') > text.lastIndexOf('/') ? text : `${text}:lts`;
  return `${withTag}-slim`;
}

function managerOf(ctx: SplitContext): Manager {
  const { files } = ctx;
  if (files.exists('pnpm-lock.yaml')) return 'pnpm';
  if (files.exists('yarn.lock')) return files.exists('.yarnrc.yml') ? 'yarn-berry' : 'yarn';
  if (files.exists('package-lock.json') || files.exists('npm-shrinkwrap.json')) return 'npm';
  const used = ctx.original.items
    .filter((i) => i.keyword === 'RUN')
    .flatMap((i) => ctx.model.shell(i.instr).commands)
    .map((c) => dependencyInstall(c)?.label.split(' ')[0])
    .find(Boolean);
  return used === 'yarn' ? 'yarn' : used === 'pnpm' ? 'pnpm' : 'npm';
}

function nodeMajor(image: ImageRef | undefined): number | undefined {
  const match = /^(\d+)/.exec(image?.tag ?? '');
  return match ? Number(match[1]) : undefined;
}

function pruneLines(manager: Manager, image: ImageRef | undefined): string[] {
  switch (manager) {
    case 'npm':
      return [(nodeMajor(image) ?? 99) >= 16 ? 'RUN npm prune --omit=dev' : 'RUN npm prune --production'];
    case 'yarn':
      return ['RUN yarn install --production --frozen-lockfile --ignore-scripts --prefer-offline'];
    case 'yarn-berry':
      return ['RUN yarn workspaces focus --all --production'];
    case 'pnpm':
      return ['RUN pnpm prune --prod'];
  }
}

/** The command the original `CMD`/`ENTRYPOINT` ends up running, with `npm start` read from package.json. */
function startCommand(ctx: SplitContext, pkg: PackageJson | undefined): NodeCommand | string {
  const main = ctx.original.entrypoint ?? ctx.original.cmd;
  if (!main) return 'the Dockerfile has no `CMD` or `ENTRYPOINT`';
  if (ctx.original.entrypoint && ctx.original.cmd) return '`ENTRYPOINT` and `CMD` are both set';
  const commands = ctx.model.shell(main.instr).commands;
  const first = commands[0];
  if (!first) return `\`${main.keyword}\` cannot be read`;
  if (first.name === 'node') {
    const direct = nodeCommand(first.words.map((w) => w.value).join(' '));
    return direct && commands.length === 1 ? direct : `\`${main.keyword}\` runs more than \`node\``;
  }
  if (!PACKAGE_MANAGERS.has(first.name)) return `\`${main.keyword}\` runs \`${first.name}\`, not \`node\` or a package script`;
  const args = first.args.map((w) => w.value).filter((v) => !v.startsWith('-'));
  const scriptName = args[0] === 'run' || args[0] === 'run-script' ? args[1] : args[0];
  if (!scriptName) return `\`${main.keyword}\` cannot be read`;
  if (!pkg) return ctx.contextKnown ? 'there is no readable `package.json` in the build context' : 'the build context is unknown, so `package.json` cannot be read';
  const script = pkg.scripts[scriptName];
  if (!script) {
    if (scriptName === 'start' && ctx.files.exists('server.js')) return { argv: ['node', 'server.js'], env: [] };
    return `package.json has no \`${scriptName}\` script`;
  }
  return nodeCommand(script) ?? `the \`${scriptName}\` script runs \`${script.split(/\s+/)[0]}\`, not \`node <file>\``;
}

function runtimeUser(original: OriginalStage): string | undefined {
  return isOfficialNode(original.image) ? 'node' : nonRootUser(original);
}

function healthcheckPackages(original: OriginalStage): string[] {
  const check = original.runtimeSettings.find((i) => i.keyword === 'HEALTHCHECK')?.text ?? '';
  return ['curl', 'wget'].filter((tool) => new RegExp(`\\b${tool}\\b`).test(check));
}

export function nodeSplit(ctx: SplitContext): SplitResult {
  const { model, original } = ctx;
  const pkg = readPackageJson(ctx.files);
  const hasInstall = original.items.some((i: Item) => i.keyword === 'RUN' && model.shell(i.instr).commands.some((c) => dependencyInstall(c)?.ecosystem === 'node'));
  if (!hasInstall) return refuse('no `npm`, `yarn` or `pnpm` install of the dependencies was found');
  const start = startCommand(ctx, pkg);
  if (typeof start === 'string') return refuse(start);
  const entry = entryFile(start);
  if (!entry) return refuse('the file that `node` runs cannot be found in the start command');
  const user = runtimeUser(original);
  if (!user) return refuse(`it is not known which non-root user \`${original.imageText}\` has`);
  if (original.entrypoint && !/^(tini|dumb-init)/.test(model.shell(original.entrypoint.instr).commands[0]?.name ?? '')) {
    return refuse('the `ENTRYPOINT` may come from the build context');
  }
  const runs = classifyRuns(model, original.items, (p) => NODE_BUILD_ONLY.test(p));
  if (runs.unknown) return refuse(runs.unknown);

  const manager = managerOf(ctx);
  const builderDir = original.workdir ?? '';
  const runtimeDir = original.workdir ?? '/app';
  const outDir = entry.includes('/') ? entry.split('/')[0] : undefined;
  const notes: string[] = [];
  const tsOut = tsconfigOutDir(ctx.files);
  if (tsOut && outDir && tsOut.split('/')[0] !== outDir) notes.push(`tsconfig.json builds into \`${tsOut}\` but the start command runs \`${entry}\``);

  const builder = builderLines(model, original, {
    manifests: (install) => install.manifests(ctx.files, ctx.contextKnown),
    append: pruneLines(manager, original.image),
  });

  const runtimeImage = slimNodeImage(original);
  const family = original.image && imageFamily(original.image) === 'alpine' ? 'apk' : 'apt';
  for (const tool of healthcheckPackages(original)) {
    const list = family === 'apk' ? runs.runtimePackages.apk : runs.runtimePackages.apt;
    if (!(family === 'apk' && tool === 'wget') && !list.includes(tool)) list.push(tool);
  }
  const from = (path: string) => `${builderDir}/${path}`.replace(/^\/+/, '/');
  const copies = outDir
    ? [
        `COPY --from=builder ${from('package.json')} ./`,
        `COPY --from=builder ${from('node_modules')} ./node_modules`,
        `COPY --from=builder ${from(outDir)} ./${outDir}`,
        ...RUNTIME_FOLDERS.filter((f) => f !== outDir && ctx.files.list(f) !== undefined && ctx.files.list(f)!.length > 0).map((f) => `COPY --from=builder ${from(f)} ./${f}`),
      ]
    : [`COPY --from=builder ${builderDir || '/'} ./`];
  if (!outDir) notes.push('the application runs from its sources, so the whole working folder is copied (with production dependencies only)');

  const setsNodeEnv = original.runtimeSettings.some((i) => i.keyword === 'ENV' && /\bNODE_ENV\b/.test(i.text));
  const runtime = [
    fromLine(original, runtimeImage),
    ...runtimeSettings(original, ['ARG']),
    `WORKDIR ${runtimeDir}`,
    ...(setsNodeEnv ? [] : ['ENV NODE_ENV=production']),
    ...runtimeSettings(original, ['ENV']),
    ...start.env.map(([k, v]) => `ENV ${k}=${/^[\w@%+=:,./-]*$/.test(v) ? v : JSON.stringify(v)}`),
    ...runtimeRun(family, family === 'apk' ? runs.runtimePackages.apk : runs.runtimePackages.apt, runs.setup),
    ...copies,
    ...runtimeSettings(original, ['EXPOSE', 'VOLUME', 'LABEL', 'STOPSIGNAL', 'HEALTHCHECK']),
    `USER ${user}`,
    ...(original.entrypoint ? original.entrypoint.text.split(/\r?\n/) : []),
    `CMD ${JSON.stringify(start.argv).replace(/","/g, '", "')}`,
  ];
  return { ok: true, ecosystem: 'node', text: joinStages(original, [builder, runtime]), notes };
}

export const node: Splitter = {
  ecosystem: 'node',
  detect: (ctx) => isOfficialNode(ctx.original.image) || ctx.files.exists('package.json'),
  split: nodeSplit,
};

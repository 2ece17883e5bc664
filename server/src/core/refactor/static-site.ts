/** Static front-ends (React, Vite, Vue, Angular…): build with Node, serve the output with an unprivileged nginx. */
import { parse as parseJsonc } from 'jsonc-parser';
import { dependencyInstall } from '../ecosystems';
import { readPackageJson, type PackageJson } from './package-json';
import { builderLines } from './builder-stage';
import { fromLine, joinStages } from './render';
import { runtimeSettings } from './runtime-stage';
import { refuse, type SplitContext, type SplitResult, type Splitter } from './types';

/** The runtime image: nginx running as a non-root user, listening on 8080. */
export const NGINX_UNPRIVILEGED = 'nginxinc/nginx-unprivileged:1.28-alpine';

const SERVER_FRAMEWORKS = ['express', 'fastify', 'koa', '@nestjs/core', '@hapi/hapi', 'next', 'nuxt', '@remix-run/node', '@sveltejs/kit', 'astro', 'hono'];

interface Framework {
  name: string;
  matches(pkg: PackageJson): boolean;
  outDir(ctx: SplitContext): string | undefined;
}

function has(pkg: PackageJson, name: string): boolean {
  return name in pkg.dependencies || name in pkg.devDependencies;
}

function configOutDir(ctx: SplitContext, names: string[], key: string): string | undefined {
  for (const name of names) {
    const text = ctx.files.read(name);
    if (text === undefined) continue;
    const match = new RegExp(`${key}\\s*:\\s*['"\`]([^'"\`$]+)['"\`]`).exec(text);
    return match?.[1]?.replace(/^\.\//, '').replace(/\/+$/, '');
  }
  return undefined;
}

function angularOutDir(ctx: SplitContext): string | undefined {
  const config = parseJsonc(ctx.files.read('angular.json') ?? '') as
    | { defaultProject?: string; projects?: Record<string, { architect?: { build?: { builder?: string; options?: { outputPath?: unknown } } } }> }
    | undefined;
  const projects = config?.projects ?? {};
  const name = config?.defaultProject ?? Object.keys(projects)[0];
  const build = name ? projects[name]?.architect?.build : undefined;
  const outputPath = build?.options?.outputPath;
  const base = typeof outputPath === 'string' ? outputPath : (outputPath as { base?: string } | undefined)?.base ?? (name ? `dist/${name}` : undefined);
  if (!base) return undefined;
  const browser = build?.builder?.endsWith(':application') ? '/browser' : '';
  return base.replace(/^\.\//, '').replace(/\/+$/, '') + browser;
}

const FRAMEWORKS: Framework[] = [
  { name: 'Angular', matches: (p) => has(p, '@angular/cli') || has(p, '@angular-devkit/build-angular'), outDir: angularOutDir },
  { name: 'Create React App', matches: (p) => has(p, 'react-scripts'), outDir: () => 'build' },
  { name: 'Vue CLI', matches: (p) => has(p, '@vue/cli-service'), outDir: (ctx) => configOutDir(ctx, ['vue.config.js'], 'outputDir') ?? 'dist' },
  {
    name: 'Vite',
    matches: (p) => has(p, 'vite'),
    outDir: (ctx) => configOutDir(ctx, ['vite.config.ts', 'vite.config.js', 'vite.config.mjs', 'vite.config.mts'], 'outDir') ?? 'dist',
  },
  { name: 'Parcel', matches: (p) => has(p, 'parcel'), outDir: () => 'dist' },
];

function frameworkOf(ctx: SplitContext): { framework: Framework; pkg: PackageJson } | undefined {
  const pkg = readPackageJson(ctx.files);
  if (!pkg || SERVER_FRAMEWORKS.some((f) => f in pkg.dependencies)) return undefined;
  const framework = FRAMEWORKS.find((f) => f.matches(pkg));
  return framework && pkg.scripts.build ? { framework, pkg } : undefined;
}

function nginxConfig(ctx: SplitContext): { line?: string; problem?: string } {
  for (const name of ['nginx.conf', 'nginx/default.conf', 'default.conf']) {
    const text = ctx.files.read(name);
    if (text === undefined) continue;
    if (/^\s*http\s*\{/m.test(text)) return { problem: `\`${name}\` is a whole nginx configuration; the unprivileged image needs a server block in \`/etc/nginx/conf.d/\`` };
    return { line: `COPY ${name} /etc/nginx/conf.d/default.conf` };
  }
  return {};
}

export function staticSiteSplit(ctx: SplitContext): SplitResult {
  const found = frameworkOf(ctx);
  if (!found) return refuse('no front-end framework with a `build` script was found in package.json');
  const { model, original } = ctx;
  const builds = original.items.some((i) => i.keyword === 'RUN' && model.shell(i.instr).commands.some((c) => /\bbuild\b/.test(c.words.map((w) => w.value).join(' '))));
  if (!builds) return refuse('the Dockerfile does not run the `build` script');
  const outDir = found.framework.outDir(ctx);
  if (!outDir) return refuse(`the ${found.framework.name} build output folder cannot be found`);
  const config = nginxConfig(ctx);
  if (config.problem) return refuse(config.problem);
  const hasInstall = original.items.some((i) => i.keyword === 'RUN' && model.shell(i.instr).commands.some((c) => dependencyInstall(c)?.ecosystem === 'node'));
  if (!hasInstall) return refuse('no `npm`, `yarn` or `pnpm` install of the dependencies was found');

  const builder = builderLines(model, original, { manifests: (install) => install.manifests(ctx.files, ctx.contextKnown) });
  const dir = (original.workdir ?? '').replace(/\/$/, '');
  const runtime = [
    fromLine(original, NGINX_UNPRIVILEGED),
    ...runtimeSettings(original, ['LABEL']),
    `COPY --from=builder ${dir}/${outDir} /usr/share/nginx/html`,
    ...(config.line ? [config.line] : []),
    'EXPOSE 8080',
  ];
  const notes = [`${found.framework.name} output \`${outDir}\` is served by nginx as a non-root user on port 8080`];
  return { ok: true, ecosystem: 'static-site', text: joinStages(original, [builder, runtime]), notes };
}

export const staticSite: Splitter = {
  ecosystem: 'static-site',
  detect: (ctx) => frameworkOf(ctx) !== undefined,
  split: staticSiteSplit,
};

import { isWholeContextCopy } from '../context';
import { defineRule } from '../define-rule';
import { eol, indentOf, insertLinesAfter } from '../edits';
import { dependencyInstall, type DependencyInstall } from '../ecosystems';
import { flagsOf, type DockerfileModel, type Instr } from '../model';
import type { ContextFiles, Edit, Fix } from '../types';

/** Instructions that may sit between `COPY . .` and the install without needing the sources. */
const MOVABLE_ACROSS = new Set(['ENV', 'ARG', 'LABEL', 'EXPOSE', 'USER', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);
const CACHE_CLEAN = (c: { name: string; args: Array<{ value: string }> }) =>
  (c.name === 'npm' || c.name === 'yarn') && c.args.some((a) => a.value === 'cache');

function installOf(model: DockerfileModel, instr: Instr): { install: DependencyInstall; pure: boolean } | undefined {
  const commands = model.shell(instr).commands;
  const installs = commands.map(dependencyInstall);
  const install = installs.find((i): i is DependencyInstall => i !== undefined);
  if (!install) return undefined;
  const pure = commands.every((c, n) => installs[n] !== undefined || CACHE_CLEAN(c));
  return { install, pure };
}

function manifestDest(dest: string): string {
  if (dest === '.' || dest === './') return './';
  return dest.endsWith('/') ? dest : `${dest}/`;
}

function moveFix(model: DockerfileModel, files: ContextFiles, copy: Instr, run: Instr, install: DependencyInstall): Fix | undefined {
  const between = copy.stage!.instructions.filter((i) => i.index > copy.index && i.index < run.index);
  if (!between.every((i) => MOVABLE_ACROSS.has(i.keyword))) return undefined;
  const manifests = install.manifests(files, files.list('') !== undefined);
  if (!manifests || manifests.length === 0) return undefined;
  const [, dest] = copy.node.getArguments().map((a) => a.getValue());
  const flags = flagsOf(copy).map((f) => model.textOf(f.getRange()));
  // A manifest in a folder (`requirements/prod.txt`) keeps its path under the destination.
  const byFolder = new Map<string, string[]>();
  for (const manifest of manifests) {
    const folder = manifest.replace(/^\.\//, '').replace(/[^/]*$/, '');
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), manifest]);
  }
  const manifestCopy = [...byFolder]
    .map(([folder, names]) => [copy.keyword === 'ADD' ? 'COPY' : copy.keyword, ...flags, ...names, manifestDest(dest) + folder].join(' '))
    .join(eol(model) + indentOf(model, copy));
  const copyText = model.textOf(copy.range);
  const edits: Edit[] = [
    { range: copy.range, newText: manifestCopy },
    insertLinesAfter(model, run, copyText.split(/\r?\n/)),
  ];
  return { title: `Copy ${manifests.map((m) => `\`${m}\``).join(', ')} first, install, then copy the rest`, safety: 'unsafe', edits: () => edits };
}

export default defineRule({
  id: 'copy-manifests-first',
  category: 'build-cache',
  severity: 'warning',
  fixable: 'unsafe',
  scope: 'all-stages',
  aliases: [],
  docs: {
    description: 'Dependency manifests are copied and installed before the rest of the sources.',
    rationale:
      'Docker reuses a cached layer only while everything before it is unchanged. With `COPY . .` before `npm ci` (or `pip install -r`, `go mod download`, `bundle install`…), editing any source file invalidates the copy and re-runs the whole dependency install. Copying only the manifest and lock files first lets the install stay cached until the dependencies really change.',
    bad: 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN npm run build\n',
    good: 'FROM node:20\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n',
    references: ['https://docs.docker.com/build/cache/optimize/#order-your-layers', 'https://docs.docker.com/build/building/best-practices/#leverage-build-cache'],
  },
  check({ model, files, report }) {
    for (const stage of model.stages) {
      const list = stage.instructions;
      const copyIndex = list.findIndex(isWholeContextCopy);
      if (copyIndex < 0) continue;
      const copy = list[copyIndex];
      for (const run of list.slice(copyIndex + 1)) {
        if (run.keyword !== 'RUN') continue;
        const found = installOf(model, run);
        if (!found) continue;
        const fix = found.pure ? moveFix(model, files, copy, run, found.install) : undefined;
        report({
          range: copy.range,
          message: `\`${copy.keyword} .\` comes before \`${found.install.label}\`, so every source change re-runs the install`,
          fix,
        });
        break;
      }
    }
  },
});

import { defineRule } from '../define-rule';
import { appendCommand, hasCacheMount, runsIn } from '../query';
import { removesFolder } from '../rpm-package-managers';
import { positionals, type ShellCommand } from '../shell';

/** `yarn`, `yarn install`, `yarn add`, `yarn global add`: commands that fill yarn's cache. */
function fillsCache(command: ShellCommand): boolean {
  if (command.name !== 'yarn') return false;
  const [first, second] = positionals(command).map((w) => w.value);
  return first === undefined || first === 'install' || first === 'add' || (first === 'global' && second === 'add');
}

function cleansCache(command: ShellCommand): boolean {
  if (command.name === 'yarn') {
    const [first, second] = positionals(command).map((w) => w.value);
    return first === 'cache' && second === 'clean';
  }
  return removesFolder(command, /\/(\.cache\/yarn|\.yarn\/(berry\/)?cache|yarn-cache)(\/v\d+)?$/);
}

export default defineRule({
  id: 'yarn-cache-clean',
  category: 'size',
  severity: 'warning',
  fixable: 'safe',
  scope: 'shipped-stages',
  aliases: ['DL3060'],
  docs: {
    description: 'A `RUN` of a shipped stage that installs packages with yarn runs `yarn cache clean` after it.',
    rationale:
      'yarn keeps a copy of every downloaded package in its global cache (`/usr/local/share/.cache/yarn` for root), often as large as `node_modules` itself. Unless it is cleaned in the same `RUN`, it ships in the layer. A cache mount keeps the cache between builds without shipping it.',
    bad: 'FROM node:22-slim\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\n',
    good: 'FROM node:22-slim\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile && yarn cache clean\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3060', 'https://classic.yarnpkg.com/en/docs/cli/cache'],
    differences:
      'hadolint checks `yarn install`; `yarn add`, `yarn global add` and a bare `yarn` fill the cache too and are checked. A cache mount on yarn\'s cache folder, or removing that folder, also satisfies it. An `ONBUILD RUN` belongs to its stage: in a builder stage that no stage is built from it is not reported, where hadolint reports it.',
  },
  check({ model, report }) {
    for (const instr of runsIn(model, 'shipped-stages')) {
      if (hasCacheMount(instr, /\/(\.cache\/yarn|\.yarn\/(berry\/)?cache|yarn-cache|yarn)$/)) continue;
      const script = model.shell(instr);
      const install = script.commands.find(
        (c) => fillsCache(c) && !script.commands.some((later) => later.start > c.start && cleansCache(later)),
      );
      if (!install) continue;
      const edit = appendCommand(model, script, 'yarn cache clean');
      report({
        range: install.range,
        message: 'The yarn cache stays in this layer; run `yarn cache clean` in the same `RUN`',
        fix: edit && { title: 'Run `yarn cache clean` at the end of this `RUN`', safety: 'safe', edits: () => [edit] },
      });
    }
  },
});

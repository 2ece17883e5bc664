import { defineRule } from '../define-rule';

export default defineRule({
  id: 'from-as-matching-case',
  category: 'maintainability',
  severity: 'warning',
  fixable: 'safe',
  scope: 'all-stages',
  aliases: ['FromAsCasing'],
  docs: {
    description: 'The `AS` keyword of `FROM` is written in the same case as `FROM`.',
    rationale:
      'Instruction keywords are case-insensitive, and a file reads best when it sticks to one style. `FROM node AS build` and `from node as build` are both fine; `FROM node as build` mixes them. A `FROM` keyword that is itself mixed-case (`From`) is left to `instruction-consistent-casing`.',
    bad: 'FROM node:20 as build\nRUN npm ci\n',
    good: 'FROM node:20 AS build\nRUN npm ci\n',
    references: ['https://docs.docker.com/reference/build-checks/from-as-casing/'],
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const args = stage.from.node.getArguments();
      if (args.length !== 3 || args[1].getValue().toLowerCase() !== 'as') continue;
      const from = model.textOf(stage.from.node.getInstructionRange());
      const as = args[1].getValue();
      const want = from === from.toUpperCase() ? 'AS' : from === from.toLowerCase() ? 'as' : undefined;
      if (!want || as === want) continue;
      report({
        range: args[1].getRange(),
        message: `\`${as}\` does not match the case of \`${from}\``,
        fix: { title: `Write \`${want}\``, safety: 'safe', edits: () => [{ range: args[1].getRange(), newText: want }] },
      });
    }
  },
});

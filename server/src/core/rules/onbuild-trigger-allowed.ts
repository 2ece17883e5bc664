import type { Onbuild } from 'dockerfile-ast';
import { defineRule } from '../define-rule';

const DISALLOWED = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);

export default defineRule({
  id: 'onbuild-trigger-allowed',
  category: 'syntax',
  severity: 'error',
  fixable: false,
  scope: 'all-stages',
  aliases: ['DL3043'],
  docs: {
    description: '`ONBUILD` does not hold `ONBUILD`, `FROM` or `MAINTAINER`.',
    rationale:
      'Docker refuses these triggers: chaining `ONBUILD ONBUILD` is not allowed, and `FROM` and `MAINTAINER` cannot run as a trigger. The image builds, but every build `FROM` it fails.',
    bad: 'FROM node:22-slim\nONBUILD FROM node:22-slim\n',
    good: 'FROM node:22-slim\nONBUILD COPY package.json ./\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3043', 'https://docs.docker.com/reference/dockerfile/#onbuild'],
  },
  check({ model, report }) {
    for (const instr of model.instructions) {
      if (instr.keyword !== 'ONBUILD') continue;
      const node = instr.node as Onbuild;
      const trigger = node.getTrigger();
      const range = node.getTriggerRange();
      if (!trigger || !range || !DISALLOWED.has(trigger)) continue;
      report({
        range,
        message: trigger === 'ONBUILD' ? 'Chaining `ONBUILD ONBUILD` is not allowed' : `\`${trigger}\` is not allowed as an \`ONBUILD\` trigger`,
      });
    }
  },
});

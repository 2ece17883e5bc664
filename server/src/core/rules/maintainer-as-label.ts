import { defineRule } from '../define-rule';

/**
 * A double-quoted Dockerfile word holding `value` literally (`$` and the escape character escaped).
 * A value with `"` gets no fix: dockerfile-utils misreads escaped quotes inside a quoted label value.
 */
function quoted(value: string, escape: string): string | undefined {
  if (value.includes('"')) return undefined;
  return `"${[...value].map((ch) => (ch === '$' || ch === escape ? escape + ch : ch)).join('')}"`;
}

export default defineRule({
  id: 'maintainer-as-label',
  category: 'maintainability',
  severity: 'warning',
  fixable: 'safe',
  scope: 'all-stages',
  aliases: ['DL4000', 'MaintainerDeprecated'],
  docs: {
    description: 'The image author is a label (`org.opencontainers.image.authors`), not a `MAINTAINER` instruction.',
    rationale:
      '`MAINTAINER` is deprecated: it sets the legacy `Author` field that registries and tools no longer show. The OCI annotation `org.opencontainers.image.authors` is what they read. The fix writes the same text as that label.',
    bad: 'FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n',
    references: [
      'https://docs.docker.com/reference/build-checks/maintainer-deprecated/',
      'https://docs.docker.com/reference/dockerfile/#maintainer-deprecated',
      'https://github.com/opencontainers/image-spec/blob/main/annotations.md',
      'https://github.com/hadolint/hadolint/wiki/DL4000',
    ],
  },
  check({ model, report }) {
    for (const instr of model.instructions) {
      if (instr.keyword !== 'MAINTAINER') continue;
      const keyword = instr.node.getInstructionRange();
      const args = instr.node.getArgumentsRange();
      const value = args ? model.textOf(args).trim() : '';
      const single = instr.range.start.line === instr.range.end.line;
      const label = model.textOf(keyword) === 'maintainer' ? 'label' : 'LABEL';
      const word = value && single ? quoted(value, model.escapeChar) : undefined;
      report({
        range: keyword,
        message: '`MAINTAINER` is deprecated; the author belongs in a label',
        fix: word
          ? {
              title: 'Replace with `LABEL org.opencontainers.image.authors`',
              safety: 'safe',
              edits: () => [{ range: instr.range, newText: `${label} org.opencontainers.image.authors=${word}` }],
            }
          : undefined,
      });
    }
  },
});

import { defineRule } from '../define-rule';
import type { Instr } from '../model';
import type { Fix, Range } from '../types';

interface KeyValue {
  getName(): string;
  getNameRange(): Range;
  getValueRange(): Range | null;
  getAssignmentOperator(): string | null;
  getRange(): Range;
}

/** Whether a word has whitespace outside quotes (or is otherwise unsafe to put after `=` unchanged). */
function needsQuotes(raw: string, escape: string): boolean | undefined {
  let quote = '';
  let spaced = false;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === escape) {
      i++;
      continue;
    }
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (/\s/.test(ch)) spaced = true;
  }
  if (quote) return undefined;
  return spaced;
}

function fixFor(property: KeyValue, raw: string, escape: string): Fix | undefined {
  const value = property.getValueRange();
  if (!value || value.start.line !== value.end.line) return undefined;
  const spaced = needsQuotes(raw, escape);
  if (spaced === undefined || (spaced && (raw.includes('"') || raw.includes("'") || raw.includes(escape)))) return undefined;
  const text = spaced ? `"${raw}"` : raw;
  return {
    title: `Write \`${property.getName()}=…\``,
    safety: 'safe',
    edits: () => [{ range: { start: property.getNameRange().end, end: value.end }, newText: `=${text}` }],
  };
}

export default defineRule({
  id: 'instruction-key-value-equals',
  category: 'maintainability',
  severity: 'warning',
  fixable: 'safe',
  scope: 'all-stages',
  aliases: ['LegacyKeyValueFormat'],
  docs: {
    description: '`ENV` and `LABEL` use the `key=value` form, not the legacy `key value` form.',
    rationale:
      'In the legacy form `ENV key value` everything after the first space is the value, spaces included, and only one variable fits on the line; `ENV A 1 B 2` sets `A` to `1 B 2`. The `key=value` form is unambiguous, sets several variables at once, and is the only form the Dockerfile reference still documents. The fix adds the `=` (and quotes a value with spaces).',
    bad: 'FROM alpine:3.20\nENV APP_HOME /srv/app\nLABEL maintainer jane\n',
    good: 'FROM alpine:3.20\nENV APP_HOME=/srv/app\nLABEL maintainer=jane\n',
    references: ['https://docs.docker.com/reference/build-checks/legacy-key-value-format/', 'https://docs.docker.com/reference/dockerfile/#env'],
  },
  check({ model, report }) {
    for (const instr of model.instructions) {
      if (instr.keyword !== 'ENV' && instr.keyword !== 'LABEL') continue;
      const node = instr.node as Instr['node'] & { getProperties?: () => KeyValue[] };
      for (const property of node.getProperties?.() ?? []) {
        const value = property.getValueRange();
        if (property.getAssignmentOperator() !== null || !value) continue;
        const raw = model.textOf(value);
        report({
          range: instr.node.getInstructionRange(),
          message: `\`${instr.keyword} ${property.getName()} …\` uses the legacy form without \`=\``,
          fix: fixFor(property, raw, model.escapeChar),
        });
      }
    }
  },
});

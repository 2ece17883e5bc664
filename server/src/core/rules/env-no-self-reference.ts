import type { Env } from 'dockerfile-ast';
import { defineRule } from '../define-rule';
import { eol, indentOf } from '../edits';
import type { Instr } from '../model';

/** Names a value as written refers to: `$NAME` and `${NAME…}` outside single quotes and not escaped. */
function references(raw: string, escape: string): string[] {
  const names: string[] = [];
  let quote = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === escape && quote !== "'") {
      i++;
    } else if (ch === "'" && quote !== '"') {
      quote = quote ? '' : "'";
    } else if (ch === '"' && quote !== "'") {
      quote = quote ? '' : '"';
    } else if (ch === '$' && quote !== "'") {
      const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/.exec(raw.slice(i));
      if (m) names.push((m[1] ?? m[2])!);
    }
  }
  return names;
}

/** The `ENV` instructions of the file: plain ones and the `ENV` triggers of `ONBUILD`. */
function envInstructions(instructions: Instr[]): Array<{ instr: Instr; node: Env }> {
  return instructions.flatMap((instr) => {
    const target = instr.keyword === 'ENV' ? instr : instr.trigger?.keyword === 'ENV' ? instr.trigger : undefined;
    return target ? [{ instr, node: target.node as Env }] : [];
  });
}

export default defineRule({
  id: 'env-no-self-reference',
  category: 'correctness',
  severity: 'warning',
  fixable: 'unsafe',
  scope: 'all-stages',
  aliases: ['DL3044'],
  docs: {
    description: 'A value in `ENV` does not refer to a variable that the same `ENV` sets.',
    rationale:
      'Docker expands the variables of an `ENV` before it sets any of them, so in `ENV DIR=/opt/app BIN=$DIR/bin` the `$DIR` is the value from before this `ENV` (usually empty) and `BIN` becomes `/bin`. Set the variable in an earlier `ENV`.',
    bad: 'FROM debian:bookworm-slim\nENV APP_HOME=/opt/app APP_BIN=$APP_HOME/bin\n',
    good: 'FROM debian:bookworm-slim\nENV APP_HOME=/opt/app\nENV APP_BIN=$APP_HOME/bin\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3044', 'https://docs.docker.com/reference/dockerfile/#environment-replacement'],
    differences:
      'The fix splits the `ENV` in front of the value that refers back, so that the value sees the new variable. It is unsafe because it changes what the variable holds, which is almost always what was meant.',
  },
  check({ model, report }) {
    for (const { instr, node } of envInstructions(model.instructions)) {
      const properties = node.getProperties();
      const setHere = new Set<string>();
      for (let i = 0; i < properties.length; i++) {
        const p = properties[i];
        const valueRange = p.getValueRange();
        const raw = valueRange ? model.textOf(valueRange) : '';
        const name = references(raw, model.escapeChar).find((n) => setHere.has(n));
        setHere.add(p.getName());
        if (!name) continue;
        const prefix = model.text.slice(model.offsetAt(node.getInstructionRange().start), model.offsetAt(properties[0].getRange().start));
        const before = model.textOf({ start: instr.range.start, end: node.getInstructionRange().start });
        const gap = { start: properties[i - 1].getRange().end, end: p.getRange().start };
        report({
          range: p.getRange(),
          message: `\`$${name}\` refers to the value from before this \`ENV\`, not to the \`${name}\` it sets`,
          fix: {
            title: `Set \`${p.getName()}\` in its own \`ENV\``,
            safety: 'unsafe',
            edits: () => [{ range: gap, newText: `${eol(model)}${indentOf(model, instr)}${before}${prefix}` }],
          },
        });
      }
    }
  },
});

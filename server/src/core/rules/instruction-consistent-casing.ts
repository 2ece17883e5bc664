import { defineRule } from '../define-rule';

type Casing = 'lowercase' | 'uppercase';

const INSTRUCTIONS = new Set(['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

function casingOf(keyword: string): Casing | undefined {
  if (keyword === keyword.toLowerCase()) return 'lowercase';
  if (keyword === keyword.toUpperCase()) return 'uppercase';
  return undefined;
}

export default defineRule({
  id: 'instruction-consistent-casing',
  category: 'maintainability',
  severity: 'warning',
  fixable: 'safe',
  scope: 'file',
  aliases: ['ConsistentInstructionCasing'],
  docs: {
    description: 'All instruction keywords are written in the same case: the case most of them use.',
    rationale:
      'Keywords are case-insensitive, so `copy` and `COPY` do the same; but a file that mixes them, or writes `Copy`, is harder to scan. Uppercase is the convention of the Dockerfile reference. The majority case of the file wins (uppercase on a tie), as in BuildKit, and the fix rewrites the odd keywords.',
    bad: 'FROM alpine:3.20\ncopy app.sh /app.sh\nCMD ["/app.sh"]\n',
    good: 'FROM alpine:3.20\nCOPY app.sh /app.sh\nCMD ["/app.sh"]\n',
    references: ['https://docs.docker.com/reference/build-checks/consistent-instruction-casing/', 'https://docs.docker.com/reference/dockerfile/#format'],
    differences:
      'BuildKit leaves the `ARG`s before the first `FROM` out of the count and the check; here they take part like every other instruction.',
  },
  check({ model, report }) {
    // Unknown keywords (template placeholders, typos) are syntax errors, not a matter of casing.
    const keywords = model.instructions
      .filter((instr) => INSTRUCTIONS.has(instr.keyword))
      .map((instr) => ({ range: instr.node.getInstructionRange(), text: model.textOf(instr.node.getInstructionRange()) }));
    let lower = 0;
    let upper = 0;
    for (const { text } of keywords) {
      const casing = casingOf(text);
      if (casing === 'lowercase') lower++;
      else if (casing === 'uppercase') upper++;
    }
    const majority: Casing = lower > upper ? 'lowercase' : 'uppercase';
    for (const { range, text } of keywords) {
      if (casingOf(text) === majority) continue;
      const want = majority === 'lowercase' ? text.toLowerCase() : text.toUpperCase();
      report({
        range,
        message: `\`${text}\` does not match the ${majority} of the other instructions`,
        fix: { title: `Write \`${want}\``, safety: 'safe', edits: () => [{ range, newText: want }] },
      });
    }
  },
});

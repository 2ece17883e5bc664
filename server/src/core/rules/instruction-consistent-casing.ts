import { defineRule } from '../define-rule';

type Casing = 'lowercase' | 'uppercase';

const INSTRUCTIONS = new Set(['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

/** `lowercase` without capitals, `uppercase` with capitals only, else neither (`Copy`). Keywords are ASCII. */
function casingOf(keyword: string): Casing | undefined {
  let upper = false;
  let lower = false;
  for (let i = 0; i < keyword.length; i++) {
    const code = keyword.charCodeAt(i);
    if (code >= 65 && code <= 90) upper = true;
    else if (code >= 97 && code <= 122) lower = true;
  }
  if (!upper) return 'lowercase';
  return lower ? undefined : 'uppercase';
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
    const keywords = model.instructions.filter((instr) => INSTRUCTIONS.has(instr.keyword));
    const casings = keywords.map((instr) => casingOf(model.textOf(instr.node.getInstructionRange())));
    let lower = 0;
    let upper = 0;
    for (const casing of casings) {
      if (casing === 'lowercase') lower++;
      else if (casing === 'uppercase') upper++;
    }
    const majority: Casing = lower > upper ? 'lowercase' : 'uppercase';
    for (const [i, instr] of keywords.entries()) {
      if (casings[i] === majority) continue;
      const range = instr.node.getInstructionRange();
      const text = model.textOf(range);
      const want = majority === 'lowercase' ? text.toLowerCase() : text.toUpperCase();
      report({
        range,
        message: `\`${text}\` does not match the ${majority} of the other instructions`,
        fix: { title: `Write \`${want}\``, safety: 'safe', edits: () => [{ range, newText: want }] },
      });
    }
  },
});

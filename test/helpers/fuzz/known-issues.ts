/**
 * Bugs the fuzzing found in rules owned by others, reported to their owners with a reproduction.
 * The sweeps set these (rule, kind) pairs aside and count them, so the suite stays green and still
 * catches every other problem. Remove an entry once its rule is fixed; the sweep then checks it again.
 */
import type { Problem, ProblemKind } from './invariants';

export interface KnownIssue {
  ruleId: string;
  kinds: ProblemKind[];
  /** What goes wrong, with a minimal input. */
  note: string;
}

export const KNOWN_ISSUES: KnownIssue[] = [
  {
    ruleId: 'syntax',
    kinds: ['rule-error'],
    note:
      'dockerfile-ast 0.7.1 fails in the syntax validator (Run.getHeredocs: "Cannot read properties of undefined") ' +
      'on an escaped lone `\\r` followed by a comment line: `FROM a\nRUN apk \\\r# c\nadd\n` (shell.ts treats that RUN as unreadable; ' +
      'lint.ts drops the syntax findings of that file). Its endless recursion on an indented global ARG with a variable is fixed in server/patches.',
  },
  {
    ruleId: 'shell-pipefail',
    kinds: ['fix-keeps-finding', 'fix-all-diverges'],
    note: '"Run `set -o pipefail` first in this `RUN`" on `FROM alpine:3.20\nRUN v>=|c` gives `RUN set -o pipefail && v>=|c`, which is reported again (fix-all then adds it pass after pass).',
  },
  {
    ruleId: 'dnf-clean-all',
    kinds: ['fix-keeps-finding'],
    note:
      'A RUN that installs with two RPM front ends (`RUN dnf install -y a && microdnf install -y b`) is one finding; the fix appends only ' +
      '`dnf clean all`, and the finding stays (now for microdnf). The fix should clean for every front end the RUN uses.',
  },
];

export function isKnownIssue(problem: Problem): boolean {
  const known = (ruleId: string | undefined) => KNOWN_ISSUES.some((k) => k.ruleId === ruleId && k.kinds.includes(problem.kind));
  return problem.culprits ? problem.culprits.every(known) : known(problem.ruleId);
}

/** Rules that take more than linear time on some input, with the inputs: the timing tests leave them out for those inputs. */
export const SLOW_RULES: Array<{ ruleId: string; inputs: string[]; note: string }> = [
];

export function slowRulesFor(input: string): string[] {
  return SLOW_RULES.filter((s) => s.inputs.includes(input)).map((s) => s.ruleId);
}

/**
 * Inputs on which the syntax validator (dockerfile-utils over dockerfile-ast 0.7.1) takes quadratic
 * time: in `${…` without its `}`, each escape character makes `Instruction.parseVariables` scan to
 * the end of the argument (its loop over the characters after the escape has no `break` for a
 * character that is neither a blank nor a line break). `FROM ${a:-\.\.\.…` of 40 KB takes 5.5 s, of
 * 1 MB about an hour. The fix belongs in server/patches/dockerfile-ast+0.7.1.patch.
 */
export function knownSlowValidatorInput(text: string): boolean {
  return text.split('\n').some((line) => {
    const open = line.indexOf('${');
    return open >= 0 && (line.slice(open).match(/[\\`]/g)?.length ?? 0) >= 2;
  });
}

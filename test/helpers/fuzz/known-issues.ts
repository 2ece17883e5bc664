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
      'dockerfile-ast 0.7.1 recurses without end when the syntax validator resolves a variable in an indented global ARG: ' +
      '`    ARG A=${B}\nFROM alpine\n` (Dockerfile.getContainingImage returns the Dockerfile itself for column 0 of a line whose ' +
      'first instruction is indented, and resolveVariable calls itself). lint.ts now contains it (the syntax findings of that file are dropped); ' +
      'the fix belongs in server/patches/dockerfile-ast+0.7.1.patch. The validator also fails (Run.getHeredocs: "Cannot read properties of undefined") ' +
      'on an escaped lone `\\r` followed by a comment line: `FROM a\nRUN apk \\\r# c\nadd\n` (shell.ts now treats that RUN as unreadable).',
  },
  {
    ruleId: 'stage-multi-stage',
    kinds: ['fix-syntax-error', 'fix-all-syntax-error'],
    note:
      'The split copies a `--platform` flag without a value into the runtime stage: `FROM --platform r\nRUN build&npm install|cc` becomes ' +
      '`FROM --platform r AS builder … FROM --platform nginxinc/nginx-unprivileged:1.28-alpine …`, one more syntax-flag-missing-value.',
  },
  {
    ruleId: 'copy-local-files',
    kinds: ['fix-syntax-error', 'fix-all-syntax-error'],
    note: '"Use `COPY`" on `ADD --from=a --from=b . .` adds syntax-flag-duplicate: the validator checks COPY\'s flags but not ADD\'s, so flags that ADD ignores become errors.',
  },
  {
    ruleId: 'shell-pipefail',
    kinds: ['fix-keeps-finding', 'fix-all-diverges'],
    note: '"Run `set -o pipefail` first in this `RUN`" on `FROM alpine:3.20\nRUN v>=|c` gives `RUN set -o pipefail && v>=|c`, which is reported again (fix-all then adds it pass after pass).',
  },
  {
    ruleId: 'instruction-no-empty-continuation',
    kinds: ['fix-syntax-error', 'fix-keeps-finding', 'fix-all-syntax-error'],
    note:
      'Lines are counted by `\\n` only while ranges count a lone `\\r` as a line break too: on `"\\rD\\rRUN\\\\\\n\\\\\\n\\n"` (a file with a lone CR) ' +
      '"Remove the empty line" deletes the `RUN \\` line instead (syntax-unknown-instruction), and on `"0\\r\\r\\\\\\n\\n"` it removes a line that is not the empty one and the finding stays.',
  },
  {
    ruleId: 'from-platform-not-redundant',
    kinds: ['fix-syntax-error', 'fix-all-syntax-error'],
    note:
      '"Remove `--platform`" exposes image errors that the validator does not check while the flag is there: `ARG BASE\nFROM --platform=${TARGETPLATFORM} ${BASE} AS build` ' +
      'becomes `FROM ${BASE} AS build` (syntax-base-name-empty), `FROM --platform=${TARGETPLATFORM} : s` becomes `FROM : s` (syntax-invalid-reference-format). Offer the fix only when the image without the flag is valid.',
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
  {
    ruleId: 'stage-multi-stage',
    inputs: ['50,000 commands joined by &&', 'family: commands joined by &&', 'probe'],
    note:
      'Quadratic in the commands of a RUN: check() calls `script.commands.some(removesPackages)` for every command of every RUN. ' +
      '`FROM alpine\nRUN true && true && … (50,000 times)` takes 68 s of CPU in this rule alone (the rest of lint: 1.2 s); ' +
      '`RUN apt-get install @&@&@&…` of 40 KB takes 17 s. The probe times the other rules without it.',
  },
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

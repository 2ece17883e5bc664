/**
 * Lint time stays linear in the input: no regular expression or walk that backtracks, rescans or
 * recurses per character or per nesting level. Times are CPU times of this process (not wall
 * clock), so a busy machine does not make them flaky; the bounds leave a wide margin.
 *
 * - Pathological inputs at full size (100,000 continuation lines, a 1 MB line, 10,000 nested `$(`,
 *   quotes or `${`, long runs of `\`): each lints in seconds with no rule failing.
 * - Families of inputs at two sizes four times apart: the larger takes less than ten times as long
 *   (linear is four, quadratic sixteen).
 * - A randomized probe for catastrophic regular expressions: an instruction or pragma prefix, a long
 *   run of one to three characters, and a character that breaks the match.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { rules } from '../../../server/src/core/catalog';
import { lint, NO_FILES } from '../../../server/src/core/lint';
import { parseDockerfile } from '../../../server/src/core/model';
import { loadShellParser } from '../../../server/src/io/shell-wasm';
import { describe as describeError } from '../../helpers/fuzz/invariants';
import { isKnownIssue, knownSlowValidatorInput, slowRulesFor } from '../../helpers/fuzz/known-issues';
import { FUZZ_SEED, runProperty } from '../../helpers/fuzz/settings';

beforeAll(() => loadShellParser());

/** CPU milliseconds of one lint (rules in `ignore` left out), and the rule errors it reported. */
function timeLint(text: string, options: { ignore?: string[]; syntax?: boolean } = {}): { ms: number; errors: string[] } {
  const errors: string[] = [];
  const before = process.cpuUsage();
  try {
    lint(text, {
      ...options,
      onRuleError: (ruleId, error) => void (isKnownIssue({ kind: 'rule-error', ruleId, message: '' }) || errors.push(`${ruleId}: ${describeError(error)}`)),
    });
  } catch (error) {
    errors.push(`lint threw ${describeError(error)}`);
  }
  const used = process.cpuUsage(before);
  return { ms: (used.user + used.system) / 1000, errors };
}

/**
 * The same text with `salt` extra blanks after each RUN, CMD and ENTRYPOINT keyword: it lints the same, but the
 * shell models, cached by instruction text, are built again, so every run is a cold one.
 */
function salted(text: string, salt: number): string {
  return text.replace(/^(RUN|CMD|ENTRYPOINT) /gm, (keyword) => keyword + ' '.repeat(salt));
}

/** The fastest of a few cold runs (a garbage collection or a compilation can land in any). */
function fastest(runs: number, text: string, options: { ignore?: string[]; syntax?: boolean } = {}): { ms: number; errors: string[] } {
  const results = Array.from({ length: runs }, () => timeLint(salted(text, ++saltCounter % 50), options));
  return results.reduce((a, b) => (a.ms <= b.ms ? a : b));
}
let saltCounter = 0;

/** Linear time quadruples with four times the input, quadratic time grows sixteen times: between them, with room for noise. */
const MAX_RATIO = 10;
/** Below this many milliseconds for the larger input there is too little to measure. */
const FLOOR_MS = 100;

/** Which rules take the time (each rule's check timed once on one model), for the message of a failure. */
function slowestRules(text: string): string {
  const model = parseDockerfile(text);
  const times = rules.map((rule) => {
    const before = process.cpuUsage();
    try {
      rule.check({ model, files: NO_FILES, fileName: 'Dockerfile', config: {}, report: () => undefined });
    } catch {
      // reported by the test itself
    }
    const used = process.cpuUsage(before);
    return { id: rule.id, ms: (used.user + used.system) / 1000 };
  });
  return times
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3)
    .map((t) => `${t.id} ${t.ms.toFixed(0)} ms`)
    .join(', ');
}

const FROM = 'FROM alpine:3.20\n';

/** Pathological inputs at the sizes of the issue. */
const PATHOLOGICAL: Record<string, () => string> = {
  '100,000 continuation lines': () => `${FROM}RUN apt-get install -y \\\n${'  pkg \\\n'.repeat(100_000)}  last\n`,
  '100,000 continuation lines of comments': () => `${FROM}RUN echo a \\\n${'# comment\n'.repeat(100_000)}  b\n`,
  'a 1 MB single RUN line': () => `${FROM}RUN echo ${'a'.repeat(1_000_000)}\n`,
  'a 1 MB single line of words': () => `${FROM}RUN echo ${'ab '.repeat(333_333)}\n`,
  'a 1 MB pragma line of blanks': () => `${FROM}# hadolint ignore=DL3008${' '.repeat(1_000_000)}!\nRUN true\n`,
  'a 1 MB directive line of blanks': () => `# syntax=x${' '.repeat(1_000_000)}y\n${FROM}`,
  '10,000 nested $(': () => `${FROM}RUN echo ${'$('.repeat(10_000)}x${')'.repeat(10_000)}\n`,
  '10,000 nested quoted $(': () => `${FROM}RUN echo ${'"$(echo '.repeat(10_000)}x${')"'.repeat(10_000)}\n`,
  '10,000 nested subshells': () => `${FROM}RUN ${'('.repeat(10_000)}true${')'.repeat(10_000)}\n`,
  '10,000 nested ${': () => `ARG a=b\nFROM ${'${a:-'.repeat(10_000)}alpine${'}'.repeat(10_000)}\n`,
  '100,000 unclosed ${': () => `ARG a=b\nFROM ${'${a:-'.repeat(100_000)}\n`,
  '10,000 alternating quotes': () => `${FROM}RUN echo ${`"'`.repeat(10_000)}\n`,
  '500,000 backslashes': () => `${FROM}RUN echo ${'\\'.repeat(500_000)}\n`,
  '100,000 lines of one backslash': () => `${FROM}RUN echo \\\n${'\\\n'.repeat(100_000)}`,
  '50,000 commands joined by &&': () => `${FROM}RUN ${'true && '.repeat(50_000)}true\n`,
  '5,000 instructions': () => `FROM debian:12\n${'RUN apt-get update\nRUN apt-get install curl\n'.repeat(2_500)}`,
};

describe(`pathological inputs lint in seconds (seed ${FUZZ_SEED})`, () => {
  for (const [name, make] of Object.entries(PATHOLOGICAL)) {
    it(name, () => {
      const text = make();
      const { ms, errors } = timeLint(text, { ignore: slowRulesFor(name) });
      expect(errors).toEqual([]);
      expect(ms, `${name}: ${ms.toFixed(0)} ms CPU for ${(text.length / 1024).toFixed(0)} KB; slowest rules: ${ms > 8000 ? slowestRules(text) : '-'}`).toBeLessThan(8000);
    }, 120_000);
  }
});

/** Families of inputs by size: the time must grow linearly. */
const FAMILIES: Record<string, (n: number) => string> = {
  'continuation lines': (n) => `${FROM}RUN echo a \\\n${'  b \\\n'.repeat(n / 5)}  c\n`,
  'one long word': (n) => `${FROM}RUN echo ${'a'.repeat(n)}\n`,
  'nested $(': (n) => `${FROM}RUN echo ${'$('.repeat(n / 3)}x${')'.repeat(n / 3)}\n`,
  'nested quoted $(': (n) => `${FROM}RUN echo ${'"$(echo '.repeat(n / 10)}x${')"'.repeat(n / 10)}\n`,
  'nested ${': (n) => `ARG a=b\nFROM ${'${a:-'.repeat(n / 6)}x${'}'.repeat(n / 6)}\n`,
  'commands joined by &&': (n) => `${FROM}RUN ${'true && '.repeat(n / 8)}true\n`,
  'pragma blanks': (n) => `${FROM}# dockerfile-optimizer ignore=a${' \t'.repeat(n / 2)}!\nRUN x\n`,
  'directive blanks': (n) => `# check=skip=a${' '.repeat(n)}b\n${FROM}`,
  'inline check blanks': (n) => `${FROM}# check=skip=a${' '.repeat(n)}x\nRUN x\n`,
  'instructions': (n) => `FROM debian:12\n${'RUN apt-get install -y curl\n'.repeat(n / 28)}`,
  'stages': (n) => `FROM debian:12 AS s0\n${Array.from({ length: Math.round(n / 80) }, (_, i) => `FROM s${i} AS s${i + 1}\nRUN true\n`).join('')}`,
  'pragmas': (n) => `FROM debian:12\n${'# dockerfile-optimizer ignore=apt-assume-yes\nRUN apt-get install x\n'.repeat(n / 65)}`,
};

describe('lint time grows linearly with the input', () => {
  for (const [name, make] of Object.entries(FAMILIES)) {
    it(name, () => {
      const options = { ignore: slowRulesFor(`family: ${name}`) };
      timeLint(make(5_000), options); // warm-up
      const small = fastest(3, make(20_000), options);
      const large = fastest(2, make(80_000), options);
      expect([...small.errors, ...large.errors]).toEqual([]);
      const ratio = large.ms / Math.max(small.ms, 1);
      if (large.ms > FLOOR_MS) expect(ratio, `${name}: ${small.ms.toFixed(0)} ms for 20 KB, ${large.ms.toFixed(0)} ms for 80 KB; slowest rules at 80 KB: ${ratio >= MAX_RATIO ? slowestRules(make(80_000)) : '-'}`).toBeLessThan(MAX_RATIO);
    }, 120_000);
  }
});

const PREFIXES = ['# ', '# hadolint ignore=', '# dockerfile-optimizer global ignore=a,', '# syntax=', '# escape=', '# check=skip=', 'FROM ', 'FROM a:', 'FROM a@sha256:', 'FROM ${a:-', 'ARG a=', 'ENV a=', 'ENV a ', 'LABEL a=', 'LABEL org.opencontainers.image.licenses=', 'RUN ', 'RUN echo ', 'RUN apt-get install ', 'RUN pip install ', 'RUN sh -c "', 'RUN --mount=', 'CMD [', 'CMD ', 'COPY --from=', 'COPY --chown=', 'ADD ', 'EXPOSE ', 'USER ', 'WORKDIR ', 'HEALTHCHECK --interval=', 'SHELL [', 'ONBUILD RUN ', 'STOPSIGNAL ', 'MAINTAINER '];
const UNITS = [' ', '\t', 'a', '1', '-', '_', '=', ',', ';', '$', '${', '$(', '"', "'", '\\', '`', '/', ':', '.', '@', '#', '{', '}', '(', ')', '[', ']', '*', '&', '|', '<', '>', '%', '+', '~', '!', '\u00a0', 'é'];

/** The text of one probe: the pattern repeated `n` times between a prefix and a terminator. */
function probe(prefix: string, unit: string, terminator: string, n: number): string {
  const line = prefix + unit.repeat(Math.ceil(n / unit.length)) + terminator;
  return prefix.startsWith('# ') && !prefix.includes('ignore') ? `${line}\n${FROM}RUN true\n` : `${FROM}${line}\nRUN true\n`;
}

describe('randomized probe for catastrophic regular expressions', () => {
  it('an instruction with a long run of one pattern lints in linear time', async () => {
    let probes = 0;
    await runProperty(
      'regular expression probe',
      fc.property(fc.constantFrom(...PREFIXES), fc.array(fc.constantFrom(...UNITS), { minLength: 1, maxLength: 3 }).map((u) => u.join('')), fc.constantFrom('', '!', 'x', '}', ')', '"', '\\', ' y'), (prefix, unit, terminator) => {
        probes++;
        const small = probe(prefix, unit, terminator, 10_000);
        const large = probe(prefix, unit, terminator, 40_000);
        // The syntax validator's own known quadratic inputs are timed without it, so the rest is still checked.
        const options = { syntax: !knownSlowValidatorInput(large), ignore: slowRulesFor('probe') };
        const a = fastest(3, small, options);
        const b = fastest(3, large, options);
        if (a.errors.length || b.errors.length) throw new Error(`rule errors: ${[...a.errors, ...b.errors].join('\n')}`);
        if (b.ms > FLOOR_MS && b.ms > MAX_RATIO * Math.max(a.ms, 1)) {
          throw new Error(`${JSON.stringify(prefix)} + ${JSON.stringify(unit)}×n + ${JSON.stringify(terminator)}: ${a.ms.toFixed(0)} ms at 10 KB, ${b.ms.toFixed(0)} ms at 40 KB; slowest rules: ${slowestRules(large)}`);
        }
      }),
      { numRuns: 30, timeLimitMs: 6_000, shrink: false },
    );
    console.log(`regular expression probes: ${probes}`);
  }, 120_000);
});

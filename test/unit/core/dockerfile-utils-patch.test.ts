/**
 * The dockerfile-utils patch (server/patches) lets `validate` take the Dockerfile the caller has parsed
 * already, so the text is not parsed twice, and skips work whose result cannot be reported: putting
 * together the arguments of instructions that cannot hold JSON, the variables of RUN, CMD and
 * ENTRYPOINT (whose modifiers are not checked), and the lines of continuations when empty ones are
 * not reported. The findings must be exactly those of a fresh parse, and those of
 * dockerfile-utils as published (on dockerfile-ast as published).
 */
import { DockerfileParser } from 'dockerfile-ast';
import { validate, ValidationCode, ValidationSeverity, type ValidatorSettings } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { corpusDockerfiles, hasCorpus } from '../../helpers/corpus';
import { usePublished } from '../../helpers/published-packages';

describe('dockerfile-utils patch', () => {
  it('accepts a parsed Dockerfile and gives the same findings as parsing the text itself', () => {
    const text = 'from node:20 as Build\nMAINTAINER me\nRUN \\\n\n echo\nEXPOSE 99999\n';
    expect(validate(text, undefined, DockerfileParser.parse(text))).toEqual(validate(text));
    expect(validate(text).length).toBeGreaterThan(0);
  });

  it.skipIf(!hasCorpus())('gives the same findings on every corpus file', () => {
    let findings = 0;
    for (const { text } of corpusDockerfiles()) {
      const own = validate(text);
      expect(validate(text, undefined, DockerfileParser.parse(text))).toEqual(own);
      findings += own.length;
    }
    expect(findings).toBeGreaterThan(100);
  });
});

/** Every check on, as warnings where the default ignores it. */
const ALL_CHECKS: ValidatorSettings = {
  instructionJSONInSingleQuotes: ValidationSeverity.WARNING,
  emptyContinuationLine: ValidationSeverity.WARNING,
  instructionCmdMultiple: ValidationSeverity.WARNING,
  instructionEntrypointMultiple: ValidationSeverity.WARNING,
  instructionHealthcheckMultiple: ValidationSeverity.WARNING,
  directiveCasing: ValidationSeverity.WARNING,
};

/** As the analysis runs it: the checks that our rules replace are off. */
const OURS: ValidatorSettings = {
  ...ALL_CHECKS,
  deprecatedMaintainer: ValidationSeverity.IGNORE,
  emptyContinuationLine: ValidationSeverity.IGNORE,
  instructionCasing: ValidationSeverity.IGNORE,
  instructionWorkdirRelative: ValidationSeverity.IGNORE,
};

const SAMPLES = [
  "FROM alpine\nCMD ['a', 'b']\nENTRYPOINT [ 'x' ]\nRUN ['sh', '-c', 'echo']\nSHELL ['/bin/sh', '-c']\n",
  "FROM alpine\nCMD []\nRUN [ ]\nENTRYPOINT \\['a']\nCMD  ['a' , 'b' ]\nRUN echo '[a]'\nCMD [\"a\", 'b']\n",
  "FROM alpine\nRUN ['a', \\\n  'b']\nHEALTHCHECK CMD ['curl', 'x']\nONBUILD RUN ['a']\n",
  'ARG BASE=alpine\nFROM ${BASE} AS a\nARG V\nENV E=$V\nRUN echo $V $E ${UNDEF:-x} $UNDEF2\nFROM a\nRUN echo $E\n',
  // Unsupported modifiers are reported outside RUN, CMD and ENTRYPOINT; empty continuation lines.
  'FROM alpine\nENV A=${B:} C=${D:x}\nLABEL l=${E:?} m=${F:=y}\nRUN echo ${F:} ${G:x}\nCMD echo ${H:}\nRUN a \\\n\n  b\nENV X=1 \\\n\n  Y=2\n',
];

describe('dockerfile-utils patch: the same findings as dockerfile-utils as published', () => {
  const published = usePublished();

  it('finds single-quoted JSON in the samples (the comparison is not vacuous)', () => {
    const quoted = validate(SAMPLES[0], ALL_CHECKS).filter((d) => /single quotes|JSON/i.test(typeof d.message === 'string' ? d.message : ''));
    expect(quoted.length).toBeGreaterThanOrEqual(4);
  });

  it('finds unsupported modifiers and empty continuation lines in the samples', () => {
    const codes = validate(SAMPLES[4], ALL_CHECKS).map((d) => d.code);
    expect(codes.filter((c) => c === ValidationCode.UNSUPPORTED_MODIFIER).length).toBe(3);
    expect(codes.filter((c) => c === ValidationCode.EMPTY_CONTINUATION_LINE).length).toBe(2);
  });

  it.each(SAMPLES.map((text, i) => [i, text]))('sample %i', (_, text) => {
    expect(validate(text, ALL_CHECKS)).toEqual(published().utils.validate(text, ALL_CHECKS));
    expect(validate(text, OURS)).toEqual(published().utils.validate(text, OURS));
  });

  it.skipIf(!hasCorpus())('every corpus file', () => {
    const files = corpusDockerfiles();
    for (const { name, text } of files) {
      expect(validate(text, ALL_CHECKS), name).toEqual(published().utils.validate(text, ALL_CHECKS));
      expect(validate(text, OURS), name).toEqual(published().utils.validate(text, OURS));
    }
    expect(files.length).toBeGreaterThan(500);
  });
});

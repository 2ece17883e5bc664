/**
 * The dockerfile-utils patch (server/patches) lets `validate` take the Dockerfile the caller has parsed
 * already, so the text is not parsed twice. The findings must be exactly those of a fresh parse.
 */
import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { corpusDockerfiles, hasCorpus } from '../../helpers/corpus';

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

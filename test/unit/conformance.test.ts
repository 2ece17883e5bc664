/**
 * The conformance targets of `npm run conformance`, enforced by `npm test` when the shared corpus
 * is present: our rules against hadolint's and BuildKit's own test cases.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { LintOptions } from '../../server/src/core/lint';
import { loadShellParser } from '../../server/src/io/shell-wasm';
import { hasCases, readBuildkitCases, readHadolintCases } from '../conformance/cases';
import { asStageBody, checkDifferences, runBuildkit, runHadolint, verdicts } from '../conformance/conformance';
import { applyHadolintConfig, parseHsConfig } from '../conformance/hadolint-config';
import { renderBuildkit, renderHadolint, renderVerdicts } from '../conformance/report';
import { CORPUS_DIR } from '../helpers/corpus';

beforeAll(() => loadShellParser());

describe('conformance runner', () => {
  it('lints a fragment without FROM as one stage, after the parser directives', () => {
    expect(asStageBody('RUN make\n')).toBe('FROM scratch\nRUN make\n');
    expect(asStageBody('# escape=`\n# hadolint ignore=DL3003\nRUN cd /x\n')).toBe('# escape=`\nFROM scratch\n# hadolint ignore=DL3003\nRUN cd /x\n');
    expect(asStageBody('ARG V=1\nFROM alpine:$V\n')).toBe('ARG V=1\nFROM alpine:$V\n');
  });

  it('reads hadolint config expressions and maps the fields we support', () => {
    expect(parseHsConfig('def { allowedRegistries = [ "a.io", "*.b.io" ], strictLabels = True }')).toEqual(
      new Map<string, unknown>([
        ['allowedRegistries', ['a.io', '*.b.io']],
        ['strictLabels', true],
      ]),
    );
    const options: LintOptions = {};
    expect(applyHadolintConfig('def { allowedRegistries = ["docker.io"], ignoreRules = [ "DL3057" ] }', options)).toEqual([]);
    expect(options).toEqual({ config: { trustedRegistries: ['docker.io'] }, ignore: ['DL3057'] });
    expect(applyHadolintConfig('def { someFutureField = 3 }', {})).toEqual(['someFutureField']);
  });

  it('documents every differs-by-design entry in its rule', () => {
    expect(checkDifferences()).toEqual([]);
  });
});

describe.skipIf(!hasCases(CORPUS_DIR))('conformance with hadolint and BuildKit test cases', () => {
  it('meets the targets', () => {
    const hadolint = runHadolint(readHadolintCases(CORPUS_DIR));
    const buildkit = runBuildkit(readBuildkitCases(CORPUS_DIR));
    const results = verdicts(hadolint, buildkit);
    const report = `${renderHadolint(hadolint, false)}\n\n${renderBuildkit(buildkit, false)}\n\n${renderVerdicts(results)}`;
    expect(
      results.filter((v) => !v.ok).map((v) => v.name),
      report,
    ).toEqual([]);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { applyHadolintConfig, parseHadolintConfig, ruleConfigOf } from '../../../server/src/core/hadolint-config';
import { lint } from '../../../server/src/core/lint';
import { loadShellParser } from '../../../server/src/io/shell-wasm';

beforeAll(() => loadShellParser());

const FULL = `
failure-threshold: info
ignored:
  - DL3006
  - SC2086
override:
  error:
    - DL3014
  warning: [DL3019]
  info:
    - JSONArgsRecommended
  style:
    - DL3015
trustedRegistries:
  - docker.io
  - "*.example.com"
label-schema:
  author: text
  created: rfc3339
  version: semver
  documentation: url
  git-revision: hash
  license: spdx
  contact: email
strict-labels: true
disable-ignore-pragma: true
`;

describe('parseHadolintConfig', () => {
  it('reads every setting, with style as hint', () => {
    const { config, errors } = parseHadolintConfig(FULL);
    expect(errors).toEqual([]);
    expect(config).toEqual({
      ignored: ['DL3006', 'SC2086'],
      override: { DL3014: 'error', DL3019: 'warning', JSONArgsRecommended: 'info', DL3015: 'hint' },
      trustedRegistries: ['docker.io', '*.example.com'],
      labelSchema: { author: 'text', created: 'rfc3339', version: 'semver', documentation: 'url', 'git-revision': 'hash', license: 'spdx', contact: 'email' },
      strictLabels: true,
      disableIgnorePragma: true,
      failureThreshold: 'info',
    });
  });

  it('maps the failure threshold and no-fail', () => {
    expect(parseHadolintConfig('failure-threshold: style').config.failureThreshold).toBe('hint');
    expect(parseHadolintConfig('failure-threshold: ignore').config.failureThreshold).toBe('none');
    expect(parseHadolintConfig('failure-threshold: error\nno-fail: true').config.failureThreshold).toBe('none');
  });

  it('takes no level from the names of Object.prototype', () => {
    const { config, errors } = parseHadolintConfig('failure-threshold: constructor\noverride:\n  toString: [DL3008]\n');
    expect(config.failureThreshold).toBeUndefined();
    expect(config.override).toEqual({});
    expect(errors).toEqual([
      'unknown severity `toString` in `override` (use error, warning, info or style)',
      '`failure-threshold` should be error, warning, info, style, ignore or none, not `constructor`',
    ]);
  });

  it('an empty file is an empty configuration', () => {
    expect(parseHadolintConfig('')).toEqual({ config: { ignored: [], override: {}, trustedRegistries: [], labelSchema: {} }, errors: [] });
    expect(parseHadolintConfig('# only a comment\n').errors).toEqual([]);
  });

  it('reports problems and keeps the readable rest', () => {
    const { config, errors } = parseHadolintConfig('ignored: DL3006\noverride:\n  fatal: [DL3008]\nlabel-schema:\n  author: name\nstrict-labels: maybe\nfailure-threshold: high\nbogus: 1\n');
    expect(config.ignored).toEqual(['DL3006']);
    expect(errors).toEqual([
      'unknown setting `bogus`',
      'unknown severity `fatal` in `override` (use error, warning, info or style)',
      'label `author` has an unknown type `name` (use text, url, spdx, hash, rfc3339, semver, email)',
      '`strict-labels` should be true or false',
      '`failure-threshold` should be error, warning, info, style, ignore or none, not `high`',
    ]);
    expect(parseHadolintConfig('ignored: [DL3006').errors[0]).toMatch(/^not valid YAML/);
    expect(parseHadolintConfig('- DL3006\n').errors).toEqual(['the file should hold a mapping of settings']);
  });
});

describe('applyHadolintConfig', () => {
  it('turns ignored rules off, sets overridden severities by alias, and passes the rule settings on', () => {
    const { config } = parseHadolintConfig(FULL);
    const options = applyHadolintConfig({}, config);
    expect(options.severities).toMatchObject({ 'from-tag-explicit': 'off', 'apt-assume-yes': 'error', 'apk-no-cache': 'warning', 'cmd-exec-form': 'info', 'apt-no-install-recommends': 'hint' });
    expect(options.config).toEqual(ruleConfigOf(config));
    expect(options.config).toMatchObject({ trustedRegistries: ['docker.io', '*.example.com'], strictLabels: true });
    expect(options.hadolintPragmas).toBe(false);
  });

  it('explicit settings win over the file', () => {
    const { config } = parseHadolintConfig('ignored: [DL3006]\ntrustedRegistries: [docker.io]\n');
    const options = applyHadolintConfig({ severities: { 'from-tag-explicit': 'error' }, config: { trustedRegistries: ['ghcr.io'] } }, config);
    expect(options.severities!['from-tag-explicit']).toBe('error');
    expect(options.config!.trustedRegistries).toEqual(['ghcr.io']);
  });

  it('changes what lint reports', () => {
    const { config } = parseHadolintConfig('ignored: [DL3006]\noverride:\n  error: [DL3019]\n');
    const findings = lint('FROM alpine\nRUN apk add curl\n', applyHadolintConfig({}, config)).findings;
    expect(findings.map((f) => f.ruleId)).not.toContain('from-tag-explicit');
    expect(findings.find((f) => f.ruleId === 'apk-no-cache')?.severity).toBe('error');
  });
});

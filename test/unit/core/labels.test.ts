import { describe, expect, it } from 'vitest';
import { allLabelPairs, hasLabelType, imageStages, isSpdxExpression, stageLabels, usesVariable } from '../../../server/src/core/labels';
import { parseDockerfile } from '../../../server/src/core/model';

describe('label pairs', () => {
  it('reads key=value pairs, quoted keys and values, and the legacy form, with ranges', () => {
    const model = parseDockerfile('FROM a\nLABEL a=1 "b c"="two words" \\\n  d=""\nLABEL legacy value with spaces\n');
    const pairs = allLabelPairs(model);
    expect(pairs.map((p) => [p.key, p.value])).toEqual([
      ['a', '1'],
      ['b c', 'two words'],
      ['d', ''],
      ['legacy', 'value with spaces'],
    ]);
    expect(model.textOf(pairs[1].keyRange)).toBe('"b c"');
    expect(pairs[2].keyRange.start.line).toBe(2);
  });

  it('includes LABELs before the first FROM', () => {
    expect(allLabelPairs(parseDockerfile('LABEL a=1\nFROM x\n')).map((p) => p.key)).toEqual(['a']);
  });
});

describe('images of a file', () => {
  const text = 'FROM a AS base\nLABEL x=1\nFROM base AS app\nLABEL x=2 y=3\nFROM b AS tools\nCOPY --from=app /x /x\nFROM b AS other\n';
  it('are the stages nothing builds from or copies from', () => {
    const model = parseDockerfile(text);
    expect(imageStages(model).map((s) => s.name)).toEqual(['tools', 'other']);
  });

  it('carry the labels of the stages they are built from, later ones winning', () => {
    const model = parseDockerfile(text);
    const labels = stageLabels(model.stageRef('app')!);
    expect([...labels].map(([k, p]) => `${k}=${p.value}`)).toEqual(['x=2', 'y=3']);
  });
});

describe('label value types', () => {
  it.each([
    ['url', 'https://example.com/a?b#c', true],
    ['url', 'ssh://git@example.com/repo.git', true],
    ['url', 'example.com', false],
    ['rfc3339', '2024-02-29T23:59:60.5-05:00', true],
    ['rfc3339', '2024-02-29 10:00:00Z', true],
    ['rfc3339', '2024-02-29', false],
    ['rfc3339', '2024-02-29T24:00:00Z', false],
    ['hash', 'deadbee', true],
    ['hash', 'a'.repeat(64), true],
    ['hash', 'DEADBEE', false],
    ['semver', '0.1.0-alpha.1+001', true],
    ['semver', '01.2.3', false],
    ['email', 'a.b+c@example.org', true],
    ['email', 'A B <a@example.org>', true],
    ['email', 'a@localhost', false],
    ['text', '', true],
  ] as const)('%s %j → %s', (type, value, ok) => {
    expect(hasLabelType(value, type)).toBe(ok);
  });

  it('parses SPDX expressions', () => {
    expect(isSpdxExpression('MIT')).toBe(true);
    expect(isSpdxExpression('mit')).toBe(true);
    expect(isSpdxExpression('GPL-2.0+')).toBe(true);
    expect(isSpdxExpression('(MIT OR Apache-2.0) AND BSD-3-Clause')).toBe(true);
    expect(isSpdxExpression('GPL-2.0-only WITH Classpath-exception-2.0')).toBe(true);
    expect(isSpdxExpression('DocumentRef-x:LicenseRef-y')).toBe(true);
    expect(isSpdxExpression('MIT AND')).toBe(false);
    expect(isSpdxExpression('(MIT')).toBe(false);
    expect(isSpdxExpression('MIT WITH MIT')).toBe(false);
    expect(isSpdxExpression('Apache 2')).toBe(false);
  });

  it('sees variables outside single quotes', () => {
    expect(usesVariable('"${V}"')).toBe(true);
    expect(usesVariable('$V')).toBe(true);
    expect(usesVariable("'$V'")).toBe(false);
    expect(usesVariable('\\$V')).toBe(false);
    expect(usesVariable('5$')).toBe(false);
  });
});

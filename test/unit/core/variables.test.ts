import { describe, expect, it } from 'vitest';
import { expandVariables, expandWithDefaults, hasVariables, variableReferences } from '../../../server/src/core/variables';

const vars: Record<string, string> = { NODE: '20', EMPTY: '', REG: 'ghcr.io/org' };
const lookup = (name: string) => vars[name];

describe('expandVariables', () => {
  it('expands $VAR and ${VAR}', () => {
    expect(expandVariables('node:$NODE', lookup)).toBe('node:20');
    expect(expandVariables('node:${NODE}-slim', lookup)).toBe('node:20-slim');
    expect(expandVariables('${REG}/app:${NODE}', lookup)).toBe('ghcr.io/org/app:20');
  });

  it('leaves text without variables alone', () => {
    expect(expandVariables('node:20', lookup)).toBe('node:20');
  });

  it('a bare name ends at the first character that cannot be in a name', () => {
    expect(expandVariables('node:$NODE.1', lookup)).toBe('node:20.1');
  });

  it('applies ${VAR:-default} when unset or empty, ${VAR-default} only when unset', () => {
    expect(expandVariables('${MISSING:-18}', lookup)).toBe('18');
    expect(expandVariables('${EMPTY:-18}', lookup)).toBe('18');
    expect(expandVariables('${NODE:-18}', lookup)).toBe('20');
    expect(expandVariables('${MISSING-18}', lookup)).toBe('18');
    expect(expandVariables('${EMPTY-18}', lookup)).toBe('');
  });

  it('applies ${VAR:+alt} when set and non-empty, ${VAR+alt} when set', () => {
    expect(expandVariables('node${NODE:+-slim}', lookup)).toBe('node-slim');
    expect(expandVariables('node${EMPTY:+-slim}', lookup)).toBe('node');
    expect(expandVariables('node${EMPTY+-slim}', lookup)).toBe('node-slim');
    expect(expandVariables('node${MISSING:+-slim}', lookup)).toBe('node');
  });

  it('an empty value is a value', () => {
    expect(expandVariables('node$EMPTY', lookup)).toBe('node');
  });

  it('returns undefined when a variable is unknown and has no default', () => {
    expect(expandVariables('node:$MISSING', lookup)).toBeUndefined();
    expect(expandVariables('${MISSING}', lookup)).toBeUndefined();
    expect(expandVariables('${NODE}-${MISSING}', lookup)).toBeUndefined();
  });
});

describe('hasVariables', () => {
  it('finds references, also on repeated calls', () => {
    expect(hasVariables('node:$NODE')).toBe(true);
    expect(hasVariables('node:$NODE')).toBe(true);
    expect(hasVariables('${A:-b}')).toBe(true);
    expect(hasVariables('node:20')).toBe(false);
    expect(hasVariables('price $5')).toBe(false);
  });
});

describe('variableReferences', () => {
  it('finds $NAME and ${NAME…} outside single quotes and escapes, with offsets', () => {
    const refs = variableReferences("a$FOO \\$NOT '$NOPE' \"${BAR:-$BAZ}\" ${QUX}x");
    expect(refs.map((r) => [r.name, r.modifier, r.nameStart])).toEqual([
      ['FOO', undefined, 2],
      ['BAR', ':-', 23],
      ['BAZ', undefined, 29],
      ['QUX', undefined, 37],
    ]);
  });

  it('honours a backtick escape', () => {
    expect(variableReferences('`$A $B', '`').map((r) => r.name)).toEqual(['B']);
  });
});

describe('expandWithDefaults', () => {
  const lookup = (values: Record<string, string | undefined>) => (name: string) => values[name];
  it('expands unset variables to empty and applies modifiers, unquoting their words', () => {
    expect(expandWithDefaults('busybox:$V', lookup({}))).toBe('busybox:');
    expect(expandWithDefaults('scra${D:-tch}', lookup({}))).toBe('scratch');
    expect(expandWithDefaults('x-${D:+"yes"}', lookup({ D: '1' }))).toBe('x-yes');
    expect(expandWithDefaults('scratch${D-@bogus}', lookup({ D: '' }))).toBe('scratch');
  });

  it('gives up where the builder fails or where it cannot evaluate', () => {
    expect(expandWithDefaults('${V:?required}', lookup({}))).toBeUndefined();
    expect(expandWithDefaults('${V#linux/}', lookup({ V: 'linux/amd64' }))).toBeUndefined();
    expect(expandWithDefaults('${templateOption:imageVariant}', lookup({}))).toBeUndefined();
  });
});

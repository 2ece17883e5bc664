import { describe, expect, it } from 'vitest';
import { parsePlatform } from '../../../server/src/core/rules/from-platform-not-constant';
import { testRule } from '../../helpers/rule-tester';

testRule('from-platform-not-constant', {
  valid: [
    { name: 'BuildKit: the stage name holds the architecture', code: '\nFROM --platform=linux/amd64 scratch AS my_amd64_stage\n' },
    { name: 'BuildKit: the stage name holds the OS', code: '\nFROM --platform=linux/amd64 scratch AS linux\n' },
    'FROM --platform=$BUILDPLATFORM golang:1.22\n',
    { name: 'not a platform', code: 'FROM --platform=nonsense/thing alpine\n' },
  ],
  invalid: [
    { name: 'BuildKit', code: '\nFROM --platform=linux/amd64 scratch\n', lines: [2], message: /^`FROM --platform=linux\/amd64` fixes the platform of the stage$/ },
    { name: 'an alias of the architecture', code: 'FROM --platform=linux/aarch64 alpine AS build\n', lines: [1] },
  ],
});

describe('parsePlatform', () => {
  it('reads os/arch with containerd aliases, and lone OS or architecture', () => {
    expect(parsePlatform('linux/x86_64')).toEqual({ os: 'linux', arch: 'amd64' });
    expect(parsePlatform('linux/arm64/v8')).toEqual({ os: 'linux', arch: 'arm64' });
    expect(parsePlatform('windows')).toEqual({ os: 'windows', arch: 'amd64' });
    expect(parsePlatform('arm64')).toEqual({ os: 'linux', arch: 'arm64' });
    expect(parsePlatform('linux/')).toBeUndefined();
    expect(parsePlatform('beos/amd64')).toBeUndefined();
    expect(parsePlatform('constructor')).toBeUndefined();
    expect(parsePlatform('linux/tostring')).toBeUndefined();
    expect(parsePlatform('linux/__proto__')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { isPathExcluded } from '../../../server/src/core/context';
import { testRule } from '../../helpers/rule-tester';

const DOCKERFILE_IGNORED = { '.dockerignore': '\nDockerfile\n' };

testRule('copy-source-not-ignored', {
  valid: [
    { name: 'no ignore file', code: 'FROM scratch\nCOPY Dockerfile .\n' },
    { name: 'BuildKit: check directive', code: '# check=skip=CopyIgnoredFile\n\nFROM scratch\nCOPY Dockerfile .\nADD Dockerfile /windy\n', files: DOCKERFILE_IGNORED },
    { name: 'BuildKit: from another stage', code: '\nFROM scratch AS base\nCOPY Dockerfile /foobar\nADD Dockerfile /windy\n\nFROM base\nCOPY --from=base /foobar /Dockerfile\n', files: { '.dockerignore': '\nfoobar\n' } },
    { name: 'BuildKit: re-included', code: '\nFROM scratch\nCOPY ./Dockerfile .\n', files: { '.dockerignore': '\n**\n!Dockerfile\n' } },
    { name: 'BuildKit: the context root with something left', code: '\nFROM scratch\nCOPY . .\n\t', files: { Dockerfile: '', '.dockerignore': '\n**\n!Dockerfile\n' } },
    { name: 'BuildKit: dotfiles ignored', code: '\nFROM scratch\nCOPY . .\n', files: { Dockerfile: '', '.dockerignore': '\n.*\n' } },
    { name: 'a folder with re-included content', code: 'FROM scratch\nCOPY sub /sub\n', files: { '.dockerignore': 'sub\n!sub/a.txt\n' } },
    { name: 'URLs and variables', code: 'FROM scratch\nADD https://example.com/Dockerfile /x\nCOPY $SRC /x\n', files: DOCKERFILE_IGNORED },
    { name: 'a Dockerfile-specific ignore file wins', code: 'FROM scratch\nCOPY Dockerfile .\n', files: { ...DOCKERFILE_IGNORED, 'Dockerfile.dockerignore': 'node_modules\n' } },
  ],
  invalid: [
    {
      name: 'BuildKit: COPY and ADD',
      code: '\nFROM scratch\nCOPY Dockerfile .\nADD Dockerfile /windy\n',
      files: DOCKERFILE_IGNORED,
      lines: [3, 4],
      message: /^`(COPY|ADD)` source `Dockerfile` is excluded by `\.dockerignore`$/,
    },
    { name: 'BuildKit: the whole context', code: '\nFROM scratch\nCOPY . .\n', files: { Dockerfile: '', '.dockerignore': '\n*\n' }, lines: [3] },
    {
      name: 'BuildKit: a negation for something else does not help',
      code: '\nFROM scratch\nCOPY sub/a.txt /\n',
      files: { '.dockerignore': 'sub\n!sub/b.txt\n' },
      lines: [3],
    },
    { name: 'through a parent folder', code: 'FROM node:20\nCOPY node_modules/.bin/x /x\n', files: { '.dockerignore': 'node_modules/\n' }, lines: [2] },
  ],
});

describe('isPathExcluded', () => {
  it('follows Docker: parents, ** and the last matching pattern', () => {
    expect(isPathExcluded('node_modules', 'node_modules/a/b')).toBe(true);
    expect(isPathExcluded('**/*.log', 'a/b/c.log')).toBe(true);
    expect(isPathExcluded('*.log\n!keep.log', 'keep.log')).toBe(false);
    expect(isPathExcluded('!keep.log\n*.log', 'keep.log')).toBe(true);
  });
});

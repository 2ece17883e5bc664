import { testRule } from '../../helpers/rule-tester';

const OLD = `sha256:${'0'.repeat(64)}`;
const INDEX = `sha256:${'1'.repeat(64)}`;
const ARM = `sha256:${'2'.repeat(64)}`;
const tags = { 'docker.io/library/node:20-slim': { digest: INDEX, platformDigests: [ARM] } };

testRule('from-digest-current', {
  valid: [
    { name: 'no lookups (registry lookups off): nothing is reported', code: `FROM node:20-slim@${OLD}\n` },
    { name: 'the pin is the current index digest', code: `FROM node:20-slim@${INDEX}\n`, tags },
    { name: 'a per-platform pin of the current image', code: `FROM --platform=linux/arm64 node:20-slim@${ARM}\n`, tags },
    { name: 'a tag that was not looked up', code: `FROM node:22-slim@${OLD}\n`, tags },
    { name: 'a digest without a tag cannot go stale', code: `FROM node@${OLD}\n`, tags },
  ],
  invalid: [
    {
      name: 'a stale pin, in any stage; without registry access there is no fix',
      code: `FROM node:20-slim@${OLD} AS build\nFROM node:20-slim@${INDEX}\n`,
      tags,
      lines: [1],
      message: /^`node:20-slim` now points to another image than the pinned digest$/,
    },
  ],
});

import { testRule } from '../../helpers/rule-tester';

const DIGEST = `sha256:${'9b3c8f0c'.repeat(8)}`;

testRule('from-digest-pinned', {
  valid: [
    `FROM node:20-slim@${DIGEST}\n`,
    { name: 'a digest without a tag', code: `FROM node@${DIGEST}\n` },
    { name: 'scratch', code: 'FROM scratch\nCOPY app /app\n' },
    { name: 'a stage reference', code: `FROM golang:1.22@${DIGEST} AS build\nFROM build\n` },
    { name: 'a variable without a default cannot be checked', code: 'ARG BASE\nFROM ${BASE}\n' },
    { name: 'a digest from an ARG default', code: `ARG DIGEST=${DIGEST}\nFROM node:20@\${DIGEST}\n` },
    { name: 'our pragma', code: '# dockerfile-optimizer ignore=from-digest-pinned\nFROM node:20\n' },
    { name: 'our global pragma', code: '# dockerfile-optimizer global ignore=from-digest-pinned\nFROM node:20 AS a\nFROM node:20\n' },
  ],
  invalid: [
    { code: 'FROM node:20-slim\n', lines: [1], message: /^Base image `node:20-slim` is not pinned by digest$/ },
    {
      name: 'every stage, builder stages too; the message names the resolved image',
      code: 'ARG GO=1.22\nFROM --platform=$BUILDPLATFORM golang:${GO} AS build\nFROM gcr.io/distroless/static-debian12:nonroot\n',
      lines: [2, 3],
      message: /`(golang:1\.22|gcr\.io\/distroless\/static-debian12:nonroot)`/,
    },
    { name: 'a registry with a port', code: 'FROM localhost:5000/team/app:1.0\n', lines: [1] },
    { name: 'a pragma covers the next instruction only', code: '# dockerfile-optimizer ignore=from-digest-pinned\nFROM node:20 AS a\nFROM node:20\n', lines: [3] },
  ],
});

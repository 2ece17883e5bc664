import { testRule } from '../../helpers/rule-tester';

testRule('from-tag-explicit', {
  valid: [
    'FROM node:20.11-bookworm-slim\n',
    { name: 'a digest pins it anyway', code: `FROM node@sha256:${'a'.repeat(64)}\n` },
    { name: 'scratch', code: 'FROM scratch\n' },
    { name: 'a stage reference has no tag', code: 'FROM node:20 AS base\nFROM base\n' },
    { name: 'a registry port is not a tag', code: 'FROM localhost:5000/app:1.0\n' },
    { name: 'a tag from an ARG default', code: 'ARG NODE=20\nFROM node:${NODE}\n' },
    { name: 'a default in the reference', code: 'ARG NODE\nFROM node:${NODE:-20}\n' },
    { name: 'an ARG without default cannot be checked', code: 'ARG TAG\nFROM node:$TAG\n' },
    { name: 'our pragma', code: '# dockerfile-optimizer ignore=from-tag-explicit\nFROM node\n' },
    { name: 'hadolint pragma for the missing tag', code: '# hadolint ignore=DL3006\nFROM node\n' },
    { name: 'hadolint pragma for latest', code: '# hadolint ignore=DL3007\nFROM node:latest\n' },
  ],
  invalid: [
    { code: 'FROM node\n', lines: [1], message: /^Base image `node` has no tag, so it floats with `latest`$/ },
    { name: 'latest', code: 'FROM node:latest\n', lines: [1], message: /^Base image `node:latest` uses the floating `latest` tag$/ },
    { name: 'builder stages too', code: 'FROM golang AS build\nFROM alpine:3.20\nCOPY --from=build /app /app\n', lines: [1] },
    { name: 'a registry with a port and no tag', code: 'FROM localhost:5000/app\n', lines: [1], message: /`localhost:5000\/app`/ },
    { name: 'latest from an ARG default', code: 'ARG TAG=latest\nFROM node:$TAG\n', lines: [2] },
    { name: 'a name used before the stage of that name exists is an image', code: 'FROM build\nFROM node:20 AS build\n', lines: [1] },
    { name: 'check=skip=all does not cover hadolint-only rules', code: '# check=skip=all\nFROM node\n', lines: [2] },
  ],
});

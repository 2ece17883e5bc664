import { testRule } from '../../helpers/rule-tester';

testRule('user-numeric-id', {
  valid: [
    'FROM debian:bookworm-slim\nRUN useradd -u 10001 app\nUSER 10001\n',
    'FROM debian:bookworm-slim\nUSER 10001:app\n',
    'FROM debian:bookworm-slim\nARG APP_UID=10001\nUSER ${APP_UID}\n',
    { name: 'only the user the image runs as', code: 'FROM debian:bookworm-slim\nUSER app\nRUN id\nUSER 10001\n' },
    { name: 'root is user-non-root\'s business', code: 'FROM debian:bookworm-slim\nUSER root\n' },
    { name: 'builder stages', code: 'FROM node:22 AS build\nUSER node\nRUN npm ci\nFROM gcr.io/distroless/nodejs22-debian12\nUSER 65532\n' },
    { name: 'Windows images have no UIDs', code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:bookworm-slim\nRUN useradd -u 10001 app\nUSER app\n',
      lines: [3],
      message: /`USER app` names the user: use its numeric UID/,
      output: 'FROM debian:bookworm-slim\nRUN useradd -u 10001 app\nUSER 10001\n',
    },
    {
      name: 'the group stays; adduser --uid',
      code: 'FROM alpine:3.20\nRUN addgroup -S app && adduser -S -D --uid=10001 -G app app\nUSER app:app\n',
      lines: [3],
      output: 'FROM alpine:3.20\nRUN addgroup -S app && adduser -S -D --uid=10001 -G app app\nUSER 10001:app\n',
    },
    { name: 'no fix when the UID is unknown', code: 'FROM node:22-slim\nUSER node\n', lines: [2] },
    { name: 'inherited from the stage it is built from', code: 'FROM node:22-slim AS base\nUSER node\nFROM base\nCMD ["node"]\n', lines: [2] },
  ],
});

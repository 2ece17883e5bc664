import { testRule } from '../../helpers/rule-tester';

const ADD_APP_DEBIAN = 'RUN groupadd --system app && useradd --system --gid app --no-create-home app';
const ADD_APP_ALPINE = 'RUN addgroup -S app && adduser -S -G app -H -D app';

testRule('user-non-root', {
  valid: [
    'FROM node:20-slim\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
    { name: 'distroless :nonroot runs as nonroot already', code: 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\nENTRYPOINT ["/app"]\n' },
    { name: 'nginx-unprivileged', code: 'FROM nginxinc/nginx-unprivileged:1.27\nCOPY site /usr/share/nginx/html\n' },
    { name: 'chainguard images', code: 'FROM cgr.dev/chainguard/node:latest\nCOPY . /app\n' },
    { name: 'a numeric user', code: 'FROM alpine:3.20\nUSER 10001:10001\n' },
    { name: 'a user name that starts with root', code: 'FROM alpine:3.20\nUSER rooter\n' },
    { name: 'a user from a variable cannot be checked', code: 'FROM alpine:3.20\nARG APP_USER=app\nUSER $APP_USER\n' },
    { name: 'root first, then a user', code: 'FROM node:20\nUSER root\nRUN apt-get update\nUSER node\n' },
    { name: 'builder stages may run as root', code: 'FROM node:20 AS build\nRUN npm ci\nFROM node:20-slim\nCOPY --from=build /app /app\nUSER node\n' },
    { name: 'a USER in the stage the final stage is built from', code: 'FROM node:20 AS base\nUSER node\nFROM base\nCMD ["node"]\n' },
    { name: 'our pragma', code: '# dockerfile-optimizer ignore=user-non-root\nFROM node:20\n' },
    { name: 'hadolint pragma', code: 'FROM node:20\n# hadolint ignore=DL3002\nUSER root\n' },
  ],
  invalid: [
    {
      name: 'node: the image has a node user',
      code: 'FROM node:20\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n',
      lines: [1],
      message: /^The image runs as root: the final stage sets no `USER`$/,
      output: 'FROM node:20\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'alpine: a system user is created',
      code: 'FROM alpine:3.20\nCOPY app /app\nENTRYPOINT ["/app"]\n',
      lines: [1],
      output: `FROM alpine:3.20\nCOPY app /app\n${ADD_APP_ALPINE}\nUSER app\nENTRYPOINT ["/app"]\n`,
    },
    {
      name: 'python alpine variant',
      code: 'FROM python:3.12-alpine\nCOPY . .\nCMD ["python", "app.py"]\n',
      lines: [1],
      output: `FROM python:3.12-alpine\nCOPY . .\n${ADD_APP_ALPINE}\nUSER app\nCMD ["python", "app.py"]\n`,
    },
    {
      name: 'debian',
      code: 'FROM debian:bookworm-slim\nRUN apt-get update\nCMD ["bash"]\n',
      lines: [1],
      output: `FROM debian:bookworm-slim\nRUN apt-get update\n${ADD_APP_DEBIAN}\nUSER app\nCMD ["bash"]\n`,
    },
    {
      name: 'ubuntu',
      code: 'FROM ubuntu:24.04\nCMD ["bash"]\n',
      lines: [1],
      output: `FROM ubuntu:24.04\n${ADD_APP_DEBIAN}\nUSER app\nCMD ["bash"]\n`,
    },
    {
      name: 'python (Debian based)',
      code: 'FROM python:3.12-slim\nCOPY . .\nCMD ["python", "app.py"]\n',
      lines: [1],
      output: `FROM python:3.12-slim\nCOPY . .\n${ADD_APP_DEBIAN}\nUSER app\nCMD ["python", "app.py"]\n`,
    },
    {
      name: 'distroless without :nonroot',
      code: 'FROM gcr.io/distroless/static-debian12\nCOPY app /app\nENTRYPOINT ["/app"]\n',
      lines: [1],
      output: 'FROM gcr.io/distroless/static-debian12\nCOPY app /app\nUSER nonroot:nonroot\nENTRYPOINT ["/app"]\n',
    },
    {
      name: 'scratch: a numeric user',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n',
      lines: [3],
      output: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]\n',
    },
    {
      name: '.NET 8 images have an app user',
      code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out /app\nENTRYPOINT ["dotnet", "/app/app.dll"]\n',
      lines: [1],
      output: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out /app\nUSER app\nENTRYPOINT ["dotnet", "/app/app.dll"]\n',
    },
    {
      name: '.NET 6 images do not',
      code: 'FROM mcr.microsoft.com/dotnet/aspnet:6.0\nCOPY out /app\nENTRYPOINT ["dotnet", "/app/app.dll"]\n',
      lines: [1],
      output: `FROM mcr.microsoft.com/dotnet/aspnet:6.0\nCOPY out /app\n${ADD_APP_DEBIAN}\nUSER app\nENTRYPOINT ["dotnet", "/app/app.dll"]\n`,
    },
    { name: 'an unknown image: no fix', code: 'FROM myorg/runtime:1.4\nCMD ["run"]\n', lines: [1] },
    { name: 'an unresolvable image: no fix', code: 'ARG BASE\nFROM $BASE\nCMD ["run"]\n', lines: [2] },
    {
      name: 'the base image from an ARG default',
      code: 'ARG BASE=node:20-slim\nFROM $BASE\nCMD ["node"]\n',
      lines: [2],
      output: 'ARG BASE=node:20-slim\nFROM $BASE\nUSER node\nCMD ["node"]\n',
    },
    {
      name: 'a final stage built from another stage uses the root image',
      code: 'FROM node:20 AS base\nRUN npm i -g pm2\nFROM base\nCOPY . .\nCMD ["pm2-runtime", "app.js"]\n',
      lines: [3],
      output: 'FROM node:20 AS base\nRUN npm i -g pm2\nFROM base\nCOPY . .\nUSER node\nCMD ["pm2-runtime", "app.js"]\n',
    },
    {
      name: 'the last USER is root: reported there, the user goes after the last build step',
      code: 'FROM node:20\nUSER node\nCOPY . .\nUSER root\nRUN chown -R node /app\nEXPOSE 3000\nCMD ["node", "server.js"]\n',
      lines: [4],
      message: /^The image runs as `root`: the last `USER` of the final stage is root$/,
      output: 'FROM node:20\nUSER node\nCOPY . .\nUSER root\nRUN chown -R node /app\nEXPOSE 3000\nUSER node\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'USER 0 and root:root',
      code: 'FROM alpine:3.20\nUSER 0:0\nENTRYPOINT ["/app"]\n',
      lines: [2],
      message: /`0:0`/,
      output: `FROM alpine:3.20\nUSER 0:0\n${ADD_APP_ALPINE}\nUSER app\nENTRYPOINT ["/app"]\n`,
    },
    {
      name: 'a root USER inherited from the stage the final stage is built from',
      code: 'FROM node:20 AS base\nUSER root\nFROM base\nCMD ["node"]\n',
      lines: [2],
      output: 'FROM node:20 AS base\nUSER root\nFROM base\nUSER node\nCMD ["node"]\n',
    },
    {
      name: 'before ENTRYPOINT and CMD, after HEALTHCHECK and EXPOSE',
      code: 'FROM node:20\nCOPY . .\nEXPOSE 80\nHEALTHCHECK CMD curl -f http://localhost/\nENTRYPOINT ["tini", "--"]\nCMD ["node"]\n',
      lines: [1],
      output: 'FROM node:20\nCOPY . .\nEXPOSE 80\nHEALTHCHECK CMD curl -f http://localhost/\nUSER node\nENTRYPOINT ["tini", "--"]\nCMD ["node"]\n',
    },
    {
      name: 'a RUN after the CMD: the user goes at the end',
      code: 'FROM node:20\nCMD ["node"]\nRUN npm ci\n',
      lines: [1],
      output: 'FROM node:20\nCMD ["node"]\nRUN npm ci\nUSER node\n',
    },
    {
      name: 'an empty stage',
      code: 'FROM node:20\n',
      lines: [1],
      output: 'FROM node:20\nUSER node\n',
    },
    {
      name: 'no end-of-file newline',
      code: 'FROM node:20\nCOPY . .',
      lines: [1],
      output: 'FROM node:20\nCOPY . .\nUSER node',
    },
    {
      name: 'CRLF and indentation',
      code: 'FROM alpine:3.20\r\n  COPY app /app\r\n  CMD ["/app"]\r\n',
      lines: [1],
      output: `FROM alpine:3.20\r\n  COPY app /app\r\n  ${ADD_APP_ALPINE}\r\n  USER app\r\n  CMD ["/app"]\r\n`,
    },
    {
      name: 'a last instruction ending in a dangling continuation',
      code: 'FROM node:20\nCOPY . . \\\n',
      lines: [1],
      output: 'FROM node:20\nCOPY . . \nUSER node\n',
    },
  ],
});

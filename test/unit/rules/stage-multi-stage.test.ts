import { testRule } from '../../helpers/rule-tester';

testRule('stage-multi-stage', {
  valid: [
    'FROM node:20 AS build\nWORKDIR /app\nRUN npm ci && npm run build\nFROM node:20-slim\nCOPY --from=build /app/dist ./dist\nCMD ["node", "dist/index.js"]\n',
    { name: 'installing runtime dependencies is not building', code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n' },
    { name: 'commands without arguments are not builds', code: 'FROM debian:12\nRUN ls && true\n' },
    { name: 'make install alone', code: 'FROM debian:12\nRUN make install\n' },
    { name: 'runtime packages', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl\n' },
    { name: 'npm run of a non-build script', code: 'FROM node:20\nRUN npm run lint\n' },
    { name: 'a version check is not a build', code: 'FROM eclipse-temurin:21-jdk\nRUN javac --version && gcc -v\n' },
    {
      name: 'build packages removed in the same RUN (apt), as the official images do',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends gcc make \\\n && make -C /src install \\\n && apt-get purge -y --auto-remove gcc make && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'build packages removed in the same RUN (apk virtual package)',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev make \\\n && make && make install \\\n && apk del --no-network .build-deps\n',
    },
    { name: 'our pragma', code: 'FROM node:20\n# dockerfile-optimizer ignore=stage-multi-stage\nRUN npm run build\n' },
  ],
  invalid: [
    {
      code: 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "dist/index.js"]\n',
      lines: [4],
      message: /^The shipped image builds with `npm run build`, so the toolchain ships too; use a multi-stage build$/,
      output:
        'FROM node:20 AS builder\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nRUN npm prune --omit=dev\n\nFROM node:20-slim\nWORKDIR /app\nENV NODE_ENV=production\nCOPY --from=builder /app/package.json ./\nCOPY --from=builder /app/node_modules ./node_modules\nCOPY --from=builder /app/dist ./dist\nUSER node\nCMD ["node", "dist/index.js"]\n',
    },
    {
      name: 'no split without knowing what runs: the message says why',
      code: 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD ["npm", "start"]\n',
      lines: [4],
      message: /use a multi-stage build \(no automatic split: the build context is unknown, so `package.json` cannot be read\)$/,
    },
    { name: 'compiler packages (apt)', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y build-essential\n', lines: [2], message: /installs `build-essential`/ },
    { name: 'compiler packages (apk)', code: 'FROM alpine:3.20\nRUN apk add --no-cache gcc musl-dev\n', lines: [2], message: /installs `gcc`, `musl-dev`/ },
    { name: 'reported once per file', code: 'FROM golang:1.22\nRUN go build -o /a .\nRUN go build -o /b .\n', lines: [2], message: /`go build`/ },
    { name: 'yarn build', code: 'FROM node:20\nRUN yarn build\n', lines: [2], message: /`yarn build`/ },
    { name: 'npx tsc', code: 'FROM node:20\nRUN npx tsc -p .\n', lines: [2], message: /`npx tsc -p`/ },
    { name: 'vite build', code: 'FROM node:20\nRUN vite build\n', lines: [2], message: /`vite build`/ },
    { name: 'maven', code: 'FROM maven:3.9\nRUN mvn -B package\n', lines: [2], message: /`mvn package`/ },
    { name: 'cargo', code: 'FROM rust:1.80\nRUN cargo build --release\n', lines: [2], message: /`cargo build`/ },
    { name: 'dotnet publish', code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN dotnet publish -c Release -o /out\n', lines: [2], message: /`dotnet publish`/ },
    { name: 'configure and make', code: 'FROM debian:12\nRUN ./configure && make && make install\n', lines: [2], message: /`make`/ },
    { name: 'a builder stage the final stage is built from is shipped', code: 'FROM node:20 AS base\nRUN npm run build\nFROM base\nCMD ["node"]\n', lines: [2] },
    { name: 'inside sh -c, behind sudo', code: "FROM golang:1.22\nRUN sudo sh -c 'go build -o /app .'\n", lines: [2] },
    { name: 'build packages removed in a later RUN still ship', code: 'FROM debian:12\nRUN apt-get install -y gcc && gcc -o /app app.c\nRUN apt-get purge -y gcc\n', lines: [2], message: /installs `gcc`/ },
  ],
});

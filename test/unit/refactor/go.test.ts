import { beforeAll, describe, expect, it } from 'vitest';
import { lint, NO_FILES } from '../../../server/src/core/lint';
import { memoryContext } from '../../../server/src/io/context-files';
import { loadShellParser } from '../../../server/src/io/shell-wasm';
import { splitTester } from '../../helpers/split-invariants';

beforeAll(() => loadShellParser());

const MAIN = 'package main\n\nfunc main() {}\n';
const PROJECT = { 'go.mod': 'module example.com/hello\n\ngo 1.22\n', 'main.go': MAIN };
const WITH_SUM = { ...PROJECT, 'go.mod': 'module example.com/hello\n\ngo 1.22\n\nrequire github.com/google/uuid v1.6.0\n', 'go.sum': 'github.com/google/uuid v1.6.0 h1:x\n' };
const SIMPLE = 'FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o server .\nEXPOSE 8080\nCMD ["./server"]\n';

const { split, good, reason } = splitTester('go', PROJECT);

describe('Go split', () => {
  it('warms the module cache, builds a static binary and ships it alone in distroless', () => {
    expect(good(SIMPLE, PROJECT).text).toBe(
      'FROM golang:1.22 AS builder\nWORKDIR /app\nCOPY go.mod ./\nRUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o server .\n\n' +
        'FROM gcr.io/distroless/static-debian12:nonroot\nWORKDIR /app\nCOPY --from=builder /app/server /app/server\nEXPOSE 8080\nUSER 65532:65532\nCMD ["/app/server"]\n',
    );
  });

  it('copies go.sum only when it exists', () => {
    expect(good(SIMPLE, WITH_SUM).text).toContain('COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n');
    expect(good(SIMPLE, PROJECT).text).not.toContain('go.sum');
  });

  it('is what stage-multi-stage offers as its fix', () => {
    const findings = lint(SIMPLE, { files: memoryContext(PROJECT) }).findings.filter((f) => f.ruleId === 'stage-multi-stage');
    expect(findings).toHaveLength(1);
    expect(findings[0].fix?.title).toBe('Split into builder and runtime stages');
  });

  it('uses scratch with the CA bundle when asked', () => {
    const { text, notes } = good(SIMPLE, PROJECT, { goRuntime: 'scratch' });
    expect(text).toContain(
      '\nFROM scratch\nWORKDIR /app\nCOPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\nCOPY --from=builder /app/server /app/server\nEXPOSE 8080\nUSER 65532:65532\nCMD ["/app/server"]\n',
    );
    expect(notes.join('\n')).toMatch(/scratch has no shell/);
  });

  it('names the binary after the package in a cmd/<name> layout', () => {
    const files = { 'go.mod': PROJECT['go.mod'], 'cmd/api/main.go': MAIN };
    const { text } = good('FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build ./cmd/api\nCMD ["./api"]\n', files);
    expect(text).toContain('RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" ./cmd/api\n');
    expect(text).toContain('COPY --from=builder /src/api /app/api\n');
    expect(text).toContain('CMD ["/app/api"]\n');
  });

  it('names the binary after the module, without a major version suffix', () => {
    const files = { ...PROJECT, 'go.mod': 'module github.com/acme/tool/v2\n\ngo 1.22\n' };
    expect(good('FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build\nCMD ["./tool"]\n', files).text).toContain('COPY --from=builder /app/tool /app/tool\n');
  });

  it('finds a binary on the PATH, built there or copied there', () => {
    const direct = good('FROM golang:1.22-alpine\nWORKDIR /app\nCOPY . .\nRUN go build -o /usr/local/bin/hello .\nCMD ["hello"]\n', PROJECT);
    expect(direct.text).toContain('COPY --from=builder /usr/local/bin/hello /app/hello\n');
    const copied = good('FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o hello . && cp hello /usr/local/bin/\nCMD ["hello"]\n', PROJECT);
    expect(copied.text).toContain('RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o hello . && cp hello /usr/local/bin/\n');
    expect(copied.text).toContain('COPY --from=builder /usr/local/bin/hello /app/hello\n');
  });

  it('works in the default /go folder of the golang image', () => {
    expect(good('FROM golang:1.22\nCOPY . .\nRUN go build -o app .\nCMD ["/go/app"]\n', PROJECT).text).toContain('COPY --from=builder /go/app /app/app\n');
  });

  it('merges -s -w into the user\'s -ldflags and keeps -trimpath and CGO_ENABLED when set', () => {
    const { text } = good('FROM golang:1.22\nENV CGO_ENABLED=0\nWORKDIR /app\nCOPY . .\nRUN go build -trimpath -ldflags "-X main.version=1.2.3" -o app .\nCMD ["./app"]\n', PROJECT);
    expect(text).toContain('RUN go build -trimpath -ldflags="-s -w -X main.version=1.2.3" -o app .\n');
    expect(text).not.toMatch(/\nENV CGO_ENABLED=0\n[\s\S]*\nENV CGO_ENABLED/);
    expect(text.split('FROM gcr.io')[1]).not.toContain('CGO_ENABLED');
  });

  it('moves a go mod download after the whole-context copy in front of it, and leaves an early one alone', () => {
    const late = good('FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go mod download\nRUN go build -o app .\nCMD ["./app"]\n', WITH_SUM).text;
    expect(late).toContain('WORKDIR /app\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0');
    expect(late.match(/go mod download/g)).toHaveLength(1);
    const early = good('FROM golang:1.22\nWORKDIR /app\nCOPY go.* ./\nRUN go mod download\nCOPY . .\nRUN go build -o app .\nCMD ["./app"]\n', WITH_SUM).text;
    expect(early).toContain('COPY go.* ./\nRUN go mod download\nCOPY . .\n');
    expect(early.match(/go mod download/g)).toHaveLength(1);
  });

  it('keeps ENTRYPOINT and its CMD arguments, settings, comments, directives, global ARGs, the platform and the digest', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const dockerfile =
      `# syntax=docker/dockerfile:1\n# The API server\nARG GO_VERSION=1.22\nFROM --platform=$BUILDPLATFORM golang:\${GO_VERSION}@${digest}\nLABEL org.opencontainers.image.title=hello\n` +
      'ENV GOFLAGS=-mod=mod\nENV APP_ENV=production\nWORKDIR /app\nCOPY . .\n# Build it\nRUN go build -o /out/hello .\nEXPOSE 8080\nVOLUME /data\nSTOPSIGNAL SIGINT\nENTRYPOINT ["/out/hello"]\nCMD ["--listen", ":8080"]\n';
    const { text } = good(dockerfile, PROJECT);
    expect(text.startsWith(`# syntax=docker/dockerfile:1\n# The API server\nARG GO_VERSION=1.22\nFROM --platform=$BUILDPLATFORM golang:\${GO_VERSION}@${digest} AS builder\n`)).toBe(true);
    expect(text).toContain('# Build it\nRUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/hello .\n');
    expect(text.split('\n\n')[1]).toBe(
      'FROM --platform=$BUILDPLATFORM gcr.io/distroless/static-debian12:nonroot\nWORKDIR /app\nENV APP_ENV=production\nCOPY --from=builder /out/hello /app/hello\nLABEL org.opencontainers.image.title=hello\nEXPOSE 8080\nVOLUME /data\nSTOPSIGNAL SIGINT\nUSER 65532:65532\nENTRYPOINT ["/app/hello"]\nCMD ["--listen", ":8080"]\n',
    );
  });

  it('converts a simple shell-form CMD to exec form', () => {
    expect(good('FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o app .\nCMD ./app -v\n', PROJECT).text).toContain('CMD ["/app/app", "-v"]\n');
  });

  it('copies folders the binary may read at run time', () => {
    const { text, notes } = good(SIMPLE, { ...PROJECT, 'templates/index.html': '<p>hi</p>', 'config/config.go': 'package config\n' });
    expect(text).toContain('COPY --from=builder /app/server /app/server\nCOPY --from=builder /app/templates /app/templates\nEXPOSE');
    expect(notes.join('\n')).toMatch(/embedded/);
  });

  it('drops the user the original creates: distroless has its own', () => {
    const { text, notes } = good('FROM golang:1.22\nRUN useradd -m gopher\nWORKDIR /app\nCOPY . .\nRUN go build -o app .\nUSER gopher\nCMD ["./app"]\n', PROJECT);
    expect(text.split('\n\n')[1]).not.toMatch(/useradd|gopher/);
    expect(notes.join('\n')).toMatch(/`gopher` is replaced/);
  });

  it('detects Go by `go build` on another image, and leaves other ecosystems alone', () => {
    expect(good('FROM alpine:3.20\nRUN apk add --no-cache go\nWORKDIR /app\nCOPY . .\nRUN go build -o app .\nCMD ["./app"]\n', PROJECT).text).toContain('FROM alpine:3.20 AS builder\n');
    const node = split('FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "index.js"]\n', { 'package.json': '{}', 'package-lock.json': '{}' });
    expect(node.ok && node.ecosystem).toBe('node');
  });

  describe('refuses, saying why', () => {
    it.each([
      ['the build context is unknown', SIMPLE, NO_FILES, /^the build context is unknown, so `go\.mod` cannot be read$/],
      ['no go.mod', SIMPLE, { 'main.go': MAIN }, /^there is no `go\.mod` at the root of the build context$/],
      ['go install', 'FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go install .\nCMD ["hello"]\n', PROJECT, /^`go install` is used; the split needs a `go build` whose output it can locate$/],
      ['no build', 'FROM golang:1.22\nWORKDIR /app\nCOPY . .\nCMD ["go", "run", "."]\n', PROJECT, /^no `go build` of the application was found$/],
      ['two builds', 'FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o a ./cmd/a && go build -o b ./cmd/b\nCMD ["./a"]\n', PROJECT, /more than once/],
      ['cgo: a C compiler', 'FROM golang:1.22-alpine\nRUN apk add --no-cache gcc musl-dev\nWORKDIR /app\nCOPY . .\nRUN go build -o app .\nCMD ["./app"]\n', PROJECT, /^the build installs `gcc`, so it may need cgo/],
      ['cgo: CGO_ENABLED=1', 'FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN CGO_ENABLED=1 go build -o app .\nCMD ["./app"]\n', PROJECT, /^`CGO_ENABLED=1` is set/],
      ['-race', 'FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -race -o app .\nCMD ["./app"]\n', PROJECT, /^`-race` needs cgo/],
      ['inside sh -c', "FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN sh -c 'go build -o app .'\nCMD [\"./app\"]\n", PROJECT, /runs inside `sh -c`/],
      ['a CMD that is not the binary', 'FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o app .\nCMD ["./other"]\n', PROJECT, /^`CMD` runs `\.\/other`, not the binary that `go build` writes \(`\/app\/app`\)$/],
      ['a CMD with shell expansion', 'FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o app .\nCMD ./app --port $PORT\n', PROJECT, /^`CMD` uses shell expansion/],
      ['a HEALTHCHECK distroless cannot run', 'FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o app .\nHEALTHCHECK CMD curl -f http://localhost:8080/ || exit 1\nCMD ["./app"]\n', PROJECT, /^the `HEALTHCHECK` needs a shell or tools such as `curl`, and the distroless runtime has none$/],
      ['setup that needs a shell', 'FROM golang:1.22\nRUN mkdir -p /data\nWORKDIR /app\nCOPY . .\nRUN go build -o app .\nCMD ["./app"]\n', PROJECT, /^`mkdir -p \/data` prepares the file system, and the distroless runtime has no shell to repeat it$/],
      ['runtime packages', 'FROM golang:1.22\nRUN apt-get update && apt-get install -y --no-install-recommends ffmpeg\nWORKDIR /app\nCOPY . .\nRUN go build -o app .\nCMD ["./app"]\n', PROJECT, /^the runtime needs `ffmpeg`, and the distroless runtime has no package manager$/],
      ['a RUN whose role is unclear', 'FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o app . && ./app migrate\nCMD ["./app"]\n', PROJECT, /may be needed at run time$/],
      ['no WORKDIR on another image', 'FROM alpine:3.20\nRUN apk add --no-cache go\nCOPY . /src\nRUN go build -o /bin/app /src\nCMD ["app"]\n', PROJECT, /not known \(no absolute `WORKDIR`\)/],
    ])('%s', (_name, dockerfile, files, expected) => {
      expect(reason(dockerfile, files)).toMatch(expected);
    });

    it('shows the reason in the stage-multi-stage message', () => {
      const finding = lint('FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go install .\nCMD ["hello"]\n', { files: memoryContext(PROJECT) }).findings.find((f) => f.ruleId === 'stage-multi-stage');
      expect(finding?.message).toMatch(/\(no automatic split: `go install` is used; .*\)$/);
      expect(finding?.fix).toBeUndefined();
    });
  });
});

/**
 * fast-check generators of Dockerfiles from the grammar: every instruction with its flags, shell,
 * exec and heredoc forms, line continuations (with comment and empty lines inside them), parser
 * directives (`# escape=` included), pragmas, CRLF / CR / mixed line endings, a byte order mark, tabs,
 * Unicode, and now and then very long lines and words. Also build contexts for the rules that read
 * files (`package.json`, `.dockerignore`…).
 *
 * An instruction is generated as tokens; the layout decides, per gap, between a blank and a line
 * continuation, so the same instruction is tried on one line and spread over many.
 */
import fc from 'fast-check';
import { rules } from '../../../server/src/core/catalog';
import type { ContextFiles } from '../../../server/src/core/types';
import { memoryContext } from '../../../server/src/io/context-files';
import { NO_FILES } from '../../../server/src/core/lint';
import { prng } from './settings';

/** A piece of an instruction: tokens joined by blanks or continuations, or a heredoc body kept as lines. */
export type Piece = { tokens: string[] } | { tokens: string[]; heredoc: { marker: string; lines: string[]; dash: boolean } };

export interface Layout {
  eol: '\n' | '\r\n' | '\r' | 'mixed';
  escape: '\\' | '`';
  bom: boolean;
  /** Indentation of continuation lines and (sometimes) of instructions. */
  indent: string;
  finalNewline: boolean;
  /** Chance that a gap between tokens becomes a line continuation. */
  continuation: number;
  /** Chance of a comment or empty line inside a continuation. */
  filler: number;
  /** Chance of blanks between the escape character and the line break. */
  trailingBlanks: number;
  keywordCase: 'upper' | 'lower' | 'mixed';
  /** Separator between tokens: a space, or sometimes a tab. */
  tabs: boolean;
}

const pick = <T>(...values: T[]) => fc.constantFrom(...values);

// ---------------------------------------------------------------------------------------------------
// Words

const unicodeWord = fc.string({ unit: pick('é', 'ü', 'ß', 'Ω', '日', '本', '🙂', '👍🏽', '\u200b', '\u00a0', '\u2028', 'a', 'Z', '_'), minLength: 1, maxLength: 8 });
const longWord = fc.integer({ min: 200, max: 4000 }).chain((n) => pick('x', 'ab', '-', '/', '$a', '\\', '"', "'", '=', ' a').map((unit) => unit.repeat(Math.ceil(n / unit.length))));

const PACKAGES = ['curl', 'ca-certificates', 'git', 'build-essential', 'gcc', 'make', 'python3', 'nodejs', 'openssl', 'tzdata', 'bash', 'wget', 'musl-dev', 'g++', 'libc6-dev', 'cmake', 'golang', 'maven', 'typescript', 'jq'];
const pkg = fc.oneof(
  { weight: 6, arbitrary: pick(...PACKAGES) },
  { weight: 2, arbitrary: fc.tuple(pick(...PACKAGES), pick('=1.2.3-r0', '=7.88.1-10+deb12u5', '>=1.0', '==2.31.0', '@1.2.3', '@latest', '=*')).map(([p, v]) => p + v) },
  { weight: 1, arbitrary: pick('$PKG', '${PACKAGES}', '"$(cat pkgs.txt)"', "'curl'", '"git"', 'curl\\ x') },
);

export const shellWord = fc.oneof(
  { weight: 8, arbitrary: pick('a', 'x', 'hello', '/app', '.', './', '/tmp/x', '-f', '-v', '--force', '1', 'install', 'add', 'update') },
  { weight: 2, arbitrary: pick('$HOME', '${VERSION}', '${VERSION:-1.0}', '$(uname -m)', '`date`', '"$A b"', "'single quoted'", '"double \\" quote"', 'a=b', '*.txt', '~/x', '{a,b}', '$((1+2))', '<(true)') },
  { weight: 1, arbitrary: unicodeWord },
  { weight: 1, arbitrary: fc.string({ unit: pick('a', '-', '$', '{', '}', '(', ')', '"', "'", '\\', '`', '=', ':', ',', '/', '*', '#', '&', ';', '|', '<', '>'), minLength: 1, maxLength: 6 }) },
);

// ---------------------------------------------------------------------------------------------------
// Shell

const aptGet = fc
  .tuple(pick('apt-get', 'apt', '/usr/bin/apt-get', 'sudo apt-get', 'DEBIAN_FRONTEND=noninteractive apt-get'), fc.subarray(['-y', '-qq', '-q', '--no-install-recommends', '-o Dpkg::Options::=--force-confold']), pick('install', 'update', 'upgrade', 'dist-upgrade', 'clean', 'remove', 'purge', 'autoremove'), fc.array(pkg, { maxLength: 4 }))
  .map(([cmd, opts, sub, pkgs]) => [cmd, ...opts, sub, ...(sub === 'install' || sub === 'remove' || sub === 'purge' ? pkgs : [])]);
const apk = fc
  .tuple(fc.subarray(['--no-cache', '--update', '-U', '--virtual .build-deps', '--repository http://x']), pick('add', 'del', 'update', 'upgrade'), fc.array(pkg, { maxLength: 4 }))
  .map(([opts, sub, pkgs]) => ['apk', ...opts, sub, ...pkgs]);
const rpm = fc
  .tuple(pick('dnf', 'yum', 'microdnf', 'zypper'), fc.subarray(['-y', '--setopt=install_weak_deps=False', '-n', '--nodocs']), pick('install', 'update', 'clean all', 'in', 'dist-upgrade', 'makecache'), fc.array(pkg, { maxLength: 3 }))
  .map(([cmd, opts, sub, pkgs]) => [cmd, ...opts, sub, ...pkgs]);
const pip = fc
  .tuple(pick('pip', 'pip3', 'python -m pip', 'python3 -m pip', 'pip3.12'), pick('install', 'download', 'wheel'), fc.subarray(['--no-cache-dir', '--upgrade', '-r requirements.txt', '--user', '-e .']), fc.array(pkg, { maxLength: 3 }))
  .map(([cmd, sub, opts, pkgs]) => [cmd, sub, ...opts, ...pkgs]);
const node = pick(
  ['npm', 'ci'],
  ['npm', 'install'],
  ['npm', 'i', '-g', 'typescript'],
  ['npm', 'run', 'build'],
  ['npm', 'cache', 'clean', '--force'],
  ['yarn', 'install', '--frozen-lockfile'],
  ['yarn'],
  ['yarn', 'cache', 'clean'],
  ['pnpm', 'install'],
  ['npx', 'tsc'],
  ['npx', 'vite', 'build'],
  ['node', 'build.js'],
);
const build = pick(['go', 'build', '-o', '/out/app', '.'], ['go', 'mod', 'download'], ['cargo', 'build', '--release'], ['make'], ['make', 'install'], ['gcc', '-o', 'a', 'a.c'], ['mvn', 'package'], ['mvn', 'dependency:go-offline'], ['gradle', 'build'], ['dotnet', 'publish', '-c', 'Release'], ['bundle', 'install'], ['composer', 'install'], ['gem', 'install', 'rails', '-v', '7.1'], ['go', 'install', 'golang.org/x/tools/cmd/goimports@latest']);
const misc = fc.oneof(
  pick(
    ['rm', '-rf', '/var/lib/apt/lists/*'],
    ['rm', '-rf', '/var/cache/apk/*'],
    ['cd', '/app'],
    ['set', '-eux'],
    ['set', '-o', 'pipefail'],
    ['export', 'PATH=/x:$PATH'],
    ['useradd', '-m', 'app'],
    ['useradd', '-u', '100000', 'big'],
    ['adduser', '-D', 'app'],
    ['chown', '-R', 'app:app', '/app'],
    ['curl', '-fsSL', 'https://example.com/install.sh', '|', 'sh'],
    ['wget', 'https://example.com/x.tar.gz'],
    ['wget', '-q', '-O-', 'https://x', '|', 'tar', 'xz'],
    ['mkdir', '-p', '/app'],
    ['ln', '-s', '/a', '/b'],
    ['true'],
    ['exit', '0'],
    ['ls', '-la'],
    ['shutdown', '-h', 'now'],
    ['ssh', 'host'],
    ['vim', 'x'],
    ['ps', 'aux'],
  ),
  fc.tuple(pick('echo', 'printf', 'test', '[', 'env', 'sudo', 'nohup', 'exec', 'command', 'time'), fc.array(shellWord, { maxLength: 4 })).map(([c, w]) => [c, ...w]),
);

const simpleCommand = fc.oneof({ weight: 4, arbitrary: aptGet }, { weight: 3, arbitrary: apk }, { weight: 1, arbitrary: rpm }, { weight: 2, arbitrary: pip }, { weight: 2, arbitrary: node }, { weight: 1, arbitrary: build }, { weight: 3, arbitrary: misc });

const OPERATORS = ['&&', '&&', '&&', '||', ';', '|', '&'];

/** A shell script as tokens (operators included), with subshells, `sh -c`, `if`, `for` and substitutions. */
export const shellScript: fc.Arbitrary<string[]> = fc.letrec<{ script: string[]; command: string[] }>((tie) => ({
  command: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 10, arbitrary: simpleCommand },
    { weight: 1, arbitrary: tie('script').map((s) => ['(', ...s, ')']) },
    { weight: 1, arbitrary: tie('script').map((s) => ['{', ...s, ';', '}']) },
    { weight: 1, arbitrary: fc.tuple(pick('sh', 'bash', '/bin/sh'), pick('-c', '-ec', '-xc'), tie('script'), pick('"', "'")).map(([sh, c, s, q]) => [sh, c, q + s.join(' ').replaceAll(q, '') + q]) },
    { weight: 1, arbitrary: fc.tuple(tie('script'), tie('script')).map(([a, b]) => ['if', ...a, ';', 'then', ...b, ';', 'fi']) },
    { weight: 1, arbitrary: tie('script').map((s) => ['for', 'i', 'in', 'a', 'b;', 'do', ...s, ';', 'done']) },
    { weight: 1, arbitrary: tie('script').map((s) => ['echo', `"$(${s.join(' ')})"`]) },
  ),
  script: fc
    .tuple(tie('command'), fc.array(fc.tuple(pick(...OPERATORS), tie('command')), { maxLength: 4 }))
    .map(([first, rest]) => [...first, ...rest.flatMap(([op, c]) => [op, ...c])]),
})).script;

// ---------------------------------------------------------------------------------------------------
// Instructions

const IMAGES = ['alpine:3.20', 'alpine', 'debian:bookworm-slim', 'ubuntu:latest', 'ubuntu:22.04', 'node:20', 'node:20-alpine', 'python:3.12-slim', 'golang:1.22', 'rust:1', 'scratch', 'gcr.io/distroless/static:nonroot', 'gcr.io/distroless/nodejs20-debian12', 'mcr.microsoft.com/dotnet/sdk:8.0', 'registry.example.com:5000/team/app:1.0', 'localhost/x', 'nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'redhat/ubi9:9.4', 'opensuse/leap:15', 'busybox', 'mcr.microsoft.com/windows/servercore:ltsc2022', '${BASE}', '$BASE:latest', '${REGISTRY:-docker.io}/library/node:${NODE_VERSION}', 'Invalid//Image', 'node:20 AS', '"quoted:1"'];
const STAGE_NAMES = ['builder', 'build', 'deps', 'base', 'runtime', 'final', 'Builder', 'test', 'scratch', 'a-b_c.d', '0'];

const fromInstr = fc
  .tuple(fc.option(pick('--platform=$BUILDPLATFORM', '--platform=linux/amd64', '--platform=${TARGETPLATFORM}', '--platform'), { nil: undefined }), fc.oneof({ weight: 5, arbitrary: pick(...IMAGES) }, { weight: 1, arbitrary: pick(...STAGE_NAMES) }), fc.option(fc.tuple(pick('AS', 'as', 'As'), pick(...STAGE_NAMES)), { nil: undefined }))
  .map(([platform, image, as]) => ['FROM', ...(platform ? [platform] : []), image, ...(as ?? [])]);

const mountFlag = pick(
  '--mount=type=cache,target=/var/cache/apt,sharing=locked',
  '--mount=type=cache,target=/var/lib/apt',
  '--mount=type=cache,target=/root/.cache/pip',
  '--mount=type=cache,target=/root/.npm',
  '--mount=type=cache,id=apk,target=/var/cache/apk',
  '--mount=type=bind,from=builder,source=/out,target=/in',
  '--mount=type=bind,source=requirements.txt,target=requirements.txt',
  '--mount=type=secret,id=token',
  '--mount=type=ssh',
  '--mount=type=tmpfs,target=/tmp',
  '--network=none',
  '--network=host',
  '--security=insecure',
  '--mount',
);

function heredocPiece(keyword: string, head: string[], body: string[][], marker: string, dash: boolean, quoted: boolean): Piece {
  const m = quoted ? `"${marker}"` : marker;
  return { tokens: [keyword, ...head.map((h) => (h === '<<' ? `<<${dash ? '-' : ''}${m}` : h))], heredoc: { marker, lines: body.map((l) => l.join(' ')), dash } };
}

const runInstr: fc.Arbitrary<Piece> = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(pick('RUN'), fc.array(mountFlag, { maxLength: 2 }), shellScript).map(([k, flags, script]) => ({ tokens: [k, ...flags, ...script] })) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.array(mountFlag, { maxLength: 1 }), simpleCommand).map(([flags, cmd]) => ({ tokens: ['RUN', ...flags, `[${cmd.flatMap((w) => w.split(' ')).map((w) => JSON.stringify(w)).join(', ')}]`] })),
  },
  { weight: 1, arbitrary: fc.tuple(pick('sh', 'bash'), shellScript).map(([sh, s]) => ({ tokens: ['RUN', `["${sh}", "-c", ${JSON.stringify(s.join(' '))}]`] })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(pick(['<<'], ['bash', '<<'], ['sh', '-e', '<<'], ['cat', '<<', '>', '/etc/x'], ['python3', '<<']), fc.array(shellScript, { minLength: 0, maxLength: 4 }), pick('EOF', 'EOT', 'SCRIPT'), fc.boolean(), fc.boolean(), fc.boolean())
      .map(([head, body, marker, dash, quoted, shebang]) => heredocPiece('RUN', head, shebang ? [['#!/bin/sh'], ...body] : body, marker, dash, quoted)),
  },
  { weight: 1, arbitrary: pick({ tokens: ['RUN'] }, { tokens: ['RUN', '['] }, { tokens: ['RUN', '["unterminated'] }, { tokens: ['RUN', '[]'] }, { tokens: ['RUN', '<<EOF'] }) },
);

const cmdInstr: fc.Arbitrary<Piece> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(pick('CMD', 'ENTRYPOINT'), shellScript).map(([k, s]) => ({ tokens: [k, ...s] })) },
  {
    weight: 3,
    arbitrary: fc.tuple(pick('CMD', 'ENTRYPOINT'), fc.oneof(simpleCommand, pick(['npm', 'start'], ['node', 'index.js'], ['tini', '--'], ['/app'], ['yarn', 'start'], ['pnpm', 'start'], ['python', 'app.py'])), fc.boolean()).map(([k, cmd, json]) => ({
      tokens: json ? [k, `[${cmd.flatMap((w) => w.split(' ')).map((w) => JSON.stringify(w)).join(', ')}]`] : [k, ...cmd],
    })),
  },
  { weight: 1, arbitrary: pick({ tokens: ['CMD'] }, { tokens: ['CMD', '[]'] }, { tokens: ['ENTRYPOINT', "['single', 'quotes']"] }, { tokens: ['CMD', '["a",]'] }) },
);

const copyInstr: fc.Arbitrary<Piece> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        pick('COPY', 'ADD'),
        fc.subarray(['--from=builder', '--from=0', '--from=node:20', '--chown=app:app', '--chown=1000', '--chmod=755', '--link', '--parents', '--exclude=*.md', '--checksum=sha256:abc', '--keep-git-dir=true', '--unpack=true']),
        fc.array(pick('.', './', 'package.json', 'package*.json', 'package-lock.json', 'requirements.txt', 'src/', 'src', 'go.mod', 'go.sum', 'app.tar.gz', 'https://example.com/x.tar.gz', 'git@github.com:a/b.git', '$SRC', '*.csproj', 'Gemfile', 'dist', '/out/app', 'a b'), { minLength: 1, maxLength: 3 }),
        pick('.', './', '/app/', '/app', 'dest', '$DEST', '/usr/local/bin/', 'C:\\\\app'),
      )
      .map(([k, flags, sources, dest]) => ({ tokens: [k, ...flags, ...sources, dest] })),
  },
  { weight: 1, arbitrary: fc.tuple(pick('COPY', 'ADD'), pick('["a", "/b/"]', '["package.json", "."]', '["a b", "c"]')).map(([k, json]) => ({ tokens: [k, json] })) },
  { weight: 1, arbitrary: fc.tuple(fc.array(fc.array(shellWord, { maxLength: 4 }), { maxLength: 3 }), pick('EOF', 'CONF')).map(([body, marker]) => heredocPiece('COPY', ['<<', '/etc/app.conf'], body, marker, false, false)) },
  { weight: 1, arbitrary: pick({ tokens: ['COPY'] }, { tokens: ['ADD', 'x'] }, { tokens: ['COPY', '--from=', 'a', 'b'] }) },
);

const kv = fc.tuple(pick('A', 'PATH', 'NODE_ENV', 'PIP_NO_CACHE_DIR', 'PASSWORD', 'API_TOKEN', 'DEBIAN_FRONTEND', 'HOME', 'x.y', 'org.opencontainers.image.version', 'org.opencontainers.image.created', 'org.opencontainers.image.licenses', 'org.opencontainers.image.source', 'maintainer', 'a b'), shellWord);

const otherInstr: fc.Arbitrary<Piece> = fc.oneof(
  fc.tuple(pick('ENV', 'LABEL'), fc.array(kv, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([k, pairs, eq]) => ({ tokens: eq || pairs.length > 1 ? [k, ...pairs.map(([a, b]) => `${a}=${b}`)] : [k, pairs[0][0], pairs[0][1]] })),
  fc.tuple(pick('ARG'), pick('A', 'BASE', 'NODE_VERSION', 'VERSION', 'TARGETPLATFORM', 'PASSWORD'), fc.option(pick('=1', '=alpine:3.20', '=', '="x y"', '=${OTHER}', '=$A'), { nil: undefined })).map(([k, n, v]) => ({ tokens: [k, n + (v ?? '')] })),
  fc.tuple(pick('EXPOSE'), fc.array(pick('80', '80/tcp', '53/UDP', '8000-8010', '$PORT', '70000', 'abc', '22', '443/sctp'), { minLength: 1, maxLength: 3 })).map(([k, ports]) => ({ tokens: [k, ...ports] })),
  fc.tuple(pick('USER'), pick('root', '0', '0:0', 'root:root', 'app', '1000', '1000:1000', 'node', 'nobody', '$USER', '65532:65532', 'ContainerUser')).map((t) => ({ tokens: t })),
  fc.tuple(pick('WORKDIR'), pick('/app', 'app', '$HOME/x', '/usr/src/app', 'C:\\app', '..')).map((t) => ({ tokens: t })),
  fc.tuple(pick('VOLUME'), pick('/data', '["/data"]', '/a /b')).map((t) => ({ tokens: t })),
  fc.tuple(pick('STOPSIGNAL'), pick('SIGTERM', '9', 'SIGKILL', 'x')).map((t) => ({ tokens: t })),
  fc.tuple(pick('HEALTHCHECK'), fc.subarray(['--interval=30s', '--timeout=3s', '--start-period=5s', '--retries=3', '--interval=0.5ms']), fc.oneof(pick(['NONE']), shellScript.map((s) => ['CMD', ...s]))).map(([k, opts, rest]) => ({ tokens: [k, ...opts, ...rest] })),
  pick({ tokens: ['SHELL', '["/bin/bash", "-o", "pipefail", "-c"]'] }, { tokens: ['SHELL', '["powershell", "-Command"]'] }, { tokens: ['SHELL', '["cmd", "/S", "/C"]'] }, { tokens: ['SHELL', '/bin/sh -c'] }, { tokens: ['SHELL', '["/bin/ash", "-eo", "pipefail", "-c"]'] }),
  fc.tuple(pick('ONBUILD'), fc.oneof(shellScript.map((s) => ['RUN', ...s]), pick(['COPY', '.', '.'], ['ONBUILD', 'RUN', 'x'], ['FROM', 'x'], []))).map(([k, rest]) => ({ tokens: [k, ...rest] })),
  pick({ tokens: ['MAINTAINER', 'Jane Doe <jane@example.com>'] }, { tokens: ['FOO', 'bar'] }, { tokens: ['RUNN', 'x'] }, { tokens: ['CROSS_BUILD_COPY', 'a'] }),
);

const ruleIds = rules.map((r) => r.id);
const commentLine: fc.Arbitrary<Piece> = fc.oneof(
  pick({ tokens: ['#'] }, { tokens: ['# a comment'] }, { tokens: ['#comment without blank'] }, { tokens: ['  # indented comment'] }),
  fc.tuple(pick('dockerfile-optimizer', 'hadolint'), fc.boolean(), fc.subarray([...ruleIds.slice(0, 40), 'DL3008', 'DL3015', 'DL3002', 'bogus'], { maxLength: 3 }), fc.option(pick(' # remark', '   ', '\t'), { nil: undefined })).map(([tool, global, ids, tail]) => ({
    tokens: [`# ${tool}${global ? ' global' : ''} ignore=${ids.join(',')}${tail ?? ''}`],
  })),
  pick({ tokens: ['# check=skip=JSONArgsRecommended'] }, { tokens: ['# check=skip=all // why'] }),
);

/** One stage: `FROM` and what follows it. */
const stage = fc.tuple(fromInstr, fc.array(fc.oneof({ weight: 5, arbitrary: runInstr }, { weight: 3, arbitrary: copyInstr }, { weight: 2, arbitrary: cmdInstr }, { weight: 4, arbitrary: otherInstr }, { weight: 1, arbitrary: commentLine }), { maxLength: 8 })).map(([from, rest]) => [{ tokens: from } as Piece, ...rest]);

const directives = fc.subarray(['# syntax=docker/dockerfile:1', '# check=skip=all;error=true', '# check=experimental=all', '#syntax = docker/dockerfile:1.7-labs', '# unknown=directive']);

export interface GeneratedDockerfile {
  text: string;
  layout: Layout;
}

export const layoutArbitrary: fc.Arbitrary<Layout> = fc.record({
  eol: fc.oneof({ weight: 12, arbitrary: pick<'\n'>('\n') }, { weight: 5, arbitrary: pick<'\r\n'>('\r\n') }, { weight: 1, arbitrary: pick<'\r'>('\r') }, { weight: 1, arbitrary: pick<'mixed'>('mixed') }),
  escape: fc.oneof({ weight: 6, arbitrary: pick<'\\'>('\\') }, { weight: 1, arbitrary: pick<'`'>('`') }),
  bom: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  indent: pick('    ', '  ', '\t', '', ' \t'),
  finalNewline: fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  continuation: pick(0, 0, 0.1, 0.3, 1),
  filler: pick(0, 0, 0.2),
  trailingBlanks: pick(0, 0, 0.3),
  keywordCase: fc.oneof({ weight: 8, arbitrary: pick<'upper'>('upper') }, { weight: 1, arbitrary: pick<'lower'>('lower') }, { weight: 1, arbitrary: pick<'mixed'>('mixed') }),
  tabs: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});

const KEYWORDS = new Set(['FROM', 'RUN', 'CMD', 'ENTRYPOINT', 'COPY', 'ADD', 'ENV', 'ARG', 'LABEL', 'EXPOSE', 'USER', 'WORKDIR', 'VOLUME', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL', 'ONBUILD', 'MAINTAINER']);

function casing(word: string, mode: Layout['keywordCase'], random: () => number): string {
  if (!KEYWORDS.has(word) || mode === 'upper') return word;
  if (mode === 'lower') return word.toLowerCase();
  return [...word].map((c) => (random() < 0.5 ? c.toLowerCase() : c)).join('');
}

/** Renders pieces as Dockerfile text with the layout. */
export function render(directiveLines: string[], pieces: Piece[], layout: Layout, seed: number): string {
  const random = prng(seed);
  const nl = () => (layout.eol === 'mixed' ? (['\n', '\r\n', '\r'] as const)[Math.floor(random() * 3)] : layout.eol);
  const out: string[] = [];
  const directives = layout.escape === '`' ? [...directiveLines, '# escape=`'] : directiveLines;
  for (const d of directives) out.push(d + nl());
  for (const piece of pieces) {
    const tokens = piece.tokens.filter((t) => t !== '');
    if (tokens.length === 0) continue;
    if (tokens[0].trimStart().startsWith('#')) {
      out.push(tokens.join(' ') + nl());
      continue;
    }
    let line = (random() < 0.1 ? layout.indent : '') + casing(tokens[0], layout.keywordCase, random);
    for (let i = 1; i < tokens.length; i++) {
      // A continuation after `KEYWORD` or inside a heredoc marker token is fine too: Docker joins them.
      if (random() < layout.continuation) {
        line += ` ${layout.escape}${random() < layout.trailingBlanks ? ' \t' : ''}${nl()}`;
        while (random() < layout.filler) line += (random() < 0.5 ? `${layout.indent}# inside a continuation` : '') + nl();
        line += layout.indent;
      } else {
        line += layout.tabs && random() < 0.3 ? '\t' : ' ';
      }
      line += tokens[i];
    }
    out.push(line + nl());
    if ('heredoc' in piece) {
      for (const l of piece.heredoc.lines) out.push((piece.heredoc.dash ? '\t' : '') + l + nl());
      out.push((piece.heredoc.dash ? '\t' : '') + piece.heredoc.marker + nl());
    }
    if (random() < 0.1) out.push((random() < 0.5 ? layout.indent : '') + nl());
  }
  let text = out.join('');
  if (!layout.finalNewline) text = text.replace(/(\r\n|\r|\n)$/, '');
  return (layout.bom ? '\uFEFF' : '') + text;
}

/** A Dockerfile generated from the grammar, with its layout (for messages). */
export const dockerfileArbitrary: fc.Arbitrary<GeneratedDockerfile> = fc
  .tuple(
    directives,
    fc.array(otherInstr.filter((p) => p.tokens[0] === 'ARG'), { maxLength: 2 }),
    fc.array(stage, { minLength: 1, maxLength: 3 }),
    layoutArbitrary,
    fc.integer(),
    fc.oneof({ weight: 11, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: longWord }),
  )
  .map(([dirs, args, stages, layout, seed, long]) => {
    const pieces = [...args, ...stages.flat()];
    if (long !== undefined) {
      const at = Math.abs(seed) % pieces.length;
      pieces[at] = { ...pieces[at], tokens: [...pieces[at].tokens, long] };
    }
    return { text: render(dirs, pieces, layout, seed), layout };
  });

/** A single instruction (with the `FROM` it needs), for quick properties. */
export const instructionArbitrary = fc.tuple(fc.oneof(runInstr, copyInstr, cmdInstr, otherInstr), layoutArbitrary, fc.integer()).map(([piece, layout, seed]) => render([], [{ tokens: ['FROM', 'alpine:3.20'] }, piece], layout, seed));

// ---------------------------------------------------------------------------------------------------
// Build contexts

const PACKAGE_JSON = ['{"name":"app","scripts":{"build":"tsc","start":"node dist/index.js"},"dependencies":{"express":"^4"},"devDependencies":{"typescript":"^5"}}', '{"name":"site","scripts":{"build":"vite build"},"devDependencies":{"vite":"^5"}}', '{}', 'not json'];
const CONTEXT_FILES: Record<string, fc.Arbitrary<string>> = {
  'package.json': pick(...PACKAGE_JSON),
  'package-lock.json': pick('{}'),
  'yarn.lock': pick(''),
  'tsconfig.json': pick('{"compilerOptions":{"outDir":"dist"}}'),
  'requirements.txt': pick('flask==3.0\n', '-r base.txt\n', '-e .\n', ''),
  'go.mod': pick('module example.com/app\n\ngo 1.22\n'),
  'go.sum': pick(''),
  Gemfile: pick("source 'https://rubygems.org'\n"),
  'app.csproj': pick('<Project Sdk="Microsoft.NET.Sdk"></Project>'),
  '.dockerignore': pick('', '.git\n', '.git\n.env\nnode_modules\n', '*\n!src\n', '# comment\r\n.git\r\n', '**/.env\n!.env.example\n'),
  'Dockerfile.dockerignore': pick('.git\n'),
  'index.html': pick('<html></html>'),
  'src/index.ts': pick('console.log(1)'),
  '.env': pick('SECRET=1'),
};

export interface GeneratedContext {
  files: ContextFiles;
  /** The files, for messages; undefined for an unknown context (no folder listing). */
  names?: Record<string, string>;
}

/** Shown in counterexamples as its file names and contents. */
function printable(context: GeneratedContext): GeneratedContext {
  return Object.assign(context, { [fc.toStringMethod]: () => (context.names ? `context ${JSON.stringify(context.names)}` : 'unknown context') });
}

export const contextArbitrary: fc.Arbitrary<GeneratedContext> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<GeneratedContext>(printable({ files: NO_FILES })) },
  {
    weight: 2,
    arbitrary: fc.subarray(Object.keys(CONTEXT_FILES)).chain((names) =>
      fc.tuple(...names.map((n) => CONTEXT_FILES[n])).map((contents) => {
        const record = Object.fromEntries(names.map((n, i) => [n, contents[i]]));
        return printable({ files: memoryContext(record), names: record });
      }),
    ),
  },
);

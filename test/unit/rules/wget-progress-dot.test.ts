import { testRule } from '../../helpers/rule-tester';

testRule('wget-progress-dot', {
  valid: [
    'FROM debian:bookworm-slim\nRUN wget --progress=dot:giga https://example.com/a.tgz\n',
    'FROM debian:bookworm-slim\nRUN wget -q https://example.com/a.tgz && wget -qO- https://example.com/b | tar x\n',
    'FROM debian:bookworm-slim\nRUN wget -nv https://example.com/a.tgz && wget --no-verbose https://example.com/b.tgz\n',
    'FROM debian:bookworm-slim\nRUN wget -o /tmp/log https://example.com/a.tgz && wget --append-output=/tmp/log https://example.com/b.tgz\n',
    { name: 'BusyBox wget on Alpine has no --progress', code: 'FROM alpine:3.20\nRUN wget https://example.com/a.tgz\n' },
    { name: 'PowerShell wget', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command wget -Uri https://example.com/a.zip -OutFile a.zip\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:bookworm-slim\nRUN wget https://example.com/a.tgz\n',
      lines: [2],
      message: /--progress=dot:giga/,
      output: 'FROM debian:bookworm-slim\nRUN wget --progress=dot:giga https://example.com/a.tgz\n',
    },
    {
      name: 'an option cluster whose value is not a quiet option; every stage',
      code: 'FROM fedora:40 AS fetch\nRUN wget -cO /tmp/a.tgz https://example.com/a.tgz\nFROM scratch\nCOPY --from=fetch /tmp/a.tgz /\n',
      lines: [2],
      output: 'FROM fedora:40 AS fetch\nRUN wget --progress=dot:giga -cO /tmp/a.tgz https://example.com/a.tgz\nFROM scratch\nCOPY --from=fetch /tmp/a.tgz /\n',
    },
    {
      name: 'GNU wget installed on Alpine',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache wget && wget https://example.com/a.tgz\n',
      lines: [2],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache wget && wget --progress=dot:giga https://example.com/a.tgz\n',
    },
    { name: 'no fix when the wget is not known to be GNU wget', code: 'FROM example.com/custom:1\nRUN wget https://example.com/a.tgz\n', lines: [2] },
  ],
});

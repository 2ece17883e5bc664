import { testRule } from '../../helpers/rule-tester';

testRule('workdir-not-cd', {
  valid: [
    'FROM node:20-slim\nWORKDIR /app\nRUN npm ci\n',
    { name: 'cd as an argument', code: 'FROM debian:12\nRUN echo cd /tmp\n' },
    { name: 'CMD is not a build step', code: 'FROM debian:12\nCMD ["sh", "-c", "cd /srv && ./run"]\n' },
    { name: 'a folder the same RUN creates and removes', code: 'FROM debian:12\nRUN git clone https://example.com/x.git /src && cd /src && make install && cd / && rm -rf /src\n' },
    { name: 'a cd in a subshell later in the RUN', code: 'FROM debian:12\nRUN tar -xzf /tmp/x.tgz -C /tmp && (cd /tmp/x && ./configure && make)\n' },
  ],
  invalid: [
    {
      code: 'FROM node:20-slim\nCOPY . /app\nRUN cd /app && npm ci\n',
      lines: [3],
      message: /^`cd \/app` only lasts/,
      output: 'FROM node:20-slim\nCOPY . /app\nWORKDIR /app\nRUN npm ci\n',
    },
    {
      name: 'a RUN that only changes folder becomes WORKDIR',
      code: 'FROM debian:12\nRUN cd /opt\nRUN make\n',
      lines: [2],
      output: 'FROM debian:12\nWORKDIR /opt\nRUN make\n',
    },
    {
      name: 'flags and line continuations are kept',
      code: 'FROM golang:1.23\nRUN --mount=type=cache,target=/root/.cache/go-build cd /src && \\\n    go build ./...\n',
      lines: [2],
      output: 'FROM golang:1.23\nWORKDIR /src\nRUN --mount=type=cache,target=/root/.cache/go-build go build ./...\n',
    },
    {
      name: 'indented, CRLF',
      code: 'FROM debian:12\r\n  RUN cd /opt && make\r\n',
      lines: [2],
      output: 'FROM debian:12\r\n  WORKDIR /opt\r\n  RUN make\r\n',
    },
    { name: 'after shell options, no fix', code: 'FROM debian:12\nRUN set -eux; cd /src && make\n', lines: [2] },
    { name: 'relative folder: no fix', code: 'FROM debian:12\nRUN cd src && make\n', lines: [2] },
    { name: 'followed by `;`: no fix', code: 'FROM debian:12\nRUN cd /src; make\n', lines: [2] },
    { name: 'only the first of several cd', code: 'FROM debian:12\nRUN cd /a && make && cd /b && make\n', lines: [2], output: 'FROM debian:12\nWORKDIR /a\nRUN make && cd /b && make\n' },
    { name: 'ONBUILD: no fix', code: 'FROM debian:12\nONBUILD RUN cd /app && make\n', lines: [2] },
  ],
});

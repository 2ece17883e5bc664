import { testRule } from '../../helpers/rule-tester';

testRule('apt-update-with-install', {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
    { name: 'update and upgrade together', code: 'FROM debian:12\nRUN apt-get update && apt-get dist-upgrade -y\n' },
    { name: 'update inside sh -c with the install', code: "FROM debian:12\nRUN sh -c 'apt-get update && apt-get install -y curl'\n" },
    { name: 'heredoc with both', code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n' },
    { name: 'our pragma', code: 'FROM debian:12\n# dockerfile-optimizer ignore=apt-update-with-install\nRUN apt-get update\nRUN apt-get install -y curl\n' },
    { name: 'global pragma', code: '# dockerfile-optimizer global ignore=apt-update-with-install\nFROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n',
      lines: [2],
      message: /stale/,
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
    },
    {
      name: 'moved across other instructions',
      code: 'FROM debian:12\nRUN apt-get update\nCOPY app.conf /etc/app.conf\n# the tools\nRUN apt-get install -y curl\n',
      lines: [2],
      output: 'FROM debian:12\nCOPY app.conf /etc/app.conf\n# the tools\nRUN apt-get update && apt-get install -y curl\n',
    },
    {
      name: 'the install RUN already updates: the lone update goes',
      code: 'FROM debian:12\nRUN apt-get update\nRUN apt-get update && apt-get install -y curl\n',
      lines: [2],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
    },
    {
      name: 'only the first install after it gets the update',
      code: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\nRUN apt-get install -y vim\n',
      lines: [2],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN apt-get install -y vim\n',
    },
    {
      name: 'the update keeps its options and wrappers; continuation lines are joined',
      code: 'FROM debian:12\nRUN sudo apt-get update \\\n    -o Acquire::Check-Valid-Until=false\nRUN apt-get install -y curl\n',
      lines: [2],
      output: 'FROM debian:12\nRUN sudo apt-get update -o Acquire::Check-Valid-Until=false && apt-get install -y curl\n',
    },
    {
      name: 'indented, and the install has flags',
      code: 'FROM debian:12\n  RUN apt-get update\nRUN --mount=type=cache,target=/var/cache/apt apt-get install -y curl\n',
      lines: [2],
      output: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl\n',
    },
    {
      name: 'builder stages too',
      code: 'FROM debian:12 AS build\nRUN apt-get update\nRUN apt-get install -y gcc\nFROM scratch\n',
      lines: [2],
      output: 'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM scratch\n',
    },
    {
      name: 'CRLF, continuations in the install',
      code: 'FROM debian:12\r\nRUN apt-get update\r\nRUN apt-get install -y \\\r\n  curl\r\n',
      lines: [2],
      output: 'FROM debian:12\r\nRUN apt-get update && apt-get install -y \\\r\n  curl\r\n',
    },
    {
      name: 'backtick escape',
      code: '# escape=`\nFROM debian:12\nRUN apt-get update `\n  -q\nRUN apt-get install -y `\n  curl\n',
      lines: [3],
      output: '# escape=`\nFROM debian:12\nRUN apt-get update -q && apt-get install -y `\n  curl\n',
    },
    {
      name: 'no end-of-file newline',
      code: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl',
      lines: [2],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl',
    },
    { name: 'no install after it: no fix', code: 'FROM debian:12\nRUN apt-get update\n', lines: [2] },
    { name: 'the install is in another stage: no fix', code: 'FROM debian:12\nRUN apt-get update\nFROM debian:12\nRUN apt-get install -y curl\n', lines: [2] },
    { name: 'the update RUN does more: no fix', code: 'FROM debian:12\nRUN apt-get update && echo done\nRUN apt-get install -y curl\n', lines: [2] },
    { name: 'install in JSON form: no fix', code: 'FROM debian:12\nRUN apt-get update\nRUN ["apt-get", "install", "-y", "curl"]\n', lines: [2] },
    { name: 'install in a heredoc: no fix', code: 'FROM debian:12\nRUN apt-get update\nRUN <<EOF\napt-get install -y curl\nEOF\n', lines: [2] },
    { name: 'update in JSON form: no fix', code: 'FROM debian:12\nRUN ["apt-get", "update"]\nRUN apt-get install -y curl\n', lines: [2] },
  ],
});

import { testRule } from '../../helpers/rule-tester';

testRule('apt-assume-yes', {
  valid: [
    'FROM debian:12\nRUN apt-get install -y curl\n',
    'FROM debian:12\nRUN apt-get --yes install curl\n',
    'FROM debian:12\nRUN apt-get --assume-yes install curl\n',
    { name: 'bundled short flags', code: 'FROM debian:12\nRUN apt-get -qy install curl\n' },
    { name: '-qq implies -y', code: 'FROM debian:12\nRUN apt-get -qq install curl\n' },
    'FROM debian:12\nRUN apt-get install -q=2 curl\n',
    { name: 'other subcommands', code: 'FROM debian:12\nRUN apt-get update && apt-get remove curl\n' },
    { name: '`apt install` is left to apt-get-not-apt', code: 'FROM debian:12\nRUN apt install curl\n' },
    { name: 'the package named install', code: 'FROM debian:12\nRUN apt-get -y install install\n' },
    { name: 'our pragma', code: 'FROM debian:12\n# dockerfile-optimizer ignore=apt-assume-yes\nRUN apt-get install curl\n' },
    { name: 'hadolint pragma', code: 'FROM debian:12\n# hadolint ignore=DL3014\nRUN apt-get install curl\n' },
    { name: 'hadolint global pragma', code: '# hadolint global ignore=DL3014\nFROM debian:12\nRUN apt-get install curl\nRUN apt-get install vim\n' },
    { name: 'a command that is not static', code: 'FROM debian:12\nRUN $APT install curl\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get install curl\n',
      lines: [2],
      message: /-y/,
      output: 'FROM debian:12\nRUN apt-get install -y curl\n',
    },
    {
      name: 'builder stages are reported too: a prompt breaks any build',
      code: 'FROM debian:12 AS build\nRUN apt-get install gcc\nFROM debian:12\nCOPY --from=build /x /x\n',
      lines: [2],
      output: 'FROM debian:12 AS build\nRUN apt-get install -y gcc\nFROM debian:12\nCOPY --from=build /x /x\n',
    },
    {
      name: 'options before the subcommand, and -q is not -qq',
      code: 'FROM debian:12\nRUN apt-get -q -o Dpkg::Options::=--force-confnew install curl\n',
      lines: [2],
      output: 'FROM debian:12\nRUN apt-get -q -o Dpkg::Options::=--force-confnew install -y curl\n',
    },
    {
      name: 'line continuations',
      code: 'FROM debian:12\nRUN apt-get update && \\\n    apt-get install \\\n      curl\n',
      lines: [3],
      output: 'FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y \\\n      curl\n',
    },
    {
      name: 'CRLF',
      code: 'FROM debian:12\r\nRUN apt-get update && \\\r\n    apt-get install curl\r\n',
      lines: [3],
      output: 'FROM debian:12\r\nRUN apt-get update && \\\r\n    apt-get install -y curl\r\n',
    },
    {
      name: 'backtick escape',
      code: '# escape=`\nFROM debian:12\nRUN apt-get update && `\n    apt-get install curl\n',
      lines: [4],
      output: '# escape=`\nFROM debian:12\nRUN apt-get update && `\n    apt-get install -y curl\n',
    },
    {
      name: 'JSON form gets a new JSON string',
      code: 'FROM debian:12\nRUN ["apt-get", "install", "curl"]\n',
      lines: [2],
      output: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n',
    },
    {
      name: 'sh -c inside JSON form',
      code: 'FROM debian:12\nRUN ["sh", "-c", "apt-get update && apt-get install curl"]\n',
      lines: [2],
      output: 'FROM debian:12\nRUN ["sh", "-c", "apt-get update && apt-get install -y curl"]\n',
    },
    {
      name: 'sh -c string in shell form',
      code: "FROM debian:12\nRUN sh -c 'apt-get update && apt-get install curl'\n",
      lines: [2],
      output: "FROM debian:12\nRUN sh -c 'apt-get update && apt-get install -y curl'\n",
    },
    {
      name: 'heredoc script',
      code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install curl\nEOF\n',
      lines: [4],
      output: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n',
    },
    {
      name: 'sudo, env and a path',
      code: 'FROM debian:12\nRUN sudo env DEBIAN_FRONTEND=noninteractive /usr/bin/apt-get install curl\n',
      lines: [2],
      output: 'FROM debian:12\nRUN sudo env DEBIAN_FRONTEND=noninteractive /usr/bin/apt-get install -y curl\n',
    },
    {
      name: 'every install of a RUN; a pragma covers only the next instruction',
      code: 'FROM debian:12\n# hadolint ignore=DL3014\nRUN apt-get install curl\nRUN DEBIAN_FRONTEND=noninteractive apt-get install curl; apt-get install -y vim; apt-get install git\n',
      lines: [4, 4],
      output: 'FROM debian:12\n# hadolint ignore=DL3014\nRUN apt-get install curl\nRUN DEBIAN_FRONTEND=noninteractive apt-get install -y curl; apt-get install -y vim; apt-get install -y git\n',
    },
  ],
});

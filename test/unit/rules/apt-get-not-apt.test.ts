import { testRule } from '../../helpers/rule-tester';

testRule('apt-get-not-apt', {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
    { name: 'a package named apt', code: 'FROM debian:12\nRUN apt-get install -y apt\n' },
    { name: 'apt-cache and apt-key are other programs', code: 'FROM debian:12\nRUN apt-cache policy curl && apt-key list\n' },
    { name: 'our pragma', code: 'FROM debian:12\n# dockerfile-optimizer ignore=apt-get-not-apt\nRUN apt update\n' },
    { name: 'hadolint pragma', code: 'FROM debian:12\n# hadolint ignore=DL3027\nRUN apt update\n' },
    { name: 'a command name that is not static', code: 'FROM debian:12\nRUN $APT install -y curl\n' },
    { name: 'RUN under a non-POSIX SHELL', code: 'FROM debian:12\nSHELL ["pwsh", "-Command"]\nRUN apt install -y curl\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt update && apt install -y curl\n',
      lines: [2, 2],
      message: /`apt-get`/,
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
    },
    {
      name: 'builder stages are reported too',
      code: 'FROM debian:12 AS build\nRUN apt install -y gcc\nFROM scratch\nCOPY --from=build /x /x\n',
      lines: [2],
      output: 'FROM debian:12 AS build\nRUN apt-get install -y gcc\nFROM scratch\nCOPY --from=build /x /x\n',
    },
    {
      name: 'subcommands apt-get does not have are reported without a fix',
      code: 'FROM debian:12\nRUN apt list --installed && apt search curl && apt\n',
      lines: [2, 2, 2],
    },
    {
      name: 'a path, sudo, a quoted or escaped name',
      code: 'FROM debian:12\nRUN sudo /usr/bin/apt install -y x && "apt" update && \\apt upgrade -y\n',
      lines: [2, 2, 2],
      output: 'FROM debian:12\nRUN sudo /usr/bin/apt-get install -y x && "apt-get" update && \\apt-get upgrade -y\n',
    },
    {
      name: 'line continuations and CRLF',
      code: 'FROM debian:12\r\nRUN apt update \\\r\n && apt install -y curl\r\n',
      lines: [2, 3],
      output: 'FROM debian:12\r\nRUN apt-get update \\\r\n && apt-get install -y curl\r\n',
    },
    {
      name: 'backtick escape',
      code: '# escape=`\nFROM debian:12\nRUN apt update `\n && apt install -y curl\n',
      lines: [3, 4],
      output: '# escape=`\nFROM debian:12\nRUN apt-get update `\n && apt-get install -y curl\n',
    },
    {
      name: 'JSON form keeps its quotes',
      code: 'FROM debian:12\nRUN ["apt", "install", "-y", "curl"]\n',
      lines: [2],
      output: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n',
    },
    {
      name: 'sh -c with escaped quotes inside JSON form',
      code: 'FROM debian:12\nRUN ["sh", "-c", "\\"apt\\" install -y curl"]\n',
      lines: [2],
      output: 'FROM debian:12\nRUN ["sh", "-c", "\\"apt-get\\" install -y curl"]\n',
    },
    {
      name: 'sh -c in shell form',
      code: "FROM debian:12\nRUN bash -c 'apt update'\n",
      lines: [2],
      output: "FROM debian:12\nRUN bash -c 'apt-get update'\n",
    },
    {
      name: 'heredoc',
      code: 'FROM debian:12\nRUN <<EOF\napt update\napt install -y curl\nEOF\n',
      lines: [3, 4],
      output: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n',
    },
  ],
});

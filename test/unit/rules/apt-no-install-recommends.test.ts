import { testRule } from '../../helpers/rule-tester';

testRule('apt-no-install-recommends', {
  valid: [
    'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n',
    { name: 'the apt option', code: 'FROM debian:12\nRUN apt-get install -y -o APT::Install-Recommends=false curl\n' },
    { name: 'the apt option before the subcommand', code: 'FROM debian:12\nRUN apt-get -o APT::Install-Recommends=0 install -y curl\n' },
    { name: 'builder stages may install recommends', code: 'FROM debian:12 AS build\nRUN apt-get install -y gcc\nFROM debian:12\nCOPY --from=build /x /x\n' },
    { name: 'other subcommands', code: 'FROM debian:12\nRUN apt-get update && apt-get purge -y curl\n' },
    { name: 'our pragma', code: 'FROM debian:12\n# dockerfile-optimizer ignore=apt-no-install-recommends\nRUN apt-get install -y curl\n' },
    { name: 'hadolint pragma', code: 'FROM debian:12\n#hadolint ignore=DL3015\nRUN apt-get install -y curl\n' },
    { name: 'our global pragma', code: '# dockerfile-optimizer global ignore=apt-no-install-recommends\nFROM debian:12\nRUN apt-get install -y curl\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get install -y curl\n',
      lines: [2],
      message: /--no-install-recommends/,
      output: 'FROM debian:12\nRUN apt-get install --no-install-recommends -y curl\n',
    },
    {
      name: 'a builder stage the final stage is built from is shipped',
      code: 'FROM debian:12 AS base\nRUN apt-get install -y curl\nFROM base\n',
      lines: [2],
      output: 'FROM debian:12 AS base\nRUN apt-get install --no-install-recommends -y curl\nFROM base\n',
    },
    {
      name: 'line continuations and sudo',
      code: 'FROM debian:12\nRUN apt-get update \\\n && sudo apt-get -q install -y \\\n      curl\n',
      lines: [3],
      output: 'FROM debian:12\nRUN apt-get update \\\n && sudo apt-get -q install --no-install-recommends -y \\\n      curl\n',
    },
    {
      name: 'CRLF',
      code: 'FROM debian:12\r\nRUN apt-get install -y curl\r\n',
      lines: [2],
      output: 'FROM debian:12\r\nRUN apt-get install --no-install-recommends -y curl\r\n',
    },
    {
      name: 'backtick escape',
      code: '# escape=`\nFROM debian:12\nRUN apt-get update `\n && apt-get install -y curl\n',
      lines: [4],
      output: '# escape=`\nFROM debian:12\nRUN apt-get update `\n && apt-get install --no-install-recommends -y curl\n',
    },
    {
      name: 'JSON form',
      code: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n',
      lines: [2],
      output: 'FROM debian:12\nRUN ["apt-get", "install", "--no-install-recommends", "-y", "curl"]\n',
    },
    {
      name: 'sh -c in JSON form',
      code: 'FROM debian:12\nRUN ["/bin/bash", "-c", "apt-get install -y \\"curl\\""]\n',
      lines: [2],
      output: 'FROM debian:12\nRUN ["/bin/bash", "-c", "apt-get install --no-install-recommends -y \\"curl\\""]\n',
    },
    {
      name: 'heredoc and env',
      code: 'FROM debian:12\nRUN <<EOF\nenv DEBIAN_FRONTEND=noninteractive apt-get install -y curl\nEOF\n',
      lines: [3],
      output: 'FROM debian:12\nRUN <<EOF\nenv DEBIAN_FRONTEND=noninteractive apt-get install --no-install-recommends -y curl\nEOF\n',
    },
  ],
});

import { testRule } from '../../helpers/rule-tester';

testRule('apt-version-pinned', {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*\n',
    { name: 'options with values are not packages', code: 'FROM debian:12\nRUN apt-get -o Dpkg::Options::=--force-confnew -t bookworm-backports install -y git=1:2.39.5-0+deb12u1\n' },
    { name: 'local .deb files', code: 'FROM debian:12\nRUN apt-get install -y ./pkg_1.0_amd64.deb /tmp/other.deb\n' },
    { name: 'a version from an ARG of the stage', code: 'FROM debian:12\nARG CURL_VERSION\nRUN apt-get install -y curl=${CURL_VERSION}\n' },
    { name: 'a word with a variable of the stage', code: 'FROM debian:12\nARG PACKAGES\nRUN apt-get install -y $PACKAGES\n' },
    { name: 'builder stages are not shipped', code: 'FROM debian:12 AS build\nRUN apt-get install -y gcc\nFROM debian:12\nCOPY --from=build /x /x\n' },
    { name: 'no install', code: 'FROM debian:12\nRUN apt-get remove -y curl && apt-get upgrade -y\n' },
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN apt-get install -y curl\n', lines: [2], message: /^Package `curl` is not pinned to a version: use `curl=<version>`$/ },
    {
      name: 'one finding per unpinned package, on its line',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y \\\n    ca-certificates=20230311 \\\n    curl \\\n    git\n',
      lines: [4, 5],
    },
    { name: 'apt too, and a release is not a version', code: 'FROM ubuntu:24.04\nRUN apt install -y nginx/noble-updates\n', lines: [2], message: /`nginx`/ },
    { name: 'a variable set in no stage expands to nothing', code: 'FROM debian:12\nRUN apt-get install -y curl=$CURL_VERSION\n', lines: [2], message: /its variable is not set/ },
    { name: 'the stage the final stage is built from', code: 'FROM debian:12 AS base\nRUN apt-get install -y curl\nFROM base\n', lines: [2] },
    { name: 'ONBUILD triggers', code: 'FROM debian:12\nONBUILD RUN apt-get install -y curl\n', lines: [2] },
  ],
});

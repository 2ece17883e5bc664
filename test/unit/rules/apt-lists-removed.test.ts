import { testRule } from '../../helpers/rule-tester';

testRule('apt-lists-removed', {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    { name: 'the folder itself', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists\n' },
    { name: 'a quoted path with the glob outside', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf "/var/lib/apt/lists/"*\n' },
    { name: 'removed inside sh -c', code: "FROM debian:12\nRUN sh -c 'apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*'\n" },
    { name: 'a cache mount on the lists', code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl\n' },
    { name: 'a cache mount on /var/lib/apt', code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/ apt-get update && apt-get install -y curl\n' },
    { name: 'an update alone is apt-update-with-install\'s business', code: 'FROM debian:12\nRUN apt-get update\n' },
    { name: 'an install without update downloads no lists', code: 'FROM debian:12\nRUN apt-get install -y curl\n' },
    { name: 'builder stages may keep the lists', code: 'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM debian:12\nCOPY --from=build /x /x\n' },
    { name: 'our pragma', code: 'FROM debian:12\n# dockerfile-optimizer ignore=apt-lists-removed\nRUN apt-get update && apt-get install -y curl\n' },
    { name: 'hadolint pragma', code: 'FROM debian:12\n# hadolint ignore=DL3009\nRUN apt-get update && apt-get install -y curl\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
      lines: [2],
      message: /\/var\/lib\/apt\/lists/,
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'the stage the final stage is built from is shipped',
      code: 'FROM debian:12 AS base\nRUN apt-get update && apt-get upgrade -y\nFROM base\nCMD ["bash"]\n',
      lines: [2],
      output: 'FROM debian:12 AS base\nRUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*\nFROM base\nCMD ["bash"]\n',
    },
    {
      name: 'removing them in a later RUN does not help',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n',
      lines: [2],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nRUN rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'line continuations: appended after the last word',
      code: 'FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y \\\n      curl\n',
      lines: [3],
      output: 'FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y \\\n      curl && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'a comment line inside the continuation',
      code: 'FROM debian:12\nRUN apt-get update \\\n  # the tools\n  && apt-get install -y curl\n',
      lines: [4],
      output: 'FROM debian:12\nRUN apt-get update \\\n  # the tools\n  && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'CRLF',
      code: 'FROM debian:12\r\nRUN apt-get update && \\\r\n    apt-get install -y curl\r\n',
      lines: [3],
      output: 'FROM debian:12\r\nRUN apt-get update && \\\r\n    apt-get install -y curl && rm -rf /var/lib/apt/lists/*\r\n',
    },
    {
      name: 'backtick escape',
      code: '# escape=`\nFROM debian:12\nRUN apt-get update && `\n    apt-get install -y curl\n',
      lines: [4],
      output: '# escape=`\nFROM debian:12\nRUN apt-get update && `\n    apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'sudo and env wrappers',
      code: 'FROM debian:12\nRUN sudo apt-get update && sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y curl\n',
      lines: [2],
      output: 'FROM debian:12\nRUN sudo apt-get update && sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'sh -c in shell form: appended after the string',
      code: 'FROM debian:12\nRUN sh -c "apt-get update && apt-get install -y curl"\n',
      lines: [2],
      output: 'FROM debian:12\nRUN sh -c "apt-get update && apt-get install -y curl" && rm -rf /var/lib/apt/lists/*\n',
    },
    { name: 'JSON form: no fix', code: 'FROM debian:12\nRUN ["sh", "-c", "apt-get update && apt-get install -y curl"]\n', lines: [2] },
    { name: 'heredoc: no fix', code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n', lines: [4] },
    { name: 'ending in `;`: no fix', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl;\n', lines: [2] },
    { name: 'ending in `&`: no fix', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl &\n', lines: [2] },
    { name: 'ending in a comment: no fix', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl # tools\n', lines: [2] },
  ],
});

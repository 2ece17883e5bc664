import { testRule } from '../../helpers/rule-tester';

testRule('apk-version-pinned', {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r2 git~2.45 "openssl>3.3"\n',
    { name: 'option values are not packages', code: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps --repository https://dl-cdn.alpinelinux.org/alpine/edge/main gcc=14.2.0-r4\n' },
    { name: 'local .apk files', code: 'FROM alpine:3.20\nRUN apk add --allow-untrusted /tmp/tool-1.0-r0.apk\n' },
    { name: 'builder stages are not shipped', code: 'FROM alpine:3.20 AS build\nRUN apk add gcc\nFROM alpine:3.20\nCOPY --from=build /x /x\n' },
    'FROM alpine:3.20\nRUN apk del curl\n',
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n', lines: [2], message: /^Package `curl` is not pinned to a version: use `curl=<version>`$/ },
    { name: 'each unpinned package', code: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n    bash=5.2.26-r0 \\\n    curl \\\n    jq\n', lines: [4, 5] },
    { name: 'behind sudo in sh -c', code: "FROM alpine:3.20\nRUN sh -c 'sudo apk add tini'\n", lines: [2] },
  ],
});

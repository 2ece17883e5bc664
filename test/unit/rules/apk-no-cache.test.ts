import { testRule } from '../../helpers/rule-tester';

testRule('apk-no-cache', {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
    'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n',
    { name: 'builder stages may keep the cache', code: 'FROM alpine:3.20 AS build\nRUN apk add gcc\nFROM alpine:3.20\nCOPY --from=build /x /x\n' },
    'FROM alpine:3.20\nRUN apk update\n',
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN apk add curl\n',
      lines: [2],
      message: /--no-cache/,
      output: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
    },
    {
      name: 'every apk add of a RUN, behind sudo and after continuations',
      code: 'FROM alpine:3.20\nRUN apk update && \\\n    sudo apk add --virtual .deps gcc && \\\n    apk -U add curl\n',
      lines: [3, 4],
      output: 'FROM alpine:3.20\nRUN apk update && \\\n    sudo apk add --no-cache --virtual .deps gcc && \\\n    apk -U add --no-cache curl\n',
    },
    {
      name: 'the stage the final stage is built from is shipped too',
      code: 'FROM alpine:3.20 AS base\nRUN apk add curl\nFROM base\nCMD ["curl"]\n',
      lines: [2],
      output: 'FROM alpine:3.20 AS base\nRUN apk add --no-cache curl\nFROM base\nCMD ["curl"]\n',
    },
  ],
});

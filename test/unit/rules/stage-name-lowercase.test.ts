import { testRule } from '../../helpers/rule-tester';

testRule('stage-name-lowercase', {
  valid: [
    'FROM node:20 AS build\nFROM node:20-slim\nCOPY --from=build /app /app\n',
    { name: 'an unnamed stage', code: 'FROM node:20\n' },
    { name: 'BuildKit check directive', code: '# check=skip=StageNameCasing\nFROM scratch AS Base\n' },
  ],
  invalid: [
    {
      name: 'BuildKit: a mixed-case name',
      code: '\n# warning: stage name should be lowercase\n#\nFROM scratch AS BadStageName\n\nFROM scratch AS base3\n',
      lines: [4],
      message: /^Stage name `BadStageName` is not lowercase$/,
      output: '\n# warning: stage name should be lowercase\n#\nFROM scratch AS badstagename\n\nFROM scratch AS base3\n',
    },
    {
      name: 'references in FROM, COPY --from and RUN --mount=from are renamed too',
      code: 'FROM golang:1.22 AS Builder\nRUN go build -o /app .\nFROM Builder AS Test\nRUN go test ./...\nFROM alpine:3.20\nCOPY --from=BUILDER /app /app\nRUN --mount=type=bind,from=builder,target=/src ls /src\n',
      lines: [1, 3],
      output: 'FROM golang:1.22 AS builder\nRUN go build -o /app .\nFROM builder AS test\nRUN go test ./...\nFROM alpine:3.20\nCOPY --from=builder /app /app\nRUN --mount=type=bind,from=builder,target=/src ls /src\n',
    },
  ],
});

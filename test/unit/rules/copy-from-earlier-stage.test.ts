import { testRule } from '../../helpers/rule-tester';

testRule('copy-from-earlier-stage', {
  valid: [
    'FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n',
    { name: 'by index', code: 'FROM golang:1.23\nRUN go build -o /app .\nFROM scratch\nCOPY --from=0 /app /app\n' },
    { name: 'names are case-insensitive', code: 'FROM golang:1.23 AS Build\nFROM scratch\nCOPY --from=build /app /app\n' },
    { name: 'image references', code: 'FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/\nCOPY --from=gcr.io/distroless/static /etc/passwd /etc/\nCOPY --from=busybox@sha256:0000000000000000000000000000000000000000000000000000000000000000 /bin/sh /bin/\n' },
    { name: 'a variable', code: 'ARG BUILDER=build\nFROM alpine:3.20 AS build\nFROM scratch\nCOPY --from=$BUILDER /x /x\n' },
  ],
  invalid: [
    {
      code: 'FROM golang:1.23 AS build\nFROM scratch\nCOPY --from=builder /app /app\n',
      lines: [3],
      message: /^`--from=builder` names no earlier stage, so Docker pulls an image called `builder`$/,
    },
    { name: 'the current stage', code: 'FROM node:20 AS web\nCOPY --from=web /a /b\n', lines: [2], message: /current stage/ },
    { name: 'the current stage by index', code: 'FROM node:20\nCOPY --from=0 /a /b\n', lines: [2], message: /current stage/ },
    { name: 'a later stage', code: 'FROM scratch\nCOPY --from=build /app /app\nFROM golang:1.23 AS build\n', lines: [2], message: /defined later/ },
    { name: 'an index past the end', code: 'FROM alpine:3.20\nFROM scratch\nCOPY --from=5 /x /x\n', lines: [3], message: /no earlier stage/ },
  ],
});

import { testRule } from '../../helpers/rule-tester';

testRule('copy-from-selected-paths', {
  valid: [
    'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n',
    { name: 'root into a folder', code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build / /rootfs/\n' },
    { name: 'a stage made only of copied files', code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM scratch AS bin\nCOPY --from=build /out/app /\nFROM alpine:3.20\nCOPY --from=bin / /\n' },
    { name: 'an image published to be copied from', code: 'FROM alpine:3.20\nCOPY --from=tonistiigi/xx:1.5.0 / /\n' },
    { name: 'a stage that only names such an image', code: 'FROM tonistiigi/xx:1.5.0 AS xx\nFROM alpine:3.20\nCOPY --from=xx / /\n' },
    { name: 'the build context', code: 'FROM alpine:3.20\nCOPY / /\n' },
  ],
  invalid: [
    {
      code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build / /\n',
      lines: [4],
      message: /`COPY --from=build` copies the whole filesystem of `build` onto `\/`/,
    },
    { name: 'quoted, by index, an OS image stage', code: 'FROM debian:bookworm-slim\nFROM alpine:3.20\nCOPY --from=0 "/" "/"\n', lines: [3] },
    { name: 'an official image by name', code: 'FROM scratch\nCOPY --from=busybox / /\n', lines: [2] },
  ],
});

import { testRule } from '../../helpers/rule-tester';

testRule('shell-pipefail', {
  valid: [
    'FROM debian:bookworm-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/x | tar xz\n',
    'FROM debian:bookworm-slim\nSHELL ["/usr/bin/zsh", "-euo", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/x | tar xz\n',
    'FROM debian:bookworm-slim\nRUN set -eux -o pipefail; curl -fsSL https://example.com/x | tar xz\n',
    'FROM debian:bookworm-slim\nRUN curl -fsSLo x.tgz https://example.com/x && tar xzf x.tgz || true\n',
    { name: 'the SHELL of the stage it is built from', code: 'FROM debian:bookworm-slim AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM base\nRUN a | b\n' },
    { name: 'BusyBox ash supports pipefail', code: 'FROM alpine:3.20\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN a | b\n' },
    { name: 'PowerShell', code: 'FROM mcr.microsoft.com/powershell:lts\nSHELL ["pwsh", "-Command"]\nRUN Get-ChildItem | Select-Object Name\n' },
    { name: 'exec form', code: 'FROM debian:bookworm-slim\nRUN ["sh", "-c", "a | b"]\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:bookworm-slim\nRUN apt-get update\nRUN curl -fsSL https://example.com/install.sh | sh\n',
      lines: [3],
      message: /A pipe hides the failure of every command but the last/,
      output: 'FROM debian:bookworm-slim\nRUN apt-get update\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/install.sh | sh\n',
    },
    {
      name: 'several RUNs of a stage share one SHELL; set -o pipefail after the pipe is too late',
      code: 'FROM ubuntu:24.04\nRUN a | b; set -o pipefail\nRUN c | d\n',
      lines: [2, 3],
      output: 'FROM ubuntu:24.04\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN a | b; set -o pipefail\nRUN c | d\n',
    },
    {
      name: 'sh with pipefail where sh is not known to support it; a SHELL that changes back',
      code: 'FROM debian:bookworm-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN a | b\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN c | d\n',
      lines: [5],
      output: 'FROM debian:bookworm-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN a | b\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN c | d\n',
    },
    {
      name: 'Alpine without bash: set -o pipefail in the RUN',
      code: 'FROM alpine:3.20\nRUN wget -qO- https://example.com/x | tar xz\n',
      lines: [2],
      output: 'FROM alpine:3.20\nRUN set -o pipefail && wget -qO- https://example.com/x | tar xz\n',
    },
    {
      name: 'Alpine with bash installed',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache bash\nRUN a | b\n',
      lines: [3],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache bash\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN a | b\n',
    },
    { name: 'no fix when the image is unknown', code: 'FROM scratch\nRUN a | b\n', lines: [2] },
    { name: 'a pipe in a command substitution', code: 'FROM scratch\nRUN V="$(curl -fsSL https://example.com/v | head -1)" && echo "$V"\n', lines: [2] },
  ],
});

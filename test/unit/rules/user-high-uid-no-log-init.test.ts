import { testRule } from '../../helpers/rule-tester';

testRule('user-high-uid-no-log-init', {
  valid: [
    'FROM debian:bookworm-slim\nRUN useradd -l -u 1000000 app\n',
    'FROM debian:bookworm-slim\nRUN useradd --no-log-init --uid=1000000 app\n',
    'FROM debian:bookworm-slim\nRUN useradd -lmu 1000000 app\n',
    'FROM debian:bookworm-slim\nRUN useradd -u 10001 app\n',
    'FROM debian:bookworm-slim\nRUN useradd app\n',
    'FROM debian:bookworm-slim\nARG UID=1000000\nRUN useradd -u $UID app\n',
    { name: 'builder stages are not shipped', code: 'FROM debian:bookworm-slim AS build\nRUN useradd -u 1000000 builder\nFROM scratch\nCOPY --from=build /etc/passwd /etc/passwd\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:bookworm-slim\nRUN useradd -u 1000000 app\n',
      lines: [2],
      message: /UID 1000000 without `-l` stores a lastlog file of about 292 MB/,
      output: 'FROM debian:bookworm-slim\nRUN useradd -l -u 1000000 app\n',
    },
    {
      name: 'joined and long forms',
      code: 'FROM debian:bookworm-slim\nRUN groupadd -g 70000 app && useradd -g app -u70000 app && useradd --uid=80000 other\n',
      lines: [2, 2],
      output: 'FROM debian:bookworm-slim\nRUN groupadd -g 70000 app && useradd -l -g app -u70000 app && useradd -l --uid=80000 other\n',
    },
  ],
});

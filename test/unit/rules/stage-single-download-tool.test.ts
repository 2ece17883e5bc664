import { testRule } from '../../helpers/rule-tester';

testRule('stage-single-download-tool', {
  valid: [
    'FROM debian:bookworm-slim\nRUN curl -fsSLO https://example.com/a.tgz\nRUN curl -fsSLO https://example.com/b.tgz\n',
    { name: 'different stages', code: 'FROM debian:bookworm-slim AS a\nRUN wget -q https://example.com/a.tgz\nFROM debian:bookworm-slim\nCOPY --from=a /a.tgz /\nRUN curl -fsSLO https://example.com/b.tgz\n' },
    { name: 'a builder stage may use both', code: 'FROM debian:bookworm-slim AS fetch\nRUN wget -q https://example.com/a.tgz && curl -fsSLO https://example.com/b.tgz\nFROM scratch\nCOPY --from=fetch /a.tgz /\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:bookworm-slim\nRUN curl -fsSLO https://example.com/a.tgz\nRUN echo ok\nRUN wget -q https://example.com/b.tgz\n',
      lines: [4],
      message: /uses both `curl` and `wget`/,
    },
    {
      name: 'every later RUN that downloads, once both were used',
      code: 'FROM debian:bookworm-slim\nRUN wget -q https://example.com/a.tgz && curl -fsSLO https://example.com/b.tgz\nRUN wget -q https://example.com/c.tgz\n',
      lines: [2, 3],
    },
  ],
});

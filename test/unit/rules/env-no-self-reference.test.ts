import { testRule } from '../../helpers/rule-tester';

testRule('env-no-self-reference', {
  valid: [
    'FROM debian:bookworm-slim\nENV APP_HOME=/opt/app\nENV APP_BIN=$APP_HOME/bin\n',
    { name: 'a variable of its own name refers to the old value on purpose', code: 'FROM debian:bookworm-slim\nENV PATH=/opt/app/bin:$PATH\n' },
    { name: 'names that only start alike', code: 'FROM debian:bookworm-slim\nENV APP=/opt LOG="$APPDIR/log" X="${APP_2}"\n' },
    { name: 'single quotes and escapes are literal', code: "FROM debian:bookworm-slim\nENV A=1 B='$A' C=\\$A\n" },
    { name: 'legacy form', code: 'FROM debian:bookworm-slim\nENV GREETING hello $NAME\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:bookworm-slim\nENV APP_HOME=/opt/app APP_BIN=$APP_HOME/bin\n',
      lines: [2],
      message: /`\$APP_HOME` refers to the value from before this `ENV`/,
      output: 'FROM debian:bookworm-slim\nENV APP_HOME=/opt/app\nENV APP_BIN=$APP_HOME/bin\n',
    },
    {
      name: 'braces and quotes; later values move with the split, several splits converge',
      code: 'FROM debian:bookworm-slim\nENV A=1 \\\n    B="${A}/x" C=3 \\\n    D=${C:-4}\n',
      lines: [3, 4],
      output: 'FROM debian:bookworm-slim\nENV A=1\nENV B="${A}/x" C=3\nENV D=${C:-4}\n',
    },
    {
      name: 'the same name set twice',
      code: 'FROM debian:bookworm-slim\nENV PATH=/a:$PATH PATH=/b:$PATH\n',
      lines: [2],
      output: 'FROM debian:bookworm-slim\nENV PATH=/a:$PATH\nENV PATH=/b:$PATH\n',
    },
    {
      name: 'an ONBUILD ENV is split into two ONBUILD ENVs',
      code: 'FROM debian:bookworm-slim\n  ONBUILD ENV A=1 B=$A\n',
      lines: [2],
      output: 'FROM debian:bookworm-slim\n  ONBUILD ENV A=1\n  ONBUILD ENV B=$A\n',
    },
  ],
});

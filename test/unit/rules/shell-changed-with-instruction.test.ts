import { testRule } from '../../helpers/rule-tester';

testRule('shell-changed-with-instruction', {
  valid: [
    'FROM debian:bookworm-slim\nSHELL ["/bin/bash", "-c"]\n',
    'FROM debian:bookworm-slim\nRUN ln -sf /usr/bin/python3 /usr/bin/python\n',
    'FROM debian:bookworm-slim\nRUN ln /bin/bash /opt/sh && check /bin/sh\n',
  ],
  invalid: [
    {
      code: 'FROM debian:bookworm-slim\nRUN ln -sf /bin/bash /bin/sh\n',
      lines: [2],
      message: /Linking `\/bin\/sh` to `\/bin\/bash` changes the shell of the whole image/,
      output: 'FROM debian:bookworm-slim\nSHELL ["/bin/bash", "-c"]\n',
    },
    {
      name: 'no fix when the RUN does more',
      code: 'FROM debian:bookworm-slim\nRUN apt-get update && ln -s --force /bin/bash /usr/bin/sh\n',
      lines: [2],
    },
  ],
});

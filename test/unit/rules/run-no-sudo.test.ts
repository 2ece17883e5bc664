import { testRule } from '../../helpers/rule-tester';

testRule('run-no-sudo', {
  valid: [
    { name: 'installing sudo is fine', code: 'FROM debian:12\nRUN apt-get install -y sudo\n' },
    'FROM debian:12\nUSER root\nRUN apt-get update\nUSER app\n',
    { name: 'CMD is not a build step', code: 'FROM debian:12\nCMD ["sudo", "-u", "app", "server"]\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN sudo apt-get update\n',
      lines: [2],
      message: /^`sudo apt-get` in `RUN`/,
      output: 'FROM debian:12\nRUN apt-get update\n',
    },
    {
      name: 'every sudo of a RUN, after continuations',
      code: 'FROM debian:12\nRUN apt-get update && \\\n    sudo apt-get install -y curl && sudo rm -rf /var/lib/apt/lists/*\n',
      lines: [3, 3],
      output: 'FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    },
    { name: 'options change the user: no fix', code: 'FROM debian:12\nRUN sudo -u app make install\n', lines: [2] },
    { name: 'behind env: no fix', code: 'FROM debian:12\nRUN env DEBIAN_FRONTEND=noninteractive sudo apt-get update\n', lines: [2] },
    {
      name: 'ONBUILD triggers',
      code: 'FROM debian:12\nONBUILD RUN sudo make install\n',
      lines: [2],
      output: 'FROM debian:12\nONBUILD RUN make install\n',
    },
    {
      name: 'exec form',
      code: 'FROM debian:12\nRUN ["sudo", "make", "install"]\n',
      lines: [2],
      output: 'FROM debian:12\nRUN ["make", "install"]\n',
    },
  ],
});

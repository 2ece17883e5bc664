import { testRule } from '../../helpers/rule-tester';

testRule('run-no-pointless-commands', {
  valid: [
    { name: 'the tool is only installed', code: 'FROM debian:12\nRUN apt-get install -y vim openssh-client procps\n' },
    { name: 'ssh-keyscan is another program', code: 'FROM alpine:3.20\nRUN ssh-keyscan github.com >> /etc/ssh/ssh_known_hosts\n' },
    { name: 'in CMD it is the container process', code: 'FROM debian:12\nCMD ["top", "-b"]\n' },
    'FROM debian:12\nRUN echo "run top to see processes" > /etc/motd\n',
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN service postgresql start\n', lines: [2], message: /^`service` in `RUN`/ },
    { name: 'every such command of a RUN', code: 'FROM debian:12\nRUN ps aux && free -m && mount -t tmpfs none /mnt\n', lines: [2, 2, 2] },
    { name: 'behind sudo and in sh -c', code: "FROM debian:12\nRUN sudo kill 1\nRUN sh -c 'vim /etc/hosts'\n", lines: [2, 3], message: /`(kill|vim)`/ },
    { name: 'builder stages too', code: 'FROM debian:12 AS build\nRUN shutdown -h now\nFROM scratch\nCOPY --from=build /x /x\n', lines: [2] },
    { name: 'ONBUILD triggers', code: 'FROM debian:12\nONBUILD RUN top\n', lines: [2] },
  ],
});

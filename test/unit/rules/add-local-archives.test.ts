import { testRule } from '../../helpers/rule-tester';

testRule('add-local-archives', {
  valid: [
    'FROM debian:12\nADD app.tar.gz /opt/\n',
    { name: 'an archive copied but not extracted', code: 'FROM debian:12\nCOPY backup.tar /srv/backups/\n' },
    { name: 'extracted in another stage', code: 'FROM debian:12\nCOPY app.tar /tmp/\nFROM debian:12\nRUN tar -xf /tmp/app.tar\n' },
    { name: 'from another stage: ADD cannot do that', code: 'FROM debian:12 AS build\nRUN tar -cf /out/app.tar /src\nFROM debian:12\nCOPY --from=build /out/app.tar /tmp/\nRUN tar -xf /tmp/app.tar -C /opt\n' },
    { name: 'zip is not extracted by ADD', code: 'FROM debian:12\nCOPY app.zip /tmp/\nRUN unzip /tmp/app.zip -d /opt\n' },
    { name: 'tar creates, not extracts', code: 'FROM debian:12\nCOPY app.tar /tmp/\nRUN tar -rf /tmp/app.tar /etc/hosts\n' },
    { name: 'builder stages are not shipped', code: 'FROM debian:12 AS build\nCOPY src.tar.gz /tmp/\nRUN tar -xzf /tmp/src.tar.gz\nFROM scratch\nCOPY --from=build /x /x\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt\n',
      lines: [2],
      message: /^`app\.tar\.gz` is copied and then extracted with `tar`/,
    },
    { name: 'renamed by the COPY, extracted later in the stage', code: 'FROM debian:12\nCOPY dist/release.tgz /opt/app.tgz\nWORKDIR /opt\nRUN set -e && tar xzf app.tgz && rm app.tgz\n', lines: [2] },
    { name: 'long options', code: 'FROM debian:12\nCOPY ["data.tar.xz", "/srv/"]\nRUN tar --extract --file=/srv/data.tar.xz --directory /srv\n', lines: [2] },
  ],
});

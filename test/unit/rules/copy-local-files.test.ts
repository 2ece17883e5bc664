import { testRule } from '../../helpers/rule-tester';

testRule('copy-local-files', {
  valid: [
    'FROM alpine:3.20\nCOPY app.conf /etc/app.conf\n',
    { name: 'a URL', code: 'FROM alpine:3.20\nADD https://example.com/tool.tgz /tmp/\n' },
    { name: 'a git repository', code: 'FROM alpine:3.20\nADD git@github.com:org/repo.git /src\n' },
    { name: 'a local archive that ADD unpacks', code: 'FROM alpine:3.20\nADD rootfs.tar.gz /\n' },
    { name: 'archive globs', code: 'FROM alpine:3.20\nADD dist/*.tar /opt/\n' },
    { name: 'a compressed file may be a tar archive: ADD tells by its content', code: 'FROM alpine:3.20\nADD data.gz /srv/\nADD logs.xz /srv/\n' },
    { name: 'quoted sources', code: 'FROM alpine:3.20\nADD "rootfs.tgz" /\nADD ["https://example.com/a.txt", "/srv/"]\n' },
    { name: 'a source from a variable', code: 'FROM alpine:3.20\nARG SRC\nADD $SRC /dst\n' },
    { name: 'our pragma', code: 'FROM alpine:3.20\n# dockerfile-optimizer ignore=copy-local-files\nADD app.conf /etc/\n' },
    { name: 'hadolint pragma', code: 'FROM alpine:3.20\n# hadolint ignore=DL3020\nADD app.conf /etc/\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nADD app.conf /etc/app.conf\n',
      lines: [2],
      message: /`COPY`/,
      output: 'FROM alpine:3.20\nCOPY app.conf /etc/app.conf\n',
    },
    {
      name: 'lower case, flags and several sources; builder stages too',
      code: 'FROM alpine:3.20 AS build\nadd --chown=1000:1000 --chmod=644 a.txt b.txt /dst/\nFROM scratch\n',
      lines: [2],
      output: 'FROM alpine:3.20 AS build\nCOPY --chown=1000:1000 --chmod=644 a.txt b.txt /dst/\nFROM scratch\n',
    },
    {
      name: 'a zip is not unpacked by ADD',
      code: 'FROM alpine:3.20\nADD app.zip /opt/\n',
      lines: [2],
      output: 'FROM alpine:3.20\nCOPY app.zip /opt/\n',
    },
    {
      name: 'JSON form',
      code: 'FROM alpine:3.20\nADD ["my file.conf", "/etc/"]\n',
      lines: [2],
      output: 'FROM alpine:3.20\nCOPY ["my file.conf", "/etc/"]\n',
    },
    {
      name: 'line continuations, CRLF',
      code: 'FROM alpine:3.20\r\nADD \\\r\n  a \\\r\n  /b\r\n',
      lines: [2],
      output: 'FROM alpine:3.20\r\nCOPY \\\r\n  a \\\r\n  /b\r\n',
    },
    {
      name: 'backtick escape',
      code: '# escape=`\nFROM alpine:3.20\nADD a `\n  /b\n',
      lines: [3],
      output: '# escape=`\nFROM alpine:3.20\nCOPY a `\n  /b\n',
    },
    {
      name: 'a heredoc',
      code: 'FROM alpine:3.20\nADD <<EOF /etc/motd\nhello\nEOF\n',
      lines: [2],
      output: 'FROM alpine:3.20\nCOPY <<EOF /etc/motd\nhello\nEOF\n',
    },
    {
      name: 'flags only ADD has: reported without a fix',
      code: 'FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d app.conf /etc/\n',
      lines: [2],
    },
  ],
});

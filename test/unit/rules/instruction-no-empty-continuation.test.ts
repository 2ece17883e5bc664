import { testRule } from '../../helpers/rule-tester';

testRule('instruction-no-empty-continuation', {
  valid: [
    'FROM scratch\nCOPY Dockerfile \\\n.\n',
    { name: 'a comment line inside a continuation', code: 'FROM alpine\nRUN apk add \\\n# the client\n    curl\n' },
    { name: 'empty lines in a heredoc body', code: 'FROM alpine\nRUN <<EOF\necho a\n\necho b\nEOF\n' },
    { name: 'an empty line after the instruction', code: 'FROM alpine\nRUN true\n\nRUN false\n' },
  ],
  invalid: [
    {
      name: 'BuildKit: reported on the line where the instruction ends',
      code: '\nFROM scratch\n# warning: empty continuation line\nCOPY Dockerfile \\\n\n.\nCOPY Dockerfile \\\n.\n',
      lines: [6],
      message: /^`COPY` continues across an empty line$/,
      output: '\nFROM scratch\n# warning: empty continuation line\nCOPY Dockerfile \\\n.\nCOPY Dockerfile \\\n.\n',
    },
    {
      name: 'several empty lines, whitespace-only too, CRLF',
      code: 'FROM alpine\r\nRUN apk add \\\r\n\r\n   \r\n    curl \\\r\n    git\r\n',
      lines: [6],
      message: /2 empty lines/,
      output: 'FROM alpine\r\nRUN apk add \\\r\n    curl \\\r\n    git\r\n',
    },
    {
      name: 'backtick escape',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n\n  C:\\\n',
      lines: [5],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n  C:\\\n',
    },
  ],
});

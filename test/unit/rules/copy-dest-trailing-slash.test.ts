import { testRule } from '../../helpers/rule-tester';

testRule('copy-dest-trailing-slash', {
  valid: [
    'FROM node:20-slim\nCOPY package.json package-lock.json /app/\n',
    'FROM node:20-slim\nCOPY package.json /app\n',
    { name: 'flags are not sources', code: 'FROM node:20-slim\nCOPY --chown=node:node --from=build /src/dist /app\n' },
    { name: 'quoted folder with a space', code: 'FROM node:20-slim\nCOPY a.txt b.txt "/my dir/"\n' },
    { name: 'JSON form', code: 'FROM node:20-slim\nCOPY ["a.txt", "b.txt", "/app/"]\n' },
    { name: 'a variable destination is not checked', code: 'FROM node:20-slim\nARG DEST=/app/\nCOPY a.txt b.txt $DEST\n' },
    { name: 'heredocs', code: 'FROM alpine:3.20\nCOPY <<EOF /etc/motd\nhello\nEOF\n' },
    { name: 'Windows folders', code: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY a.txt b.txt C:\\app\\\n' },
  ],
  invalid: [
    {
      code: 'FROM node:20-slim\nCOPY package.json package-lock.json /app\n',
      lines: [2],
      message: /^`COPY` of 2 sources into `\/app`: a destination folder must end with `\/`$/,
      output: 'FROM node:20-slim\nCOPY package.json package-lock.json /app/\n',
    },
    { name: 'quoted', code: 'FROM node:20-slim\nCOPY a.txt b.txt "/my dir"\n', lines: [2], output: 'FROM node:20-slim\nCOPY a.txt b.txt "/my dir/"\n' },
    { name: 'JSON form', code: 'FROM node:20-slim\nCOPY ["a.txt", "b.txt", "/app"]\n', lines: [2], output: 'FROM node:20-slim\nCOPY ["a.txt", "b.txt", "/app/"]\n' },
    {
      name: 'ADD, over continuation lines',
      code: 'FROM node:20-slim\nADD a.txt \\\n    b.txt \\\n    .\n',
      lines: [4],
      output: 'FROM node:20-slim\nADD a.txt \\\n    b.txt \\\n    ./\n',
    },
  ],
});

import { testRule } from '../../helpers/rule-tester';

testRule('copy-relative-after-workdir', {
  valid: [
    'FROM node:22-slim\nWORKDIR /app\nCOPY package.json .\n',
    'FROM node:22-slim\nCOPY package.json /app/\nCOPY ["run.sh", "/usr/local/bin/run.sh"]\n',
    { name: 'Windows paths', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app.exe C:\\\\app\\\\app.exe\nCOPY run.ps1 "d:/tools/run.ps1"\n' },
    { name: 'a destination from a variable', code: 'FROM node:22-slim\nARG DEST=/app\nCOPY package.json ${DEST}\nCOPY package.json "$DEST"\n' },
    { name: 'a WORKDIR of the stage it is built from', code: 'FROM node:22-slim AS base\nWORKDIR /app\nFROM node:22-slim AS other\nFROM base\nCOPY . .\n' },
    { name: 'ONBUILD after ONBUILD WORKDIR', code: 'FROM node:22-slim\nONBUILD WORKDIR /app\nONBUILD COPY . .\n' },
    { name: 'ONBUILD with a WORKDIR of the stage anywhere', code: 'FROM node:22-slim\nONBUILD COPY . .\nWORKDIR /app\n' },
  ],
  invalid: [
    { code: 'FROM node:22-slim\nCOPY package.json .\nWORKDIR /app\n', lines: [2], message: /`COPY` to the relative path `.` with no `WORKDIR` set/ },
    { name: 'ADD, quotes and JSON form', code: 'FROM node:22-slim\nADD app.tar.gz "app"\nCOPY ["a.txt", "b.txt"]\n', lines: [2, 3] },
    {
      name: 'a WORKDIR of an unrelated stage does not count',
      code: 'FROM node:22-slim AS a\nWORKDIR /app\nFROM node:22-slim\nCOPY --from=a /app/dist dist\n',
      lines: [4],
    },
    { name: 'ONBUILD without any WORKDIR', code: 'FROM node:22-slim\nONBUILD COPY . src\n', lines: [2] },
  ],
});

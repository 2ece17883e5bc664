import { testRule } from '../../helpers/rule-tester';

testRule('workdir-absolute', {
  valid: [
    'FROM node:20\nWORKDIR /app\n',
    { name: 'BuildKit: relative after an absolute one in the base stage', code: '\nFROM scratch AS a\nWORKDIR /app\n\nFROM a AS b\nWORKDIR subdir/\n' },
    { name: 'relative after an absolute one', code: 'FROM node:20\nWORKDIR /app\nWORKDIR src\n' },
    { name: 'Windows paths', code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR C:\\app\nFROM x\nWORKDIR "C:/"\n' },
    { name: 'variables', code: 'FROM node:20\nWORKDIR ${work}\n' },
    { name: 'BuildKit check comment', code: '\nFROM scratch\n# check=skip=WorkdirRelativePath\nWORKDIR app/\n' },
    { name: 'hadolint pragma', code: 'FROM node:20\n# hadolint ignore=DL3000\nWORKDIR app\n' },
  ],
  invalid: [
    {
      name: 'BuildKit: on scratch the fix is known',
      code: '\nFROM scratch\nWORKDIR app/\n',
      lines: [3],
      message: /^`WORKDIR app\/` is relative to the base image's working directory$/,
      output: '\nFROM scratch\nWORKDIR /app/\n',
    },
    { name: 'an image whose working directory is unknown: no fix', code: 'FROM node:20\nWORKDIR app\n', lines: [2] },
    { name: 'hadolint: without FROM', code: 'WORKDIR relative/dir\n', lines: [1] },
    {
      name: 'quoted, ./ and a plain OS image',
      code: 'FROM debian:12\nWORKDIR "./srv/app"\nFROM alpine:3.20\nWORKDIR \'data\'\n',
      lines: [2, 4],
      output: 'FROM debian:12\nWORKDIR "/srv/app"\nFROM alpine:3.20\nWORKDIR \'/data\'\n',
    },
    {
      name: 'only the first WORKDIR of a stage',
      code: 'FROM node:20\nWORKDIR app\nWORKDIR src\nFROM node:20\nWORKDIR app\n',
      lines: [2, 5],
    },
  ],
});

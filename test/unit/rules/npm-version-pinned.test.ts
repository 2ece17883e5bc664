import { testRule } from '../../helpers/rule-tester';

testRule('npm-version-pinned', {
  valid: [
    'FROM node:20-slim\nRUN npm install -g typescript@5.6.3 @angular/cli@18.2.0\n',
    { name: 'the project dependencies', code: 'FROM node:20-slim\nRUN npm ci && npm install --omit=dev\n' },
    { name: 'folders and tarballs', code: 'FROM node:20-slim\nRUN npm install ./packages/core ../shared /opt/lib ~/lib vendor/tool-1.0.0.tgz\n' },
    { name: 'git with a ref', code: 'FROM node:20-slim\nRUN npm install github:acme/tool#v2.1.0 git+https://github.com/acme/other.git#4f2a1c9\n' },
    { name: 'option values are not packages', code: 'FROM node:20-slim\nRUN npm install --registry https://npm.example.com --loglevel warn left-pad@1.3.0\n' },
    { name: 'other npm commands', code: 'FROM node:20-slim\nRUN npm run build -- install\n' },
  ],
  invalid: [
    { code: 'FROM node:20-slim\nRUN npm install -g typescript\n', lines: [2], message: /^Package `typescript` is not pinned to a version: use `typescript@<version>`$/ },
    { name: 'scoped packages and aliases of install', code: 'FROM node:20-slim\nRUN npm i @nestjs/cli && npm add pm2@4.5.6 nodemon\n', lines: [2, 2] },
    { name: 'dist-tags move', code: 'FROM node:20-slim\nRUN npm install -g npm@latest\n', lines: [2] },
    { name: 'git without a ref', code: 'FROM node:20-slim\nRUN npm install github:acme/tool\n', lines: [2], message: /use `github:acme\/tool#<commit or tag>`$/ },
  ],
});

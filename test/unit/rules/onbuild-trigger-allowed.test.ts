import { testRule } from '../../helpers/rule-tester';

testRule('onbuild-trigger-allowed', {
  valid: [
    'FROM node:22-slim\nONBUILD COPY package.json ./\nONBUILD RUN npm ci\n',
    'FROM node:22-slim\nONBUILD LABEL stage=child\nONBUILD USER node\n',
  ],
  invalid: [
    { code: 'FROM node:22-slim\nONBUILD FROM node:22-slim\n', lines: [2], message: /`FROM` is not allowed as an `ONBUILD` trigger/ },
    { name: 'MAINTAINER', code: 'FROM node:22-slim\nONBUILD MAINTAINER someone@example.com\n', lines: [2], message: /`MAINTAINER`/ },
    { name: 'chaining, in any case', code: 'FROM node:22-slim\nonbuild onbuild RUN npm ci\n', lines: [2], message: /Chaining `ONBUILD ONBUILD`/ },
  ],
});

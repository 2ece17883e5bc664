import { testRule } from '../../helpers/rule-tester';

testRule('yarn-cache-clean', {
  valid: [
    'FROM node:22-slim\nRUN yarn install --frozen-lockfile && yarn cache clean\n',
    'FROM node:22-slim\nRUN yarn global add serve@14.2.3 && rm -rf /usr/local/share/.cache/yarn\n',
    'FROM node:22-slim\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile\n',
    'FROM node:22-slim\nRUN --mount=type=cache,target=/root/.yarn/berry/cache yarn install --immutable\n',
    'FROM node:22-slim\nRUN yarn build && yarn test\n',
    { name: 'builder stages are not shipped', code: 'FROM node:22 AS build\nRUN yarn install && yarn build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n' },
  ],
  invalid: [
    {
      code: 'FROM node:22-slim\nRUN yarn install --frozen-lockfile\n',
      lines: [2],
      message: /`yarn cache clean`/,
      output: 'FROM node:22-slim\nRUN yarn install --frozen-lockfile && yarn cache clean\n',
    },
    {
      name: 'a bare yarn, yarn add, a cache mount elsewhere, a clean before',
      code: 'FROM node:22-slim\nRUN yarn cache clean && yarn\nRUN --mount=type=cache,target=/tmp yarn add left-pad@1.3.0\n',
      lines: [2, 3],
      output: 'FROM node:22-slim\nRUN yarn cache clean && yarn && yarn cache clean\nRUN --mount=type=cache,target=/tmp yarn add left-pad@1.3.0 && yarn cache clean\n',
    },
    {
      name: 'the stage the final stage is built from',
      code: 'FROM node:22-slim AS deps\nRUN yarn install\nFROM deps\nCMD ["node", "index.js"]\n',
      lines: [2],
      output: 'FROM node:22-slim AS deps\nRUN yarn install && yarn cache clean\nFROM deps\nCMD ["node", "index.js"]\n',
    },
  ],
});

import { testRule } from '../../helpers/rule-tester';

testRule('cmd-no-package-manager', {
  valid: [
    'FROM node:20\nCMD ["node", "server.js"]\n',
    { name: 'no CMD at all', code: 'FROM node:20\nRUN npm ci\n' },
    { name: 'npm in RUN is fine', code: 'FROM node:20\nRUN npm ci && npm run build\nCMD ["node", "dist/index.js"]\n' },
    { name: 'builder stages are not shipped', code: 'FROM node:20 AS dev\nCMD ["npm", "run", "dev"]\nFROM node:20-slim\nCMD ["node", "server.js"]\n' },
    { name: 'only the last CMD counts', code: 'FROM node:20\nCMD ["npm", "start"]\nCMD ["node", "server.js"]\n' },
    { name: 'an ENTRYPOINT program gets the CMD as arguments', code: 'FROM node:20\nENTRYPOINT ["node", "server.js"]\nCMD ["npm", "start"]\n' },
    { name: 'a shell that runs npm first and then the application', code: 'FROM node:20\nCMD ["sh", "-c", "npm run migrate && exec node server.js"]\n' },
    { name: 'in shell form too', code: 'FROM node:20\nCMD npm run migrate && node server.js\n' },
    { name: 'our pragma', code: 'FROM node:20\n# dockerfile-optimizer ignore=cmd-no-package-manager\nCMD ["npm", "start"]\n' },
    { name: 'our global pragma', code: '# dockerfile-optimizer global ignore=cmd-no-package-manager\nFROM node:20\nCMD ["npm", "start"]\n' },
  ],
  invalid: [
    { code: 'FROM node:20\nCMD ["npm", "start"]\n', lines: [2], message: /^`npm start` as the main process/ },
    { name: 'shell form', code: 'FROM node:20\nCMD npm start\n', lines: [2], message: /`npm start`/ },
    { name: 'yarn', code: 'FROM node:20\nCMD ["yarn", "start"]\n', lines: [2], message: /`yarn start`/ },
    { name: 'pnpm run', code: 'FROM node:20\nCMD ["pnpm", "run", "serve"]\n', lines: [2], message: /`pnpm run`/ },
    { name: 'npx', code: 'FROM node:20\nCMD ["npx", "serve", "-s", "build"]\n', lines: [2], message: /`npx serve`/ },
    { name: 'a path', code: 'FROM node:20\nCMD ["/usr/local/bin/npm", "start"]\n', lines: [2] },
    { name: 'sh -c in JSON form', code: 'FROM node:20\nCMD ["sh", "-c", "npm start"]\n', lines: [2], message: /`npm start`/ },
    { name: 'after a cd', code: 'FROM node:20\nCMD cd /app && npm start\n', lines: [2], message: /`npm start`/ },
    { name: 'exec and sudo wrappers', code: 'FROM node:20\nCMD exec sudo -u node npm start\n', lines: [2], message: /`npm start`/ },
    { name: 'line continuations', code: 'FROM node:20\nCMD npm \\\n  start\n', lines: [2] },
    { name: 'ENTRYPOINT npm with a CMD', code: 'FROM node:20\nENTRYPOINT ["npm"]\nCMD ["start"]\n', lines: [2], message: /^`npm` as/ },
    { name: 'the CMD under an init', code: 'FROM node:20\nENTRYPOINT ["tini", "--"]\nCMD ["npm", "start"]\n', lines: [3] },
    { name: 'the CMD under an entrypoint script', code: 'FROM node:20\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["npm", "start"]\n', lines: [3] },
    { name: 'a CMD inherited from the stage the final one is built from', code: 'FROM node:20 AS base\nCMD ["npm", "start"]\nFROM base\nRUN echo built\n', lines: [2] },
    { name: 'a pragma covers the next instruction only', code: 'FROM node:20\n# dockerfile-optimizer ignore=cmd-no-package-manager\nEXPOSE 3000\nCMD ["npm", "start"]\n', lines: [4] },
  ],
});

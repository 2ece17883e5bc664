import { testRule } from '../../helpers/rule-tester';

testRule('healthcheck-defined', {
  valid: [
    'FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK CMD curl -fsS http://localhost/ || exit 1\n',
    'FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK NONE\n',
    { name: 'no port: a tool, a job or a base image', code: 'FROM alpine:3.20\nENTRYPOINT ["jq"]\n' },
    { name: 'a health check of the stage it is built from', code: 'FROM nginx:1.27 AS base\nHEALTHCHECK CMD curl -fsS http://localhost/ || exit 1\nFROM base\nEXPOSE 80\n' },
    { name: 'builder stages that expose ports are not images', code: 'FROM node:22 AS dev\nEXPOSE 3000\nRUN npm run build\nFROM nginx:1.27\nCOPY --from=dev /app/dist /usr/share/nginx/html\nHEALTHCHECK NONE\n' },
  ],
  invalid: [
    { code: 'FROM nginx:1.27\nEXPOSE 80\n', lines: [1], message: /exposes a port but defines no `HEALTHCHECK`/ },
    { name: 'a port exposed by the stage it is built from', code: 'FROM nginx:1.27 AS base\nEXPOSE 80\nFROM base\nCOPY site /usr/share/nginx/html\n', lines: [3] },
  ],
});

import { testRule } from '../../helpers/rule-tester';

const config = { trustedRegistries: ['ghcr.io', '*.corp.example'] };

testRule('from-trusted-registry', {
  valid: [
    { name: 'no setting: every registry', code: 'FROM quay.io/acme/tool:1.0\n' },
    { code: 'FROM ghcr.io/acme/node:20\nFROM registry.corp.example/base:1 AS x\n', config },
    { name: 'scratch and stages', code: 'FROM ghcr.io/acme/go:1 AS build\nFROM build AS test\nFROM scratch\nCOPY --from=build /a /a\n', config },
    { name: 'docker.io, however written', code: 'FROM node:20\nFROM bitnami/redis:7\nFROM docker.io/library/alpine:3.20\nFROM index.docker.io/library/alpine:3.20\n', config: { trustedRegistries: ['docker.io'] } },
    { name: 'everything', code: 'FROM quay.io/acme/tool:1.0\n', config: { trustedRegistries: ['*'] } },
    { name: 'an unresolved variable', code: 'ARG IMAGE\nFROM $IMAGE\n', config },
  ],
  invalid: [
    {
      code: 'FROM node:20-slim\n',
      config,
      lines: [1],
      message: /^`node:20-slim` comes from `docker\.io`, which is not a trusted registry/,
    },
    { name: 'a wildcard covers subdomains only', code: 'FROM corp.example/base:1\n', config, lines: [1] },
    { name: 'COPY --from and RUN --mount images', code: 'FROM ghcr.io/acme/base:1\nCOPY --from=quay.io/acme/tool:1 /bin/tool /bin/\nRUN --mount=type=bind,from=nginx:1.27,target=/n cat /n/etc/nginx/nginx.conf\n', config, lines: [2, 3] },
    { name: 'a resolved ARG', code: 'ARG REGISTRY=quay.io\nFROM ${REGISTRY}/acme/tool:1\n', config, lines: [2] },
  ],
});

import { defineRule } from '../define-rule';
import type { Instr } from '../model';
import type { Range } from '../types';

/** BuildKit's patterns: a secret-like word at the start, the end or between underscores of the name. */
const SECRET = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
/** Words that mark the value as not secret (`PUBLIC_KEY`, `TOKEN_FILE`, `AUTH_VERSION`). */
const NOT_SECRET = /(?:_|^)(?:public|file|version)(?:_|$)/i;

export function looksSecret(name: string): boolean {
  return SECRET.test(name) && !NOT_SECRET.test(name);
}

export default defineRule({
  id: 'secret-not-in-arg-or-env',
  category: 'security',
  severity: 'warning',
  fixable: false,
  scope: 'all-stages',
  aliases: ['DL3064', 'SecretsUsedInArgOrEnv'],
  docs: {
    description: '`ARG` and `ENV` in a stage do not carry secrets (names such as `*_TOKEN`, `PASSWORD`, `API_KEY`).',
    rationale:
      'Values of `ENV` are stored in the image configuration and values of `ARG` in the image history (`docker history` shows them in every `RUN`), so anyone who can pull the image can read them. Pass secrets with `RUN --mount=type=secret,id=…` (and `docker build --secret`), which exposes them to one `RUN` only and never writes them to a layer. Names that say the value is not secret (`PUBLIC_KEY`, `TOKEN_FILE`, `AUTH_VERSION`) are fine.',
    bad: 'FROM node:20-slim\nARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci\n',
    good: 'FROM node:20-slim\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \\\n    echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci\n',
    references: [
      'https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/',
      'https://docs.docker.com/build/building/secrets/',
      'https://github.com/hadolint/hadolint/wiki/DL3064',
    ],
    differences: 'Like BuildKit, only `ARG`s inside a stage are checked: a global `ARG` reaches the image only when a stage declares it again, and that is reported.',
  },
  check({ model, report }) {
    for (const instr of model.instructions) {
      if (!instr.stage || (instr.keyword !== 'ARG' && instr.keyword !== 'ENV')) continue;
      const node = instr.node as Instr['node'] & { getProperties?: () => Array<{ getName(): string; getNameRange(): Range }> };
      for (const property of node.getProperties?.() ?? []) {
        const name = property.getName();
        if (!looksSecret(name)) continue;
        report({
          range: property.getNameRange(),
          message: `\`${instr.keyword} ${name}\` looks like a secret, which would stay readable in the image`,
        });
      }
    }
  },
});

import { defineRule } from '../define-rule';
import { parseImageRef, type ImageRef } from '../image-ref';
import { stageReferences, type Instr } from '../model';
import type { Range } from '../types';

/** Whether a registry host matches one of the patterns: a host, `*.domain` for its subdomains, or `*`. */
export function isTrustedRegistry(registry: string, patterns: string[]): boolean {
  const host = registry.toLowerCase();
  return patterns.some((raw) => {
    const p = raw.trim().toLowerCase();
    if (p === '*') return true;
    if (p.startsWith('*.')) return host.endsWith(p.slice(1));
    return host === p || (p === 'docker.io' && (host === 'index.docker.io' || host === 'registry-1.docker.io'));
  });
}

export default defineRule({
  id: 'from-trusted-registry',
  category: 'security',
  severity: 'warning',
  fixable: false,
  scope: 'all-stages',
  aliases: ['DL3026'],
  docs: {
    description: 'Images come from the registries the project trusts (setting `trustedRegistries`; off when none are set).',
    rationale:
      'Every base image and every image that `COPY --from` or `RUN --mount=from=` pulls runs code in your build. Organisations that mirror or vet images keep a list of registries to pull from; an image from anywhere else bypasses that review. Docker Hub names without a registry (`node`, `bitnami/redis`) come from `docker.io`.',
    bad: 'FROM node:20-slim\n',
    good: 'FROM ghcr.io/acme/node:20-slim\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3026', 'https://github.com/hadolint/hadolint#configure'],
    config: { trustedRegistries: ['ghcr.io'] },
  },
  check({ model, config, report }) {
    const trusted = config.trustedRegistries;
    if (!trusted || trusted.length === 0) return;
    const check = (image: ImageRef | undefined, range: Range) => {
      if (!image || isTrustedRegistry(image.registry, trusted)) return;
      report({ range, message: `\`${image.text}\` comes from \`${image.registry}\`, which is not a trusted registry (${trusted.map((t) => `\`${t}\``).join(', ')})` });
    };
    for (const stage of model.stages) {
      check(stage.image, stage.imageRange);
      const refs: Array<[Instr, string]> = stage.instructions.flatMap((i) => stageReferences(i).map((r): [Instr, string] => [i, r]));
      for (const [instr, ref] of refs) {
        if (ref.includes('$') || model.stageRef(ref)) continue;
        check(parseImageRef(ref), instr.range);
      }
    }
  },
});

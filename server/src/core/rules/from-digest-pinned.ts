import { defineRule } from '../define-rule';
import { pinFix } from '../digest-pin';

export default defineRule({
  id: 'from-digest-pinned',
  category: 'reproducibility',
  severity: 'info',
  fixable: 'unsafe',
  scope: 'all-stages',
  aliases: [],
  docs: {
    description: 'Base images are pinned by digest (`image:tag@sha256:…`).',
    rationale:
      'A tag is a pointer the publisher can move: `node:20-slim` is rebuilt every few days. Pinning the digest makes the build reproducible and protects against a tampered tag; keeping the tag beside it keeps the file readable, and tools such as Renovate or Dependabot update both together.',
    bad: 'FROM node:20-slim\n',
    good: 'FROM node:20-slim@sha256:9b3c8f0c8c1b6c2b5a52e3d9a1f5b4d3c2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7\n',
    differences:
      'The fix looks the digest up in the image\'s registry, so it is offered only when registry lookups are enabled (the `dockerfileOptimizer.registry.enabled` setting, `dockerfile-optimizer pin`, or `--registry` with `--unsafe-fixes` on the command line). It keeps the tag and pins the index (manifest list) digest, which covers every platform.',
    references: [
      'https://docs.docker.com/build/building/best-practices/#pin-base-image-versions',
      'https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier',
    ],
  },
  check({ model, registry, report }) {
    for (const stage of model.stages) {
      const image = stage.image;
      if (!image || image.digest) continue;
      report({
        range: stage.imageRange,
        message: `Base image \`${image.text}\` is not pinned by digest`,
        fix: pinFix(stage, registry, `Pin \`${image.text}\` to its current digest`, 'unsafe'),
      });
    }
  },
});

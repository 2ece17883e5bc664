import { constantPlatform, pinFix } from '../digest-pin';
import { defineRule } from '../define-rule';
import { tagKey } from '../image-ref';

export default defineRule({
  id: 'from-digest-current',
  category: 'security',
  severity: 'info',
  fixable: 'unsafe',
  scope: 'all-stages',
  aliases: [],
  docs: {
    description: 'A base image pinned by tag and digest is pinned to the digest its tag points to now.',
    rationale:
      'A tag moves when its image is rebuilt, usually for security fixes. A digest pinned next to the tag keeps the old image forever: the file still reads `node:20-slim` while the build uses an image that stopped receiving updates. Updating the digest picks up the rebuild deliberately, in a reviewable change. This check needs registry lookups; it reports nothing when they are off.',
    bad: 'FROM node:20-slim@sha256:0000000000000000000000000000000000000000000000000000000000000000\n',
    good: 'FROM node:20-slim@sha256:1111111111111111111111111111111111111111111111111111111111111111\n',
    tags: {
      'docker.io/library/node:20-slim': { digest: `sha256:${'1'.repeat(64)}`, platformDigests: [`sha256:${'2'.repeat(64)}`] },
    },
    references: ['https://docs.docker.com/build/building/best-practices/#pin-base-image-versions'],
  },
  check({ model, registry, tags, report }) {
    if (!tags) return;
    for (const stage of model.stages) {
      const image = stage.image;
      if (!image?.digest || !image.tag) continue;
      const lookup = tags.get(tagKey(image));
      if (!lookup || lookup.digest === image.digest || lookup.platformDigests.includes(image.digest)) continue;
      // A pin of one platform's manifest (with a constant --platform) stays a per-platform pin.
      const platform = constantPlatform(stage);
      report({
        range: stage.imageRange,
        message: `\`${image.name}:${image.tag}\` now points to another image than the pinned digest`,
        fix: pinFix(stage, registry, 'Update pinned digest', 'unsafe', platform),
      });
    }
  },
});

import { defineRule } from '../define-rule';

export default defineRule({
  id: 'from-tag-explicit',
  category: 'reproducibility',
  severity: 'warning',
  fixable: false,
  scope: 'all-stages',
  aliases: ['DL3006', 'DL3007'],
  docs: {
    description: 'Base images name an explicit version tag, not `latest` or nothing.',
    rationale:
      'Without a tag Docker pulls `latest`, which moves whenever the image is republished: the same Dockerfile builds a different image next week, a major version bump breaks the build without any change on your side, and nobody can tell which version an old image was built from.',
    bad: 'FROM node\nCMD ["node", "server.js"]\n',
    good: 'FROM node:20.11-bookworm-slim\nCMD ["node", "server.js"]\n',
    references: [
      'https://docs.docker.com/build/building/best-practices/#from',
      'https://github.com/hadolint/hadolint/wiki/DL3006',
      'https://github.com/hadolint/hadolint/wiki/DL3007',
    ],
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const image = stage.image;
      if (!image || image.digest) continue;
      if (!image.tag) {
        report({ range: stage.imageRange, message: `Base image \`${image.name}\` has no tag, so it floats with \`latest\`` });
      } else if (image.tag === 'latest') {
        report({ range: stage.imageRange, message: `Base image \`${image.name}:latest\` uses the floating \`latest\` tag` });
      }
    }
  },
});

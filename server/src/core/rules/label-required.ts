import { defineRule } from '../define-rule';
import { imageStages, stageLabels } from '../labels';

export default defineRule({
  id: 'label-required',
  category: 'maintainability',
  severity: 'warning',
  fixable: false,
  scope: 'all-stages',
  aliases: ['DL3049'],
  docs: {
    description: 'Every image the file builds carries the labels of the configured label schema.',
    rationale:
      'Registries, scanners and people find an image\'s source, owner, version and license through its labels. The label schema (`labelSchema`, or `label-schema` in `.hadolint.yaml`) lists the labels every image of the project must carry; labels set in a stage are inherited by the stages built `FROM` it.',
    bad: 'FROM alpine:3.20\nCMD ["sh"]\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source="https://github.com/example/app"\nCMD ["sh"]\n',
    references: [
      'https://github.com/hadolint/hadolint/wiki/DL3049',
      'https://github.com/hadolint/hadolint#linting-labels',
      'https://github.com/opencontainers/image-spec/blob/main/annotations.md',
    ],
    differences:
      'The images checked are the stages that no other stage is built `FROM` or copies from (the final stage and any other `--target`). When a stage and the stage built from it both lack a label, only the stage built from it is reported: adding the label there is the fix.',
    config: { labelSchema: { 'org.opencontainers.image.source': 'url' } },
  },
  check({ model, config, report }) {
    const schema = config.labelSchema;
    if (!schema) return;
    for (const stage of imageStages(model)) {
      const labels = stageLabels(stage);
      for (const key of Object.keys(schema)) {
        if (labels.has(key)) continue;
        report({ range: stage.from.node.getInstructionRange(), message: `Label \`${key}\` of the label schema is missing from this image` });
      }
    }
  },
});

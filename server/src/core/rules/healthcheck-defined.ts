import { defineRule } from '../define-rule';
import { imageStages } from '../labels';
import type { Stage } from '../model';

/** The stage and the stages it is built from, nearest first. */
function chain(stage: Stage): Stage[] {
  const stages: Stage[] = [];
  for (let s: Stage | undefined = stage; s && !stages.includes(s); s = s.baseStage) stages.push(s);
  return stages;
}

export default defineRule({
  id: 'healthcheck-defined',
  category: 'maintainability',
  severity: 'info',
  fixable: false,
  scope: 'all-stages',
  aliases: ['DL3057'],
  docs: {
    description: 'Every image the file builds that exposes a port (a service) defines a `HEALTHCHECK`, or turns it off with `HEALTHCHECK NONE`.',
    rationale:
      'Docker, Compose and Swarm only know that a service is up when it has a health check: without one, a container whose server hangs stays "running", dependants start against it and rolling updates carry on. `HEALTHCHECK NONE` records that the image deliberately has none (for example because Kubernetes probes it).',
    bad: 'FROM nginx:1.27\nEXPOSE 80\n',
    good: 'FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK CMD curl -fsS http://localhost/ || exit 1\n',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3057', 'https://docs.docker.com/reference/dockerfile/#healthcheck'],
    differences:
      'hadolint reports every image without a `HEALTHCHECK`, and turns the rule off by default for that reason; this rule only reports images that `EXPOSE` a port, since a health check is for long-running services, not for tools, jobs or base images.',
  },
  check({ model, report }) {
    for (const stage of imageStages(model)) {
      const stages = chain(stage);
      const has = (keyword: string) => stages.some((s) => s.instructions.some((i) => i.keyword === keyword));
      if (!has('EXPOSE') || has('HEALTHCHECK')) continue;
      report({ range: stage.from.node.getInstructionRange(), message: 'This image exposes a port but defines no `HEALTHCHECK`' });
    }
  },
});

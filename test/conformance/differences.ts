/**
 * Where our rules deliberately differ from the tools they alias, as it shows in those tools' test
 * cases. A failed case counts as "differs by design" only when an entry here names its rule and
 * alias and its predicate matches the case; the justification must appear word for word in the
 * rule's `docs.differences`, so every difference the conformance accepts is documented for users.
 */
import type { DockerfileModel, Stage } from '../../server/src/core/model';
import type { Finding } from '../../server/src/core/types';

export interface CaseContext {
  /** The Dockerfile text as linted (after the runner's normalisation). */
  text: string;
  model: DockerfileModel;
  expect: 'catch' | 'pass';
  /** Findings of the rule under test. */
  findings: Finding[];
}

export interface DesignDifference {
  /** Our rule id. */
  rule: string;
  /** The hadolint code or BuildKit check name whose cases this explains. */
  alias: string;
  /** Why; must appear verbatim in the rule's `docs.differences`. */
  justification: string;
  /** Whether this difference explains the failed case. Keep it as narrow as the justification. */
  applies(c: CaseContext): boolean;
}

/** Whether every stage in which `relevant` holds is a builder stage (not shipped). */
export function onlyInBuilderStages(model: DockerfileModel, relevant: (stage: Stage) => boolean): boolean {
  const stages = model.stages.filter(relevant);
  return stages.length > 0 && stages.every((s) => !s.shipped);
}

/** The instructions of the file as written, upper-cased keyword first (`RUN foo && bar`). */
function lines(text: string): string[] {
  return text.split('\n').map((l) => l.trim());
}

const ROOT_USER = /^(root|0)(:.*)?$/;

/** The argument of a stage's own last `USER`, if any. */
function lastUser(stage: Stage): string | undefined {
  const users = stage.instructions.filter((i) => i.keyword === 'USER');
  return users[users.length - 1]?.node.getArgumentsContent()?.trim();
}

/** Whether the stage runs an apt install in an `ONBUILD RUN` trigger. */
function aptInstallTrigger(model: DockerfileModel, stage: Stage): boolean {
  return stage.instructions.some(
    (i) => i.trigger?.keyword === 'RUN' && model.shell(i.trigger).commands.some((c) => /^apt(-get|itude)?$/.test(c.name) && c.args.some((w) => w.value === 'install')),
  );
}

export const DIFFERENCES: DesignDifference[] = [
  {
    rule: 'user-non-root',
    alias: 'DL3002',
    justification: 'it ignores builder stages',
    // hadolint reports a root `USER` at the end of any stage; only the shipped stages' user matters.
    applies: (c) => c.expect === 'catch' && c.findings.length === 0 && onlyInBuilderStages(c.model, (s) => ROOT_USER.test(lastUser(s) ?? '')),
  },
  {
    rule: 'user-non-root',
    alias: 'DL3002',
    justification: 'This rule also reports a final stage with no `USER` at all',
    applies: (c) => {
      if (c.expect !== 'pass' || !c.model.finalStage) return false;
      for (let s: Stage | undefined = c.model.finalStage; s; s = s.baseStage) if (lastUser(s) !== undefined) return false;
      return true;
    },
  },
  {
    rule: 'apt-lists-removed',
    alias: 'DL3009',
    justification: 'the triggers of a builder stage that no later stage is built from never run',
    applies: (c) => c.expect === 'catch' && c.findings.length === 0 && onlyInBuilderStages(c.model, (s) => aptInstallTrigger(c.model, s)),
  },
  {
    rule: 'cmd-exec-form',
    alias: 'DL3025',
    justification: '`HEALTHCHECK CMD` is not checked',
    applies: (c) =>
      c.expect === 'catch' &&
      c.findings.length === 0 &&
      c.model.instructions.some((i) => i.keyword === 'HEALTHCHECK') &&
      !c.model.instructions.some((i) => (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && !c.model.shell(i).execForm),
  },
  {
    rule: 'yum-version-pinned',
    alias: 'DL3033',
    justification: 'an `ARG` of another stage expands to nothing',
    applies: (c) => c.expect === 'pass' && c.findings.length > 0 && c.findings.every((f) => /its variable is not set in this stage/.test(f.message)),
  },
  {
    rule: 'dnf-version-pinned',
    alias: 'DL3041',
    justification: 'an `ARG` of another stage expands to nothing',
    applies: (c) => c.expect === 'pass' && c.findings.length > 0 && c.findings.every((f) => /its variable is not set in this stage/.test(f.message)),
  },
  {
    rule: 'pip-no-cache-dir',
    alias: 'DL3042',
    justification: 'pip disables its cache for every valid value of the variable, false ones included',
    applies: (c) => c.expect === 'catch' && /PIP_NO_CACHE_DIR=["']?(0|false|no|off|n|f)\b/i.test(c.text),
  },
  {
    rule: 'label-required',
    alias: 'DL3049',
    justification: 'When a stage and the stage built from it both lack a label, only the stage built from it is reported',
    applies: (c) => c.expect === 'catch' && c.findings.length > 0 && c.model.stages.some((s) => s.baseStage !== undefined),
  },
  {
    rule: 'healthcheck-defined',
    alias: 'DL3057',
    justification: 'this rule only reports images that `EXPOSE` a port',
    applies: (c) => c.expect === 'catch' && !lines(c.text).some((l) => /^EXPOSE\b/i.test(l)),
  },
  {
    rule: 'run-consecutive-merged',
    alias: 'DL3059',
    justification: 'hadolint also stays quiet when either `RUN` already chains commands',
    applies: (c) => c.expect === 'pass' && lines(c.text).some((l) => /^RUN\b.*(&&|;)/i.test(l)),
  },
  {
    rule: 'yarn-cache-clean',
    alias: 'DL3060',
    justification: 'An `ONBUILD RUN` belongs to its stage: in a builder stage that no stage is built from it is not reported',
    applies: (c) =>
      c.expect === 'catch' &&
      onlyInBuilderStages(c.model, (s) => s.instructions.some((i) => i.keyword === 'ONBUILD' && /\byarn\b/.test(c.model.textOf(i.range)))),
  },
  {
    rule: 'secret-not-in-arg-or-env',
    alias: 'DL3064',
    justification: 'a global `ARG` reaches the image only when a stage declares it again',
    applies: (c) => c.expect === 'catch' && c.model.globalArgs.length > 0 && c.model.stages.every((s) => !s.instructions.some((i) => i.keyword === 'ARG' || i.keyword === 'ENV')),
  },
  {
    rule: 'stage-single-download-tool',
    alias: 'DL4001',
    justification: 'this rule only the shipped ones, as the tools of a builder stage are not shipped',
    applies: (c) =>
      c.expect === 'catch' &&
      onlyInBuilderStages(c.model, (s) => ['curl', 'wget'].every((tool) => s.instructions.some((i) => new RegExp(`\\b${tool}\\b`).test(c.model.textOf(i.range))))),
  },
  {
    rule: 'shell-pipefail',
    alias: 'DL4006',
    justification: 'On Alpine and BusyBox images `/bin/sh` is BusyBox ash, which supports `pipefail`',
    applies: (c) =>
      c.expect === 'catch' &&
      lines(c.text).some((l) => /^FROM\s+(alpine|busybox)\b/i.test(l)) &&
      lines(c.text).some((l) => /^SHELL\s*\[\s*"\/bin\/sh",.*"pipefail"/i.test(l)),
  },
];

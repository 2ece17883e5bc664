/** What every multi-stage rewrite must satisfy, whatever the ecosystem. */
import { expect } from 'vitest';
import { ruleById } from '../../server/src/core/catalog';
import { lint } from '../../server/src/core/lint';
import { parseDockerfile, stageReferences } from '../../server/src/core/model';
import { planSplit } from '../../server/src/core/refactor/split';
import type { SplitOptions } from '../../server/src/core/refactor/types';
import type { ContextFiles, Finding } from '../../server/src/core/types';
import { memoryContext } from '../../server/src/io/context-files';

/**
 * Findings that would make the rewrite not worth shipping: syntax errors and size/security rules
 * (the build context's `.dockerignore` aside, and hints, which are suggestions rather than problems).
 */
export function blockingFindings(findings: Finding[]): Finding[] {
  return findings.filter((f) => {
    if (f.ruleId.startsWith('syntax-')) return true;
    if (f.severity === 'hint') return false;
    const rule = ruleById(f.ruleId);
    return rule !== undefined && (rule.category === 'size' || rule.category === 'security') && f.ruleId !== 'context-dockerignore';
  });
}

/** Problems with a rewrite, as readable strings (empty when it is fine). */
export function splitProblems(output: string, files: ContextFiles): string[] {
  const problems: string[] = [];
  const { model, findings } = lint(output, { files });
  for (const f of blockingFindings(findings)) problems.push(`${f.ruleId} at line ${f.range.start.line + 1}: ${f.message}`);
  if (model.stages.length < 2) problems.push('the rewrite has fewer than two stages');
  for (const stage of model.stages) {
    for (const instr of stage.instructions) {
      for (const ref of stageReferences(instr)) {
        const target = model.stageRef(ref);
        if (!target) problems.push(`\`--from=${ref}\` at line ${instr.range.start.line + 1} names no stage`);
        else if (target.index >= stage.index) problems.push(`\`--from=${ref}\` at line ${instr.range.start.line + 1} names a later stage`);
      }
    }
  }
  if (planSplit(parseDockerfile(output), files).ok) problems.push('the split is offered again on its own output');
  if (findings.some((f) => f.ruleId === 'stage-multi-stage')) problems.push('stage-multi-stage still reports the output');
  return problems;
}

export function expectGoodSplit(output: string, files: ContextFiles): void {
  expect(splitProblems(output, files), output).toEqual([]);
}

/**
 * The helpers each ecosystem's split tests use: `split` plans, `good` expects a split of this
 * ecosystem that satisfies every invariant (and returns it with its runtime stage), `reason`
 * expects a refusal and returns why. Files default to the ecosystem's sample project.
 */
export function splitTester(ecosystem: string, project: Record<string, string>) {
  const contextOf = (files: ContextFiles | Record<string, string>): ContextFiles =>
    'read' in files ? (files as ContextFiles) : memoryContext(files as Record<string, string>);
  const split = (dockerfile: string, files: ContextFiles | Record<string, string> = project, options?: SplitOptions) =>
    planSplit(parseDockerfile(dockerfile), contextOf(files), options);
  return {
    split,
    good(dockerfile: string, files: Record<string, string> = project, options?: SplitOptions): { text: string; notes: string[]; runtime: string } {
      const plan = split(dockerfile, files, options);
      if (!plan.ok) throw new Error(`refused: ${plan.reason}`);
      expect(plan.ecosystem).toBe(ecosystem);
      expectGoodSplit(plan.text, memoryContext(files));
      return { ...plan, runtime: plan.text.slice(plan.text.lastIndexOf('\nFROM ') + 1) };
    },
    reason(dockerfile: string, files: ContextFiles | Record<string, string> = project, options?: SplitOptions): string {
      const plan = split(dockerfile, files, options);
      if (plan.ok) throw new Error(`split, expected a refusal:\n${plan.text}`);
      return plan.reason;
    },
  };
}

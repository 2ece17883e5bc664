/** Runs the rules and the syntax validator over one Dockerfile. */
import { hasBuildkitAlias, idsFor, rules } from './catalog';
import { parseDockerfile, type DockerfileModel } from './model';
import { readSuppressions } from './suppressions';
import { syntaxFindings } from './syntax';
import type { ContextFiles, Finding, Severity } from './types';

export interface LintOptions {
  /** The build context; defaults to an empty one. */
  files?: ContextFiles;
  /** The Dockerfile's name within its folder. */
  fileName?: string;
  /** Severity per rule id, or `off`. */
  severities?: Record<string, Severity | 'off'>;
  /** Only these rules (ids or aliases). */
  only?: string[];
  /** Never these rules (ids or aliases). */
  ignore?: string[];
  /** Include the validator's syntax findings (default true). */
  syntax?: boolean;
  /** Called when a rule throws; that rule's findings are dropped and the rest still arrive. */
  onRuleError?(ruleId: string, error: unknown): void;
}

export interface LintResult {
  model: DockerfileModel;
  findings: Finding[];
}

export const NO_FILES: ContextFiles = {
  read: () => undefined,
  exists: () => false,
  list: () => undefined,
};

function tokenSet(tokens: string[] | undefined): Set<string> | undefined {
  return tokens ? new Set(tokens.flatMap((t) => idsFor(t))) : undefined;
}

export function comparePositions(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

export function lintModel(model: DockerfileModel, options: LintOptions = {}): Finding[] {
  const only = tokenSet(options.only);
  const ignore = tokenSet(options.ignore);
  const enabled = (id: string) => (!only || only.has(id)) && !ignore?.has(id) && options.severities?.[id] !== 'off';
  const files = options.files ?? NO_FILES;
  const fileName = options.fileName ?? 'Dockerfile';
  const findings: Finding[] = [];

  for (const rule of rules) {
    if (!enabled(rule.id)) continue;
    const own: Finding[] = [];
    const severity = (options.severities?.[rule.id] as Severity | undefined) ?? rule.severity;
    try {
      rule.check({
        model,
        files,
        fileName,
        report: (r) => own.push({ ruleId: rule.id, severity, range: r.range, message: r.message, fix: r.fix }),
      });
      findings.push(...own);
    } catch (error) {
      options.onRuleError?.(rule.id, error);
    }
  }
  if (options.syntax !== false) {
    for (const finding of syntaxFindings(model.text)) {
      if (!enabled(finding.ruleId)) continue;
      const severity = options.severities?.[finding.ruleId];
      findings.push(severity && severity !== 'off' ? { ...finding, severity } : finding);
    }
  }
  const suppressions = readSuppressions(model, idsFor, hasBuildkitAlias);
  return findings.filter((f) => !suppressions.isSuppressed(f)).sort(comparePositions);
}

export function lint(text: string, options: LintOptions = {}): LintResult {
  const model = parseDockerfile(text);
  return { model, findings: lintModel(model, options) };
}

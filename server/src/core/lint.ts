/** Runs the rules and the syntax validator over one Dockerfile. */
import { hasBuildkitAlias, idsFor, rules } from './catalog';
import { compareIds } from './compare';
import { isShellcheckCode } from './shellcheck-map';
import { parseDockerfile, type DockerfileModel } from './model';
import { checkOptions, experimentalOff, readSuppressions } from './suppressions';
import { syntaxFindings } from './syntax';
import type { RegistryClient } from './registry-types';
import type { CheckContext, ContextFiles, Finding, RuleConfig, Severity, TagLookup } from './types';

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
  /** Project settings the rules read (trusted registries…). */
  config?: RuleConfig;
  /** Registry access for the fixes that need it (digest pinning); absent when lookups are off. */
  registry?: RegistryClient;
  /** Tags already looked up, for checks that compare an existing pin with its tag. */
  tags?: ReadonlyMap<string, TagLookup>;
  /**
   * The `BUILDKIT_DOCKERFILE_CHECK` build argument (`skip=…;error=true;experimental=…`). As in
   * BuildKit it replaces the file's `# check=` directive; unset, the directive applies.
   */
  buildkitCheck?: string;
  /** Honour `# hadolint ignore=` pragmas (default true; hadolint's `disable-ignore-pragma: true` sets false). */
  hadolintPragmas?: boolean;
  /**
   * Findings of external tools (ShellCheck's `SCxxxx`), filtered by `only`, `ignore`, severities and
   * suppressions like the rules' own.
   */
  external?: Finding[];
  /** Include the validator's syntax findings (default true). */
  syntax?: boolean;
  /** Called when a rule (or the syntax validator, as `syntax`) throws; its findings are dropped and the rest still arrive. */
  onRuleError?(ruleId: string, error: unknown): void;
}

export interface LintResult {
  model: DockerfileModel;
  findings: Finding[];
}

/** The id `onRuleError` receives when the syntax validator fails. */
export const SYNTAX_VALIDATOR = 'syntax';

export const NO_FILES: ContextFiles = {
  read: () => undefined,
  exists: () => false,
  list: () => undefined,
};

/** The ids a token stands for: our rules and validator codes by id or alias, and ShellCheck codes as themselves. */
export function tokenIds(token: string): string[] {
  return isShellcheckCode(token.toUpperCase()) ? [token.toUpperCase()] : idsFor(token);
}

function tokenSet(tokens: string[] | undefined): Set<string> | undefined {
  return tokens ? new Set(tokens.flatMap(tokenIds)) : undefined;
}

export function comparePositions(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || compareIds(a.ruleId, b.ruleId);
}

export function lintModel(model: DockerfileModel, options: LintOptions = {}): Finding[] {
  const only = tokenSet(options.only);
  const ignore = tokenSet(options.ignore);
  const enabled = (id: string) => (!only || only.has(id)) && !ignore?.has(id) && options.severities?.[id] !== 'off';
  const files = options.files ?? NO_FILES;
  const fileName = options.fileName ?? 'Dockerfile';
  const config = options.config ?? {};
  const findings: Finding[] = [];

  // One context for all the rules (the rule being run changes under it): a file is checked by every
  // rule, so per-rule objects and closures would be most of what linting allocates outside the rules.
  let ruleId = '';
  let severity: Severity = 'warning';
  /** The findings of the rule being run. */
  const own: Finding[] = [];
  const context: CheckContext = {
    model,
    files,
    fileName,
    config,
    registry: options.registry,
    tags: options.tags,
    report: (r) => own.push({ ruleId, severity, range: r.range, message: r.message, fix: r.fix }),
  };
  const checks = checkOptions(model, options.buildkitCheck);
  // Experimental BuildKit checks report only when the check options switch them on; otherwise they are not run.
  const off = experimentalOff(checks, tokenIds);
  for (const rule of rules) {
    if (!enabled(rule.id) || off.has(rule.id)) continue;
    ruleId = rule.id;
    severity = (options.severities?.[rule.id] as Severity | undefined) ?? rule.severity;
    own.length = 0;
    try {
      rule.check(context);
      // A rule's findings count only once it has finished: one that throws midway reports nothing.
      for (const finding of own) findings.push(finding);
    } catch (error) {
      options.onRuleError?.(rule.id, error);
    }
  }
  for (const finding of options.external ?? []) {
    if (!enabled(finding.ruleId)) continue;
    const severity = options.severities?.[finding.ruleId];
    findings.push(severity && severity !== 'off' ? { ...finding, severity } : finding);
  }
  if (options.syntax !== false) {
    let syntax: Finding[] = [];
    try {
      syntax = syntaxFindings(model.text, model.ast);
    } catch (error) {
      // The validator (dockerfile-utils over dockerfile-ast) can fail on odd input as a rule can: its findings are dropped, the rules' stay.
      options.onRuleError?.(SYNTAX_VALIDATOR, error);
    }
    for (const finding of syntax) {
      if (!enabled(finding.ruleId)) continue;
      const severity = options.severities?.[finding.ruleId];
      findings.push(severity && severity !== 'off' ? { ...finding, severity } : finding);
    }
  }
  const suppressions = readSuppressions(model, tokenIds, hasBuildkitAlias, { buildkitCheck: options.buildkitCheck, hadolintPragmas: options.hadolintPragmas });
  const kept = findings.filter((f) => !suppressions.isSuppressed(f));
  // `error=true`: BuildKit fails the build on any of its checks' findings, so they are errors here too.
  const escalate = checks.error;
  const result = escalate ? kept.map((f) => (hasBuildkitAlias(f.ruleId) && f.severity !== 'error' ? { ...f, severity: 'error' as const } : f)) : kept;
  return result.sort(comparePositions);
}

export function lint(text: string, options: LintOptions = {}): LintResult {
  const model = parseDockerfile(text);
  return { model, findings: lintModel(model, options) };
}

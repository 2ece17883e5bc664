/** Findings as LSP diagnostics. */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import { ruleDocUrl } from '../core/docs';
import type { Finding, Range, Severity } from '../core/types';

export const SOURCE = 'dockerfile-optimizer';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.ruleId,
    codeDescription: { href: ruleDocUrl(finding.ruleId) },
    message: finding.message,
  };
  if (finding.ruleId === 'maintainer-as-label') diagnostic.tags = [DiagnosticTag.Deprecated];
  return diagnostic;
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** The finding a diagnostic was made from, in a fresh analysis of the same text. */
export function findingFor(findings: Finding[], ruleId: unknown, range: Range): Finding | undefined {
  return findings.find((f) => f.ruleId === ruleId && sameRange(f.range, range));
}

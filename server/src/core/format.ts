/** Rendering findings for the command line: text, JSON and SARIF 2.1.0. */
import { aliasesOf, ruleById } from './catalog';
import { PROJECT_URL, ruleDocUrl } from './docs';
import { SYNTAX_CHECKS } from './syntax';
import type { Finding, Severity } from './types';

export interface FileFindings {
  /** Path as given or found, with `/` separators. */
  path: string;
  findings: Finding[];
}

export const SEVERITY_ORDER: Severity[] = ['hint', 'info', 'warning', 'error'];

export function atLeast(severity: Severity, level: Severity): boolean {
  return SEVERITY_ORDER.indexOf(severity) >= SEVERITY_ORDER.indexOf(level);
}

export interface TextStyle {
  severity(severity: Severity, text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export const PLAIN: TextStyle = { severity: (_s, t) => t, dim: (t) => t, bold: (t) => t };

function fixNote(f: Finding): string {
  if (!f.fix) return '';
  return f.fix.safety === 'safe' ? ' (fixable)' : ' (fixable with --unsafe-fixes)';
}

export function formatText(results: FileFindings[], style: TextStyle = PLAIN): string {
  const lines: string[] = [];
  for (const { path, findings } of results) {
    for (const f of findings) {
      const where = `${path}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      lines.push(`${style.bold(where)}: ${style.severity(f.severity, f.severity)} ${f.message} ${style.dim(`[${f.ruleId}]${fixNote(f)}`)}`);
    }
  }
  return lines.join('\n');
}

export function summary(results: FileFindings[]): string {
  const all = results.flatMap((r) => r.findings);
  if (all.length === 0) return `No problems in ${results.length} ${results.length === 1 ? 'file' : 'files'}`;
  const count = (s: Severity) => all.filter((f) => f.severity === s).length;
  const parts = SEVERITY_ORDER.slice()
    .reverse()
    .filter((s) => count(s) > 0)
    .map((s) => `${count(s)} ${s}${s === 'error' || s === 'warning' || s === 'hint' ? (count(s) === 1 ? '' : 's') : ''}`);
  const safe = all.filter((f) => f.fix?.safety === 'safe').length;
  const unsafe = all.filter((f) => f.fix?.safety === 'unsafe').length;
  const files = results.filter((r) => r.findings.length > 0).length;
  let text = `${all.length} ${all.length === 1 ? 'problem' : 'problems'} (${parts.join(', ')}) in ${files} ${files === 1 ? 'file' : 'files'}`;
  if (safe) text += `; ${safe} fixable with --fix`;
  if (unsafe) text += `${safe ? ',' : ';'} ${unsafe} more with --unsafe-fixes`;
  return text;
}

export function formatJson(results: FileFindings[]): string {
  const rows = results.flatMap(({ path, findings }) =>
    findings.map((f) => ({
      file: path,
      ruleId: f.ruleId,
      aliases: aliasesOf(f.ruleId),
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
      severity: f.severity,
      message: f.message,
      fixable: f.fix !== undefined,
      fix: f.fix ? { title: f.fix.title, safety: f.fix.safety } : null,
    })),
  );
  return JSON.stringify(rows, null, 2);
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

function sarifRule(id: string) {
  const rule = ruleById(id);
  const syntax = SYNTAX_CHECKS.find((c) => c.id === id);
  const description =
    rule?.docs.description ?? (/^SC\d{4}$/.test(id) ? `ShellCheck ${id} on a RUN script` : `Dockerfile syntax: ${id.replace(/^syntax-/, '').replace(/-/g, ' ')}`);
  return {
    id,
    shortDescription: { text: description },
    fullDescription: { text: rule ? `${rule.docs.description} ${rule.docs.rationale}` : description },
    helpUri: ruleDocUrl(id),
    help: { text: rule?.docs.rationale ?? description },
    defaultConfiguration: { level: SARIF_LEVEL[rule?.severity ?? (/^SC\d{4}$/.test(id) ? 'warning' : 'error')] },
    properties: { category: rule?.category ?? (/^SC\d{4}$/.test(id) ? 'shellcheck' : 'syntax'), aliases: rule?.aliases ?? syntax?.aliases ?? [], fixable: rule?.fixable ?? false },
  };
}

/** SARIF 2.1.0 log with one run; `uriFor` turns a result path into an artifact URI. */
export function formatSarif(results: FileFindings[], version: string): string {
  const ids = [...new Set(results.flatMap((r) => r.findings.map((f) => f.ruleId)))].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'dockerfile-optimizer', informationUri: PROJECT_URL, version, rules: ids.map(sarifRule) } },
        results: results.flatMap(({ path, findings }) =>
          findings.map((f) => ({
            ruleId: f.ruleId,
            ruleIndex: index.get(f.ruleId)!,
            level: SARIF_LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: encodeURI(path) },
                  region: {
                    startLine: f.range.start.line + 1,
                    startColumn: f.range.start.character + 1,
                    endLine: f.range.end.line + 1,
                    endColumn: f.range.end.character + 1,
                  },
                },
              },
            ],
            ...(f.fix ? { properties: { fix: { title: f.fix.title, safety: f.fix.safety } } } : {}),
          })),
        ),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

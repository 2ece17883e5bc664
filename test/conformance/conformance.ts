/**
 * Conformance with hadolint's and BuildKit's own test cases: runs our linter on every case, maps
 * their rule codes to our rules through `aliases`, and scores the results against the targets.
 */
import { shellcheckFindings, shellcheckTargets } from '../../server/src/core/shellcheck-map';
import { findShellcheck, shellcheckSync } from '../../server/src/io/shellcheck';
import { hasBuildkitAlias, idsFor, ruleById } from '../../server/src/core/catalog';
import { lint, type LintOptions } from '../../server/src/core/lint';
import { parseDockerfile } from '../../server/src/core/model';
import type { Finding } from '../../server/src/core/types';
import { memoryContext } from '../../server/src/io/context-files';
import type { BuildkitCase, HadolintCase } from './cases';
import { DIFFERENCES, type DesignDifference } from './differences';
import { applyHadolintConfig } from './hadolint-config';

export const TARGETS = {
  /** Share of hadolint `catch` cases in which our aliased rule reports. */
  hadolintCatch: 0.95,
  /** Share of hadolint `pass` cases in which our aliased rule stays silent. */
  hadolintPass: 0.98,
  /** Share of BuildKit's expected warnings (of checks we alias) that we report on the right line. */
  buildkitFound: 0.95,
  /** Share of BuildKit cases with no warning of an aliased check where BuildKit reports none. */
  buildkitClean: 0.95,
};

export type Status = 'passed' | 'failed' | 'by-design' | 'skipped' | 'not-implemented';

export interface HadolintResult {
  case: HadolintCase;
  status: Status;
  /** Our rule ids the case's code maps to. */
  ids: string[];
  /** Why the case was skipped, or which difference explains it. */
  note?: string;
  /** Findings of the mapped rules. */
  findings: Finding[];
  /** The text that was linted. */
  text: string;
}

export interface Tally {
  passed: number;
  failed: number;
  byDesign: number;
  skipped: number;
}

export interface HadolintRow {
  code: string;
  ids: string[];
  catch: Tally;
  pass: Tally;
}

export interface HadolintReport {
  results: HadolintResult[];
  rows: HadolintRow[];
  /** Codes we have no rule for, with their number of cases. */
  notImplemented: Array<{ code: string; cases: number }>;
  totals: { catch: Tally; pass: Tally; onbuild: Tally };
}

const newTally = (): Tally => ({ passed: 0, failed: 0, byDesign: 0, skipped: 0 });

function count(tally: Tally, status: Status): void {
  if (status === 'passed') tally.passed++;
  else if (status === 'failed') tally.failed++;
  else if (status === 'by-design') tally.byDesign++;
  else if (status === 'skipped') tally.skipped++;
}

/** Passed share of the cases that count (failed + passed); 1 when there are none. */
export function rate(t: Tally): number {
  const counted = t.passed + t.failed;
  return counted === 0 ? 1 : t.passed / counted;
}

const DIRECTIVE = /^#[ \t]*[a-zA-Z][a-zA-Z0-9_-]*[ \t]*=.*$/;

/**
 * hadolint lints fragments (`RUN apt-get install foo`); our rules work on stages. A fragment (a file
 * without any `FROM`) whose first instruction is not an `ARG` is linted as the body of a single
 * `FROM scratch` stage: the line is inserted after the parser directives, so pragmas still apply to
 * the instruction below them.
 */
export function asStageBody(text: string): string {
  const model = parseDockerfile(text);
  const first = model.instructions.find((i) => i.keyword !== 'ARG');
  // A file with a `FROM` after other instructions is not a fragment but an ordering error (DL3061): linted as written.
  if (!first || first.keyword === 'FROM' || model.stages.length > 0) return text;
  const lines = text.split('\n');
  let at = 0;
  while (at < lines.length && DIRECTIVE.test(lines[at])) at++;
  return [...lines.slice(0, at), 'FROM scratch', ...lines.slice(at)].join('\n');
}

/** Checks that every design difference names a real rule that aliases the code and documents the justification. */
export function checkDifferences(differences: DesignDifference[] = DIFFERENCES): string[] {
  const problems: string[] = [];
  for (const d of differences) {
    const rule = ruleById(d.rule);
    if (!rule) problems.push(`differs-by-design entry for unknown rule \`${d.rule}\``);
    else if (!rule.aliases.includes(d.alias)) problems.push(`differs-by-design entry: \`${d.rule}\` has no alias ${d.alias}`);
    else if (!rule.docs.differences?.includes(d.justification))
      problems.push(`differs-by-design entry for \`${d.rule}\` (${d.alias}): its justification is not in the rule's docs.differences: "${d.justification}"`);
  }
  return problems;
}

/** ShellCheck, when installed: hadolint's `shellcheck` cases expect any `SCxxxx` finding (or none). */
const shellcheckProgram = findShellcheck();

function shellcheckOf(text: string): Finding[] {
  if (!shellcheckProgram) return [];
  const model = parseDockerfile(text);
  return shellcheckTargets(model).flatMap((target) => shellcheckFindings(model, target, shellcheckSync(shellcheckProgram, target.shell, target.input)));
}

export function evaluateHadolintCase(c: HadolintCase): HadolintResult {
  if (c.rule === 'shellcheck') return evaluateShellcheckCase(c);
  const ids = idsFor(c.rule);
  const source = c.onbuild ? (c.dockerfile_onbuild ?? c.dockerfile) : c.dockerfile;
  const base = { case: c, ids, findings: [] as Finding[], text: source };
  if (ids.length === 0) return { ...base, status: 'not-implemented' };
  const options: LintOptions = {};
  if (c.config) {
    const unsupported = applyHadolintConfig(c.config, options);
    if (unsupported.length) return { ...base, status: 'skipped', note: `config \`${unsupported.join('`, `')}\` has no counterpart` };
  }
  const text = asStageBody(`${source}\n`);
  const { model, findings } = lint(text, options);
  const own = findings.filter((f) => ids.includes(f.ruleId));
  const ok = c.expect === 'catch' ? (c.count !== undefined ? own.length === c.count : own.length > 0) : own.length === 0;
  const result = { ...base, findings: own, text };
  if (ok) return { ...result, status: 'passed' };
  const difference = DIFFERENCES.find((d) => ids.includes(d.rule) && d.alias === c.rule && d.applies({ text, model, expect: c.expect, findings: own }));
  if (difference) return { ...result, status: 'by-design', note: difference.justification };
  return { ...result, status: 'failed' };
}

function evaluateShellcheckCase(c: HadolintCase): HadolintResult {
  const source = c.onbuild ? (c.dockerfile_onbuild ?? c.dockerfile) : c.dockerfile;
  const text = asStageBody(`${source}\n`);
  const base = { case: c, ids: ['SC*'], findings: [] as Finding[], text };
  if (!shellcheckProgram) return { ...base, status: 'not-implemented' };
  const own = lint(text, { external: shellcheckOf(text) }).findings.filter((f) => /^SC\d{4}$/.test(f.ruleId));
  const ok = c.expect === 'catch' ? own.length > 0 : own.length === 0;
  return { ...base, findings: own, status: ok ? 'passed' : 'failed' };
}

export function runHadolint(cases: HadolintCase[]): HadolintReport {
  const results = cases.map(evaluateHadolintCase);
  const rows = new Map<string, HadolintRow>();
  const missing = new Map<string, number>();
  const totals = { catch: newTally(), pass: newTally(), onbuild: newTally() };
  for (const r of results) {
    const code = r.case.rule;
    if (r.status === 'not-implemented') {
      missing.set(code, (missing.get(code) ?? 0) + 1);
      continue;
    }
    let row = rows.get(code);
    if (!row) rows.set(code, (row = { code, ids: r.ids, catch: newTally(), pass: newTally() }));
    count(row[r.case.expect], r.status);
    count(totals[r.case.expect], r.status);
    if (r.case.onbuild) count(totals.onbuild, r.status);
  }
  return {
    results,
    rows: [...rows.values()].sort((a, b) => a.code.localeCompare(b.code)),
    notImplemented: [...missing].map(([code, cases]) => ({ code, cases })).sort((a, b) => a.code.localeCompare(b.code)),
    totals,
  };
}

export interface BuildkitResult {
  case: BuildkitCase;
  /** Expected warnings of checks we alias, and whether we reported each on its line. */
  expected: Array<{ rule: string; line: number; found: boolean }>;
  /** Expected warnings of checks we have no rule for. */
  notImplemented: string[];
  /** Our findings of BuildKit-aliased rules that BuildKit does not expect. */
  unexpected: Finding[];
  text: string;
}

export interface BuildkitRow {
  rule: string;
  ids: string[];
  expected: number;
  found: number;
  /** Our findings of this check where BuildKit reports none. */
  unexpected: number;
}

export interface BuildkitReport {
  results: BuildkitResult[];
  rows: BuildkitRow[];
  notImplemented: Array<{ rule: string; warnings: number }>;
  totals: { expected: number; found: number; cases: number; clean: number };
}

export function evaluateBuildkitCase(c: BuildkitCase): BuildkitResult {
  const text = c.dockerfile;
  const options: LintOptions = {};
  if (c.dockerignore !== undefined) options.files = memoryContext({ '.dockerignore': c.dockerignore });
  // The build argument replaces the file's `# check=` directive, as in BuildKit.
  const checkArg = c.frontend_attrs?.['build-arg:BUILDKIT_DOCKERFILE_CHECK'];
  if (checkArg !== undefined) options.buildkitCheck = checkArg;
  const { findings } = lint(text, options);
  const pool = findings.filter((f) => hasBuildkitAlias(f.ruleId)).map((f) => ({ f, used: false }));
  const expected: BuildkitResult['expected'] = [];
  const notImplemented: string[] = [];
  for (const w of c.warnings) {
    const ids = idsFor(w.rule);
    if (ids.length === 0) {
      notImplemented.push(w.rule);
      continue;
    }
    const match = pool.find((p) => !p.used && ids.includes(p.f.ruleId) && p.f.range.start.line + 1 === w.line);
    if (match) match.used = true;
    expected.push({ rule: w.rule, line: w.line, found: Boolean(match) });
  }
  return { case: c, expected, notImplemented, unexpected: pool.filter((p) => !p.used).map((p) => p.f), text };
}

/** The BuildKit check names a rule stands for. */
function buildkitNames(ruleId: string): string[] {
  const rule = ruleById(ruleId);
  const aliases = rule?.aliases ?? [];
  return aliases.filter((a) => !/^(DL|SC)\d{4}$/.test(a));
}

export function runBuildkit(cases: BuildkitCase[]): BuildkitReport {
  const results = cases.map(evaluateBuildkitCase);
  const rows = new Map<string, BuildkitRow>();
  const row = (rule: string): BuildkitRow => {
    let r = rows.get(rule);
    if (!r) rows.set(rule, (r = { rule, ids: idsFor(rule), expected: 0, found: 0, unexpected: 0 }));
    return r;
  };
  const missing = new Map<string, number>();
  const totals = { expected: 0, found: 0, cases: results.length, clean: 0 };
  for (const r of results) {
    for (const e of r.expected) {
      row(e.rule).expected++;
      totals.expected++;
      if (e.found) {
        row(e.rule).found++;
        totals.found++;
      }
    }
    for (const name of r.notImplemented) missing.set(name, (missing.get(name) ?? 0) + 1);
    for (const f of r.unexpected) row(buildkitNames(f.ruleId)[0] ?? f.ruleId).unexpected++;
    if (r.unexpected.length === 0) totals.clean++;
  }
  return {
    results,
    rows: [...rows.values()].sort((a, b) => a.rule.localeCompare(b.rule)),
    notImplemented: [...missing].map(([rule, warnings]) => ({ rule, warnings })).sort((a, b) => a.rule.localeCompare(b.rule)),
    totals,
  };
}

export interface Verdict {
  name: string;
  value: number;
  target: number;
  ok: boolean;
  detail: string;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function verdicts(hadolint: HadolintReport, buildkit: BuildkitReport): Verdict[] {
  const v = (name: string, value: number, target: number, detail: string): Verdict => ({ name, value, target, ok: value >= target, detail });
  const { catch: c, pass: p } = hadolint.totals;
  const bk = buildkit.totals;
  // Every aliased hadolint code on its own, too: a rule may not hide behind the others' cases.
  const below = hadolint.rows.filter((r) => rate(r.catch) < TARGETS.hadolintCatch || rate(r.pass) < TARGETS.hadolintPass);
  const rows = hadolint.rows.length;
  return [
    v('hadolint catch cases passed', rate(c), TARGETS.hadolintCatch, `${c.passed}/${c.passed + c.failed}`),
    v('hadolint pass cases passed', rate(p), TARGETS.hadolintPass, `${p.passed}/${p.passed + p.failed}`),
    {
      name: 'hadolint codes at both targets on their own',
      value: rows ? (rows - below.length) / rows : 1,
      target: 1,
      ok: below.length === 0,
      detail: `${rows - below.length}/${rows}${below.length ? ` (below: ${below.map((r) => r.code).join(', ')})` : ''}`,
    },
    v('BuildKit expected warnings found on the right line', bk.expected ? bk.found / bk.expected : 1, TARGETS.buildkitFound, `${bk.found}/${bk.expected}`),
    v('BuildKit cases with no unexpected warnings', bk.cases ? bk.clean / bk.cases : 1, TARGETS.buildkitClean, `${bk.clean}/${bk.cases}`),
  ];
}

export { pct };

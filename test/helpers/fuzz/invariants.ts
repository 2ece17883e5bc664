/**
 * The invariants every lint and every fix must keep, on any input: lint never throws, no rule
 * fails, and it takes CPU time linear in the input; each fix, alone, changes only the text of its edits, keeps the file's line endings, adds no
 * syntax error and removes the finding it was for; all safe fixes (and all fixes with `unsafe`)
 * converge within five passes, add no syntax error, and a second fix-all changes nothing.
 *
 * Checks return problems instead of throwing, so one sweep can report every broken fix at once and
 * known issues of rules owned by others can be set aside (see known-issues.ts).
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyFixEdits, fixAll, overlayFiles, type FixAllResult } from '../../../server/src/core/fix';
import { lint, NO_FILES, type LintResult } from '../../../server/src/core/lint';
import { parseDockerfile } from '../../../server/src/core/model';
import type { ContextFiles, Edit, Finding } from '../../../server/src/core/types';
import { isKnownIssue } from './known-issues';

export type ProblemKind =
  | 'lint-throws'
  | 'lint-slow'
  | 'rule-error'
  | 'fix-throws'
  | 'fix-empty'
  | 'fix-edits-overlap'
  | 'fix-outside-edits'
  | 'fix-line-endings'
  | 'fix-not-parseable'
  | 'fix-syntax-error'
  | 'fix-keeps-finding'
  | 'fix-all-throws'
  | 'fix-all-diverges'
  | 'fix-all-syntax-error'
  | 'fix-all-not-idempotent';

export interface Problem {
  kind: ProblemKind;
  /** The rule at fault when known. */
  ruleId?: string;
  /** The rules at fault when several fixes together broke an invariant, each shown to break it alone. */
  culprits?: string[];
  message: string;
}

export interface FixStats {
  /** Single fixes applied and checked, by rule id. */
  singleFixes: Map<string, number>;
  /** Fix-all runs checked: safe only, and with unsafe fixes. */
  fixAllRuns: number;
  /** Fixes that fix-all applied, by rule id. */
  fixAllApplied: Map<string, number>;
  /** Problems set aside as known issues of rules owned by others, by `kind ruleId`. */
  known: Map<string, number>;
  /** Fix-all runs that needed more than five passes (but converged), by number of passes. */
  slowFixAll: Map<string, number>;
}

export function emptyStats(): FixStats {
  return { singleFixes: new Map(), fixAllRuns: 0, fixAllApplied: new Map(), known: new Map(), slowFixAll: new Map() };
}

export function mergeStats(into: FixStats, from: FixStats): FixStats {
  for (const key of ['singleFixes', 'fixAllApplied', 'known', 'slowFixAll'] as const) for (const [k, n] of from[key]) bump(into[key], k, n);
  into.fixAllRuns += from.fixAllRuns;
  return into;
}

function bump(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

export interface CheckOptions {
  files?: ContextFiles;
  fileName?: string;
  /** Also check unsafe fixes, alone and in a fix-all with `unsafe`. Default true. */
  unsafe?: boolean;
  /** Skip the single-fix checks (only fix-all). */
  singleFixes?: boolean;
  /** Skip the fix-all checks. */
  fixAll?: boolean;
}

/** Problems found in one input; `sink` collects them, setting known issues aside in `stats`. */
class Sink {
  readonly problems: Problem[] = [];
  constructor(private readonly stats: FixStats) {}
  add(problem: Problem): void {
    if (isKnownIssue(problem)) bump(this.stats.known, `${problem.kind} ${problem.ruleId ?? ''}`.trim());
    else this.problems.push(problem);
  }
}

/** Lints, turning exceptions and rule errors into problems. Undefined when lint itself threw. */
export function lintChecked(text: string, files: ContextFiles, fileName: string, sink: { add(p: Problem): void }, what = 'lint'): LintResult | undefined {
  try {
    return lint(text, {
      files,
      fileName,
      onRuleError: (ruleId, error) => sink.add({ kind: 'rule-error', ruleId, message: `${what}: rule \`${ruleId}\` threw ${describe(error)}` }),
    });
  } catch (error) {
    sink.add({ kind: 'lint-throws', message: `${what}: lint threw ${describe(error)}` });
    return undefined;
  }
}

export function describe(error: unknown): string {
  const e = error as Error;
  return e?.stack?.split('\n').slice(0, 4).join(' | ') ?? String(error);
}

function syntaxCounts(findings: Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) if (f.ruleId.startsWith('syntax-')) bump(counts, f.ruleId);
  return counts;
}

/** Syntax findings (by id) that `after` has more of than `before`. */
export function newSyntaxErrors(before: Finding[], after: Finding[]): string[] {
  const a = syntaxCounts(before);
  return [...syntaxCounts(after)].filter(([id, n]) => n > (a.get(id) ?? 0)).map(([id]) => id);
}

/** The line-ending style of a text: one kind everywhere, or mixed, or none. */
export function lineEndings(text: string): '\n' | '\r\n' | '\r' | 'mixed' | 'none' {
  const kinds = new Set(text.match(/\r\n|\r|\n/g) ?? []);
  if (kinds.size === 0) return 'none';
  return kinds.size === 1 ? ([...kinds][0] as '\n' | '\r\n' | '\r') : 'mixed';
}

/**
 * The text a fix must produce: the original with each edit's range replaced, computed independently
 * of the core's applyEdits (offsets from an LSP TextDocument), or a reason when the edits overlap.
 */
export function expectedText(text: string, edits: Edit[]): string | { overlap: string } {
  const document = TextDocument.create('file:///expected', 'dockerfile', 0, text);
  const spans = edits
    .map((e, order) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end), text: e.newText, order }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  let out = '';
  let cursor = 0;
  for (const span of spans) {
    if (span.start < cursor || span.end < span.start) return { overlap: `edits at offsets ${span.start}-${span.end} and before ${cursor} overlap` };
    out += text.slice(cursor, span.start) + span.text;
    cursor = span.end;
  }
  return out + text.slice(cursor);
}

function excerpt(text: string, max = 400): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text);
}

function label(f: Finding): string {
  return `fix "${f.fix!.title}" of \`${f.ruleId}\` (line ${f.range.start.line + 1})`;
}

/** For each syntax finding id, the rules whose fixes alone added it (to blame a fix-all that adds it). */
type Culprits = Map<string, Set<string>>;

/** Checks one fix alone on `text`. */
async function checkSingleFix(text: string, before: LintResult, finding: Finding, options: Required<Pick<CheckOptions, 'files' | 'fileName'>>, sink: Sink, stats: FixStats, culprits: Culprits): Promise<void> {
  const ruleId = finding.ruleId;
  let edits: Edit[];
  try {
    edits = await finding.fix!.edits();
  } catch (error) {
    sink.add({ kind: 'fix-throws', ruleId, message: `${label(finding)}: edits() threw ${describe(error)}` });
    return;
  }
  if (edits.length === 0) {
    sink.add({ kind: 'fix-empty', ruleId, message: `${label(finding)} has no edits` });
    return;
  }
  const own = edits.filter((e) => !e.file);
  const expected = expectedText(text, own);
  if (typeof expected !== 'string') {
    sink.add({ kind: 'fix-edits-overlap', ruleId, message: `${label(finding)}: ${expected.overlap}` });
    return;
  }
  let fixed;
  try {
    fixed = applyFixEdits(text, edits, options.files);
  } catch (error) {
    sink.add({ kind: 'fix-edits-overlap', ruleId, message: `${label(finding)}: applying its edits threw ${describe(error)}` });
    return;
  }
  bump(stats.singleFixes, ruleId);
  if (fixed.text !== expected) {
    sink.add({ kind: 'fix-outside-edits', ruleId, message: `${label(finding)} changed text outside its edits:\nexpected ${excerpt(expected)}\nactual   ${excerpt(fixed.text)}` });
  }
  const endings = lineEndings(text);
  const endingsAfter = lineEndings(fixed.text);
  if (endings !== 'mixed' && endings !== 'none' && endingsAfter !== endings && endingsAfter !== 'none') {
    sink.add({ kind: 'fix-line-endings', ruleId, message: `${label(finding)} turned ${JSON.stringify(endings)} line endings into ${endingsAfter}: ${excerpt(fixed.text)}` });
  }
  try {
    parseDockerfile(fixed.text);
  } catch (error) {
    sink.add({ kind: 'fix-not-parseable', ruleId, message: `${label(finding)}: the result does not parse: ${describe(error)}` });
    return;
  }
  const after = lintChecked(fixed.text, overlayFiles(options.files, fixed.files), options.fileName, sink, `after ${label(finding)}`);
  if (!after) return;
  const added = newSyntaxErrors(before.findings, after.findings);
  for (const id of added) culprits.set(id, (culprits.get(id) ?? new Set()).add(ruleId));
  if (added.length) sink.add({ kind: 'fix-syntax-error', ruleId, message: `${label(finding)} added ${added.join(', ')}: ${excerpt(fixed.text)}` });
  const count = (findings: Finding[]) => findings.filter((f) => f.ruleId === ruleId).length;
  if (count(after.findings) >= count(before.findings)) {
    sink.add({ kind: 'fix-keeps-finding', ruleId, message: `${label(finding)} did not remove its finding: ${excerpt(fixed.text)}` });
  }
}

const MAX_PASSES = 5;

async function checkFixAll(text: string, before: LintResult, unsafe: boolean, options: Required<Pick<CheckOptions, 'files' | 'fileName'>>, sink: Sink, stats: FixStats, culprits: Culprits): Promise<void> {
  const what = unsafe ? 'fix-all with unsafe fixes' : 'fix-all';
  const lintOptions = { files: options.files, fileName: options.fileName, unsafe, maxPasses: MAX_PASSES };
  let result: FixAllResult;
  try {
    result = await fixAll(text, lintOptions);
  } catch (error) {
    sink.add({ kind: 'fix-all-throws', message: `${what} threw ${describe(error)}` });
    return;
  }
  stats.fixAllRuns++;
  const appliedLast = (applied: typeof result.applied) => [...new Set(applied.slice(-5).map((a) => a.ruleId))];
  if (!result.converged) {
    // Fixes that insert at one point (cleanups appended to the end of a `RUN`) are applied one per pass, as in ESLint:
    // a RUN that uses six package managers needs seven passes. That is slow, not divergent, and only counted.
    const longer = await fixAll(text, { ...lintOptions, maxPasses: 3 * MAX_PASSES }).catch(() => undefined);
    if (longer?.converged) {
      bump(stats.slowFixAll, `${longer.passes} passes`);
      result = longer;
    }
  }
  if (!result.converged) {
    // Blame the rules that still offer a fix after the last pass.
    const still = lint(result.text, { files: overlayFiles(options.files, result.files), fileName: options.fileName }).findings;
    const rules = [...new Set(still.filter((f) => f.fix && (unsafe || f.fix.safety === 'safe')).map((f) => f.ruleId))];
    sink.add({ kind: 'fix-all-diverges', ruleId: rules.length === 1 ? rules[0] : undefined, message: `${what} did not converge in ${MAX_PASSES} passes (still offered: ${rules.join(', ')}; last applied: ${appliedLast(result.applied).join(', ')}): ${excerpt(result.text)}` });
    return;
  }
  for (const a of result.applied) bump(stats.fixAllApplied, a.ruleId);
  const files = overlayFiles(options.files, result.files);
  const after = lintChecked(result.text, files, options.fileName, sink, `after ${what}`);
  if (!after) return;
  const added = newSyntaxErrors(before.findings, after.findings);
  if (added.length) {
    const rules = [...new Set(result.applied.map((a) => a.ruleId))];
    // Blame the rule whose fix alone adds the same syntax finding, when there is exactly one.
    const blamed = [...new Set(added.flatMap((id) => [...(culprits.get(id) ?? [])]))];
    const explained = blamed.length > 0 && added.every((id) => culprits.has(id));
    const ruleId = explained && blamed.length === 1 ? blamed[0] : rules.length === 1 ? rules[0] : undefined;
    sink.add({ kind: 'fix-all-syntax-error', ruleId, culprits: explained ? blamed : undefined, message: `${what} (${rules.join(', ')}) added ${added.join(', ')}: ${excerpt(result.text)}` });
  }
  let again;
  try {
    again = await fixAll(result.text, { ...lintOptions, files });
  } catch (error) {
    sink.add({ kind: 'fix-all-throws', message: `a second ${what} threw ${describe(error)}` });
    return;
  }
  if (again.applied.length > 0 || again.text !== result.text) {
    const rules = [...new Set(again.applied.map((a) => a.ruleId))];
    sink.add({ kind: 'fix-all-not-idempotent', ruleId: rules.length === 1 ? rules[0] : undefined, message: `a second ${what} applied ${rules.join(', ')} again: ${excerpt(result.text)}` });
  }
}

/** Every invariant on one input; the problems found (known issues set aside in `stats.known`). */
export async function checkInput(text: string, options: CheckOptions = {}, stats: FixStats = emptyStats()): Promise<Problem[]> {
  const sink = new Sink(stats);
  const resolved = { files: options.files ?? NO_FILES, fileName: options.fileName ?? 'Dockerfile' };
  const before = lintChecked(text, resolved.files, resolved.fileName, sink);
  if (!before) return sink.problems;
  const unsafe = options.unsafe !== false;
  const culprits: Culprits = new Map();
  if (options.singleFixes !== false) {
    for (const finding of before.findings) {
      if (!finding.fix || (finding.fix.safety === 'unsafe' && !unsafe)) continue;
      await checkSingleFix(text, before, finding, resolved, sink, stats, culprits);
    }
  }
  if (options.fixAll !== false) {
    await checkFixAll(text, before, false, resolved, sink, stats, culprits);
    if (unsafe) await checkFixAll(text, before, true, resolved, sink, stats, culprits);
  }
  return sink.problems;
}

/** CPU time one lint may take: generous, linear in the input (a catastrophic expression or walk takes seconds). */
export function lintBudgetMs(text: string): number {
  return 1_000 + 50 * (text.length / 1024);
}

/** Only the lint invariants: no exception, no rule error, and CPU time within a bound linear in the input. */
export function checkLint(text: string, files: ContextFiles = NO_FILES, stats: FixStats = emptyStats()): Problem[] {
  const sink = new Sink(stats);
  const before = process.cpuUsage();
  lintChecked(text, files, 'Dockerfile', sink);
  const used = process.cpuUsage(before);
  const ms = (used.user + used.system) / 1000;
  if (ms > lintBudgetMs(text)) sink.add({ kind: 'lint-slow', message: `lint took ${ms.toFixed(0)} ms of CPU for ${(text.length / 1024).toFixed(1)} KB (budget ${lintBudgetMs(text).toFixed(0)} ms)` });
  return sink.problems;
}

export function formatProblems(problems: Problem[], limit = 6): string {
  const shown = problems.slice(0, limit).map((p) => `- [${p.kind}${p.ruleId ? ` ${p.ruleId}` : ''}] ${p.message}`);
  if (problems.length > limit) shown.push(`… and ${problems.length - limit} more`);
  return shown.join('\n');
}

export function formatCounts(map: Map<string, number>): string {
  return [...map].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${n}`).join(', ');
}

/** One line of figures for a sweep's log. */
export function statsSummary(stats: FixStats): string {
  const single = [...stats.singleFixes.values()].reduce((a, b) => a + b, 0);
  const applied = [...stats.fixAllApplied.values()].reduce((a, b) => a + b, 0);
  const parts = [`single fixes checked: ${single} (${formatCounts(stats.singleFixes)})`, `fix-all runs: ${stats.fixAllRuns} applying ${applied} fixes`];
  if (stats.slowFixAll.size) parts.push(`fix-all runs that needed more than ${MAX_PASSES} passes (inserts at one point, one per pass): ${formatCounts(stats.slowFixAll)}`);
  if (stats.known.size) parts.push(`known issues set aside: ${formatCounts(stats.known)}`);
  return parts.join('; ');
}

/**
 * Code actions: a quick fix per fixable finding (edits resolved lazily), "disable for this
 * instruction / file", and `source.fixAll.dockerfileOptimizer` (safe fixes only).
 */
import { CodeActionKind, type ChangeAnnotation, type CodeAction, type CodeActionParams, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { eol } from '../core/edits';
import { fixAll } from '../core/fix';
import { readPragmas } from '../core/suppressions';
import type { DockerfileModel } from '../core/model';
import type { Edit, Range } from '../core/types';
import { planSplit } from '../core/refactor/split';
import type { Analysis } from './analysis';
import { findingFor, SOURCE } from './diagnostics';
import { minimalEdits } from './minimal-edits';
import { toWorkspaceEdit, type EditOptions } from './workspace-edit';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.dockerfileOptimizer`;
export const SPLIT_TITLE = 'Split into builder and runtime stages';

/** The change annotation that makes the editor show a whole-file rewrite for review before applying it. */
export const REVIEW: ChangeAnnotation = {
  label: 'Dockerfile Optimizer rewrite',
  needsConfirmation: true,
  description: 'Review the rewritten Dockerfile before applying it',
};

/** The review annotation, with what the rewrite wants the reviewer to know. */
export function review(notes: string[] = []): ChangeAnnotation {
  return notes.length ? { ...REVIEW, description: `${REVIEW.description}. ${notes.join('. ')}` } : REVIEW;
}

export interface FixData {
  uri: string;
  ruleId: string;
  range: Range;
}

export interface SplitData {
  uri: string;
  split: true;
}

/** Whether an action of `kind` was asked for (`only` lists kinds or their parents). */
export function wanted(kind: string, only: string[] | undefined, includeByDefault: boolean): boolean {
  if (!only || only.length === 0) return includeByDefault;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** The line above the instruction that holds a diagnostic, or a new pragma line there. */
function disableForInstruction(model: DockerfileModel, ruleId: string, line: number): Edit {
  const instr = model.instructions.find((i) => line >= i.range.start.line && line <= i.range.end.line);
  const target = instr ? instr.range.start.line : line;
  const above = readPragmas(model).find((p) => !p.global && p.tool === 'dockerfile-optimizer' && p.line === target - 1);
  if (above) {
    const text = model.document.getText({ start: { line: above.line, character: 0 }, end: { line: above.line, character: 10_000 } }).replace(/\r?\n$/, '');
    const end = { line: above.line, character: text.trimEnd().length };
    return { range: { start: end, end }, newText: `,${ruleId}` };
  }
  const lineText = model.document.getText({ start: { line: target, character: 0 }, end: { line: target, character: 10_000 } });
  const indent = /^[ \t]*/.exec(lineText)![0];
  const at = { line: target, character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}# dockerfile-optimizer ignore=${ruleId}${eol(model)}` };
}

function disableForFile(model: DockerfileModel, ruleId: string): Edit {
  const existing = readPragmas(model).find((p) => p.global && p.tool === 'dockerfile-optimizer');
  if (existing) {
    const text = model.document.getText({ start: { line: existing.line, character: 0 }, end: { line: existing.line, character: 10_000 } }).replace(/\r?\n$/, '');
    const end = { line: existing.line, character: text.trimEnd().length };
    return { range: { start: end, end }, newText: `,${ruleId}` };
  }
  const line = model.directives.length ? model.directives[model.directives.length - 1].range.start.line + 1 : 0;
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `# dockerfile-optimizer global ignore=${ruleId}${eol(model)}` };
}

export function quickFixes(params: CodeActionParams, analysis: Analysis, document: TextDocument, options: EditOptions): CodeAction[] {
  const actions: CodeAction[] = [];
  const ours = params.context.diagnostics.filter((d) => d.source === SOURCE && typeof d.code === 'string');
  for (const diagnostic of ours) {
    const ruleId = diagnostic.code as string;
    const finding = findingFor(analysis.findings, ruleId, diagnostic.range);
    if (finding?.fix) {
      actions.push({
        title: finding.fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: finding.fix.safety === 'safe',
        data: { uri: document.uri, ruleId, range: diagnostic.range } satisfies FixData,
      });
    }
  }
  for (const diagnostic of ours) actions.push(disableAction(diagnostic, analysis, document, options, 'instruction'));
  const seen = new Set<string>();
  for (const diagnostic of ours) {
    if (seen.has(diagnostic.code as string)) continue;
    seen.add(diagnostic.code as string);
    actions.push(disableAction(diagnostic, analysis, document, options, 'file'));
  }
  return actions;
}

function disableAction(diagnostic: Diagnostic, analysis: Analysis, document: TextDocument, options: EditOptions, scope: 'instruction' | 'file'): CodeAction {
  const ruleId = diagnostic.code as string;
  const edit =
    scope === 'instruction' ? disableForInstruction(analysis.model, ruleId, diagnostic.range.start.line) : disableForFile(analysis.model, ruleId);
  return {
    title: scope === 'instruction' ? `Disable \`${ruleId}\` for this instruction` : `Disable \`${ruleId}\` for this file`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: toWorkspaceEdit(document, [edit], { documentChanges: options.documentChanges }),
  };
}

/** Resolves a quick fix's edit from a fresh analysis; undefined when the finding is gone. */
export async function resolveFix(data: FixData, analysis: Analysis, document: TextDocument, options: EditOptions) {
  const finding = findingFor(analysis.findings, data.ruleId, data.range);
  if (!finding?.fix) return undefined;
  return toWorkspaceEdit(document, await finding.fix.edits(), finding.fix.review ? { ...options, confirm: review(finding.fix.notes) } : options);
}

/** All safe fixes applied until stable, as one edit of the whole document (and other files). */
export async function fixAllEdit(analysis: Analysis, document: TextDocument, options: EditOptions, severities: Record<string, string>) {
  const text = document.getText();
  const result = await fixAll(text, { files: analysis.files, fileName: analysis.fileName, severities: severities as never });
  if (result.applied.length === 0) return undefined;
  const others: Edit[] = [...result.files].map(([file, content]) => {
    const existing = analysis.files.read(file);
    const end = existing === undefined ? { line: 0, character: 0 } : endOf(existing);
    return { file, createFile: existing === undefined, range: { start: { line: 0, character: 0 }, end }, newText: content };
  });
  return toWorkspaceEdit(document, [...minimalEdits(text, result.text), ...others], options);
}

function endOf(text: string) {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

export function fixAllAction(edit: NonNullable<Awaited<ReturnType<typeof fixAllEdit>>>): CodeAction {
  return { title: 'Fix all safe Dockerfile Optimizer problems', kind: FIX_ALL_KIND, edit };
}

/** The whole-file split as an edit for review, or the reason it cannot be done. */
export function splitEdit(analysis: Analysis, document: TextDocument, options: EditOptions): { edit?: WorkspaceEdit; reason?: string } {
  const plan = planSplit(analysis.model, analysis.files, { goRuntime: analysis.config.goRuntime });
  if (!plan.ok) return { reason: plan.reason };
  const edits = minimalEdits(document.getText(), plan.text);
  return { edit: toWorkspaceEdit(document, edits, { ...options, confirm: review(plan.notes) }) };
}

/** A `refactor.rewrite` action anywhere in a single-stage file that can be split; its edit is resolved lazily. */
export function splitAction(analysis: Analysis, document: TextDocument): CodeAction | undefined {
  if (analysis.model.stages.length !== 1 || !planSplit(analysis.model, analysis.files, { goRuntime: analysis.config.goRuntime }).ok) return undefined;
  return { title: SPLIT_TITLE, kind: CodeActionKind.RefactorRewrite, data: { uri: document.uri, split: true } satisfies SplitData };
}

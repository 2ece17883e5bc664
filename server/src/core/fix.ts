/** Applying fixes: one fix, or every fix of a kind until the file is stable. */
import { applyEdits, editsOverlap } from './edits';
import { lint, type LintOptions } from './lint';
import type { ContextFiles, Edit, Finding, FixSafety } from './types';

export interface FixedFiles {
  /** The Dockerfile's new text. */
  text: string;
  /** New content of other files of the build context that fixes changed or created, by relative path. */
  files: Map<string, string>;
}

export interface FixAllResult extends FixedFiles {
  applied: Array<{ ruleId: string; title: string }>;
  /** Fixes whose edits could not be computed (a registry lookup failed…); the rest were still applied. */
  failed: Array<{ ruleId: string; title: string; message: string }>;
  passes: number;
  /** False when fixes were still being offered after the last pass. */
  converged: boolean;
}

/** A build context overlay that shows edited files' new content. */
export function overlayFiles(base: ContextFiles, changed: Map<string, string>): ContextFiles {
  return {
    read: (p) => (changed.has(p) ? changed.get(p) : base.read(p)),
    exists: (p) => changed.has(p) || base.exists(p),
    list: (dir) => base.list(dir),
  };
}

/** Applies a fix's edits to the Dockerfile text and to the other files they target. */
export function applyFixEdits(text: string, edits: Edit[], files: ContextFiles, changed = new Map<string, string>()): FixedFiles {
  const own = edits.filter((e) => !e.file);
  const byFile = new Map<string, Edit[]>();
  for (const e of edits) if (e.file) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  const out = new Map(changed);
  for (const [file, fileEdits] of byFile) {
    const create = fileEdits.find((e) => e.createFile);
    const current = out.get(file) ?? files.read(file);
    out.set(file, create && current === undefined ? create.newText : applyEdits(current ?? '', fileEdits));
  }
  return { text: applyEdits(text, own), files: out };
}

export interface FixAllOptions extends LintOptions {
  /** Also apply unsafe fixes. */
  unsafe?: boolean;
  maxPasses?: number;
  /** Only fixes of findings that pass this filter. */
  filter?(finding: Finding): boolean;
}

function selected(finding: Finding, options: FixAllOptions): boolean {
  const fix = finding.fix;
  if (!fix) return false;
  const allowed: FixSafety[] = options.unsafe ? ['safe', 'unsafe'] : ['safe'];
  return allowed.includes(fix.safety) && (options.filter?.(finding) ?? true);
}

/** Applies every safe (or every) fix, re-linting after each pass, until nothing more is offered. */
export async function fixAll(text: string, options: FixAllOptions = {}): Promise<FixAllResult> {
  const base = options.files;
  let current: FixedFiles = { text, files: new Map() };
  const applied: FixAllResult['applied'] = [];
  const failed: FixAllResult['failed'] = [];
  /** A fix that failed once is not tried again in later passes (its finding keeps its message). */
  const failedKeys = new Set<string>();
  const keyOf = (f: Finding) => `${f.ruleId}\n${f.message}`;
  const maxPasses = options.maxPasses ?? 10;
  for (let pass = 1; pass <= maxPasses; pass++) {
    const files = base ? overlayFiles(base, current.files) : undefined;
    const { model, findings } = lint(current.text, { ...options, files });
    const accepted: Edit[] = [];
    let progressed = false;
    for (const finding of findings) {
      if (!selected(finding, options) || failedKeys.has(keyOf(finding))) continue;
      let edits: Edit[];
      try {
        edits = await finding.fix!.edits();
      } catch (error) {
        failedKeys.add(keyOf(finding));
        failed.push({ ruleId: finding.ruleId, title: finding.fix!.title, message: (error as Error)?.message ?? String(error) });
        continue;
      }
      if (edits.length === 0) continue;
      if (edits.some((e) => accepted.some((a) => editsOverlap(a, e, model)))) continue;
      accepted.push(...edits);
      applied.push({ ruleId: finding.ruleId, title: finding.fix!.title });
      progressed = true;
    }
    if (!progressed) return { ...current, applied, failed, passes: pass - 1, converged: true };
    current = applyFixEdits(current.text, accepted, files ?? emptyFiles, current.files);
  }
  const { findings } = lint(current.text, { ...options, files: base ? overlayFiles(base, current.files) : undefined });
  return { ...current, applied, failed, passes: maxPasses, converged: !findings.some((f) => selected(f, options) && !failedKeys.has(keyOf(f))) };
}

const emptyFiles: ContextFiles = { read: () => undefined, exists: () => false, list: () => undefined };

import type { Range } from 'vscode-languageserver-types';
import type { DockerfileModel } from './model';

export type { Range, Position } from 'vscode-languageserver-types';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export type Category =
  | 'size'
  | 'security'
  | 'reproducibility'
  | 'build-cache'
  | 'correctness'
  | 'maintainability'
  | 'syntax';

/** `safe` fixes are applied by fix-all and `--fix`; `unsafe` ones only when a person picks them. */
export type FixSafety = 'safe' | 'unsafe';

/** A text replacement. `file` is a path relative to the Dockerfile's folder; absent means the Dockerfile itself. */
export interface Edit {
  range: Range;
  newText: string;
  file?: string;
  /** Set on an edit to another file that does not exist yet: the file is created with `newText`. */
  createFile?: boolean;
}

export interface Fix {
  title: string;
  safety: FixSafety;
  /** A whole-file rewrite that a person should review before it is applied (the editor shows a preview). */
  review?: boolean;
  /** Computed lazily, only when the fix is picked or applied. May be async (network lookups). */
  edits(): Edit[] | Promise<Edit[]>;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  range: Range;
  message: string;
  fix?: Fix;
}

export interface RuleDocs {
  description: string;
  rationale: string;
  bad: string;
  good: string;
  references: string[];
  /** Where this rule deliberately differs from the tools it aliases. */
  differences?: string;
}

/** Which stages a rule looks at: every stage, or only the stages whose layers end up in the shipped image. */
export type RuleScope = 'all-stages' | 'shipped-stages' | 'file';

export interface RuleMeta {
  id: string;
  category: Category;
  severity: Severity;
  fixable: FixSafety | false;
  scope: RuleScope;
  /** hadolint codes and BuildKit check names this rule stands in for. */
  aliases: string[];
  docs: RuleDocs;
}

export interface Report {
  range: Range;
  message: string;
  fix?: Fix;
}

/** Read-only view of the build context (the Dockerfile's folder), relative paths with `/`. */
export interface ContextFiles {
  read(path: string): string | undefined;
  exists(path: string): boolean;
  /** Names of the entries of a folder of the context, or undefined when unknown. */
  list(dir: string): string[] | undefined;
}

export interface CheckContext {
  model: DockerfileModel;
  files: ContextFiles;
  /** Name of the Dockerfile within its folder (for `<name>.dockerignore`). */
  fileName: string;
  report(report: Report): void;
}

export interface Rule extends RuleMeta {
  check(ctx: CheckContext): void;
}

import type { Range } from 'vscode-languageserver-types';
import type { DockerfileModel } from './model';
import type { RegistryClient } from './registry-types';

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
  /** What the reviewer should know about the rewrite (shown with the preview). */
  notes?: string[];
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
  /** Files of the build context the `bad` and `good` examples are linted with, for rules that read it. */
  files?: Record<string, string>;
  /** The configuration the `bad` and `good` examples are linted with, for rules that only act when configured. */
  config?: RuleConfig;
  /** Registry answers the examples are linted with (key: `tagKey`), for rules that compare pins with tags. */
  tags?: Record<string, TagLookup>;
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

/** Project settings that change what rules report (read from `.hadolint.yaml` or editor settings by the adapters). */
export interface RuleConfig {
  /**
   * Registries that images may come from (hadolint's `trustedRegistries`): host names such as
   * `docker.io` or `ghcr.io`, `*.example.com` for subdomains, or `*`. Unset: every registry is trusted.
   */
  trustedRegistries?: string[];
  /** Labels every image must carry, with the type of their value (hadolint's `label-schema`). */
  labelSchema?: Record<string, LabelType>;
  /** Only the labels of `labelSchema` are allowed (hadolint's `strict-labels`). */
  strictLabels?: boolean;
  /** Runtime image for Go binaries in the multi-stage split: distroless static (default) or `scratch`. */
  goRuntime?: 'distroless' | 'scratch';
}

/** Types a label value can be required to have (hadolint's `label-schema` types). */
export type LabelType = 'text' | 'url' | 'spdx' | 'hash' | 'rfc3339' | 'semver' | 'email';

export interface CheckContext {
  model: DockerfileModel;
  files: ContextFiles;
  /** Project settings; empty when none are configured. */
  config: RuleConfig;
  /** Name of the Dockerfile within its folder (for `<name>.dockerignore`). */
  fileName: string;
  /** Registry access, present only when lookups are enabled; used lazily, by fixes a person picks. */
  registry?: RegistryClient;
  /** Tags already looked up (key: `tagKey` of image-ref.ts), for checks that compare an existing pin with its tag. */
  tags?: ReadonlyMap<string, TagLookup>;
  report(report: Report): void;
}

/** What a registry said a tag points to. */
export interface TagLookup {
  /** The index (manifest list) digest, or the manifest digest of a single-platform image. */
  digest: string;
  /** The digests of its platform manifests. */
  platformDigests: string[];
}

export interface Rule extends RuleMeta {
  check(ctx: CheckContext): void;
}

/** Lints an open document with its settings and build context; one result per document version. */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { applyHadolintConfig } from '../core/hadolint-config';
import { lintModel, NO_FILES, type LintOptions } from '../core/lint';
import { parseDockerfile, type DockerfileModel } from '../core/model';
import type { RegistryClient } from '../core/registry-types';
import type { ContextFiles, Finding, RuleConfig, TagLookup } from '../core/types';
import { diskContext } from '../io/context-files';
import { loadHadolintConfig, type LoadedHadolintConfig } from '../io/hadolint-config';
import type { Settings } from './settings';

export interface RegistryLookups {
  client: RegistryClient;
  tagsFor(model: DockerfileModel): ReadonlyMap<string, TagLookup> | undefined;
  version: number;
}

/** Findings of an external checker (ShellCheck), known so far for a model; `version` changes with new answers. */
export interface ExternalFindings {
  findingsFor(uri: string, model: DockerfileModel): Finding[];
  version: number;
}

export interface Analysis {
  uri: string;
  version: number;
  model: DockerfileModel;
  findings: Finding[];
  files: ContextFiles;
  fileName: string;
  /** Project settings the rules saw (hadolint configuration and editor settings). */
  config: RuleConfig;
}

/** The folder and name of a `file:` document; undefined for untitled and remote documents. */
export function fileLocation(uri: string): { dir: string; name: string } | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    const file = fileURLToPath(uri);
    return { dir: path.dirname(file), name: path.basename(file) };
  } catch {
    return undefined;
  }
}

/** How long files read from disk are reused between analyses. */
const DISK_TTL_MS = 2000;

export class Analyzer {
  private readonly latest = new Map<string, { key: string; analysis: Analysis }>();
  private readonly disk = new Map<string, { at: number; value: unknown }>();

  constructor(
    private readonly onRuleError: (ruleId: string, error: unknown) => void,
    /** Called with a hadolint configuration file that has problems (the readable rest still applies). */
    private readonly onConfigProblems?: (loaded: LoadedHadolintConfig) => void,
  ) {}

  /**
   * @param lookups registry access when lookups are enabled: the client for fixes, and the tags looked
   * up so far for this file (`version` changes when new answers arrive).
   */
  analyse(document: TextDocument, settings: Settings, lookups?: RegistryLookups, external?: ExternalFindings): Analysis {
    const location = fileLocation(document.uri);
    // Read on every analysis (a few stat calls), so edits to the file apply without a restart.
    const hadolint = location && settings.hadolintConfig ? this.recent(`hadolint:${location.dir}`, () => loadHadolintConfig(location.dir)) : undefined;
    if (hadolint?.errors.length) this.onConfigProblems?.(hadolint);
    const key = `${document.version}:${JSON.stringify(settings.rules)}:${settings.split.goRuntime}:${JSON.stringify(hadolint?.config ?? null)}:${lookups ? lookups.version : '-'}:${external ? external.version : '-'}`;
    const cached = this.latest.get(document.uri);
    if (cached && cached.key === key) return cached.analysis;
    const files = location ? this.recent(`context:${location.dir}`, () => diskContext(location.dir)) : NO_FILES;
    const fileName = location?.name ?? 'Dockerfile';
    // The previous version's model, for the instructions the edit left unchanged (see parseDockerfile).
    const model = parseDockerfile(document.getText(), cached?.analysis.model);
    let options: LintOptions = { files, fileName, severities: settings.rules, onRuleError: this.onRuleError };
    if (lookups) options = { ...options, registry: lookups.client, tags: lookups.tagsFor(model) };
    if (external) options = { ...options, external: external.findingsFor(document.uri, model) };
    if (hadolint) options = applyHadolintConfig(options, hadolint.config);
    options = { ...options, config: { ...options.config, goRuntime: settings.split.goRuntime } };
    const findings = lintModel(model, options);
    const analysis: Analysis = { uri: document.uri, version: document.version, model, findings, files, fileName, config: options.config ?? {} };
    this.latest.set(document.uri, { key, analysis });
    return analysis;
  }

  forget(uri: string): void {
    this.latest.delete(uri);
  }

  /** Forgets what was read from disk (files of a build context changed). */
  forgetFiles(): void {
    this.disk.clear();
    this.latest.clear();
  }

  /**
   * What was read from disk in the last moments: while a person types, each keystroke's analysis
   * reuses the build context and hadolint configuration read for the previous one.
   */
  private recent<T>(key: string, read: () => T): T {
    const now = Date.now();
    const hit = this.disk.get(key);
    if (hit && now - hit.at < DISK_TTL_MS) return hit.value as T;
    const value = read();
    this.disk.set(key, { at: now, value });
    return value;
  }
}

/** Lints an open document with its settings and build context; one result per document version. */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lintModel, NO_FILES } from '../core/lint';
import { parseDockerfile, type DockerfileModel } from '../core/model';
import type { ContextFiles, Finding } from '../core/types';
import { diskContext } from '../io/context-files';
import type { Settings } from './settings';

export interface Analysis {
  uri: string;
  version: number;
  model: DockerfileModel;
  findings: Finding[];
  files: ContextFiles;
  fileName: string;
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

export class Analyzer {
  private readonly latest = new Map<string, { key: string; analysis: Analysis }>();

  constructor(private readonly onRuleError: (ruleId: string, error: unknown) => void) {}

  analyse(document: TextDocument, settings: Settings): Analysis {
    const key = `${document.version}:${JSON.stringify(settings.rules)}`;
    const cached = this.latest.get(document.uri);
    if (cached && cached.key === key) return cached.analysis;
    const location = fileLocation(document.uri);
    const files = location ? diskContext(location.dir) : NO_FILES;
    const fileName = location?.name ?? 'Dockerfile';
    const model = parseDockerfile(document.getText());
    const findings = lintModel(model, { files, fileName, severities: settings.rules, onRuleError: this.onRuleError });
    const analysis: Analysis = { uri: document.uri, version: document.version, model, findings, files, fileName };
    this.latest.set(document.uri, { key, analysis });
    return analysis;
  }

  forget(uri: string): void {
    this.latest.delete(uri);
  }
}

/**
 * Inline suppressions: `# dockerfile-optimizer ignore=<id>[,<id>]` (next instruction) and
 * `# dockerfile-optimizer global ignore=…`, hadolint's `# hadolint [global] ignore=DLxxxx`, and
 * BuildKit's `# check=skip=<Name>[,<Name>]` parser directive. Tokens are rule ids or aliases.
 */
import type { DockerfileModel } from './model';
import type { Finding } from './types';

const PRAGMA = /^[ \t]*#[ \t]*(dockerfile-optimizer|hadolint)[ \t]+(global[ \t]+)?ignore[ \t]*=[ \t]*([A-Za-z0-9_,\- \t]+?)[ \t]*$/;

export interface Pragma {
  tool: 'dockerfile-optimizer' | 'hadolint';
  global: boolean;
  tokens: string[];
  line: number;
}

export interface Suppressions {
  isSuppressed(finding: Finding): boolean;
  pragmas: Pragma[];
}

function splitTokens(list: string): string[] {
  return list
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

export function readPragmas(model: DockerfileModel): Pragma[] {
  const pragmas: Pragma[] = [];
  const lines = model.text.split('\n');
  for (let line = 0; line < lines.length; line++) {
    const text = lines[line];
    if (!text.includes('ignore')) continue;
    const match = PRAGMA.exec(text.replace(/\r$/, ''));
    if (!match) continue;
    pragmas.push({ tool: match[1] as Pragma['tool'], global: Boolean(match[2]), tokens: splitTokens(match[3]), line });
  }
  return pragmas;
}

/** Names listed by BuildKit's `# check=skip=…` directive (`all` included as written). */
export function checkDirectiveSkips(model: DockerfileModel): string[] {
  const directive = model.directives.find((d) => d.name === 'check');
  if (!directive) return [];
  const skip = directive.value
    .split(';')
    .map((p) => p.trim().split('='))
    .find(([key]) => key.trim() === 'skip');
  return skip ? splitTokens(skip.slice(1).join('=')) : [];
}

/**
 * @param idsFor maps a pragma token (rule id or alias) to the rule ids it stands for.
 * @param hasBuildkitAlias whether a rule has a BuildKit alias (for `# check=skip=all`).
 */
export function readSuppressions(
  model: DockerfileModel,
  idsFor: (token: string) => string[],
  hasBuildkitAlias: (ruleId: string) => boolean,
): Suppressions {
  const pragmas = readPragmas(model);
  const global = new Set<string>();
  /** Line ranges (inclusive) of instructions, each with the ids suppressed for it. */
  const local: Array<{ from: number; to: number; ids: Set<string> }> = [];
  for (const pragma of pragmas) {
    const ids = pragma.tokens.flatMap(idsFor);
    if (pragma.global) {
      ids.forEach((id) => global.add(id));
      continue;
    }
    const next = model.instructions.find((i) => i.range.start.line > pragma.line);
    if (next) local.push({ from: next.range.start.line, to: next.range.end.line, ids: new Set(ids) });
  }
  const skips = checkDirectiveSkips(model);
  const skipAllBuildkit = skips.some((s) => s.toLowerCase() === 'all');
  for (const token of skips) idsFor(token).forEach((id) => global.add(id));
  return {
    pragmas,
    isSuppressed(finding) {
      if (global.has(finding.ruleId)) return true;
      if (skipAllBuildkit && hasBuildkitAlias(finding.ruleId)) return true;
      const line = finding.range.start.line;
      return local.some((l) => line >= l.from && line <= l.to && l.ids.has(finding.ruleId));
    },
  };
}

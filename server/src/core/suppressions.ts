/**
 * Inline suppressions: `# dockerfile-optimizer ignore=<id>[,<id>]` (next instruction) and
 * `# dockerfile-optimizer global ignore=…`, hadolint's `# hadolint [global] ignore=DLxxxx`, and
 * BuildKit's check options: the `# check=skip=<Name>[,<Name>]|all;error=true;experimental=…` parser
 * directive (or the `BUILDKIT_DOCKERFILE_CHECK` build argument, which replaces it), and a
 * `# check=skip=…` comment right above an instruction, which skips checks for that instruction only.
 * Tokens are rule ids or aliases.
 */
import { EXPERIMENTAL_CHECKS } from './buildkit-checks';
import { memoKey, type DockerfileModel } from './model';
import type { Finding } from './types';

/**
 * A pragma; a `#` after the list starts a remark (`# hadolint ignore=DL3008 # pinned upstream`). The list
 * may hold blanks, so no `[ \t]*` stands next to it (the tokens are trimmed later): two quantifiers that
 * can both take a run of blanks make a long run followed by a stray character take quadratic time.
 */
const PRAGMA = /^[ \t]*#[ \t]*(dockerfile-optimizer|hadolint)[ \t]+(global[ \t]+)?ignore[ \t]*=([A-Za-z0-9_,\- \t]+)(?:#.*)?$/;

/** Lines as LSP positions count them: `\r\n`, `\r` and `\n` all end a line. */

/** A well-formed hadolint code; hadolint drops a whole pragma that lists anything else. */
const HADOLINT_CODE = /^(DL|SC)\d{4}$/;

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

const PRAGMAS = memoKey<Pragma[]>('pragmas');

/** The pragmas of a file, read once per model (rules ask for them per instruction). Do not change the array. */
export function readPragmas(model: DockerfileModel): Pragma[] {
  return model.memo(PRAGMAS, () => scanPragmas(model));
}

function scanPragmas(model: DockerfileModel): Pragma[] {
  const pragmas: Pragma[] = [];
  const lines = model.lines;
  for (let line = 0; line < lines.length; line++) {
    const text = lines[line];
    if (!text.includes('ignore')) continue;
    const match = PRAGMA.exec(text);
    if (!match) continue;
    pragmas.push({ tool: match[1] as Pragma['tool'], global: Boolean(match[2]), tokens: splitTokens(match[3]), line });
  }
  return pragmas;
}

/** BuildKit's check options, from the `# check=` directive or the `BUILDKIT_DOCKERFILE_CHECK` build argument. */
export interface CheckOptions {
  /** `skip=all`: no check runs, except experimental ones that are enabled. */
  skipAll: boolean;
  /** Check names of `skip=A,B` (as written). */
  skip: string[];
  /** `error=true`: findings of BuildKit checks fail the build, so they are errors. */
  error: boolean;
  /** `experimental=all`. */
  experimentalAll: boolean;
  /** Check names of `experimental=A,B`: experimental checks run only when listed here. */
  experimental: string[];
}

function isTrue(value: string): boolean {
  // Go's strconv.ParseBool.
  return ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value.trim());
}

/**
 * Parses `skip=A,B;error=true;experimental=all` as BuildKit does (keys and names trimmed). BuildKit
 * rejects unknown keys and parts without `=`; here they are ignored, so the rest still applies.
 */
export function parseCheckOptions(text: string): CheckOptions {
  const options: CheckOptions = { skipAll: false, skip: [], error: false, experimentalAll: false, experimental: [] };
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 'skip') {
      if (value === 'all') options.skipAll = true;
      else options.skip = splitTokens(value);
    } else if (key === 'experimental') {
      if (value === 'all') options.experimentalAll = true;
      else options.experimental = splitTokens(value);
    } else if (key === 'error') {
      options.error = isTrue(value);
    }
  }
  return options;
}

/**
 * The check options in effect. `buildArg` is the value of the `BUILDKIT_DOCKERFILE_CHECK` build
 * argument: when given, BuildKit uses it instead of the file's `# check=` directive.
 */
export function checkOptions(model: DockerfileModel, buildArg?: string): CheckOptions {
  if (buildArg !== undefined) return parseCheckOptions(buildArg);
  const directive = model.directives.find((d) => d.name === 'check');
  return parseCheckOptions(directive?.value ?? '');
}

/** Whether an experimental BuildKit check is switched on by the check options. */
export function experimentalEnabled(options: CheckOptions, check: string): boolean {
  return options.experimentalAll || options.experimental.includes(check);
}

/** Rule ids of the experimental BuildKit checks that the check options leave off: they never report. */
export function experimentalOff(options: CheckOptions, idsFor: (token: string) => string[]): Set<string> {
  return new Set(EXPERIMENTAL_CHECKS.filter((name) => !experimentalEnabled(options, name)).flatMap(idsFor));
}

/** Names listed by BuildKit's `# check=skip=…` directive (`all` included as written). */
export function checkDirectiveSkips(model: DockerfileModel): string[] {
  const options = checkOptions(model);
  return options.skipAll ? ['all'] : options.skip;
}

const INLINE_CHECK = /^[ \t]*#[ \t]*check[ \t]*=(.*)$/;

export interface InlineCheck {
  /** The instruction the comment applies to (its lines, inclusive). */
  from: number;
  to: number;
  options: CheckOptions;
}

/**
 * `# check=skip=…` comments in the comment lines right above an instruction; they skip checks for that
 * instruction, as BuildKit does. Text after the names (`// why`) is a remark.
 */
/** The text before a `//` remark that follows a blank (found without a regular expression that backtracks over long blank runs). */
function withoutRemark(value: string): string {
  const at = value.search(/[ \t]\/\//);
  return at < 0 ? value : value.slice(0, at);
}

export function readInlineChecks(model: DockerfileModel): InlineCheck[] {
  const lines = model.lines;
  const checks: InlineCheck[] = [];
  // The parser directives at the top apply to the whole file, not to the instruction below them.
  const directiveLines = new Set(model.directives.map((d) => d.range.start.line));
  for (const instr of model.instructions) {
    for (let line = instr.range.start.line - 1; line >= 0 && /^[ \t]*#/.test(lines[line]); line--) {
      const match = directiveLines.has(line) ? null : INLINE_CHECK.exec(lines[line]);
      if (!match) continue;
      const value = withoutRemark(match[1]).trim();
      checks.push({ from: instr.range.start.line, to: instr.range.end.line, options: parseCheckOptions(value) });
    }
  }
  return checks;
}

export interface SuppressionOptions {
  /** The `BUILDKIT_DOCKERFILE_CHECK` build argument (replaces the `# check=` directive). */
  buildkitCheck?: string;
  /** Honour `# hadolint ignore=` pragmas (default true; hadolint's `disable-ignore-pragma` turns them off). */
  hadolintPragmas?: boolean;
}

/**
 * @param idsFor maps a pragma token (rule id or alias) to the rule ids it stands for.
 * @param hasBuildkitAlias whether a rule has a BuildKit alias (for `# check=skip=all`).
 */
export function readSuppressions(
  model: DockerfileModel,
  idsFor: (token: string) => string[],
  hasBuildkitAlias: (ruleId: string) => boolean,
  options: SuppressionOptions = {},
): Suppressions {
  const pragmas = readPragmas(model).filter(
    (p) =>
      p.tool !== 'hadolint' ||
      // As in hadolint, a token that is neither a code nor a known id voids the pragma.
      (options.hadolintPragmas !== false && p.tokens.every((t) => HADOLINT_CODE.test(t) || idsFor(t).length > 0)),
  );
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
  // `skip` never applies to BuildKit's experimental checks; they report only when the options enable them.
  const experimental = new Set(EXPERIMENTAL_CHECKS.flatMap(idsFor));
  const check = checkOptions(model, options.buildkitCheck);
  const off = experimentalOff(check, idsFor);
  const skippable = (id: string) => hasBuildkitAlias(id) && !experimental.has(id);
  const notExperimental = (id: string) => !experimental.has(id);
  const skipped = new Set(check.skip.flatMap(idsFor).filter(notExperimental));
  const inline = readInlineChecks(model).map((c) => ({ ...c, ids: new Set(c.options.skip.flatMap(idsFor).filter(notExperimental)) }));
  return {
    pragmas,
    isSuppressed(finding) {
      const id = finding.ruleId;
      const line = finding.range.start.line;
      if (off.has(id)) return true;
      if (global.has(id) || skipped.has(id) || (check.skipAll && skippable(id))) return true;
      if (inline.some((c) => line >= c.from && line <= c.to && (c.ids.has(id) || (c.options.skipAll && skippable(id))))) return true;
      return local.some((l) => line >= l.from && line <= l.to && l.ids.has(id));
    },
  };
}

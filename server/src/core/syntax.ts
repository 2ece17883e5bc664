/** Syntax problems, reported by dockerfile-utils' validator (the one dockerfile-language-service uses). */
import type { Dockerfile } from 'dockerfile-ast';
import { validate, ValidationCode, ValidationSeverity, type ValidatorSettings } from 'dockerfile-utils';
import { compareIds } from './compare';
import type { Finding, Severity } from './types';

export interface SyntaxCheck {
  id: string;
  code: ValidationCode;
  /** hadolint codes and BuildKit check names that this validator code stands in for. */
  aliases: string[];
}

/**
 * Aliases where the validator's semantics match the hadolint rule or BuildKit check. Checked against
 * BuildKit's `dockerfile_check_test.go` cases and hadolint's specs: `MULTIPLE_INSTRUCTIONS` reports
 * every `CMD`/`ENTRYPOINT`/`HEALTHCHECK` but the last of a stage, as BuildKit and hadolint do.
 */
const ALIASES: Partial<Record<keyof typeof ValidationCode, string[]>> = {
  MULTIPLE_INSTRUCTIONS: ['DL3012', 'DL4003', 'DL4004', 'MultipleInstructionsDisallowed'],
  // Reported on the first instruction before `FROM` (other than `ARG`), as hadolint's DL3061 does.
  NO_SOURCE_IMAGE: ['DL3061'],
};

/**
 * Validator codes that a rule of ours reports instead, with BuildKit's semantics and a fix; the
 * validator's finding would be a duplicate, so it is dropped and its `syntax-*` id is not offered.
 */
export const REPLACED_CODES: Partial<Record<keyof typeof ValidationCode, string>> = {
  // Always-uppercase here; BuildKit's ConsistentInstructionCasing follows the file's majority.
  CASING_INSTRUCTION: 'instruction-consistent-casing',
  // Same findings as MaintainerDeprecated/DL4000; the rule adds the `LABEL` rewrite.
  DEPRECATED_MAINTAINER: 'maintainer-as-label',
  // The validator flags every occurrence of a name; BuildKit and hadolint flag the repeats only.
  DUPLICATE_BUILD_STAGE_NAME: 'stage-name-unique',
  // Reported on the empty line; BuildKit reports the instruction's last line, and the rule removes the line.
  EMPTY_CONTINUATION_LINE: 'instruction-no-empty-continuation',
  // Every relative WORKDIR here; BuildKit only one with no absolute WORKDIR before it in the stage.
  WORKDIR_IS_NOT_ABSOLUTE: 'workdir-absolute',
  // Two validator codes for one hadolint rule (DL3043); the rule reports both under one id.
  ONBUILD_CHAINING_DISALLOWED: 'onbuild-trigger-allowed',
  ONBUILD_TRIGGER_DISALLOWED: 'onbuild-trigger-allowed',
};

/**
 * `INVALID_PORT` for `ip:host:container` and `host:container` (BuildKit accepts those and only warns,
 * as ExposeInvalidFormat); `expose-container-port` reports them with a fix. Other invalid ports stay.
 */
function replacedPortFinding(message: string): boolean {
  return /^Invalid containerPort: \S*:/.test(message);
}

function kebab(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}

/** One entry per validator code (the enum has two names for one value; the later name wins). */
export const SYNTAX_CHECKS: SyntaxCheck[] = (() => {
  const byCode = new Map<number, SyntaxCheck>();
  for (const [name, code] of Object.entries(ValidationCode)) {
    if (typeof code !== 'number' || REPLACED_CODES[name as keyof typeof ValidationCode]) continue;
    byCode.set(code, { id: `syntax-${kebab(name)}`, code, aliases: ALIASES[name as keyof typeof ValidationCode] ?? [] });
  }
  return [...byCode.values()].sort((a, b) => compareIds(a.id, b.id));
})();

const byCode = new Map(SYNTAX_CHECKS.map((c) => [c.code, c]));
const replaced = new Set(Object.keys(REPLACED_CODES).map((name) => ValidationCode[name as keyof typeof ValidationCode]));

const SETTINGS: ValidatorSettings = {
  // Reported by our rules instead (REPLACED_CODES).
  deprecatedMaintainer: ValidationSeverity.IGNORE,
  emptyContinuationLine: ValidationSeverity.IGNORE,
  instructionCasing: ValidationSeverity.IGNORE,
  instructionWorkdirRelative: ValidationSeverity.IGNORE,
  directiveCasing: ValidationSeverity.WARNING,
  instructionCmdMultiple: ValidationSeverity.WARNING,
  instructionEntrypointMultiple: ValidationSeverity.WARNING,
  instructionHealthcheckMultiple: ValidationSeverity.WARNING,
  instructionJSONInSingleQuotes: ValidationSeverity.WARNING,
};

/**
 * Runs the validator; findings carry `syntax-*` ids. Codes that our rules report are left out.
 * `parsed` is the same text already parsed by dockerfile-ast (it is then not parsed again).
 */
export function syntaxFindings(text: string, parsed?: Dockerfile): Finding[] {
  const findings: Finding[] = [];
  for (const d of validate(text, SETTINGS, parsed)) {
    const message = (typeof d.message === 'string' ? d.message : d.message.value).replace(/\.$/, '');
    if (typeof d.code === 'number' && (replaced.has(d.code) || (d.code === ValidationCode.INVALID_PORT && replacedPortFinding(message)))) continue;
    const check = typeof d.code === 'number' ? byCode.get(d.code) : undefined;
    const severity: Severity = d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : d.severity === 3 ? 'info' : 'hint';
    findings.push({ ruleId: check?.id ?? 'syntax-invalid-syntax', severity, range: d.range, message });
  }
  return findings;
}

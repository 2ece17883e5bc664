/** Syntax problems, reported by dockerfile-utils' validator (the one dockerfile-language-service uses). */
import { validate, ValidationCode, ValidationSeverity, type ValidatorSettings } from 'dockerfile-utils';
import type { Finding, Severity } from './types';

export interface SyntaxCheck {
  id: string;
  code: ValidationCode;
  /** hadolint codes and BuildKit check names that this validator code stands in for. */
  aliases: string[];
}

const ALIASES: Partial<Record<keyof typeof ValidationCode, string[]>> = {
  CASING_INSTRUCTION: ['ConsistentInstructionCasing'],
  DEPRECATED_MAINTAINER: ['DL4000', 'MaintainerDeprecated'],
  DUPLICATE_BUILD_STAGE_NAME: ['DL3024', 'DuplicateStageName'],
  EMPTY_CONTINUATION_LINE: ['NoEmptyContinuation'],
  INVALID_BUILD_STAGE_NAME: ['StageNameCasing'],
  WORKDIR_IS_NOT_ABSOLUTE: ['DL3000', 'WorkdirRelativePath'],
  MULTIPLE_INSTRUCTIONS: ['DL4003', 'DL4004', 'MultipleInstructionsDisallowed'],
  INVALID_PORT: ['DL3011', 'ExposeInvalidFormat'],
};

function kebab(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}

/** One entry per validator code (the enum has two names for one value; the later name wins). */
export const SYNTAX_CHECKS: SyntaxCheck[] = (() => {
  const byCode = new Map<number, SyntaxCheck>();
  for (const [name, code] of Object.entries(ValidationCode)) {
    if (typeof code !== 'number') continue;
    byCode.set(code, { id: `syntax-${kebab(name)}`, code, aliases: ALIASES[name as keyof typeof ValidationCode] ?? [] });
  }
  return [...byCode.values()].sort((a, b) => a.id.localeCompare(b.id));
})();

const byCode = new Map(SYNTAX_CHECKS.map((c) => [c.code, c]));

const SETTINGS: ValidatorSettings = {
  deprecatedMaintainer: ValidationSeverity.WARNING,
  directiveCasing: ValidationSeverity.WARNING,
  emptyContinuationLine: ValidationSeverity.WARNING,
  instructionCasing: ValidationSeverity.WARNING,
  instructionCmdMultiple: ValidationSeverity.WARNING,
  instructionEntrypointMultiple: ValidationSeverity.WARNING,
  instructionHealthcheckMultiple: ValidationSeverity.WARNING,
  instructionJSONInSingleQuotes: ValidationSeverity.WARNING,
  instructionWorkdirRelative: ValidationSeverity.WARNING,
};

/** Runs the validator; findings carry `syntax-*` ids. */
export function syntaxFindings(text: string): Finding[] {
  return validate(text, SETTINGS).map((d) => {
    const check = typeof d.code === 'number' ? byCode.get(d.code) : undefined;
    const severity: Severity = d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : d.severity === 3 ? 'info' : 'hint';
    return {
      ruleId: check?.id ?? 'syntax-invalid-syntax',
      severity,
      range: d.range,
      message: (typeof d.message === 'string' ? d.message : d.message.value).replace(/\.$/, ''),
    };
  });
}

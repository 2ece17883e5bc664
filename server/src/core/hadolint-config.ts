/**
 * hadolint's configuration file (`.hadolint.yaml`), read so a project's hadolint settings apply here
 * too: `ignored` rules, `override` severities, `trustedRegistries`, `label-schema`, `strict-labels`,
 * `disable-ignore-pragma`, and `failure-threshold` / `no-fail` for the command line. Pure: text in, data out.
 */
import { parse as parseYaml } from 'yaml';
import { idsFor } from './catalog';
import type { LintOptions } from './lint';
import type { LabelType, RuleConfig, Severity } from './types';

export interface HadolintConfig {
  /** Codes or rule ids never reported. */
  ignored: string[];
  /** Severity per code or rule id (`style` becomes `hint`). */
  override: Record<string, Severity>;
  trustedRegistries: string[];
  labelSchema: Record<string, LabelType>;
  strictLabels?: boolean;
  disableIgnorePragma?: boolean;
  /** The lowest severity that fails the command line; `none` never fails (hadolint's `ignore`/`none`, or `no-fail: true`). */
  failureThreshold?: Severity | 'none';
}

export interface ParsedHadolintConfig {
  config: HadolintConfig;
  /** Problems with the file; what could be read is still in `config`. */
  errors: string[];
}

/** hadolint's levels (a Map: a key such as `constructor` must not find `Object.prototype`'s members). */
const LEVELS = new Map<string, Severity>([['error', 'error'], ['warning', 'warning'], ['info', 'info'], ['style', 'hint']]);
const LABEL_TYPES = new Set<LabelType>(['text', 'url', 'spdx', 'hash', 'rfc3339', 'semver', 'email']);
const KNOWN_KEYS = new Set([
  'ignored', 'override', 'trustedRegistries', 'label-schema', 'strict-labels', 'disable-ignore-pragma', 'failure-threshold',
  'no-fail', 'no-color', 'verbose', 'format',
]);

function strings(value: unknown, key: string, errors: string[]): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.map(String);
  errors.push(`\`${key}\` should be a list of strings`);
  return [];
}

function bool(value: unknown, key: string, errors: string[]): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  errors.push(`\`${key}\` should be true or false`);
  return undefined;
}

/** Parses the text of a `.hadolint.yaml`. Never throws: problems are listed in `errors`. */
export function parseHadolintConfig(text: string): ParsedHadolintConfig {
  const errors: string[] = [];
  const config: HadolintConfig = { ignored: [], override: {}, trustedRegistries: [], labelSchema: {} };
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    return { config, errors: [`not valid YAML: ${(error as Error).message.split('\n')[0]}`] };
  }
  if (doc === null || doc === undefined) return { config, errors };
  if (typeof doc !== 'object' || Array.isArray(doc)) return { config, errors: ['the file should hold a mapping of settings'] };
  const map = doc as Record<string, unknown>;
  for (const key of Object.keys(map)) if (!KNOWN_KEYS.has(key)) errors.push(`unknown setting \`${key}\``);

  config.ignored = strings(map.ignored, 'ignored', errors);
  const override = map.override;
  if (override !== undefined && override !== null) {
    if (typeof override !== 'object' || Array.isArray(override)) errors.push('`override` should map error, warning, info or style to lists of rules');
    else {
      for (const [level, codes] of Object.entries(override as Record<string, unknown>)) {
        const severity = LEVELS.get(level);
        if (!severity) {
          errors.push(`unknown severity \`${level}\` in \`override\` (use error, warning, info or style)`);
          continue;
        }
        for (const code of strings(codes, `override.${level}`, errors)) config.override[code] = severity;
      }
    }
  }
  config.trustedRegistries = strings(map.trustedRegistries, 'trustedRegistries', errors);
  const schema = map['label-schema'];
  if (schema !== undefined && schema !== null) {
    if (typeof schema !== 'object' || Array.isArray(schema)) errors.push('`label-schema` should map label names to types');
    else {
      for (const [label, type] of Object.entries(schema as Record<string, unknown>)) {
        if (typeof type === 'string' && LABEL_TYPES.has(type as LabelType)) config.labelSchema[label] = type as LabelType;
        else errors.push(`label \`${label}\` has an unknown type \`${String(type)}\` (use ${[...LABEL_TYPES].join(', ')})`);
      }
    }
  }
  config.strictLabels = bool(map['strict-labels'], 'strict-labels', errors);
  config.disableIgnorePragma = bool(map['disable-ignore-pragma'], 'disable-ignore-pragma', errors);
  const threshold = map['failure-threshold'];
  if (threshold !== undefined && threshold !== null) {
    const level = typeof threshold === 'string' ? LEVELS.get(threshold) : undefined;
    if (level) config.failureThreshold = level;
    else if (threshold === 'ignore' || threshold === 'none') config.failureThreshold = 'none';
    else errors.push(`\`failure-threshold\` should be error, warning, info, style, ignore or none, not \`${String(threshold)}\``);
  }
  if (bool(map['no-fail'], 'no-fail', errors)) config.failureThreshold = 'none';
  return { config, errors };
}

/** The project settings rules read (`config` of CheckContext) from a hadolint configuration. */
export function ruleConfigOf(config: HadolintConfig): RuleConfig {
  const rules: RuleConfig = {};
  if (config.trustedRegistries.length) rules.trustedRegistries = config.trustedRegistries;
  if (Object.keys(config.labelSchema).length) rules.labelSchema = config.labelSchema;
  if (config.strictLabels !== undefined) rules.strictLabels = config.strictLabels;
  return rules;
}

/**
 * Lint options with a hadolint configuration applied: `ignored` turns the rules standing for those codes
 * off, `override` sets their severity (codes, BuildKit names or rule ids), the rest goes to `config`.
 * Explicit `options.severities` and `options.config` win over the file.
 */
export function applyHadolintConfig(options: LintOptions, config: HadolintConfig): LintOptions {
  const severities: Record<string, Severity | 'off'> = {};
  for (const [code, severity] of Object.entries(config.override)) for (const id of idsFor(code)) severities[id] = severity;
  for (const code of config.ignored) for (const id of idsFor(code)) severities[id] = 'off';
  return {
    ...options,
    severities: { ...severities, ...options.severities },
    config: { ...ruleConfigOf(config), ...options.config },
    hadolintPragmas: config.disableIgnorePragma ? false : options.hadolintPragmas,
  };
}

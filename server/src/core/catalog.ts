/** Every rule and validator code, with lookups by id and alias. */
import { rules } from './rules';
import { SYNTAX_CHECKS } from './syntax';
import type { Rule } from './types';

export { rules };

const byId = new Map<string, Rule>(rules.map((r) => [r.id, r]));

const byToken = new Map<string, string[]>();
function index(token: string, id: string): void {
  const key = token.toLowerCase();
  const ids = byToken.get(key) ?? [];
  if (!ids.includes(id)) ids.push(id);
  byToken.set(key, ids);
}
for (const rule of rules) {
  index(rule.id, rule.id);
  rule.aliases.forEach((alias) => index(alias, rule.id));
}
for (const check of SYNTAX_CHECKS) {
  index(check.id, check.id);
  check.aliases.forEach((alias) => index(alias, check.id));
}

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}

/** Rule ids (ours or `syntax-*`) that a rule id, hadolint code or BuildKit check name stands for. */
export function idsFor(token: string): string[] {
  return byToken.get(token.toLowerCase()) ?? [];
}

/** Every known id: rules and validator codes. */
export function allIds(): string[] {
  return [...rules.map((r) => r.id), ...SYNTAX_CHECKS.map((c) => c.id)];
}

/** Aliases of a rule or validator code. */
export function aliasesOf(id: string): string[] {
  return byId.get(id)?.aliases ?? SYNTAX_CHECKS.find((c) => c.id === id)?.aliases ?? [];
}

export function isHadolintCode(alias: string): boolean {
  return /^(DL|SC)\d{4}$/.test(alias);
}

export function hasBuildkitAlias(id: string): boolean {
  return aliasesOf(id).some((a) => !isHadolintCode(a));
}

import type { Rule } from './types';

/** Declares a rule: metadata, check and fix in one object. Exists for type inference and one place to validate. */
export function defineRule(rule: Rule): Rule {
  if (!/^[a-z]+(?:-[a-z0-9]+)+$/.test(rule.id)) throw new Error(`Rule id \`${rule.id}\` is not kebab-case with a topic prefix`);
  return rule;
}

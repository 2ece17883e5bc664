/**
 * Code-unit order of ASCII ids (rule ids, validator codes). Not `localeCompare`: its first call loads
 * ICU's collation data, 4 MB of the language server's resident memory, to order ids that need no collation.
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

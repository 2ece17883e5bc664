/** Rule docs, the syntax page and the README rules table are generated from metadata; this keeps them fresh. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules } from '../../server/src/core/catalog';
import { DOCS_PATH, ruleDocPage, rulesSettingSchema, rulesTable, syntaxDocPage } from '../../server/src/core/docs';

const update = process.env.UPDATE_DOCS === '1';
const START = '<!-- rules:start -->';
const END = '<!-- rules:end -->';

function fresh(path: string, expected: string): void {
  if (update) {
    writeFileSync(path, expected);
    return;
  }
  expect(existsSync(path), `${path} is missing: run \`npm run docs\``).toBe(true);
  expect(readFileSync(path, 'utf8'), `${path} is stale: run \`npm run docs\``).toBe(expected);
}

describe('generated documentation', () => {
  if (update) mkdirSync(DOCS_PATH, { recursive: true });

  for (const rule of rules) {
    it(`${DOCS_PATH}/${rule.id}.md is up to date`, () => fresh(`${DOCS_PATH}/${rule.id}.md`, ruleDocPage(rule)));
  }

  it('has no page for a rule that does not exist', () => {
    const pages = readdirSync(DOCS_PATH).filter((f) => f !== 'syntax.md');
    expect(pages.sort()).toEqual(rules.map((r) => `${r.id}.md`).sort());
  });

  it(`${DOCS_PATH}/syntax.md is up to date`, () => fresh(`${DOCS_PATH}/syntax.md`, syntaxDocPage()));

  it('the README rules table is up to date', () => {
    const readme = readFileSync('README.md', 'utf8');
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    expect(start, 'README.md needs the rules table markers').toBeGreaterThanOrEqual(0);
    const expected = `${readme.slice(0, start + START.length)}\n${rulesTable(rules)}\n${readme.slice(end)}`;
    fresh('README.md', expected);
  });

  it('the per-rule settings schema in package.json is up to date', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    pkg.contributes.configuration.properties['dockerfileOptimizer.rules'] = rulesSettingSchema(rules);
    fresh('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
  });
});

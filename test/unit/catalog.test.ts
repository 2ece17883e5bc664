import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { idsFor, rules } from '../../server/src/core/catalog';
import { lint } from '../../server/src/core/lint';
import { SYNTAX_CHECKS } from '../../server/src/core/syntax';
import { memoryContext } from '../../server/src/io/context-files';
import { loadShellParser } from '../../server/src/io/shell-wasm';

const TOPICS = ['from', 'stage', 'user', 'run', 'apt', 'apk', 'pip', 'npm', 'copy', 'cmd', 'context', 'secret', 'label', 'expose', 'workdir', 'shell', 'env', 'arg', 'healthcheck', 'onbuild', 'yum', 'dnf', 'zypper', 'gem', 'go', 'add', 'maintainer', 'instruction', 'wget', 'yarn', 'var'];

beforeAll(() => loadShellParser());

describe('rule catalog', () => {
  it('is sorted by id, with unique kebab-case ids that start with a known topic', () => {
    const ids = rules.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z]+(-[a-z0-9]+)+$/);
      expect(TOPICS).toContain(id.split('-')[0]);
    }
  });

  it('maps every alias to exactly one rule or validator code', () => {
    const owners = new Map<string, string>();
    for (const { id, aliases } of [...rules, ...SYNTAX_CHECKS]) {
      for (const alias of aliases) {
        expect(owners.get(alias), `alias ${alias} of ${id} is also used by ${owners.get(alias)}`).toBeUndefined();
        owners.set(alias, id);
        expect(idsFor(alias)).toEqual([id]);
      }
    }
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      it('has complete documentation and a test file', () => {
        const d = rule.docs;
        for (const text of [d.description, d.rationale, d.bad, d.good]) expect(text.trim().length).toBeGreaterThan(10);
        expect(d.references.length).toBeGreaterThan(0);
        for (const ref of d.references) expect(ref).toMatch(/^https:\/\//);
        expect(existsSync(`test/unit/rules/${rule.id}.test.ts`)).toBe(true);
      });

      it('reports its bad example and not its good one', () => {
        const files = memoryContext(rule.docs.files ?? { 'package.json': '{}', 'package-lock.json': '{}', 'index.js': '' });
        const config = rule.docs.config;
        const tags = rule.docs.tags ? new Map(Object.entries(rule.docs.tags)) : undefined;
        const bad = lint(rule.docs.bad, { files, config, tags }).findings.filter((f) => f.ruleId === rule.id);
        const good = lint(rule.docs.good, { files, config, tags }).findings.filter((f) => f.ruleId === rule.id);
        expect(bad.length, rule.docs.bad).toBeGreaterThan(0);
        expect(good, rule.docs.good).toEqual([]);
      });
    });
  }
});

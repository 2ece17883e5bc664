/**
 * The injection grammar (`syntaxes/dockerfile-optimizer.injection.tmLanguage.json`), run with
 * vscode-tmgrammar-test over `test/grammar/*.dockerfile` on top of VS Code's own Dockerfile grammar
 * (`test/fixtures/docker.tmLanguage.json`, scope `source.dockerfile`).
 *
 * The tool's `-g` option cannot declare `injectTo`, so the grammars are handed to it through a
 * `--config` file shaped like an extension's `package.json` (`contributes.grammars`), written to a
 * temporary folder so that the project's own `package.json` plays no part.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const BASE_GRAMMAR = path.join(ROOT, 'test/fixtures/docker.tmLanguage.json');
const INJECTION = path.join(ROOT, 'syntaxes/dockerfile-optimizer.injection.tmLanguage.json');
const CASES_DIR = path.join(ROOT, 'test/grammar');
const CASES_GLOB = 'test/grammar/*.dockerfile';
const OWN_SCOPE = /\b[\w.-]+\.dockerfile-optimizer\b/g;

const requireHere = createRequire(__filename);
const TOOL = path.join(path.dirname(requireHere.resolve('vscode-tmgrammar-test/package.json')), 'dist/unit.js');

let tmp: string;
let config: string;

interface ToolResult {
  status: number | null;
  output: string;
}

/** Runs the vscode-tmgrammar-test command line from the repository root. */
function runTool(...cases: string[]): ToolResult {
  const result = spawnSync(process.execPath, [TOOL, '--compact', '--config', config, ...cases], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Every scope name given by some rules (`name`, `contentName`, captures), split on spaces. */
function grammarScopes(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => grammarScopes(n, into));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'name' || key === 'contentName') && typeof value === 'string') value.split(/\s+/).forEach((s) => s && into.add(s));
      else grammarScopes(value, into);
    }
  }
  return into;
}

const caseFiles = readdirSync(CASES_DIR)
  .filter((f) => f.endsWith('.dockerfile'))
  .sort();

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'dockerfile-optimizer-grammar-'));
  config = path.join(tmp, 'package.json');
  // The tool joins each `path` onto the config file's folder.
  const rel = (p: string) => path.relative(tmp, p);
  const contributes = {
    grammars: [
      { language: 'dockerfile', scopeName: 'source.dockerfile', path: rel(BASE_GRAMMAR) },
      { scopeName: 'dockerfile-optimizer.injection', path: rel(INJECTION), injectTo: ['source.dockerfile'] },
    ],
  };
  writeFileSync(config, JSON.stringify({ name: 'grammar-test', contributes }, null, 2));
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('injection grammar', () => {
  it('is an injection into VS Code\'s Dockerfile grammar', () => {
    const grammar = JSON.parse(readFileSync(INJECTION, 'utf8'));
    expect(grammar.scopeName).toBe('dockerfile-optimizer.injection');
    expect(grammar.injectionSelector).toBe('L:source.dockerfile');
    expect(JSON.parse(readFileSync(BASE_GRAMMAR, 'utf8')).scopeName).toBe('source.dockerfile');
  });

  it('has grammar test files, each a syntax test of `source.dockerfile`', () => {
    expect(caseFiles.length).toBeGreaterThanOrEqual(5);
    for (const file of caseFiles) {
      const header = readFileSync(path.join(CASES_DIR, file), 'utf8').split('\n')[0];
      expect(header, file).toMatch(/^# SYNTAX TEST "source\.dockerfile"( "[^"]+")?$/);
    }
  });

  it('asserts every scope the grammar gives, and only those', () => {
    const grammar = JSON.parse(readFileSync(INJECTION, 'utf8'));
    const defined = grammarScopes([grammar.patterns, grammar.repository]);
    const asserted = new Set<string>();
    for (const file of caseFiles) {
      const lines = readFileSync(path.join(CASES_DIR, file), 'utf8').split('\n');
      for (const line of lines.filter((l) => /^#\s*(\^|<)/.test(l))) {
        const required = line.split(/\s-\s/)[0];
        for (const scope of line.match(OWN_SCOPE) ?? []) expect(defined, `${file}: \`${scope}\` is not a scope of the grammar`).toContain(scope);
        for (const scope of required.match(OWN_SCOPE) ?? []) asserted.add(scope);
      }
    }
    expect([...defined].filter((s) => !asserted.has(s))).toEqual([]);
  });

  it('passes every assertion in test/grammar/*.dockerfile', () => {
    const { status, output } = runTool(CASES_GLOB);
    expect(output).not.toMatch(/no test cases found/);
    for (const file of caseFiles) expect(output).toContain(file);
    expect(status, output).toBe(0);
  });

  describe('the runner itself', () => {
    const probe = (assertion: string) =>
      ['# SYNTAX TEST "source.dockerfile" "runner self-check"', '# hadolint ignore=DL3008', assertion, 'FROM debian:bookworm-slim', ''].join('\n');

    it('passes a correct assertion in a temporary file', () => {
      const file = path.join(tmp, 'correct.dockerfile');
      writeFileSync(file, probe('# ^^^^^^^^ keyword.other.pragma.dockerfile-optimizer'));
      const { status, output } = runTool(file);
      expect(status, output).toBe(0);
    });

    it('fails on a deliberately wrong assertion', () => {
      const file = path.join(tmp, 'wrong.dockerfile');
      writeFileSync(file, probe('# ^^^^^^^^ storage.modifier.global.dockerfile-optimizer'));
      const { status, output } = runTool(file);
      expect(status).not.toBe(0);
      expect(output).toMatch(/storage\.modifier\.global\.dockerfile-optimizer/);
    });

    it('fails on a scope that is asserted to be absent but is there', () => {
      const file = path.join(tmp, 'wrong-negative.dockerfile');
      writeFileSync(file, probe('# <- - comment.line.pragma.dockerfile-optimizer'));
      const { status } = runTool(file);
      expect(status).not.toBe(0);
    });
  });
});

/**
 * The Dockerfile snippets (`client/snippets/dockerfile.json`): well-formed, uniquely prefixed, and
 * lint-clean under our own rules when every placeholder keeps its default.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../server/src/core/lint';
import type { Finding } from '../../server/src/core/types';
import { memoryContext } from '../../server/src/io/context-files';
import { loadShellParser } from '../../server/src/io/shell-wasm';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

const SNIPPETS_FILE = path.resolve(__dirname, '../../client/snippets/dockerfile.json');
const snippets = JSON.parse(readFileSync(SNIPPETS_FILE, 'utf8')) as Record<string, Snippet>;

// ---------------------------------------------------------------------------------------------
// A small expander for VS Code's snippet syntax, with every placeholder left at its default.

type SnippetNode =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children?: SnippetNode[] }
  | { kind: 'choice'; index: number; options: string[] }
  | { kind: 'variable'; name: string; children?: SnippetNode[] };

/** What the editor would insert for the variables, for a Dockerfile in a workspace called `app`. */
const VARIABLES: Record<string, string> = {
  TM_SELECTED_TEXT: '',
  TM_CURRENT_LINE: '',
  TM_CURRENT_WORD: '',
  TM_LINE_INDEX: '0',
  TM_LINE_NUMBER: '1',
  TM_FILENAME: 'Dockerfile',
  TM_FILENAME_BASE: 'Dockerfile',
  TM_DIRECTORY: '/workspace/app',
  TM_FILEPATH: '/workspace/app/Dockerfile',
  RELATIVE_FILEPATH: 'Dockerfile',
  CLIPBOARD: '',
  WORKSPACE_NAME: 'app',
  WORKSPACE_FOLDER: '/workspace/app',
  CURSOR_INDEX: '0',
  CURSOR_NUMBER: '1',
  CURRENT_YEAR: '2025',
  CURRENT_YEAR_SHORT: '25',
  CURRENT_MONTH: '01',
  CURRENT_MONTH_NAME: 'January',
  CURRENT_MONTH_NAME_SHORT: 'Jan',
  CURRENT_DATE: '01',
  CURRENT_DAY_NAME: 'Monday',
  CURRENT_DAY_NAME_SHORT: 'Mon',
  CURRENT_HOUR: '12',
  CURRENT_MINUTE: '00',
  CURRENT_SECOND: '00',
  CURRENT_SECONDS_UNIX: '1735732800',
  CURRENT_TIMEZONE_OFFSET: '+00:00',
  RANDOM: '123456',
  RANDOM_HEX: 'a1b2c3',
  UUID: '00000000-0000-4000-8000-000000000000',
  BLOCK_COMMENT_START: '',
  BLOCK_COMMENT_END: '',
  LINE_COMMENT: '#',
};

/** Parses a snippet body; throws on what VS Code would not read as intended (unknown variables, unclosed `${`). */
function parseSnippet(source: string): SnippetNode[] {
  let pos = 0;
  const fail = (message: string): never => {
    throw new Error(`${message} at offset ${pos} of ${JSON.stringify(source)}`);
  };

  function parseChoice(): string[] {
    const options: string[] = [];
    let current = '';
    while (pos < source.length) {
      const ch = source[pos];
      if (ch === '\\' && ',|\\'.includes(source[pos + 1] ?? '')) {
        current += source[pos + 1];
        pos += 2;
      } else if (ch === ',') {
        options.push(current);
        current = '';
        pos++;
      } else if (ch === '|' && source[pos + 1] === '}') {
        options.push(current);
        pos += 2;
        return options;
      } else {
        current += ch;
        pos++;
      }
    }
    return fail('Unclosed choice');
  }

  function parseDollar(): SnippetNode | undefined {
    const start = pos;
    const rest = source.slice(pos);
    let m = /^\$(\d+)/.exec(rest);
    if (m) {
      pos += m[0].length;
      return { kind: 'tabstop', index: Number(m[1]) };
    }
    m = /^\$([_a-zA-Z][_a-zA-Z0-9]*)/.exec(rest);
    if (m) {
      pos += m[0].length;
      return { kind: 'variable', name: m[1] };
    }
    m = /^\$\{(?:(\d+)|([_a-zA-Z][_a-zA-Z0-9]*))/.exec(rest);
    if (!m) return undefined;
    pos += m[0].length;
    const index = m[1] === undefined ? undefined : Number(m[1]);
    const next = source[pos];
    if (next === '}') {
      pos++;
      return index === undefined ? { kind: 'variable', name: m[2] } : { kind: 'tabstop', index };
    }
    if (next === ':') {
      pos++;
      const children = parseSequence(true);
      if (source[pos] !== '}') fail('Unclosed placeholder');
      pos++;
      return index === undefined ? { kind: 'variable', name: m[2], children } : { kind: 'tabstop', index, children };
    }
    if (next === '|' && index !== undefined) {
      pos++;
      return { kind: 'choice', index, options: parseChoice() };
    }
    if (next === '/') fail('Variable transforms are not supported by this expander');
    pos = start;
    return undefined;
  }

  function parseSequence(inPlaceholder: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (pos < source.length) {
      const ch = source[pos];
      if (ch === '\\' && '$}\\'.includes(source[pos + 1] ?? '')) {
        text += source[pos + 1];
        pos += 2;
        continue;
      }
      if (ch === '}' && inPlaceholder) break;
      if (ch === '$') {
        const node = parseDollar();
        if (node) {
          flush();
          nodes.push(node);
          continue;
        }
      }
      text += ch;
      pos++;
    }
    flush();
    return nodes;
  }

  const nodes = parseSequence(false);
  if (pos !== source.length) fail('Unbalanced `}`');
  return nodes;
}

function walk(nodes: SnippetNode[], visit: (node: SnippetNode) => void): void {
  for (const node of nodes) {
    visit(node);
    if ((node.kind === 'tabstop' || node.kind === 'variable') && node.children) walk(node.children, visit);
  }
}

/** Every tab stop with a default, by index: the text VS Code shows, and mirrors into `$n`, until the user types. */
function defaults(nodes: SnippetNode[]): Map<number, SnippetNode[] | string> {
  const found = new Map<number, SnippetNode[] | string>();
  walk(nodes, (node) => {
    if (node.kind === 'tabstop' && node.children && !found.has(node.index)) found.set(node.index, node.children);
    if (node.kind === 'choice' && !found.has(node.index)) found.set(node.index, node.options[0] ?? '');
  });
  return found;
}

/** The text inserted when every placeholder keeps its default: `${1:a}` → `a`, `${1|a,b|}` → `a`, `$0` → ``. */
function expandSnippet(body: string | string[]): string {
  const nodes = parseSnippet(Array.isArray(body) ? body.join('\n') : body);
  const byIndex = defaults(nodes);
  const render = (list: SnippetNode[]): string =>
    list
      .map((node) => {
        switch (node.kind) {
          case 'text':
            return node.value;
          case 'choice':
            return node.options[0] ?? '';
          case 'tabstop': {
            const value = node.children ?? byIndex.get(node.index) ?? '';
            return typeof value === 'string' ? value : render(value);
          }
          case 'variable': {
            const value = VARIABLES[node.name];
            if (value !== undefined) return value;
            if (node.children) return render(node.children);
            throw new Error(`Unknown snippet variable \`${node.name}\`: write a literal \`$\` as \`\\$\``);
          }
        }
      })
      .join('');
  return render(nodes);
}

// ---------------------------------------------------------------------------------------------
// What each snippet is linted with.

const DOCKERIGNORE_SNIPPET = 'dockerignore body';

/** A `.dockerignore` that excludes what `context-dockerignore` asks for in every ecosystem the templates cover. */
const DOCKERIGNORE = ['.git', '.env', 'node_modules', '.venv', '__pycache__', 'target', 'bin', 'obj', 'build', '.gradle', 'vendor'].join('\n') + '\n';

const PACKAGE_JSON = JSON.stringify({ name: 'app', version: '1.0.0', scripts: { build: 'tsc -p .' } }, null, 2);
const PACKAGE_LOCK = JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages: {} }, null, 2);
const GO_MOD = 'module example.com/app\n\ngo 1.24\n';

/** Complete templates: the build context each one copies from (manifests and sources), by prefix. */
const CONTEXTS: Record<string, Record<string, string>> = {
  'dfo-node': { 'package.json': PACKAGE_JSON, 'package-lock.json': PACKAGE_LOCK, 'tsconfig.json': '{}\n', 'src/index.ts': 'console.log("up");\n' },
  'dfo-go': { 'go.mod': GO_MOD, 'go.sum': '', 'main.go': 'package main\n\nfunc main() {}\n' },
  'dfo-go-scratch': { 'go.mod': GO_MOD, 'go.sum': '', 'main.go': 'package main\n\nfunc main() {}\n' },
  'dfo-react': { 'package.json': PACKAGE_JSON, 'package-lock.json': PACKAGE_LOCK, 'index.html': '<div id="root"></div>\n', 'src/main.tsx': 'export {};\n' },
  'dfo-python': { 'requirements.txt': 'flask==3.1.0\ngunicorn==23.0.0\n', 'app.py': 'print("up")\n' },
  'dfo-java': { 'pom.xml': '<project></project>\n', 'src/main/java/App.java': 'class App {}\n' },
  'dfo-rust': { 'Cargo.toml': '[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\n', 'Cargo.lock': 'version = 4\n', 'src/main.rs': 'fn main() {}\n' },
  'dfo-dotnet': { 'App.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>\n', 'Program.cs': 'return;\n' },
};

/**
 * Partial snippets, each linted inside a wrapper Dockerfile (`SNIPPET` marks where it goes). `without` lists
 * what the wrapper alone reports, which the snippet must resolve; the wrapper brings nothing else.
 */
const WRAPPERS: Record<string, { wrapper: string; without: string[] }> = {
  'dfo-user-alpine': { wrapper: 'FROM alpine:3.21\nSNIPPET\nCMD ["sh"]\n', without: ['user-non-root'] },
  'dfo-user-debian': { wrapper: 'FROM debian:bookworm-slim\nSNIPPET\nCMD ["sh"]\n', without: ['user-non-root'] },
  'dfo-apt': { wrapper: 'FROM debian:bookworm-slim\nSNIPPET\nUSER 65532:65532\nCMD ["sh"]\n', without: [] },
  'dfo-healthcheck': { wrapper: 'FROM debian:bookworm-slim\nSNIPPET\nUSER 65532:65532\nCMD ["sh"]\n', without: [] },
};

/**
 * Informational pins a template cannot know: the digest of the day, and the exact Debian package versions (mirrors drop old ones).
 * Advice that depends on where the image runs: a `HEALTHCHECK` (Compose, Swarm; Kubernetes probes instead) and a numeric `USER`
 * (Kubernetes `runAsNonRoot`), which the templates leave to the project.
 */
const ALLOWED = new Set(['from-digest-pinned', 'apt-version-pinned', 'healthcheck-defined', 'user-numeric-id']);

function unexpected(findings: Finding[]): string[] {
  return findings.filter((f) => !ALLOWED.has(f.ruleId)).map((f) => `${f.range.start.line + 1}: ${f.ruleId} (${f.severity}): ${f.message}`);
}

function prefixesOf(snippet: Snippet): string[] {
  return Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix];
}

const entries = Object.entries(snippets).map(([name, snippet]) => ({ name, snippet, prefix: prefixesOf(snippet)[0] }));
const dockerfileEntries = entries.filter((e) => e.name !== DOCKERIGNORE_SNIPPET);

/** Sources of the `COPY`/`ADD` instructions that read from the build context (not `--from`). */
function contextSources(text: string): string[] {
  const logical = text.replace(/\\\n/g, ' ').split('\n');
  return logical.flatMap((line) => {
    const m = /^\s*(COPY|ADD)\s+(.*)$/i.exec(line);
    if (!m) return [];
    const words = m[2].trim().split(/\s+/);
    if (words.some((w) => /^--from=/.test(w))) return [];
    const args = words.filter((w) => !w.startsWith('--'));
    return args.slice(0, -1);
  });
}

beforeAll(() => loadShellParser());

describe('snippet expander', () => {
  it('keeps defaults, picks the first choice and empties bare tab stops', () => {
    expect(expandSnippet('FROM node:${1:22}-slim AS ${2|builder,build|}$0')).toBe('FROM node:22-slim AS builder');
    expect(expandSnippet(['a ${1:x ${2:y}} $2', '$3 done'])).toBe('a x y y\n done');
    expect(expandSnippet('${1:22} and $1')).toBe('22 and 22');
    expect(expandSnippet('${TM_FILENAME} ${WORKSPACE_NAME:x} ${NOT_SET:fallback}')).toBe('Dockerfile app fallback');
  });

  it('reads escapes and leaves text that is no snippet syntax alone', () => {
    expect(expandSnippet('ENV PATH="/opt/venv/bin:\\$PATH" \\\\ \\}')).toBe('ENV PATH="/opt/venv/bin:$PATH" \\ }');
    expect(expandSnippet('echo "fn main() {}" $(date) $ ${1|a\\,b,c|}')).toBe('echo "fn main() {}" $(date) $ a,b');
  });

  it('rejects an unescaped shell variable and unclosed placeholders', () => {
    expect(() => expandSnippet('ENV PATH=/opt/venv/bin:$PATH')).toThrow(/Unknown snippet variable `PATH`/);
    expect(() => expandSnippet('FROM node:${1:22')).toThrow(/Unclosed placeholder/);
  });
});

describe('snippets', () => {
  it('each have a prefix, a body and a description, with unique `dfo-` prefixes', () => {
    expect(entries.length).toBeGreaterThan(0);
    const seen = new Map<string, string>();
    for (const { name, snippet } of entries) {
      expect(typeof snippet.description, name).toBe('string');
      expect(snippet.description.trim().length, name).toBeGreaterThan(10);
      expect(Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body, name).not.toBe('');
      const prefixes = prefixesOf(snippet);
      expect(prefixes.length, name).toBeGreaterThan(0);
      for (const prefix of prefixes) {
        expect(prefix, name).toMatch(/^dfo-[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(seen.get(prefix), `prefix ${prefix} of "${name}" is also used by "${seen.get(prefix)}"`).toBeUndefined();
        seen.set(prefix, name);
      }
      expect(Object.keys(snippet).sort(), name).toEqual(['body', 'description', 'prefix']);
    }
  });

  it('cover the multi-stage patterns, the small idioms and the dockerignore body', () => {
    const prefixes = entries.map((e) => e.prefix);
    for (const expected of ['dfo-node', 'dfo-go', 'dfo-go-scratch', 'dfo-react', 'dfo-python', 'dfo-java', 'dfo-rust', 'dfo-dotnet', 'dfo-user-alpine', 'dfo-user-debian', 'dfo-apt', 'dfo-healthcheck']) {
      expect(prefixes).toContain(expected);
    }
    expect(Object.keys(snippets)).toContain(DOCKERIGNORE_SNIPPET);
  });

  it('are each linted here: a complete template with its build context, or a partial one in a wrapper', () => {
    for (const { name, prefix } of dockerfileEntries) {
      const kinds = [prefix in CONTEXTS, prefix in WRAPPERS].filter(Boolean).length;
      expect(kinds, `snippet "${name}" (${prefix}) needs an entry in CONTEXTS or WRAPPERS`).toBe(1);
    }
  });

  it('have one default per tab stop, and a default for every placeholder in a FROM line', () => {
    for (const { name, snippet } of entries) {
      const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
      const nodes = parseSnippet(body);
      const seen = new Map<number, string>();
      walk(nodes, (node) => {
        if (node.kind === 'tabstop' && node.children) {
          const rendered = JSON.stringify(node.children);
          const earlier = seen.get(node.index);
          expect(earlier === undefined || earlier === rendered, `"${name}": tab stop ${node.index} has different defaults`).toBe(true);
          seen.set(node.index, rendered);
        }
      });
      for (const line of body.split('\n').filter((l) => /^\s*FROM\s/i.test(l))) {
        expect(line, `"${name}": a FROM line with an empty tab stop`).not.toMatch(/\$\d|\$\{\d+\}/);
      }
    }
  });

  for (const { name, snippet, prefix } of dockerfileEntries) {
    describe(`${prefix} (${name})`, () => {
      let expanded: string | undefined;
      /** Expanded inside each test, so a malformed snippet fails its own tests rather than the whole file. */
      const text = () => (expanded ??= expandSnippet(snippet.body));

      it('uses exact base image tags, never `latest`', () => {
        const images = [...text().matchAll(/^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)/gim)].map((m) => m[1]);
        const stages = new Set([...text().matchAll(/^\s*FROM\s.*\sAS\s+(\S+)/gim)].map((m) => m[1].toLowerCase()));
        for (const image of images) {
          if (image === 'scratch' || stages.has(image.toLowerCase())) continue;
          expect(image, 'base image tag').toMatch(/:[\w][\w.-]*$/);
          expect(image).not.toMatch(/:latest$/);
        }
      });

      if (prefix in CONTEXTS) {
        const context = CONTEXTS[prefix];

        it('is a complete multi-stage Dockerfile whose build context has every file it copies', () => {
          expect(text().match(/^\s*FROM\s/gim)?.length ?? 0).toBeGreaterThanOrEqual(2);
          for (const source of contextSources(text())) {
            if (source === '.' || source === './') continue;
            const found = source in context || Object.keys(context).some((f) => f.startsWith(`${source.replace(/\/$/, '')}/`));
            expect(found, `COPY source \`${source}\` is missing from the test build context`).toBe(true);
          }
        });

        it('lints clean without a build context', () => {
          expect(unexpected(lint(text()).findings)).toEqual([]);
        });

        it('lints clean with its build context and a .dockerignore', () => {
          const files = memoryContext({ ...context, '.dockerignore': DOCKERIGNORE });
          expect(unexpected(lint(text(), { files }).findings)).toEqual([]);
        });

        it('lints clean with the "dockerignore body" snippet as its .dockerignore', () => {
          const ignore = expandSnippet(snippets[DOCKERIGNORE_SNIPPET].body);
          const files = memoryContext({ ...context, '.dockerignore': ignore });
          expect(unexpected(lint(text(), { files }).findings)).toEqual([]);
        });
      } else if (prefix in WRAPPERS) {
        const { wrapper, without } = WRAPPERS[prefix];

        it('is a partial snippet, with no FROM of its own', () => {
          expect(text()).not.toMatch(/^\s*FROM\s/im);
        });

        it('the wrapper alone reports only what the snippet resolves', () => {
          const alone = lint(wrapper.replace('SNIPPET\n', '')).findings.filter((f) => !ALLOWED.has(f.ruleId));
          expect(alone.map((f) => f.ruleId).sort()).toEqual([...without].sort());
        });

        it('lints clean inside its wrapper', () => {
          const dockerfile = wrapper.replace('SNIPPET', text().replace(/\n+$/, ''));
          expect(unexpected(lint(dockerfile).findings)).toEqual([]);
          expect(unexpected(lint(dockerfile, { files: memoryContext({ '.dockerignore': DOCKERIGNORE }) }).findings)).toEqual([]);
        });
      }
    });
  }

  describe('dockerignore body', () => {
    it('is present, comment-free ignore lines that exclude VCS data and secrets', () => {
      const snippet = snippets[DOCKERIGNORE_SNIPPET];
      expect(snippet).toBeDefined();
      const lines = expandSnippet(snippet.body)
        .split('\n')
        .filter((l) => l.trim() !== '');
      expect(lines.length).toBeGreaterThan(3);
      for (const line of lines) expect(line.trim(), 'no comments in the dockerignore body').not.toMatch(/^#/);
      expect(lines).toContain('.git');
      expect(lines.some((l) => /(^|\/)\.env$/.test(l))).toBe(true);
    });
  });
});

/**
 * Regression tests for the bugs the fuzzing found in the core and the language server, each with the
 * input that showed it. Times are CPU times with bounds far above what the fixed code needs and far
 * below what the old code took.
 */
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ruleById } from '../../../server/src/core/catalog';
import { applyEdits, eol, insertLinesAfter } from '../../../server/src/core/edits';
import { applyFixEdits } from '../../../server/src/core/fix';
import { lint, NO_FILES, SYNTAX_VALIDATOR } from '../../../server/src/core/lint';
import { parseDockerfile } from '../../../server/src/core/model';
import { readInlineChecks, readPragmas } from '../../../server/src/core/suppressions';
import { expandVariables, expandWithDefaults, hasVariables, variableReferences } from '../../../server/src/core/variables';
import { loadShellParser } from '../../../server/src/io/shell-wasm';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FUZZ_SEED } from '../../helpers/fuzz/settings';
import { pullDiagnostics, startTestServer, type TestClient } from '../../helpers/lsp-client';

beforeAll(() => loadShellParser());

function cpuMs(action: () => void): number {
  const before = process.cpuUsage();
  action();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

const MB = 1_000_000;

describe('suppressions and directives: linear on long lines, lines counted as LSP counts them', () => {
  it('a 1 MB pragma or directive line of blanks ending in a stray character takes milliseconds (was minutes)', () => {
    for (const text of [`# hadolint ignore=DL3008${' '.repeat(MB)}!\nFROM alpine\n`, `FROM alpine\n# dockerfile-optimizer ignore=a${' \t'.repeat(MB / 2)}!\nRUN x\n`, `# syntax=x${' '.repeat(MB)}y\nFROM alpine\n`, `FROM alpine\n# check=skip=a${' '.repeat(MB)}x\nRUN x\n`]) {
      expect(cpuMs(() => lint(text))).toBeLessThan(2_000);
    }
  });

  it('pragmas and directives still read blanks, remarks and values as before', () => {
    const model = parseDockerfile('# syntax = docker/dockerfile:1 \t\n# check=skip=JSONArgsRecommended  // why\nFROM alpine\n# hadolint ignore=DL3008,  DL3015   # pinned upstream\nRUN x\n');
    expect(model.directives.map((d) => [d.name, d.value])).toEqual([['syntax', 'docker/dockerfile:1'], ['check', 'skip=JSONArgsRecommended  // why']]);
    expect(readPragmas(model)).toEqual([{ tool: 'hadolint', global: false, tokens: ['DL3008', 'DL3015'], line: 3 }]);
    const inline = parseDockerfile('FROM alpine\n# check=skip=JSONArgsRecommended   // why\nCMD x\n');
    expect(readInlineChecks(inline).map((c) => c.options.skip)).toEqual([['JSONArgsRecommended']]);
  });

  it('a pragma after a line with a stray carriage return applies to the instruction below it', () => {
    // TextDocument (and so every range) counts a lone `\r` as a line break; the pragma lines must be counted the same way.
    const text = 'FROM alpine:3.20\nLABEL a=b\rc=d\n# dockerfile-optimizer ignore=apk-no-cache\nRUN apk add curl\n';
    expect(lint(text).findings.map((f) => f.ruleId)).not.toContain('apk-no-cache');
    const crOnly = 'FROM alpine:3.20\r# dockerfile-optimizer ignore=apk-no-cache\rRUN apk add curl\r';
    expect(lint(crOnly).findings.map((f) => f.ruleId)).not.toContain('apk-no-cache');
  });
});

/** The expressions variables.ts used before it scanned by hand: the reference for its behaviour. */
const REFERENCE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;
function referenceExpand(text: string, lookup: (name: string) => string | undefined): string | undefined {
  let unresolved = false;
  const result = text.replace(REFERENCE, (_m, braced?: string, op?: string, word?: string, bare?: string) => {
    const value = lookup((braced ?? bare)!);
    if (op === ':-' || op === '-') return value === undefined || (op === ':-' && value === '') ? (word ?? '') : value;
    if (op === ':+' || op === '+') return value !== undefined && (op === '+' || value !== '') ? (word ?? '') : '';
    if (value === undefined) unresolved = true;
    return value ?? '';
  });
  return unresolved ? undefined : result;
}

describe('variables: linear scanning', () => {
  it('expands and finds references exactly as the regular expression did, on random text', () => {
    const values: Record<string, string | undefined> = { A: 'x', b: '', _: undefined };
    const lookup = (name: string) => values[name];
    const text = fc.array(fc.constantFrom('$', '{', '}', ':', '-', '+', '?', 'A', 'b', '_', '1', ' ', '"', "'", '\\'), { maxLength: 24 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, (t) => {
        expect(expandVariables(t, lookup)).toBe(referenceExpand(t, lookup));
        expect(hasVariables(t)).toBe(t.replace(REFERENCE, '\u0000') !== t);
      }),
      { seed: FUZZ_SEED, numRuns: 3_000 },
    );
  });

  it('100,000 unclosed `${a:-` and 10,000 nested ones: milliseconds, no stack overflow (were quadratic, and recursive)', () => {
    const unclosed = '${a:-'.repeat(100_000);
    const nested = `${'${a:-'.repeat(10_000)}x${'}'.repeat(10_000)}`;
    for (const text of [unclosed, nested]) {
      expect(cpuMs(() => {
        expandVariables(text, () => 'v');
        hasVariables(text);
        expandWithDefaults(text, () => 'v');
        variableReferences(text);
      })).toBeLessThan(2_000);
    }
    expect(variableReferences(nested)).toHaveLength(10_000);
    expect(cpuMs(() => lint(`ARG a=b\nFROM ${unclosed}\n`))).toBeLessThan(5_000);
  });
});

describe('shell model: deep nesting and long chains', () => {
  it('10,000 nested quoted `$(` is not modelled (`ok: false`) instead of taking gigabytes', () => {
    const text = `FROM alpine\nRUN echo ${'"$(echo '.repeat(10_000)}x${')"'.repeat(10_000)}\n`;
    const model = parseDockerfile(text);
    let ok = true;
    expect(cpuMs(() => (ok = model.shell(model.instructions[1]).ok))).toBeLessThan(3_000);
    expect(ok).toBe(false);
    const shallow = parseDockerfile(`FROM alpine\nRUN echo ${'"$('.repeat(20)}apt-get install x${')"'.repeat(20)}\n`);
    expect(shallow.shell(shallow.instructions[1]).commands.map((c) => c.name)).toContain('apt-get');
  });

  it('a chain of 50,000 `&&` is walked without recursion: no stack overflow in the rules that read its top level and pipes', () => {
    const text = `FROM alpine\nRUN ${'true && '.repeat(50_000)}true | cat\nRUN true\n`;
    const errors: string[] = [];
    const { model, findings } = lint(text, { only: ['run-consecutive-merged', 'shell-pipefail'], onRuleError: (id, e) => errors.push(`${id}: ${(e as Error).message}`) });
    expect(errors).toEqual([]);
    expect(model.shell(model.instructions[1]).ok).toBe(true);
    expect(findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['run-consecutive-merged', 'shell-pipefail']));
  });

  it('a dockerfile-ast failure on an escaped lone `\\r` before a comment line gives no shell model instead of failing every shell rule', () => {
    const errors: string[] = [];
    lint('FROM alpine\nRUN apk \\\r# c\nadd curl\n', { onRuleError: (id) => errors.push(id) });
    expect(errors.filter((id) => id !== SYNTAX_VALIDATOR)).toEqual([]);
  });

  it('editing a long RUN keeps the shell-model cache to a bounded size (it kept every version, hundreds of KB a keystroke)', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const words = Array.from({ length: 2_000 }, (_, i) => `pkg${i}`).join(' ');
    const measure = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const before = measure();
    for (let version = 0; version < 250; version++) {
      const model = parseDockerfile(`FROM debian:12\nRUN apt-get install -y ${words} v${version}\n`);
      model.shell(model.instructions[1]);
    }
    // Kept without a bound: about 100 MB (250 scripts of 2,000 words); with it, what 500,000 characters of RUN text make.
    expect(measure() - before).toBeLessThan(40 * MB);
  });
});

describe('edits: positions as LSP counts lines', () => {
  it('applies edits to a file with CR line endings where the model put them (they landed at the end of the file)', async () => {
    const text = 'FROM alpine:3.20\rRUN apk add curl\rCMD curl x\r';
    const { model, findings } = lint(text);
    expect(eol(model)).toBe('\r');
    const fix = findings.find((f) => f.ruleId === 'apk-no-cache')!.fix!;
    expect(applyFixEdits(text, await fix.edits(), NO_FILES).text).toBe('FROM alpine:3.20\rRUN apk add --no-cache curl\rCMD curl x\r');
    const anywhere = { range: { start: { line: 2, character: 99 }, end: { line: 2, character: 99 } }, newText: '!' };
    expect(applyEdits(text, [anywhere])).toBe(TextDocument.applyEdits(TextDocument.create('file:///x', 'dockerfile', 0, text), [anywhere]));
  });

  it('lines inserted after an instruction whose heredoc is never closed close it first (they became heredoc lines)', () => {
    const model = parseDockerfile('FROM debian:12\nRUN <<EOF\necho hi');
    expect(applyEdits(model.text, [insertLinesAfter(model, model.instructions[1], ['USER app'])])).toBe('FROM debian:12\nRUN <<EOF\necho hi\nEOF\nUSER app\n');
    const closed = parseDockerfile('FROM debian:12\rCOPY <<EOF /x\rEOF\r');
    expect(applyEdits(closed.text, [insertLinesAfter(closed, closed.instructions[1], ['USER app'])]), 'a heredoc closed on a CR line is closed').toBe('FROM debian:12\rCOPY <<EOF /x\rEOF\rUSER app\r');
  });
});

describe('lint contains a failing syntax validator', () => {
  it('an indented global ARG that uses a variable no longer sends the validator into endless recursion (dockerfile-ast patch)', () => {
    const errors: string[] = [];
    const { findings } = lint('    ARG A=${B}\nFROM alpine:3.20\nRUN apk add curl\n', { onRuleError: (id, e) => errors.push(`${id}: ${(e as Error).message}`) });
    expect(errors).toEqual([]);
    expect(findings.map((f) => f.ruleId)).toContain('apk-no-cache');
  });
});

describe('language server under the same inputs', () => {
  let client: TestClient | undefined;
  afterEach(() => {
    client?.close();
    client = undefined;
    vi.restoreAllMocks();
  });

  it('hover and completion answer (empty) when the language service throws, and log it once', async () => {
    // dockerfile-ast used to recurse without end on some texts; any failure of the service must not fail the request.
    const create = DockerfileLanguageServiceFactory.createLanguageService;
    vi.spyOn(DockerfileLanguageServiceFactory, 'createLanguageService').mockImplementation(() => {
      const service = create();
      service.computeHover = () => {
        throw new RangeError('Maximum call stack size exceeded');
      };
      service.computeCompletionItems = () => {
        throw new RangeError('Maximum call stack size exceeded');
      };
      return service;
    });
    client = await startTestServer();
    const uri = 'untitled:Indented';
    client.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM alpine:3.20\nRUN echo $A\n' } });
    for (let i = 0; i < 3; i++) {
      expect(await client.rpc.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 1 } })).toBeNull();
      expect(await client.rpc.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 3 } })).toEqual([]);
    }
    expect(client.logs.filter((l) => l.startsWith('Hover failed'))).toHaveLength(1);
    expect(client.logs.filter((l) => l.startsWith('Completion failed'))).toHaveLength(1);
  });

  it('a rule that fails with a different stack each time is logged once', async () => {
    let depth = 0;
    const deep = (n: number): never => (n === 0 ? (() => { throw new Error('same message'); })() : deep(n - 1));
    vi.spyOn(ruleById('apk-no-cache')!, 'check').mockImplementation(() => deep(++depth));
    client = await startTestServer();
    const uri = 'untitled:Failing';
    for (let version = 1; version <= 3; version++) {
      client.rpc.sendNotification(version === 1 ? 'textDocument/didOpen' : 'textDocument/didChange', version === 1 ? { textDocument: { uri, languageId: 'dockerfile', version, text: 'FROM alpine\nRUN apk add x\n' } } : { textDocument: { uri, version }, contentChanges: [{ text: `FROM alpine\nRUN apk add x${version}\n` }] });
      await pullDiagnostics(client, uri);
    }
    expect(client.logs.filter((l) => l.includes('`apk-no-cache` failed'))).toHaveLength(1);
  });
});

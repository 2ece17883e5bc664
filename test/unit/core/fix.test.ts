import { beforeAll, describe, expect, it } from 'vitest';
import { applyFixEdits, fixAll, overlayFiles } from '../../../server/src/core/fix';
import { lint } from '../../../server/src/core/lint';
import type { Edit } from '../../../server/src/core/types';
import { memoryContext } from '../../../server/src/io/context-files';
import { loadShellParser } from '../../../server/src/io/shell-wasm';

beforeAll(() => loadShellParser());

const DEBIAN = 'FROM debian:12\nRUN apt-get install curl\nCMD bash\n';
const NODE = 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD node server.js\n';
const nodeFiles = () => memoryContext({ 'package.json': '{}', 'package-lock.json': '{}', 'server.js': '' });

describe('fixAll', () => {
  it('applies safe fixes only by default, re-linting until nothing more is offered', async () => {
    const result = await fixAll(DEBIAN);
    expect(result.text).toBe('FROM debian:12\nRUN apt-get install --no-install-recommends -y curl\nCMD ["bash"]\n');
    // Both flags go right after `install`: the second insertion at that point waits for the next pass.
    expect(result.passes).toBe(2);
    expect(result.converged).toBe(true);
    expect(result.applied.map((a) => a.ruleId).sort()).toEqual(['apt-assume-yes', 'apt-no-install-recommends', 'cmd-exec-form']);
    expect(result.files.size).toBe(0);
    const left = lint(result.text).findings.filter((f) => f.fix);
    expect(left.map((f) => [f.ruleId, f.fix!.safety])).toEqual([['user-non-root', 'unsafe']]);
  });

  it('applies unsafe fixes too when asked, and the fixes of what they expose', async () => {
    const result = await fixAll(DEBIAN, { unsafe: true });
    expect(result.text).toBe(
      'FROM debian:12\nRUN apt-get install --no-install-recommends -y curl && \\\n    groupadd --system app && useradd --system --gid app --no-create-home app\nUSER app\nCMD ["bash"]\n',
    );
    expect(result.applied.map((a) => a.ruleId)).toContain('user-non-root');
    expect(result.applied.map((a) => a.ruleId)).toContain('run-consecutive-merged');
    expect(result.converged).toBe(true);
  });

  it('is idempotent', async () => {
    const once = await fixAll(DEBIAN, { unsafe: true });
    const twice = await fixAll(once.text, { unsafe: true });
    expect(twice.text).toBe(once.text);
    expect(twice.applied).toEqual([]);
    expect(twice.passes).toBe(0);
  });

  it('fixes other files of the build context, and only reports them changed', async () => {
    const files = nodeFiles();
    const safe = await fixAll(NODE, { files });
    expect(safe.files.size).toBe(0);
    const result = await fixAll(NODE, { files, unsafe: true });
    expect(result.text).toBe('FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n');
    expect([...result.files.keys()]).toEqual(['.dockerignore']);
    expect(result.files.get('.dockerignore')).toBe('.git\n.env\nnode_modules\n.dockerignore\n**/*.log\nnpm-debug.log*\ncoverage\n.nyc_output\n');
    expect(files.read('.dockerignore')).toBeUndefined();
    // The created file is seen by the later passes: no second .dockerignore fix.
    expect(result.applied.filter((a) => a.ruleId === 'context-dockerignore')).toHaveLength(1);
  });

  it('edits an existing other file in place', async () => {
    const files = memoryContext({ 'package.json': '{}', '.dockerignore': '.git\n' });
    const result = await fixAll(NODE, { files, unsafe: true, only: ['context-dockerignore'] });
    expect(result.text).toBe(NODE);
    expect(result.files.get('.dockerignore')).toBe('.git\n.env\nnode_modules\n');
  });

  it('limits fixes with only (ids or aliases) and filter', async () => {
    expect((await fixAll(DEBIAN, { only: ['DL3015'] })).text).toBe('FROM debian:12\nRUN apt-get install --no-install-recommends curl\nCMD bash\n');
    expect((await fixAll(DEBIAN, { ignore: ['apt-assume-yes', 'apt-no-install-recommends'] })).text).toBe('FROM debian:12\nRUN apt-get install curl\nCMD ["bash"]\n');
    expect((await fixAll(DEBIAN, { filter: (f) => f.ruleId === 'apt-assume-yes' })).text).toBe('FROM debian:12\nRUN apt-get install -y curl\nCMD bash\n');
  });

  it('reports when it stops before converging', async () => {
    const result = await fixAll(DEBIAN, { maxPasses: 1 });
    expect(result.passes).toBe(1);
    expect(result.converged).toBe(false);
    expect(result.text).toBe('FROM debian:12\nRUN apt-get install -y curl\nCMD ["bash"]\n');
  });

  it('keeps CRLF line endings', async () => {
    const result = await fixAll(DEBIAN.replace(/\n/g, '\r\n'), { unsafe: true });
    expect(result.text).toBe(
      'FROM debian:12\r\nRUN apt-get install --no-install-recommends -y curl && \\\r\n    groupadd --system app && useradd --system --gid app --no-create-home app\r\nUSER app\r\nCMD ["bash"]\r\n',
    );
  });

  it('does nothing to a clean file', async () => {
    const text = 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\nUSER nobody\nCMD ["bash"]\n';
    expect(await fixAll(text, { unsafe: true, only: ['apt-assume-yes', 'apt-no-install-recommends', 'cmd-exec-form', 'user-non-root'] })).toEqual({
      text,
      files: new Map(),
      applied: [],
      failed: [],
      passes: 0,
      converged: true,
    });
  });
});

describe('applyFixEdits', () => {
  const files = memoryContext({ '.dockerignore': '.git\n' });
  const here = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

  it('splits edits between the Dockerfile and other files', () => {
    const edits: Edit[] = [
      { range: { start: { line: 0, character: 5 }, end: { line: 0, character: 9 } }, newText: 'alpine' },
      { file: '.dockerignore', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: '.env\n' },
      { file: 'new.txt', createFile: true, range: here, newText: 'hello\n' },
    ];
    const fixed = applyFixEdits('FROM node\n', edits, files);
    expect(fixed.text).toBe('FROM alpine\n');
    expect([...fixed.files]).toEqual([
      ['.dockerignore', '.git\n.env\n'],
      ['new.txt', 'hello\n'],
    ]);
  });

  it('applies a create edit to a file that exists after all as an insertion', () => {
    const fixed = applyFixEdits('FROM node\n', [{ file: '.dockerignore', createFile: true, range: here, newText: 'node_modules\n' }], files);
    expect(fixed.files.get('.dockerignore')).toBe('node_modules\n.git\n');
  });

  it('builds on files changed before', () => {
    const changed = new Map([['.dockerignore', '.git\n.env\n']]);
    const fixed = applyFixEdits('FROM node\n', [{ file: '.dockerignore', range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: 'dist\n' }], files, changed);
    expect(fixed.files.get('.dockerignore')).toBe('.git\n.env\ndist\n');
    expect(changed.get('.dockerignore')).toBe('.git\n.env\n');
  });
});

describe('overlayFiles', () => {
  it('shows changed content over the base context', () => {
    const overlay = overlayFiles(memoryContext({ a: '1', b: '2' }), new Map([['b', '3'], ['c', '4']]));
    expect([overlay.read('a'), overlay.read('b'), overlay.read('c'), overlay.read('d')]).toEqual(['1', '3', '4', undefined]);
    expect([overlay.exists('c'), overlay.exists('d')]).toEqual([true, false]);
  });

  it('applies the other fixes when one fix cannot compute its edits, and reports that one', async () => {
    const text = 'FROM node:20@sha256:' + '0'.repeat(64) + '\nRUN apk add curl\n';
    const registry = {
      resolveDigest: () => Promise.reject(Object.assign(new Error('Could not look up `node:20`: the registry is unreachable'), { kind: 'network', image: 'node:20' })),
      imageFacts: () => Promise.reject(new Error('unused')),
    };
    const tags = new Map([['docker.io/library/node:20', { digest: 'sha256:' + '1'.repeat(64), platformDigests: [] }]]);
    const result = await fixAll(text, { unsafe: true, registry, tags, only: ['from-digest-current', 'apk-no-cache'] });
    expect(result.text).toBe('FROM node:20@sha256:' + '0'.repeat(64) + '\nRUN apk add --no-cache curl\n');
    expect(result.failed).toEqual([{ ruleId: 'from-digest-current', title: 'Update pinned digest', message: 'Could not look up `node:20`: the registry is unreachable' }]);
    expect(result.converged).toBe(true);
  });
});

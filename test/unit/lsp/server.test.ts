import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CodeAction, Diagnostic, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleById } from '../../../server/src/core/catalog';
import { FULL_CAPABILITIES, pullDiagnostics, startTestServer, type TestClient } from '../../helpers/lsp-client';

const APT = 'FROM debian:bookworm-slim\nRUN apt-get update\nRUN apt-get install curl\nUSER nobody\nCMD curl --version\n';

let client: TestClient | undefined;
afterEach(() => {
  client?.close();
  client = undefined;
  vi.restoreAllMocks();
});

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dfo-lsp-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

class Editor {
  document: TextDocument;
  constructor(
    private readonly c: TestClient,
    uri: string,
    text: string,
  ) {
    this.document = TextDocument.create(uri, 'dockerfile', 1, text);
    c.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  }

  get text() {
    return this.document.getText();
  }

  /** Applies a workspace edit: this document in memory, other files to a map. */
  apply(edit: WorkspaceEdit, others: Map<string, string> = new Map()): void {
    for (const change of edit.documentChanges ?? []) {
      if ('kind' in change) {
        expect(change.kind).toBe('create');
        if (change.kind === 'create') others.set(change.uri, '');
        continue;
      }
      const docEdit = change as TextDocumentEdit;
      if (docEdit.textDocument.uri === this.document.uri) {
        expect(docEdit.textDocument.version).toBe(this.document.version);
        this.change(TextDocument.applyEdits(this.document, docEdit.edits as never));
      } else {
        const current = TextDocument.create(docEdit.textDocument.uri, 'plaintext', 0, others.get(docEdit.textDocument.uri) ?? '');
        others.set(docEdit.textDocument.uri, TextDocument.applyEdits(current, docEdit.edits as never));
      }
    }
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
      expect(uri).toBe(this.document.uri);
      this.change(TextDocument.applyEdits(this.document, edits));
    }
  }

  change(text: string): void {
    const version = this.document.version + 1;
    this.document = TextDocument.create(this.document.uri, 'dockerfile', version, text);
    this.c.rpc.sendNotification('textDocument/didChange', { textDocument: { uri: this.document.uri, version }, contentChanges: [{ text }] });
  }

  codeActions(diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.c.rpc.sendRequest('textDocument/codeAction', { textDocument: { uri: this.document.uri }, range, context: { diagnostics, only } });
  }
}

describe('language server', () => {
  it('answers initialize with diagnostics, code actions, commands and the editor features', async () => {
    client = await startTestServer();
    const caps = client.init.capabilities;
    expect(caps.diagnosticProvider).toMatchObject({ interFileDependencies: false });
    expect(caps.codeActionProvider).toMatchObject({ resolveProvider: true, codeActionKinds: ['quickfix', 'refactor.rewrite', 'source.fixAll.dockerfileOptimizer'] });
    expect(caps.executeCommandProvider?.commands).toEqual(['dockerfileOptimizer.applyFixAll', 'dockerfileOptimizer.applySplit', 'dockerfileOptimizer.applyPinAll']);
    for (const feature of ['completionProvider', 'hoverProvider', 'documentFormattingProvider', 'documentSymbolProvider', 'foldingRangeProvider', 'renameProvider', 'semanticTokensProvider', 'signatureHelpProvider', 'documentLinkProvider', 'definitionProvider'] as const) {
      expect(caps[feature], feature).toBeTruthy();
    }
  });

  it('initialize → didOpen → diagnostics → codeAction → resolve → apply → diagnostics gone', async () => {
    client = await startTestServer();
    const dir = workspace({});
    const editor = new Editor(client, pathToFileURL(path.join(dir, 'Dockerfile')).toString(), APT);
    const diagnostics = await pullDiagnostics(client, editor.document.uri);
    const yes = diagnostics.find((d) => d.code === 'apt-assume-yes')!;
    expect(yes).toMatchObject({
      source: 'dockerfile-optimizer',
      severity: 2,
      range: { start: { line: 2, character: 4 }, end: { line: 2, character: 24 } },
      codeDescription: { href: expect.stringMatching(/apt-assume-yes\.md$/) },
    });
    expect(diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['from-digest-pinned', 'apt-update-with-install', 'run-consecutive-merged', 'apt-no-install-recommends', 'cmd-exec-form']));

    const actions = await editor.codeActions([yes]);
    expect(actions.map((a) => a.title)).toEqual(['Add `-y`', 'Disable `apt-assume-yes` for this instruction', 'Disable `apt-assume-yes` for this file']);
    const [fix] = actions;
    expect(fix).toMatchObject({ kind: 'quickfix', isPreferred: true });
    expect(fix.edit, 'edits are computed lazily').toBeUndefined();
    const resolved = await client.rpc.sendRequest<CodeAction>('codeAction/resolve', fix);
    editor.apply(resolved.edit!);
    expect(editor.text).toContain('RUN apt-get install -y curl\n');
    const after = await pullDiagnostics(client, editor.document.uri);
    expect(after.map((d) => d.code)).not.toContain('apt-assume-yes');
  });

  it('fix-all applies the safe fixes only and gives the expected text', async () => {
    client = await startTestServer();
    const editor = new Editor(client, 'untitled:Untitled-1', APT);
    const actions = await editor.codeActions([], ['source.fixAll']);
    expect(actions.map((a) => a.kind)).toEqual(['source.fixAll.dockerfileOptimizer']);
    editor.apply(actions[0].edit!);
    expect(editor.text).toBe(
      'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*\nUSER nobody\nCMD ["curl", "--version"]\n',
    );
    expect(await editor.codeActions([], ['source.fixAll.dockerfileOptimizer'])).toEqual([]);
    expect(await editor.codeActions([], ['refactor']), 'not offered for other kinds').toEqual([]);
  });

  it('creates .dockerignore through CreateFile and a TextDocumentEdit', async () => {
    client = await startTestServer();
    const dir = workspace({ 'package.json': '{}' });
    const editor = new Editor(client, pathToFileURL(path.join(dir, 'Dockerfile')).toString(), 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "index.js"]\n');
    const diagnostic = (await pullDiagnostics(client, editor.document.uri)).find((d) => d.code === 'context-dockerignore')!;
    const [fix] = await editor.codeActions([diagnostic]);
    expect(fix).toMatchObject({ title: 'Create `.dockerignore`', isPreferred: false });
    const resolved = await client.rpc.sendRequest<CodeAction>('codeAction/resolve', fix);
    const ignoreUri = pathToFileURL(path.join(dir, '.dockerignore')).toString();
    expect(resolved.edit!.documentChanges![0]).toEqual({ kind: 'create', uri: ignoreUri, options: { ignoreIfExists: false, overwrite: false } });
    const others = new Map<string, string>();
    editor.apply(resolved.edit!, others);
    expect(others.get(ignoreUri)).toMatch(/^\.git\n\.env\nnode_modules\n/);
  });

  it('disables a rule for one instruction and for the file with pragmas', async () => {
    client = await startTestServer();
    const editor = new Editor(client, 'untitled:Untitled-2', '# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUN apk add curl\n');
    const diagnostic = (await pullDiagnostics(client, editor.document.uri)).find((d) => d.code === 'apk-no-cache')!;
    const actions = await editor.codeActions([diagnostic]);
    editor.apply(actions.find((a) => a.title.includes('this instruction'))!.edit!);
    expect(editor.text).toBe('# syntax=docker/dockerfile:1\nFROM alpine:3.20\n# dockerfile-optimizer ignore=apk-no-cache\nRUN apk add curl\n');
    expect((await pullDiagnostics(client, editor.document.uri)).map((d) => d.code)).not.toContain('apk-no-cache');

    const pinned = (await pullDiagnostics(client, editor.document.uri)).find((d) => d.code === 'from-digest-pinned')!;
    editor.apply((await editor.codeActions([pinned])).find((a) => a.title.includes('this file'))!.edit!);
    expect(editor.text.split('\n').slice(0, 2)).toEqual(['# syntax=docker/dockerfile:1', '# dockerfile-optimizer global ignore=from-digest-pinned']);
    expect((await pullDiagnostics(client, editor.document.uri)).map((d) => d.code)).not.toContain('from-digest-pinned');
  });

  it('applies .hadolint.yaml next to the Dockerfile unless dockerfileOptimizer.hadolintConfig is false', async () => {
    const dir = workspace({ '.hadolint.yaml': 'ignored: [DL3006]\noverride:\n  error: [DL3019]\n' });
    mkdirSync(path.join(dir, '.git'));
    const text = 'FROM alpine\nRUN apk add curl\n';
    client = await startTestServer(FULL_CAPABILITIES, {});
    const editor = new Editor(client, pathToFileURL(path.join(dir, 'Dockerfile')).toString(), text);
    const withConfig = await pullDiagnostics(client, editor.document.uri);
    expect(withConfig.map((d) => d.code)).not.toContain('from-tag-explicit');
    expect(withConfig.find((d) => d.code === 'apk-no-cache')?.severity).toBe(1);

    client.settings = { hadolintConfig: false };
    client.rpc.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await expect.poll(() => client!.refreshes).toBe(1);
    const without = await pullDiagnostics(client, editor.document.uri);
    expect(without.map((d) => d.code)).toContain('from-tag-explicit');
    expect(without.find((d) => d.code === 'apk-no-cache')?.severity).toBe(2);
  });

  it('reads settings per resource: severities, off, enable, and refreshes on change', async () => {
    client = await startTestServer(FULL_CAPABILITIES, { rules: { 'apk-no-cache': 'error', 'from-digest-pinned': 'off', bogus: 42 } });
    const editor = new Editor(client, 'untitled:Untitled-3', 'FROM alpine:3.20\nRUN apk add curl\n');
    const diagnostics = await pullDiagnostics(client, editor.document.uri);
    expect(diagnostics.find((d) => d.code === 'apk-no-cache')?.severity).toBe(1);
    expect(diagnostics.map((d) => d.code)).not.toContain('from-digest-pinned');

    client.settings = { enable: false };
    client.rpc.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await expect.poll(() => client!.refreshes).toBe(1);
    expect(await pullDiagnostics(client, editor.document.uri)).toEqual([]);
  });

  it('while typing (each version parsed with the previous one) gives the diagnostics of the text opened afresh', async () => {
    client = await startTestServer();
    const start = 'ARG BASE=debian:bookworm\nFROM ${BASE} AS build\nARG V=1\nENV E=$V\nRUN apt-get update && apt-get install curl\nCOPY --from=build a /b\nFROM build\nRUN echo $V $E\n';
    const editor = new Editor(client, 'untitled:Typed', start);
    await pullDiagnostics(client, 'untitled:Typed');
    const edits: Array<[string, string]> = [
      ['ARG V=1', 'ARG V=12'],
      ['install curl', 'install -y curl'],
      ['ENV E=$V\n', ''],
      ['FROM build\n', 'FROM build\nUSER nobody\n'],
      ['ARG BASE=debian:bookworm', 'ARG BASX=debian:bookworm'],
      ['a /b', 'a /b/'],
    ];
    for (const [n, [from, to]] of edits.entries()) {
      editor.change(editor.text.replace(from, to));
      const typed = await pullDiagnostics(client, 'untitled:Typed');
      const fresh = `untitled:Fresh-${n}`;
      client.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri: fresh, languageId: 'dockerfile', version: 1, text: editor.text } });
      expect(typed, editor.text).toEqual(await pullDiagnostics(client, fresh));
    }
  });

  it('pushes diagnostics to clients without pull support, for the live buffer', async () => {
    client = await startTestServer({ workspace: { configuration: false } });
    const editor = new Editor(client, 'untitled:Untitled-4', 'FROM alpine:3.20\nRUN apk add curl\n');
    await expect.poll(() => client!.pushed.at(-1)?.diagnostics.map((d) => d.code)).toContain('apk-no-cache');
    editor.change('FROM alpine:3.20\nRUN apk add --no-cache curl\n');
    await expect.poll(() => client!.pushed.at(-1)?.version).toBe(2);
    expect(client.pushed.at(-1)!.diagnostics.map((d) => d.code)).not.toContain('apk-no-cache');
  });

  it('contains an exception inside one rule: logged once, its findings dropped, the rest still arrive', async () => {
    const rule = ruleById('apk-no-cache')!;
    vi.spyOn(rule, 'check').mockImplementation(() => {
      throw new Error('boom');
    });
    client = await startTestServer();
    const editor = new Editor(client, 'untitled:Untitled-5', 'FROM alpine:3.20\nRUN apk add curl\nCMD curl x\n');
    const first = await pullDiagnostics(client, editor.document.uri);
    editor.change(`${editor.text}\n`);
    const second = await pullDiagnostics(client, editor.document.uri);
    for (const diagnostics of [first, second]) {
      expect(diagnostics.map((d) => d.code)).not.toContain('apk-no-cache');
      expect(diagnostics.map((d) => d.code)).toContain('cmd-exec-form');
    }
    const logged = client.logs.filter((l) => l.includes('apk-no-cache') && l.includes('boom'));
    expect(logged).toHaveLength(1);
  });

  it('never sends tag completions to Docker Hub unless registry lookups are enabled', async () => {
    client = await startTestServer();
    const editor = new Editor(client, 'untitled:Untitled-6', 'FROM node:1\n');
    const items = await client.rpc.sendRequest<unknown[]>('textDocument/completion', { textDocument: { uri: editor.document.uri }, position: { line: 0, character: 11 } });
    expect(items).toEqual([]);
    const keywords = await client.rpc.sendRequest<Array<{ label: string }>>('textDocument/completion', { textDocument: { uri: editor.document.uri }, position: { line: 1, character: 0 } });
    expect(keywords.map((i) => i.label.split(' ')[0])).toEqual(expect.arrayContaining(['RUN', 'COPY', 'USER']));
  });

  it('serves hover, symbols, folding and semantic tokens from dockerfile-language-service', async () => {
    client = await startTestServer();
    const editor = new Editor(client, 'untitled:Untitled-7', 'FROM alpine:3.20 AS base\nRUN echo a \\\n  b\nFROM base\n');
    const uri = editor.document.uri;
    const hover = await client.rpc.sendRequest<{ contents: unknown }>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 1 } });
    expect(JSON.stringify(hover.contents)).toMatch(/RUN/);
    const symbols = await client.rpc.sendRequest<Array<{ name: string }>>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(symbols.map((s) => s.name)).toEqual(['FROM', 'RUN', 'FROM']);
    const tokens = await client.rpc.sendRequest<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
    expect(tokens.data.length).toBeGreaterThan(0);
    const definition = await client.rpc.sendRequest<{ range: unknown }>('textDocument/definition', { textDocument: { uri }, position: { line: 3, character: 6 } });
    expect(definition.range).toEqual({ start: { line: 0, character: 20 }, end: { line: 0, character: 24 } });
  });
});

describe('language server: the split', () => {
  it('offers the split once: as the quick fix where the diagnostic is, as a rewrite elsewhere', async () => {
    const c = await startTestServer();
    try {
      const dir = mkdtempSync(path.join(tmpdir(), 'dfo-split-'));
      writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ scripts: { build: 'tsc', start: 'node dist/index.js' } }));
      writeFileSync(path.join(dir, 'package-lock.json'), '{}');
      const uri = pathToFileURL(path.join(dir, 'Dockerfile')).toString();
      const text = 'FROM node:18\nWORKDIR /app\nCOPY . .\nRUN npm install\nRUN npm run build\nCMD ["npm", "start"]\n';
      c.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
      const diagnostic = (await pullDiagnostics(c, uri)).find((d) => d.code === 'stage-multi-stage')!;
      const at = await c.rpc.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
      expect(at.filter((a) => a.title === 'Split into builder and runtime stages').map((a) => a.kind)).toEqual(['quickfix']);
      const elsewhere = await c.rpc.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
      expect(elsewhere.filter((a) => a.title === 'Split into builder and runtime stages').map((a) => a.kind)).toEqual(['refactor.rewrite']);
    } finally {
      c.close();
    }
  });
});

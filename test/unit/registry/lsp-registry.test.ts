/**
 * The language server with registry lookups on, against a real loopback registry: image facts on
 * hover, stale pins reported after background lookups, "Pin All Base-Image Digests" with progress,
 * and credential helpers run only in a trusted workspace.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Hover, TextDocumentEdit } from 'vscode-languageserver';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { FULL_CAPABILITIES, pullDiagnostics, startTestServer, type TestClient } from '../../helpers/lsp-client';
import { describeWithRegistry } from '../../helpers/registry/clients';
import { makeDockerConfigDir, type DockerConfigDir } from '../../helpers/registry/docker-config';
import { startTestRegistry, type TestRegistry } from '../../helpers/registry/test-registry';

const LOOKUPS_ON = { registry: { enabled: true, timeoutMs: 5000 } };

describeWithRegistry('language server with registry lookups', () => {
  let reg: TestRegistry;
  let docker: DockerConfigDir;
  let client: TestClient | undefined;
  const savedDockerConfig = process.env.DOCKER_CONFIG;
  beforeAll(async () => {
    reg = await startTestRegistry({ auth: 'none' });
    docker = makeDockerConfigDir();
    docker.write({});
    process.env.DOCKER_CONFIG = docker.dir;
  }, 120_000);
  afterEach(() => {
    client?.close();
    client = undefined;
  });
  afterAll(async () => {
    if (savedDockerConfig === undefined) delete process.env.DOCKER_CONFIG;
    else process.env.DOCKER_CONFIG = savedDockerConfig;
    docker?.remove();
    await reg?.stop();
  });

  function open(c: TestClient, uri: string, text: string): void {
    c.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  }

  it('shows digest, platforms and sizes on hover over a FROM image, and nothing from the registry when lookups are off', async () => {
    client = await startTestServer(FULL_CAPABILITIES, LOOKUPS_ON);
    open(client, 'untitled:hover', `FROM ${reg.host}/library/node:18-alpine\n`);
    const hover = await client.rpc.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: 'untitled:hover' }, position: { line: 0, character: 12 } });
    const value = (hover.contents as { value: string }).value;
    expect(value).toContain(`Digest: \`${reg.seeded['library/node:18-alpine'].digest}\``);
    expect(value).toMatch(/\| linux\/amd64 \| [\d.]+ (kB|B|MB) \|/);
    client.close();
    client = await startTestServer(FULL_CAPABILITIES, {});
    open(client, 'untitled:hover', `FROM ${reg.host}/library/node:18-alpine\n`);
    const plain = await client.rpc.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: 'untitled:hover' }, position: { line: 0, character: 12 } });
    expect(JSON.stringify(plain)).not.toContain('Digest');
  });

  it('reports a stale pin once the background lookup answers, and refreshes the diagnostics', async () => {
    client = await startTestServer(FULL_CAPABILITIES, LOOKUPS_ON);
    const uri = 'untitled:stale';
    open(client, uri, `FROM ${reg.host}/library/node:18-bookworm@sha256:${'0'.repeat(64)}\n`);
    await pullDiagnostics(client, uri);
    await expect.poll(() => client!.refreshes, { timeout: 10_000 }).toBeGreaterThan(0);
    const codes = (await pullDiagnostics(client, uri)).map((d: Diagnostic) => d.code);
    expect(codes).toContain('from-digest-current');
  });

  it('pins every base image with the pin-all command, with progress and a summary', async () => {
    client = await startTestServer(FULL_CAPABILITIES, LOOKUPS_ON);
    const uri = 'untitled:pin';
    const text = `ARG X=1\nFROM ${reg.host}/library/node:18-alpine AS build\nFROM ${reg.host}/library/node:99-missing\nFROM ${reg.host}/library/node:\${X}\n`;
    open(client, uri, text);
    await client.rpc.sendRequest('workspace/executeCommand', { command: 'dockerfileOptimizer.applyPinAll', arguments: [uri] });
    await expect.poll(() => client!.logs.some((l) => l.includes('node:99-missing'))).toBe(true);
    expect(client.appliedEdits).toHaveLength(1);
    const change = client.appliedEdits[0].documentChanges![0] as TextDocumentEdit;
    const pinned = TextDocument.applyEdits(TextDocument.create(uri, 'dockerfile', 1, text), change.edits as never);
    expect(pinned.split('\n')[1]).toBe(`FROM ${reg.host}/library/node:18-alpine@${reg.seeded['library/node:18-alpine'].digest} AS build`);
    expect(pinned.split('\n')[2]).toBe(`FROM ${reg.host}/library/node:99-missing`);
    expect(client.progress.map((p) => (p as { kind: string }).kind)).toEqual(expect.arrayContaining(['begin', 'report', 'end']));
    const summary = client.logs.find((l) => l.includes('node:99-missing'));
    expect(summary).toMatch(/pinned `.*node:18-alpine`/);
    expect(summary).toMatch(/skipped `.*\$\{X\}`: the image is written with a variable/);
  });

  it('runs the credential helper of the Docker config only in a trusted workspace', async () => {
    const secured = await startTestRegistry({ auth: 'htpasswd' });
    docker.helper('fake', { username: 'someone', secret: 'not-logged' });
    docker.write({ credHelpers: { [secured.host]: 'fake' } });
    const path = process.env.PATH;
    process.env.PATH = `${docker.binDir}:${path}`;
    try {
      client = await startTestServer(FULL_CAPABILITIES, LOOKUPS_ON, { workspaceTrusted: false });
      open(client, 'untitled:untrusted', `FROM ${secured.host}/library/node:18-alpine\n`);
      await client.rpc.sendRequest('textDocument/hover', { textDocument: { uri: 'untitled:untrusted' }, position: { line: 0, character: 12 } });
      expect(docker.calls('fake')).toEqual([]);
      client.close();
      client = await startTestServer(FULL_CAPABILITIES, LOOKUPS_ON, { workspaceTrusted: true });
      client.rpc.sendNotification('$/setTrace', { value: 'verbose' });
      open(client, 'untitled:trusted', `FROM ${secured.host}/library/node:18-bookworm\n`);
      await client.rpc.sendRequest('textDocument/hover', { textDocument: { uri: 'untitled:trusted' }, position: { line: 0, character: 12 } });
      expect(docker.calls('fake').length).toBeGreaterThan(0);
      // The trace holds the registry's requests, and never the secret the helper handed over.
      expect(client.logs.some((l) => l.startsWith('trace: [registry]'))).toBe(true);
      expect(client.logs.join('\n')).not.toContain('not-logged');
      expect(client.logs.join('\n')).not.toContain(Buffer.from('someone:not-logged').toString('base64'));
    } finally {
      process.env.PATH = path;
      docker.write({});
      await secured.stop();
    }
  }, 60_000);
});

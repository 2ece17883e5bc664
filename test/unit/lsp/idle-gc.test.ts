import { afterEach, describe, expect, it, vi } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../../client/src/server-options';
import { IdleCollector } from '../../../server/src/lsp/idle-gc';
import { pullDiagnostics, startTestServer, type TestClient } from '../../helpers/lsp-client';

afterEach(() => {
  vi.useRealTimers();
});

describe('IdleCollector', () => {
  it('collects the young generation once, shortly after a run of answers', () => {
    vi.useFakeTimers();
    const collect = vi.fn();
    const idle = new IdleCollector(collect);
    idle.schedule();
    idle.schedule();
    idle.schedule();
    expect(collect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(10);
    expect(collect.mock.calls).toEqual([[{ type: 'minor', execution: 'sync' }]]);
    idle.schedule();
    vi.advanceTimersByTime(10);
    expect(collect).toHaveBeenCalledTimes(2);
  });

  it('does nothing when the process has no exposed gc', () => {
    vi.useFakeTimers();
    new IdleCollector(undefined).schedule();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('is what the extension starts the server for', () => {
    expect(SERVER_NODE_FLAGS).toContain('--expose-gc');
  });
});

describe('language server: collection between keystrokes', () => {
  let client: TestClient | undefined;
  const exposed = (globalThis as { gc?: unknown }).gc;
  afterEach(() => {
    client?.close();
    (globalThis as { gc?: unknown }).gc = exposed;
  });

  it('collects after answering a diagnostics pull', async () => {
    const gc = vi.fn();
    (globalThis as { gc?: unknown }).gc = gc;
    client = await startTestServer();
    client.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri: 'untitled:Idle', languageId: 'dockerfile', version: 1, text: 'FROM alpine:3.20\n' } });
    await pullDiagnostics(client, 'untitled:Idle');
    await expect.poll(() => gc.mock.calls).toEqual([[{ type: 'minor', execution: 'sync' }]]);
  });
});

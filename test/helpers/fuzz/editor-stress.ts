/**
 * An editor session at high speed against a language server: random edits (incremental changes,
 * sometimes a whole new text) interleaved with completion, hover, code action, code action resolve
 * and pull diagnostic requests, some of them cancelled with `$/cancelRequest`. Every request must be
 * answered: with a result, or, for a request this client cancelled, with the LSP cancellation error.
 * Seeded: the same seed sends the same session.
 */
import { CancellationTokenSource, ResponseError, type MessageConnection } from 'vscode-jsonrpc';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleById } from '../../../server/src/core/catalog';
import { prng } from './settings';

/** `RequestCancelled` and `ServerCancelled` of the LSP specification. */
const CANCELLED = new Set([-32800, -32802]);

export interface StressOptions {
  uri: string;
  text: string;
  edits: number;
  seed: number;
  /** Lines to insert now and then (real Dockerfile lines). */
  lines: string[];
  /** Called every `every` edits (memory samples). */
  checkpoint?: { every: number; run(edit: number): Promise<void> };
  /** Keep the text below this many characters by preferring deletions (default 12,000). */
  maxLength?: number;
}

export interface StressReport {
  edits: number;
  requests: Record<string, number>;
  cancelled: number;
  /** Cancelled requests that still got a result (the server had finished them). */
  cancelledAnswered: number;
  failures: string[];
  finalText: string;
  finalVersion: number;
}

const SNIPPETS = ['\n', ' ', '\\\n', '\\', '"', "'", '$', '${A}', '$(', ')', '[', ']', '"]', '#', '# dockerfile-optimizer ignore=apk-no-cache\n', ' && ', ' || ', ';', '|', '<<EOF\n', '\nEOF\n', '--', '--mount=type=cache,target=/var/cache/apt ', '-y ', 'apt-get install curl', 'apk add ', 'FROM ', 'RUN ', 'CMD ', 'COPY . .\n', 'USER root\n', 'AS builder', '\t', '\r\n', 'é', '🙂', '\u0000', '=', ':', '@sha256:'];

export async function stressSession(rpc: MessageConnection, options: StressOptions): Promise<StressReport> {
  const random = prng(options.seed);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  const maxLength = options.maxLength ?? 12_000;
  let document = TextDocument.create(options.uri, 'dockerfile', 1, options.text);
  rpc.sendNotification('textDocument/didOpen', { textDocument: { uri: options.uri, languageId: 'dockerfile', version: 1, text: options.text } });

  const report: StressReport = { edits: 0, requests: {}, cancelled: 0, cancelledAnswered: 0, failures: [], finalText: '', finalVersion: 0 };
  const pending = new Set<Promise<unknown>>();

  const position = () => document.positionAt(Math.floor(random() * (document.getText().length + 1)));
  /** Sends a request; resolves with its result, or undefined when it failed (recorded) or was cancelled. */
  function request<T>(method: string, params: unknown, cancel: boolean): Promise<T | undefined> {
    report.requests[method] = (report.requests[method] ?? 0) + 1;
    const source = new CancellationTokenSource();
    const version = document.version;
    const promise = rpc.sendRequest<T>(method, params, source.token).then(
      (result) => {
        if (cancel) report.cancelledAnswered++;
        return result;
      },
      (error: unknown) => {
        if (!(cancel && error instanceof ResponseError && CANCELLED.has(error.code))) {
          report.failures.push(`${method} at version ${version}${cancel ? ' (cancelled)' : ''}: ${error instanceof ResponseError ? `${error.code} ${error.message}` : String(error)}`);
        }
        return undefined;
      },
    );
    if (cancel) {
      report.cancelled++;
      // Cancel at once or after the next message or two went out.
      if (random() < 0.5) source.cancel();
      else setImmediate(() => source.cancel());
    }
    track(promise);
    return promise;
  }
  function track(promise: Promise<unknown>): void {
    const tracked = promise.finally(() => pending.delete(tracked));
    pending.add(tracked);
  }

  for (let edit = 1; edit <= options.edits; edit++) {
    const text = document.getText();
    const version = document.version + 1;
    if (random() < 0.02) {
      // Now and then the whole text at once (a paste over everything, a revert).
      const next = random() < 0.5 ? options.text : pick(options.lines).repeat(1 + Math.floor(random() * 5));
      rpc.sendNotification('textDocument/didChange', { textDocument: { uri: options.uri, version }, contentChanges: [{ text: next }] });
      document = TextDocument.create(options.uri, 'dockerfile', version, next);
    } else {
      const start = Math.floor(random() * (text.length + 1));
      const deleting = text.length > maxLength ? 0.9 : text.length < 200 ? 0.1 : 0.4;
      const length = random() < deleting ? Math.floor(random() * Math.min(80, text.length - start + 1)) : 0;
      const insert = random() < 0.3 ? `${pick(options.lines)}\n` : random() < 0.7 ? pick(SNIPPETS) : String.fromCharCode(32 + Math.floor(random() * 95));
      const range = { start: document.positionAt(start), end: document.positionAt(start + length) };
      const change = { range, text: random() < 0.2 && length > 0 ? '' : insert };
      rpc.sendNotification('textDocument/didChange', { textDocument: { uri: options.uri, version }, contentChanges: [change] });
      document = TextDocument.update(document, [change], version);
    }
    report.edits++;

    const cancel = () => random() < 0.15;
    const uri = options.uri;
    const roll = random();
    if (roll < 0.12) void request('textDocument/completion', { textDocument: { uri }, position: position() }, cancel());
    else if (roll < 0.2) void request('textDocument/hover', { textDocument: { uri }, position: position() }, cancel());
    else if (roll < 0.28) void request('textDocument/diagnostic', { textDocument: { uri } }, cancel());
    else if (roll < 0.36) {
      // The lightbulb: fresh diagnostics, the actions for one of them (mostly one with a fix) and its neighbours,
      // then, sometimes, the lazy edit of one quick fix; edits keep arriving meanwhile.
      const lightbulb = async () => {
        const pulled = await request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } }, false);
        const diagnostics = pulled?.items ?? [];
        const fixable = diagnostics.filter((d) => ruleById(String(d.code))?.fixable);
        const from = fixable.length > 0 && random() < 0.7 ? fixable : diagnostics;
        const at = Math.floor(random() * Math.max(from.length, 1));
        const chosen = from.slice(at, at + 1 + Math.floor(random() * 3));
        const range = chosen[0]?.range ?? { start: position(), end: position() };
        const only = random() < 0.2 ? ['source.fixAll'] : undefined;
        const actions = (await request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: chosen, only } }, cancel())) ?? [];
        const lazy = actions.filter((a) => a.data !== undefined && !a.edit);
        if (lazy.length > 0 && random() < 0.8) await request('codeAction/resolve', pick(lazy), cancel());
      };
      // Half the time the typing pauses until the lightbulb is done (the cursor rests); otherwise edits race it.
      if (random() < 0.5) await lightbulb();
      else track(lightbulb());
    }
    if (options.checkpoint && edit % options.checkpoint.every === 0) {
      await Promise.all(pending);
      await options.checkpoint.run(edit);
    }
    // Let the server catch up now and then, as an editor would between bursts of typing.
    if (edit % 50 === 0) await Promise.all(pending);
  }
  await Promise.all(pending);
  report.finalText = document.getText();
  report.finalVersion = document.version;
  return report;
}

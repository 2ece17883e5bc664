/**
 * Keystroke-to-diagnostics latency of the bundled language server, driven over stdio like an
 * editor: cold start to first diagnostics, 200 single-character edits per file with realistic
 * pacing (each answered by a pull-diagnostics request), and the server's RSS after 1000 edits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { SERVER_NODE_FLAGS } from '../../client/src/server-options';
import { ms, summarise, table } from './stats';

const ROOT = path.resolve(__dirname, '../..');
const CORPUS = process.env.DOCKERFILE_CORPUS ?? path.resolve(ROOT, '../shared/corpus');
const EDITS = Number(process.env.BENCH_EDITS ?? 200);
const PACING_MS = Number(process.env.BENCH_PACING_MS ?? 30);

interface Server {
  process: ChildProcess;
  rpc: MessageConnection;
}

async function startServer(): Promise<{ server: Server; startedAt: number }> {
  const startedAt = performance.now();
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  // Started as the extension starts it: the same Node flags.
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...profile, path.join(ROOT, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const rpc = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  rpc.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  rpc.onRequest('client/registerCapability', () => null);
  rpc.onNotification('window/logMessage', () => undefined);
  rpc.listen();
  await rpc.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: {}, synchronization: { didSave: false } } },
  });
  rpc.sendNotification('initialized', {});
  return { server: { process: child, rpc }, startedAt };
}

/** Shuts the server down the LSP way, so that it exits by itself (and writes a CPU profile when asked). */
async function stopServer(server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.process.once('exit', resolve));
  await server.rpc.sendRequest('shutdown');
  server.rpc.sendNotification('exit');
  await Promise.race([exited, sleep(5000)]);
  server.rpc.dispose();
  server.process.kill();
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const sleep = (delay: number) => new Promise((resolve) => setTimeout(resolve, delay));

/** Types `EDITS` characters into the file, one per pacing interval, and times each edit's diagnostics. */
async function typeInto(server: Server, uri: string, text: string, edits: number): Promise<number[]> {
  const lines = text.split('\n');
  // Type at the end of the longest RUN line (or the last line), where a person would be editing.
  let line = lines.findIndex((l) => /^\s*RUN\b/i.test(l));
  if (line < 0) line = lines.length - 1;
  let column = lines[line].length;
  const times: number[] = [];
  for (let i = 1; i <= edits; i++) {
    const ch = i % 7 === 0 ? ' ' : String.fromCharCode(97 + (i % 26));
    server.rpc.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: i + 1 },
      contentChanges: [{ range: { start: { line, character: column }, end: { line, character: column } }, text: ch }],
    });
    column++;
    const t0 = performance.now();
    await server.rpc.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    times.push(performance.now() - t0);
    await sleep(PACING_MS);
  }
  return times;
}

function pickFiles(): Array<{ label: string; file: string }> {
  const dir = path.join(CORPUS, 'dockerfiles');
  const all = readdirSync(dir).map((f) => ({ f, size: statSync(path.join(dir, f)).size }));
  all.sort((a, b) => a.size - b.size);
  const largest = all.slice(-2).reverse();
  const typical = all[Math.floor(all.length / 2)];
  const dockerNode = all.find((a) => a.f.startsWith('nodejs__docker-node__') && /Dockerfile$/.test(a.f));
  const picks = [...largest.map((a) => ({ label: 'largest', file: a.f })), { label: 'typical (median size)', file: typical.f }];
  if (dockerNode) picks.push({ label: 'nodejs/docker-node', file: dockerNode.f });
  return picks.map((p) => ({ ...p, file: path.join(dir, p.file) }));
}

async function main(): Promise<void> {
  const files = pickFiles();
  const cold = await startServer();
  const first = files[0];
  const firstUri = `file://${first.file}`;
  cold.server.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri: firstUri, languageId: 'dockerfile', version: 1, text: readFileSync(first.file, 'utf8') } });
  await cold.server.rpc.sendRequest('textDocument/diagnostic', { textDocument: { uri: firstUri } });
  const coldStart = performance.now() - cold.startedAt;
  await stopServer(cold.server);

  const { server } = await startServer();
  const rows: string[][] = [];
  let total = 0;
  for (const { label, file } of files) {
    const uri = `file://${file}`;
    const text = readFileSync(file, 'utf8');
    server.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
    await server.rpc.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    const times = await typeInto(server, uri, text, EDITS);
    total += EDITS;
    const s = summarise(times);
    rows.push([`${path.basename(file)} (${label}, ${text.split('\n').length} lines)`, ms(s.median, 2), ms(s.p95, 2), ms(s.p99, 2), ms(s.max, 2)]);
    server.rpc.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }
  // Keep typing into the largest file until 1000 edits have been made, then read the RSS.
  const largest = files[0];
  const uri = `file://${largest.file}#rss`;
  const text = readFileSync(largest.file, 'utf8');
  server.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  await typeInto(server, uri, text, Math.max(0, 1000 - total));
  const rss = rssMb(server.process.pid!);
  await stopServer(server);

  console.log(`LSP latency: ${EDITS} single-character edits per file, ${PACING_MS} ms apart; time from the edit to the pull-diagnostics answer`);
  console.log(table(['file', 'p50', 'p95', 'p99', 'max'], rows));
  console.log(`Cold start to first diagnostics (${path.basename(first.file)}): ${ms(coldStart, 0)}`);
  console.log(`RSS after 1000 edits: ${rss.toFixed(1)} MB`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

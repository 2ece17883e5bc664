/**
 * Running commands for the build proof: every child is tracked so that an interrupted run can stop them,
 * every long step is timed, and clean-up steps run once, in reverse order, whatever happens.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

const children = new Set();
const cleanups = [];
/** Set once a signal arrived or clean-up began: nothing new is started after that. */
let stopping = false;
export const timings = [];

/** Prints a progress line to stderr (stdout is kept for the table). */
export function say(text) {
  process.stderr.write(`${text}\n`);
}

/** Runs `fn`, records and prints how long it took. */
export async function timed(label, fn) {
  const start = process.hrtime.bigint();
  try {
    return await fn();
  } finally {
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    timings.push({ step: label, seconds: Math.round(seconds * 10) / 10 });
    say(`  [${seconds.toFixed(1).padStart(6)} s] ${label}`);
  }
}

/**
 * Runs a command. Output goes to `log` (appended) when given, else is collected; stdout is collected when
 * `capture` is set. Resolves with { code, signal, stdout, stderr }; rejects only when it cannot start.
 * `detached` puts it in its own session and process group (killed as a group).
 */
export function run(cmd, args, { log, capture = false, cwd, env, timeoutMs, detached = false, inherit = false } = {}) {
  return new Promise((resolve, reject) => {
    if (stopping) {
      reject(new Error('interrupted'));
      return;
    }
    const fd = log ? fs.openSync(log, 'a') : undefined;
    if (fd !== undefined) fs.writeSync(fd, `$ ${[cmd, ...args].join(' ')}\n`);
    const out = capture || fd === undefined ? 'pipe' : fd;
    const err = inherit ? 'inherit' : fd ?? 'pipe';
    let child;
    try {
      child = spawn(cmd, args, { cwd, env, stdio: ['ignore', out, err], detached });
    } catch (error) {
      if (fd !== undefined) fs.closeSync(fd);
      reject(error);
      return;
    }
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => {
      stdout += d;
      if (fd !== undefined) fs.writeSync(fd, d);
    });
    child.stderr?.on('data', (d) => {
      stderr += d;
    });
    const timer = timeoutMs ? setTimeout(() => killTree(child, 'SIGKILL'), timeoutMs) : undefined;
    child.on('error', (error) => {
      clearTimeout(timer);
      children.delete(child);
      if (fd !== undefined) fs.closeSync(fd);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      if (fd !== undefined) fs.closeSync(fd);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Like run(), but fails with the command's output when it exits non-zero. */
export async function must(cmd, args, options = {}) {
  const result = await run(cmd, args, options);
  if (result.code !== 0) {
    const where = options.log ? ` (log: ${options.log})` : '';
    const tail = (options.log ? tailOf(options.log, 25) : `${result.stderr}`).trim();
    throw new Error(`\`${[cmd, ...args].join(' ')}\` exited ${result.code ?? result.signal}${where}\n${tail}`);
  }
  return result;
}

/** Starts a command in its own session and returns the child (tracked; killed as a group on exit). */
export function start(cmd, args, { log, env } = {}) {
  if (stopping) throw new Error('interrupted');
  const fd = fs.openSync(log, 'a');
  const child = spawn(cmd, args, { stdio: ['ignore', fd, fd], detached: true, env });
  fs.closeSync(fd);
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

export function killTree(child, signal = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/** Runs a command synchronously (for clean-up). */
export function runSync(cmd, args, options = {}) {
  return spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

/** The last lines of a log file, without buildah's progress noise. */
export function tailOf(file, lines = 25) {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text
      .split('\n')
      .filter((l) => !/^(\$ |Copying (blob|config)|Writing manifest|Storing signatures|Getting image source signatures)/.test(l))
      .slice(-lines)
      .join('\n');
  } catch {
    return '';
  }
}

/** Registers a clean-up step; they run in reverse order, once. */
export function onCleanup(label, fn) {
  cleanups.push({ label, fn });
}

let cleaned = false;
export async function cleanupAll() {
  if (cleaned) return;
  cleaned = true;
  stopping = true;
  const alive = [...children];
  for (const child of alive) killTree(child, 'SIGTERM');
  await Promise.race([
    Promise.all(alive.map((c) => (c.exitCode !== null || c.signalCode !== null ? null : new Promise((r) => c.once('exit', r))))),
    new Promise((r) => setTimeout(r, 10_000)),
  ]);
  for (const child of [...children]) killTree(child, 'SIGKILL');
  for (const { label, fn } of cleanups.reverse()) {
    try {
      await timed(`clean-up: ${label}`, fn);
    } catch (error) {
      say(`clean-up: ${label}: ${error.message}`);
    }
  }
}

/** Stops children and cleans up on SIGINT/SIGTERM, then exits 130/143. */
export function handleSignals() {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.on(signal, () => {
      say(`\nproof: ${signal}, cleaning up`);
      cleanupAll().finally(() => process.exit(code));
    });
  }
}

/**
 * `--fix` killed at any moment leaves every file either untouched or fully fixed: the command is run
 * over many Dockerfiles and killed with SIGKILL, at random times and the instant a temporary file
 * appears (that is, while a file is being written). No test hook: the real bundle, the real kill.
 *
 * What a kill may leave behind is decided here: the atomic write's temporary file
 * `.<name>.<pid>.<hex>.tmp` (a SIGKILL cannot be cleaned up after). It is hidden, so globs skip it,
 * and a later run neither reads nor trips over it; nothing else may appear.
 */
import { spawn } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, tempDir } from '../../helpers/cli';
import { FUZZ_SEED, prng } from '../../helpers/fuzz/settings';
import { run } from '../../helpers/fuzz/run-cli';

const FILES = 6;
const TEMP = /^\.Dockerfile\.\d+\.[0-9a-f]{8}\.tmp$/;

/** A Dockerfile with many independent safe fixes (one pass), different per file. */
function dockerfile(n: number): string {
  const lines = ['FROM alpine:3.20'];
  for (let i = 0; i < 30; i++) lines.push(`RUN apk add pkg${n}-${i}`, `WORKDIR /w${i}`);
  return `${lines.join('\n')}\nUSER nobody\nCMD ["sh"]\n`;
}

/** Starts `--fix` on every `*\/Dockerfile` and kills it after `delayMs`, or as soon as a temporary file appears. */
function killedRun(dir: string, kill: { delayMs: number } | 'on-first-write'): Promise<{ signal: NodeJS.Signals | null; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, '--fix', '--fail-level', 'none', '*/Dockerfile'], { cwd: dir, stdio: 'ignore' });
    const watchers: ReturnType<typeof watch>[] = [];
    let timer: NodeJS.Timeout | undefined;
    if (kill === 'on-first-write') {
      for (let n = 0; n < FILES; n++) {
        watchers.push(
          watch(path.join(dir, `p${n}`), (_event, name) => {
            if (name && TEMP.test(String(name))) child.kill('SIGKILL');
          }),
        );
      }
    } else {
      timer = setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
    }
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
      resolve({ code, signal });
    });
  });
}

describe('--fix killed with SIGKILL', () => {
  it(`leaves each of ${FILES} files untouched or fully fixed, and at most a hidden temporary file (seed ${FUZZ_SEED})`, async () => {
    const original = tempDir();
    for (let n = 0; n < FILES; n++) {
      cpSync(tempDir(), path.join(original, `p${n}`), { recursive: true });
      writeFileSync(path.join(original, `p${n}`, 'Dockerfile'), dockerfile(n));
    }
    // The fixed text of every file, from a run that is not killed.
    const reference = tempDir();
    cpSync(original, reference, { recursive: true });
    const started = Date.now();
    const full = await run(['--fix', '--fail-level', 'none', '*/Dockerfile'], reference, { timeoutMs: 120_000 });
    const fullMs = Date.now() - started;
    expect(full.code, full.stderr).toBe(0);
    const fixed = Array.from({ length: FILES }, (_, n) => readFileSync(path.join(reference, `p${n}`, 'Dockerfile'), 'utf8'));
    for (let n = 0; n < FILES; n++) expect(fixed[n], 'the reference run fixed the file').not.toBe(dockerfile(n));

    const random = prng(FUZZ_SEED);
    const outcomes = { untouched: 0, fixed: 0, temporaryFiles: 0, killed: 0 };
    const rounds: Array<{ delayMs: number } | 'on-first-write'> = [];
    for (let i = 0; i < 3; i++) rounds.push('on-first-write');
    for (let i = 0; i < 2; i++) rounds.push({ delayMs: Math.round(100 + random() * fullMs) });
    for (const kill of rounds) {
      const dir = tempDir();
      cpSync(original, dir, { recursive: true });
      const result = await killedRun(dir, kill);
      if (result.signal === 'SIGKILL') outcomes.killed++;
      for (let n = 0; n < FILES; n++) {
        const folder = path.join(dir, `p${n}`);
        const text = readFileSync(path.join(folder, 'Dockerfile'), 'utf8');
        const state = text === dockerfile(n) ? 'untouched' : text === fixed[n] ? 'fixed' : 'broken';
        expect(state, `p${n}/Dockerfile after a kill at ${JSON.stringify(kill)}: ${text.length} characters, neither the old nor the new text`).not.toBe('broken');
        outcomes[state as 'untouched' | 'fixed']++;
        const others = readdirSync(folder).filter((f) => f !== 'Dockerfile');
        for (const other of others) expect(other, `p${n}: only an atomic-write temporary file may be left`).toMatch(TEMP);
        outcomes.temporaryFiles += others.length;
      }
      if (kill !== rounds[rounds.length - 1]) continue;
      // A later run skips the leftovers (globs do not match hidden files), finishes the job and leaves nothing new.
      const leftovers = readdirSync(dir, { recursive: true }).length;
      const again = await run(['--fix', '--fail-level', 'none', '--format', 'json', '**/*Dockerfile*'], dir, { timeoutMs: 120_000 });
      expect(again.code, again.stderr).toBe(0);
      expect(new Set(JSON.parse(again.stdout).map((f: { file: string }) => f.file)).size).toBe(FILES);
      for (let n = 0; n < FILES; n++) expect(readFileSync(path.join(dir, `p${n}`, 'Dockerfile'), 'utf8')).toBe(fixed[n]);
      expect(readdirSync(dir, { recursive: true }).length).toBe(leftovers);
    }
    console.log(`kills: ${rounds.length} runs (${outcomes.killed} killed), ${rounds.length * FILES} files checked: ${outcomes.untouched} untouched, ${outcomes.fixed} fixed, 0 broken; ${outcomes.temporaryFiles} temporary files left by the kills`);
    expect(outcomes.killed).toBeGreaterThan(rounds.length / 2);
    expect(outcomes.untouched).toBeGreaterThan(0);
  }, 300_000);
});

/**
 * Corpus benchmark: our full analysis (all rules + syntax validation) against the peers, side by
 * side on the same files in the same run. Ratios from one run are the figure; absolute times are noisy.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { lint, NO_FILES } from '../../server/src/core/lint';
import { forgetShellScripts } from '../../server/src/core/shell';
import { loadShellParser } from '../../server/src/io/shell-wasm';
import { loadPeers, type Peer } from './peers';
import { ms, summarise, table } from './stats';

const CORPUS = process.env.DOCKERFILE_CORPUS ?? path.resolve(__dirname, '../../../shared/corpus');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

interface Tool {
  name: string;
  lint(text: string): void;
}

interface Measured {
  name: string;
  perFile: number[];
  sweeps: number[];
  errors: number;
}

function measure(tool: Tool, files: string[]): Measured {
  const perFileRounds: number[][] = files.map(() => []);
  const sweeps: number[] = [];
  let errors = 0;
  for (let round = -2; round < ROUNDS; round++) {
    // Every round parses every RUN afresh: the editor's cache of scripts by text must not make a sweep look faster.
    forgetShellScripts();
    const start = performance.now();
    files.forEach((text, i) => {
      const t0 = performance.now();
      try {
        tool.lint(text);
      } catch {
        if (round === 0) errors++;
      }
      if (round >= 0) perFileRounds[i].push(performance.now() - t0);
    });
    if (round >= 0) sweeps.push(performance.now() - start);
  }
  const perFile = perFileRounds.map((times) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]);
  return { name: tool.name, perFile, sweeps, errors };
}

async function main(): Promise<void> {
  const dir = path.join(CORPUS, 'dockerfiles');
  const files = readdirSync(dir)
    .sort()
    .map((f) => readFileSync(path.join(dir, f), 'utf8'));
  await loadShellParser();
  const ours: Tool = { name: 'dockerfile-optimizer (all rules + syntax)', lint: (t) => void lint(t, { files: NO_FILES }) };
  const peers: Peer[] = loadPeers();
  // Each tool runs all its rounds in one pass, ours first: whole-tool passes keep each tool's caches and JIT state its own.
  const results = [ours, ...peers].map((tool) => measure(tool, files));
  const oursResult = results[0];
  const oursSweep = summarise(oursResult.sweeps).median;
  const rows = results.map((r) => {
    const s = summarise(r.perFile);
    const sweep = summarise(r.sweeps).median;
    return [r.name, ms(s.median), ms(s.p99), ms(s.max), ms(sweep, 1), r === oursResult ? '1.00' : (oursSweep / sweep).toFixed(2), String(r.errors)];
  });
  console.log(`Corpus: ${files.length} files, ${(files.reduce((a, t) => a + t.length, 0) / 1e6).toFixed(2)} MB; ${ROUNDS} rounds after 2 warm-up rounds; per-file time = median over rounds`);
  console.log(table(['tool', 'per-file median', 'p99', 'max', 'sweep (median)', 'ours/tool', 'threw'], rows));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

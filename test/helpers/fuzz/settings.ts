/**
 * Reproducible fuzzing. The seed is fixed unless `FUZZ_SEED` is set: to a number to replay a run, or
 * to `random` to explore. `FUZZ_SCALE` multiplies the number of runs (`FUZZ_SCALE=20` for a long
 * session). A failure names the seed and the counterexample's path, and how to replay it.
 */
import fc from 'fast-check';

export const DEFAULT_SEED = 20_261_126;

function seedFromEnv(): number {
  const raw = process.env.FUZZ_SEED;
  if (!raw) return DEFAULT_SEED;
  if (raw === 'random') return (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
  const seed = Number(raw);
  if (!Number.isInteger(seed)) throw new Error(`FUZZ_SEED must be an integer or "random", not ${raw}`);
  return seed;
}

export const FUZZ_SEED = seedFromEnv();
export const FUZZ_SCALE = Number(process.env.FUZZ_SCALE ?? 1) || 1;

export interface FuzzOptions {
  numRuns: number;
  /** Start no new case after this long (a loaded machine runs fewer cases); a failure found by then is still reported, shrunk as far as time allowed. */
  timeLimitMs?: number;
  /** Shrink a failing case (default true); false reports the first failing case as found. */
  shrink?: boolean;
}

/**
 * Runs a property and throws fast-check's report (seed, path, counterexample) plus the command that
 * replays it. Returns the number of cases run.
 */
export async function runProperty<T>(name: string, property: fc.IAsyncPropertyWithHooks<T> | fc.IPropertyWithHooks<T>, options: FuzzOptions): Promise<number> {
  const numRuns = Math.max(1, Math.round(options.numRuns * FUZZ_SCALE));
  const path = process.env.FUZZ_PATH;
  const details = await fc.check(property as fc.IAsyncPropertyWithHooks<T>, {
    seed: FUZZ_SEED,
    numRuns,
    path,
    plugins: options.timeLimitMs && FUZZ_SCALE === 1 ? [fc.interruptAfterTimeLimit(options.timeLimitMs)] : [],
    // Shrinking a large Dockerfile can take thousands of runs; a few hundred make it readable enough.
    endOnFailure: options.shrink === false,
    maxSkipsPerRun: 100,
  });
  if (details.failed) {
    const replay = `FUZZ_SEED=${details.seed}${details.counterexamplePath ? ` FUZZ_PATH=${details.counterexamplePath}` : ''}`;
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${name}: property failed (replay with ${replay})\n${error}\n\n${fc.defaultReportMessage(details)}`);
  }
  return details.numRuns;
}

/** Deterministic pseudo-random numbers in [0, 1) from a seed (xorshift32), for choices made outside fast-check. */
export function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

/** Reading the peer linters' test cases from the shared corpus (`../shared/corpus`, or `$DOCKERFILE_CORPUS`). */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** One assertion of hadolint's rule specs (see the corpus README). GPL data: measured, never copied into the project. */
export interface HadolintCase {
  /** hadolint code (`DL3008`), `shellcheck` or `*` (no findings at all). */
  rule: string;
  dockerfile: string;
  expect: 'catch' | 'pass';
  source: string;
  test: string;
  assertion: string;
  /** Whether hadolint wrapped every `RUN` in `ONBUILD` (at AST level) for this assertion. */
  onbuild: boolean;
  /** The ONBUILD variant as text: `ONBUILD ` in front of every `RUN`. */
  dockerfile_onbuild?: string;
  /** Exact number of findings of `rule`. */
  count?: number;
  /** hadolint's Haskell configuration expression (`def { allowedRegistries = [...] }`). */
  config?: string;
}

export interface BuildkitWarning {
  rule: string;
  line: number;
  detail: string;
  level: number;
}

/** One `checkLinterWarnings` call of BuildKit's `dockerfile_check_test.go`. */
export interface BuildkitCase {
  dockerfile: string;
  warnings: BuildkitWarning[];
  source: string;
  test: string;
  subtest?: string;
  dockerignore?: string;
  frontend_attrs?: Record<string, string>;
}

export function corpusDir(): string {
  return process.env.DOCKERFILE_CORPUS ?? path.resolve(process.cwd(), '../shared/corpus');
}

export const HADOLINT_FILE = 'hadolint-cases.jsonl';
export const BUILDKIT_FILE = 'buildkit-lint-cases.jsonl';

/** Whether the corpus holds both case files. */
export function hasCases(dir = corpusDir()): boolean {
  return existsSync(path.join(dir, HADOLINT_FILE)) && existsSync(path.join(dir, BUILDKIT_FILE));
}

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

export function readHadolintCases(dir = corpusDir()): HadolintCase[] {
  return readJsonl<HadolintCase>(path.join(dir, HADOLINT_FILE));
}

export function readBuildkitCases(dir = corpusDir()): BuildkitCase[] {
  return readJsonl<BuildkitCase>(path.join(dir, BUILDKIT_FILE));
}

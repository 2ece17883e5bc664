/**
 * What the editor should show and do, computed with the CLI (`dist/cli.js`, built from the same
 * sources as the VSIX) on scratch copies of the fixture folders: the findings, the text after each
 * rule's fix, and the text after fix-all. The in-host suite checks the language server against it.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface CliFinding {
  ruleId: string;
  /** 1-based, as the CLI prints them; `endColumn` is exclusive. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  fix: { title: string; safety: 'safe' | 'unsafe' } | null;
}

/** Files of a folder that a fix changed or created, by path relative to the folder. */
export type FileTexts = Record<string, string>;

export interface FolderExpectations {
  findings: CliFinding[];
  /** Per fixable rule with exactly one finding: the files after that fix (`--fix --unsafe-fixes --rule <id>`). */
  fixes: Record<string, FileTexts>;
  /** Fixable rules with more than one finding: their quick fixes are only checked to remove the finding. */
  ambiguous: string[];
  /** The files after `--fix` (safe fixes only), which is what fix-all does. */
  fixAll: FileTexts;
}

/** Keyed by the folder's name in the in-host workspace. */
export type Expectations = Record<string, FolderExpectations>;

function cli(cliPath: string, cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cliPath, '--fail-level', 'none', ...args, 'Dockerfile'], { cwd, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`dockerfile-optimizer ${args.join(' ')} (in ${cwd}) failed: ${stderr || stdout || error.message}`));
      else resolve(stdout);
    });
  });
}

/** Runs the tasks with at most `width` at a time (each CLI run is a Node process that loads the parser). */
async function inParallel<T>(tasks: (() => Promise<T>)[], width = 4): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, worker));
  return results;
}

function snapshot(dir: string, base = dir): FileTexts {
  const files: FileTexts = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(files, snapshot(full, base));
    else files[path.relative(base, full).split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
  }
  return files;
}

/** Runs a fixing CLI command on a scratch copy and returns the files it changed or created. */
async function afterFix(cliPath: string, folder: string, args: string[]): Promise<FileTexts> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dfo-e2e-fix-'));
  try {
    fs.cpSync(folder, scratch, { recursive: true });
    const before = snapshot(scratch);
    await cli(cliPath, scratch, args);
    const after = snapshot(scratch);
    return Object.fromEntries(Object.entries(after).filter(([file, text]) => before[file] !== text));
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

export async function folderExpectations(cliPath: string, folder: string): Promise<FolderExpectations> {
  if (!fs.existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npm run package\` (or \`npm run build\`) first`);
  const findings = JSON.parse(await cli(cliPath, folder, ['--format', 'json'])) as CliFinding[];
  const byRule = new Map<string, number>();
  for (const f of findings) if (f.fix) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
  const unique = [...byRule].filter(([, count]) => count === 1).map(([ruleId]) => ruleId);
  const [fixAll, ...perRule] = await inParallel([
    () => afterFix(cliPath, folder, ['--fix']),
    ...unique.map((ruleId) => () => afterFix(cliPath, folder, ['--fix', '--unsafe-fixes', '--rule', ruleId])),
  ]);
  return {
    findings,
    fixes: Object.fromEntries(unique.map((ruleId, i) => [ruleId, perRule[i]])),
    ambiguous: [...byRule].filter(([, count]) => count > 1).map(([ruleId]) => ruleId),
    fixAll,
  };
}

/**
 * A copy of the built CLI (`dist/cli.js` and the wasm files beside it) in `dir`, so that a rebuild of
 * `dist/` while the tests run cannot hand them a half-written file.
 */
export function snapshotCli(repoRoot: string, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const dist = path.join(repoRoot, 'dist');
  if (!fs.existsSync(path.join(dist, 'cli.js'))) throw new Error(`${dist}/cli.js is missing: run \`npm run package\` first`);
  for (const file of fs.readdirSync(dist).filter((f) => f === 'cli.js' || f.endsWith('.wasm'))) fs.copyFileSync(path.join(dist, file), path.join(dir, file));
  return path.join(dir, 'cli.js');
}

/** The in-host workspace's folders, computed with the CLI and written to `file` (read via $DFO_E2E_EXPECTED). */
export async function writeInhostExpectations(cliPath: string, repoRoot: string, file: string): Promise<void> {
  const folders = {
    'quick-fixes': path.join(repoRoot, 'test', 'e2e', 'fixtures', 'workspace', 'quick-fixes'),
    'node-article': path.join(repoRoot, 'examples', 'node-article'),
  };
  const computed = await Promise.all(Object.values(folders).map((folder) => folderExpectations(cliPath, folder)));
  const expectations: Expectations = Object.fromEntries(Object.keys(folders).map((name, i) => [name, computed[i]]));
  fs.writeFileSync(file, `${JSON.stringify(expectations, null, 2)}\n`);
}

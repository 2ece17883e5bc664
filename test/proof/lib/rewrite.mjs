/**
 * The multi-stage Dockerfile comes from our own CLI: `--fix --unsafe-fixes --rule stage-multi-stage` on a
 * scratch copy of the example, never from the checked-in Dockerfile.expected (that is only compared).
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { must, run, runSync } from './proc.mjs';

/**
 * `npm run build:cli`, then a private copy of the bundle and its wasm files, so that another build of
 * dist/ during the proof cannot change the CLI under it. Returns the path of the copied cli.js.
 */
export async function buildCli(repo, workDir, log) {
  if (!fs.existsSync(path.join(repo, 'node_modules', '.bin', 'esbuild'))) {
    throw new Error(`${repo}/node_modules is missing: run \`npm ci\` first (the proof builds the CLI with esbuild)`);
  }
  await must('npm', ['run', 'build:cli', '--silent'], { cwd: repo, log });
  const dir = path.join(workDir, 'cli');
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(repo, 'dist', 'cli.js'), path.join(dir, 'cli.js'));
  const require = createRequire(path.join(repo, 'package.json'));
  for (const spec of ['web-tree-sitter/web-tree-sitter.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm']) {
    fs.copyFileSync(require.resolve(spec), path.join(dir, path.basename(spec)));
  }
  return path.join(dir, 'cli.js');
}

/**
 * Copies an example as a clean checkout would have it: the files git tracks plus new ones it does not
 * ignore (so a local node_modules/, dist/ or target/ stays out); all files when it is not in git.
 */
export function copyExample(src, dest) {
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(dest, { recursive: true });
  const listed = runSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '.'], { cwd: src });
  const files = listed.status === 0 && listed.stdout ? listed.stdout.split('\0').filter(Boolean) : undefined;
  if (!files) {
    fs.cpSync(src, dest, { recursive: true });
    return;
  }
  for (const rel of files) {
    const from = path.join(src, rel);
    if (!fs.existsSync(from)) continue; // deleted in the work tree
    fs.mkdirSync(path.dirname(path.join(dest, rel)), { recursive: true });
    fs.cpSync(from, path.join(dest, rel));
  }
}

function listFiles(dir, prefix = '') {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

/**
 * Rewrites `<dir>/Dockerfile` in place with the CLI. Returns { ok, text, files, reason, matchesExpected }:
 * `files` are other files the fix wrote; `reason` says why there is no multi-stage Dockerfile.
 */
export async function rewriteInPlace(cli, dir, log) {
  const dockerfile = path.join(dir, 'Dockerfile');
  const before = fs.readFileSync(dockerfile, 'utf8');
  const filesBefore = new Set(listFiles(dir));
  const args = [cli, '--fix', '--unsafe-fixes', '--rule', 'stage-multi-stage', '--fail-level', 'none', '--format', 'json', dockerfile];
  const result = await run(process.execPath, args, { capture: true, log });
  if (result.code !== 0) return { ok: false, reason: `the CLI exited ${result.code}: ${result.stderr.trim().split('\n')[0]}` };
  const text = fs.readFileSync(dockerfile, 'utf8');
  const files = listFiles(dir).filter((f) => !filesBefore.has(f));
  const expectedFile = path.join(dir, 'Dockerfile.expected');
  const matchesExpected = fs.existsSync(expectedFile) ? fs.readFileSync(expectedFile, 'utf8') === text : null;
  if (text === before) {
    let reason = 'the CLI left the Dockerfile unchanged';
    try {
      const findings = JSON.parse(result.stdout).flatMap((f) => f.findings ?? [f]);
      const finding = findings.find((f) => f.ruleId === 'stage-multi-stage');
      reason = finding ? `the CLI did not split it: ${finding.message}` : `${reason} (no stage-multi-stage finding)`;
    } catch {
      // keep the generic reason
    }
    return { ok: false, reason, matchesExpected };
  }
  return { ok: true, text, files, matchesExpected };
}

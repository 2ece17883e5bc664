#!/usr/bin/env node
/** The `dockerfile-optimizer` command: lint Dockerfiles, print or apply fixes. A thin adapter over the core. */
import * as path from 'node:path';
import { parseArgs, styleText } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { createTwoFilesPatch } from 'diff';
import { version } from '../../package.json';
import { allIds } from './core/catalog';
import { fixAll } from './core/fix';
import { atLeast, formatJson, formatSarif, formatText, summary, type FileFindings, type TextStyle } from './core/format';
import { applyHadolintConfig } from './core/hadolint-config';
import { lint, tokenIds, type LintOptions } from './core/lint';
import type { Severity } from './core/types';
import { diskContext } from './io/context-files';
import { findFiles } from './io/find-files';
import { loadHadolintConfig } from './io/hadolint-config';
import { InputError, readDockerfile } from './io/read-dockerfile';
import { loadShellParser } from './io/shell-wasm';
import { assertWritable, writeFileAtomic } from './io/write-atomic';
import { pinImages } from './io/pin-images';
import { createRegistryClient, type NodeRegistryClient } from './io/registry';
import { lookUpPinnedTags } from './io/tag-lookups';
import { applyEdits } from './core/edits';
import { parseDockerfile } from './core/model';
import { shellcheckFindings, shellcheckTargets } from './core/shellcheck-map';
import type { Finding } from './core/types';
import { findShellcheck, ShellcheckRunner } from './io/shellcheck';

/** Registries on this machine may be reached over plain HTTP. */
const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

const USAGE = `Usage: dockerfile-optimizer [check] [options] [paths or globs…]
       dockerfile-optimizer pin [--diff] [registry options] [paths or globs…]

Finds what makes Dockerfiles big, slow to build and unsafe, and fixes it.
\`pin\` pins every base image to the digest its tag points to now (FROM node:18@sha256:…).
Paths default to ./Dockerfile. Quote globs: 'services/**/Dockerfile'.

Options:
  --format <text|json|sarif>  output format (default: text)
  --fix                       apply safe fixes in place
  --unsafe-fixes              with --fix or --diff, also apply unsafe fixes
  --diff                      print the fixes as a unified diff; write nothing
  --rule <id>                 only this rule (id, hadolint code or BuildKit name); repeatable or comma-separated
  --ignore <id>               never this rule; repeatable or comma-separated
  --fail-level <level>        exit 1 when a finding is at least error|warning|info|hint, or never: none
                              (default: the failure-threshold of .hadolint.yaml, else warning)
  --no-syntax                 skip the syntax checks
  --no-hadolint-config        do not read .hadolint.yaml (ignored, override, trustedRegistries, label-schema…)
  --go-runtime <image>        runtime for Go services in the multi-stage split: distroless (default) or scratch
  --no-shellcheck             do not run ShellCheck on RUN scripts (it runs when \`shellcheck\` is on PATH)

Registry lookups (off unless asked for; \`pin\` always looks up):
  --registry                  allow registry lookups: report pinned digests that no longer match their tag,
                              and let --unsafe-fixes pin base images to their current digest
  --insecure-registry <host>  also allow this registry over plain HTTP (loopback always is); repeatable
  --registry-timeout <ms>     timeout per registry request (default: 10000)

  -h, --help                  show this help
  -v, --version               show the version

Exit status: 0 nothing at or above the fail level, 1 findings, 2 usage or I/O error.`;

class UsageError extends Error {}

interface Options {
  command: 'check' | 'pin';
  format: 'text' | 'json' | 'sarif';
  fix: boolean;
  unsafe: boolean;
  diff: boolean;
  /** Undefined: the hadolint configuration's failure-threshold, else `warning`. */
  failLevel?: Severity | 'none';
  hadolintConfig: boolean;
  /** Registry access when lookups were asked for (`--registry`, `--unsafe-fixes`, `pin`). */
  registry?: NodeRegistryClient;
  /** Look up pinned tags to report stale digests. */
  lookups: boolean;
  /** ShellCheck, when it is installed and not turned off. */
  shellcheck?: ShellcheckRunner;
  lint: LintOptions;
  paths: string[];
}

function list(values: string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  const tokens = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  for (const token of tokens) {
    if (tokenIds(token).length === 0) throw new UsageError(`unknown rule \`${token}\`; known rules: ${allIds().filter((id) => !id.startsWith('syntax-')).join(', ')}`);
  }
  return tokens;
}

function parseOptions(argv: string[]): Options | 'help' | 'version' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        fix: { type: 'boolean', default: false },
        'unsafe-fixes': { type: 'boolean', default: false },
        diff: { type: 'boolean', default: false },
        rule: { type: 'string', multiple: true },
        ignore: { type: 'string', multiple: true },
        'fail-level': { type: 'string' },
        'no-syntax': { type: 'boolean', default: false },
        'no-hadolint-config': { type: 'boolean', default: false },
        registry: { type: 'boolean', default: false },
        'no-shellcheck': { type: 'boolean', default: false },
        'go-runtime': { type: 'string', default: 'distroless' },
        'insecure-registry': { type: 'string', multiple: true },
        'registry-timeout': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (v.version) return 'version';
  const positionals = [...parsed.positionals];
  const command = positionals[0] === 'pin' ? 'pin' : 'check';
  if (positionals[0] === 'check' || positionals[0] === 'pin') positionals.shift();
  if (!['text', 'json', 'sarif'].includes(v.format!)) throw new UsageError(`--format must be text, json or sarif, not \`${v.format}\``);
  if (v['fail-level'] !== undefined && !['error', 'warning', 'info', 'hint', 'none'].includes(v['fail-level'])) {
    throw new UsageError(`--fail-level must be error, warning, info, hint or none, not \`${v['fail-level']}\``);
  }
  if (v.fix && v.diff) throw new UsageError('--fix and --diff cannot be combined: --diff writes nothing');
  if (v['unsafe-fixes'] && !v.fix && !v.diff) throw new UsageError('--unsafe-fixes needs --fix or --diff');
  if (command === 'pin' && (v.fix || v['unsafe-fixes'])) throw new UsageError('`pin` writes the pins itself; use --diff to see them first');
  if (v['go-runtime'] !== 'distroless' && v['go-runtime'] !== 'scratch') throw new UsageError(`--go-runtime must be distroless or scratch, not \`${v['go-runtime']}\``);
  const timeout = v['registry-timeout'] === undefined ? 10_000 : Number(v['registry-timeout']);
  if (!Number.isInteger(timeout) || timeout <= 0) throw new UsageError(`--registry-timeout must be a positive number of milliseconds, not \`${v['registry-timeout']}\``);
  // The network is used only when asked for: `pin`, or `--registry` (which also lets --unsafe-fixes pin digests).
  const wantsRegistry = command === 'pin' || v.registry;
  const registry = wantsRegistry
    ? createRegistryClient({ timeoutMs: timeout, insecureRegistries: [...LOOPBACK, ...(v['insecure-registry'] ?? [])] })
    : undefined;
  return {
    command,
    registry,
    shellcheck: v['no-shellcheck'] ? undefined : shellcheckRunner(),
    lookups: v.registry!,
    format: v.format as Options['format'],
    fix: v.fix!,
    unsafe: v['unsafe-fixes']!,
    diff: v.diff!,
    failLevel: v['fail-level'] as Options['failLevel'],
    hadolintConfig: !v['no-hadolint-config'],
    lint: { only: list(v.rule), ignore: list(v.ignore), syntax: !v['no-syntax'], registry, config: { goRuntime: v['go-runtime'] } },
    paths: positionals.length ? positionals : ['Dockerfile'],
  };
}

function textStyle(stream: NodeJS.WriteStream): TextStyle {
  const color = stream.isTTY && !process.env.NO_COLOR;
  if (!color) return { severity: (_s, t) => t, dim: (t) => t, bold: (t) => t };
  const colors: Record<Severity, Parameters<typeof styleText>[0]> = { error: 'red', warning: 'yellow', info: 'blue', hint: 'gray' };
  return { severity: (s, t) => styleText(colors[s], t), dim: (t) => styleText('gray', t), bold: (t) => styleText('bold', t) };
}

function display(file: string): string {
  return file.split(path.sep).join('/');
}

interface Outcome {
  results: FileFindings[];
  diffs: string[];
  errors: string[];
  /** Problems with hadolint configuration files, printed once each. */
  warnings: Set<string>;
  /** The fail level of each file (from `--fail-level` or its hadolint configuration). */
  failLevels: Map<FileFindings, Severity | 'none'>;
  /** What `pin` did, one line each. */
  notes: string[];
}

/** Runs an action on another file of the build context; its errors name that file (`Dockerfile: \`.dockerignore\` is read-only`). */
function naming(rel: string, action: () => void): void {
  try {
    action();
  } catch (error) {
    throw error instanceof InputError ? new InputError(`\`${rel}\` ${error.message}`) : error;
  }
}

async function processFile(file: string, options: Options, outcome: Outcome): Promise<void> {
  const shown = display(file);
  const { text, bom } = readDockerfile(file);
  const dir = path.dirname(path.resolve(file));
  const files = diskContext(dir);
  let lintOptions: LintOptions = { ...options.lint, files, fileName: path.basename(file) };
  let failLevel = options.failLevel;
  const hadolint = options.hadolintConfig ? loadHadolintConfig(dir) : undefined;
  if (hadolint) {
    for (const error of hadolint.errors) outcome.warnings.add(`${display(path.relative(process.cwd(), hadolint.path) || hadolint.path)}: ${error}`);
    lintOptions = applyHadolintConfig(lintOptions, hadolint.config);
    failLevel ??= hadolint.config.failureThreshold;
  }
  const push = (result: FileFindings) => {
    outcome.results.push(result);
    outcome.failLevels.set(result, failLevel ?? 'warning');
  };
  if (options.lookups && options.registry) {
    const { tags, failures } = await lookUpPinnedTags(parseDockerfile(text), options.registry);
    for (const failure of failures) outcome.warnings.add(failure.message);
    lintOptions = { ...lintOptions, tags };
  }
  if (options.shellcheck) lintOptions = { ...lintOptions, external: await shellcheckOf(text, options.shellcheck, shown, outcome) };
  if (options.command === 'pin') {
    await pinFile(file, text, bom, options, outcome);
    push({ path: shown, findings: [] });
    return;
  }
  if (!options.fix && !options.diff) {
    push({ path: shown, findings: lint(text, lintOptions).findings });
    return;
  }
  const fixed = await fixAll(text, { ...lintOptions, unsafe: options.unsafe });
  for (const failure of fixed.failed) outcome.warnings.add(`${shown}: ${failure.title}: ${failure.message}`);
  const changed = fixed.text !== text;
  if (options.diff) {
    push({ path: shown, findings: lint(text, lintOptions).findings });
    if (changed) outcome.diffs.push(createTwoFilesPatch(shown, shown, text, fixed.text));
    for (const [rel, content] of fixed.files) {
      const other = display(path.join(path.dirname(file), rel));
      const before = files.read(rel);
      outcome.diffs.push(createTwoFilesPatch(before === undefined ? '/dev/null' : other, other, before ?? '', content));
    }
    return;
  }
  if (changed || fixed.files.size > 0) {
    assertWritable(file);
    for (const rel of fixed.files.keys()) naming(rel, () => assertWritable(path.join(dir, rel)));
    for (const [rel, content] of fixed.files) naming(rel, () => writeFileAtomic(path.join(dir, rel), content));
    if (changed) writeFileAtomic(file, (bom ? '\uFEFF' : '') + fixed.text);
  }
  const after = fixed.files.size ? diskContext(dir) : files;
  const external = options.shellcheck ? await shellcheckOf(fixed.text, options.shellcheck, shown, outcome) : undefined;
  push({ path: shown, findings: lint(fixed.text, { ...lintOptions, files: after, external }).findings });
}

function shellcheckRunner(): ShellcheckRunner | undefined {
  const program = findShellcheck();
  return program ? new ShellcheckRunner(program) : undefined;
}

/** ShellCheck's findings on the file's RUN scripts; a script ShellCheck fails on is reported once, not fatal. */
async function shellcheckOf(text: string, runner: ShellcheckRunner, shown: string, outcome: Outcome): Promise<Finding[]> {
  const model = parseDockerfile(text);
  const findings: Finding[] = [];
  for (const target of shellcheckTargets(model)) {
    try {
      findings.push(...shellcheckFindings(model, target, await runner.check(target.shell, target.input)));
    } catch (error) {
      outcome.warnings.add(`${shown}:${target.instr.range.start.line + 1}: ${(error as Error).message}`);
    }
  }
  return findings;
}

/** `pin`: every base image of one file pinned to its current digest, all or nothing. */
async function pinFile(file: string, text: string, bom: boolean, options: Options, outcome: Outcome): Promise<void> {
  const shown = display(file);
  const result = await pinImages(parseDockerfile(text), options.registry!);
  for (const image of result.pinned) outcome.notes.push(`${shown}: pinned ${image}`);
  for (const skipped of result.skipped) outcome.notes.push(`${shown}: skipped ${skipped}`);
  for (const failure of result.failed) outcome.errors.push(`${shown}: ${failure}`);
  if (result.edits.length === 0) return;
  const pinned = applyEdits(text, result.edits);
  if (options.diff) {
    outcome.diffs.push(createTwoFilesPatch(shown, shown, text, pinned));
    return;
  }
  assertWritable(file);
  writeFileAtomic(file, (bom ? '\uFEFF' : '') + pinned);
}

/**
 * A short-lived process gains nothing from V8's optimising tier for the bash grammar: compiling its
 * lexer takes longer than a whole run, and the process cannot exit until that compilation ends.
 */
setFlagsFromString('--liftoff-only');

export async function main(argv: string[], out = process.stdout, err = process.stderr): Promise<number> {
  let options: Options | 'help' | 'version';
  try {
    options = parseOptions(argv);
  } catch (error) {
    err.write(`dockerfile-optimizer: ${(error as Error).message}\nRun \`dockerfile-optimizer --help\` for usage.\n`);
    return 2;
  }
  if (options === 'help') {
    out.write(`${USAGE}\n`);
    return 0;
  }
  if (options === 'version') {
    out.write(`${version}\n`);
    return 0;
  }
  await loadShellParser();
  const { files, errors } = await findFiles(options.paths);
  const outcome: Outcome = { results: [], diffs: [], errors: errors.map((e) => `${e.path}: ${e.message}`), warnings: new Set(), failLevels: new Map(), notes: [] };
  for (const file of files) {
    try {
      await processFile(file, options, outcome);
    } catch (error) {
      if (!(error instanceof InputError) && !(error as NodeJS.ErrnoException).code) throw error;
      outcome.errors.push(`${display(file)}: ${error instanceof InputError ? error.message : (error as Error).message}`);
    }
  }
  await options.registry?.close();
  for (const message of outcome.warnings) err.write(`dockerfile-optimizer: warning: ${message}\n`);
  for (const message of outcome.errors) err.write(`dockerfile-optimizer: ${message}\n`);
  if (options.command === 'pin') {
    for (const note of outcome.notes) out.write(`${note}\n`);
    if (options.diff && outcome.diffs.length) out.write(`\n${outcome.diffs.join('\n')}`);
    if (outcome.notes.length === 0 && outcome.errors.length === 0) out.write('Every base image is pinned already\n');
    return outcome.errors.length ? 2 : 0;
  }
  if (options.format === 'json') out.write(`${formatJson(outcome.results)}\n`);
  else if (options.format === 'sarif') out.write(`${formatSarif(outcome.results, version)}\n`);
  else {
    const style = textStyle(out);
    const text = formatText(outcome.results, style);
    if (text) out.write(`${text}\n`);
    if (outcome.results.length) out.write(`${style.bold(summary(outcome.results))}\n`);
    if (options.diff) out.write(outcome.diffs.length ? `\n${outcome.diffs.join('\n')}` : 'No fixes to apply\n');
  }
  if (outcome.errors.length) return 2;
  if (options.diff) return outcome.diffs.length ? 1 : 0;
  const failing = outcome.results.some((r) => {
    const level = outcome.failLevels.get(r) ?? 'warning';
    return level !== 'none' && r.findings.some((f) => atLeast(f.severity, level));
  });
  return failing ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`dockerfile-optimizer: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 2;
    },
  );
}

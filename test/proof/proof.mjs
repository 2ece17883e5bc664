#!/usr/bin/env node
/**
 * npm run proof: for each example project in examples/, build its single-stage Dockerfile and the
 * multi-stage one that our CLI writes from it, with buildah, on stand-in base images made from Debian
 * packages; run both images and check they answer; check the runtime image is not root; measure them and
 * fail when the runtime image is not smaller by its ecosystem's target. See test/proof/README.md.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Buildah, registrySize, unmountUnder, writeRegistriesConf } from './lib/buildah.mjs';
import { EXPECT, TARGETS, discoverExamples, ecosystemOf, stagesOf } from './lib/examples.mjs';
import { cleanupAll, handleSignals, must, onCleanup, run, runSync, say, tailOf, timed, timings } from './lib/proc.mjs';
import { reduction, writeReport } from './lib/report.mjs';
import { buildCli, copyExample, rewriteInPlace } from './lib/rewrite.mjs';
import { freePort, runCheck } from './lib/runcheck.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
let REPO = path.resolve(HERE, '..', '..');
const PROVISION = path.join(HERE, 'provision');
/** A path as shown to people: relative inside the repository, absolute elsewhere. */
const shown = (p) => (p.startsWith(`${REPO}/`) ? path.relative(REPO, p) : p);

const USAGE = `Usage: npm run proof -- [options]

  --only a,b           only these examples (folder names)
  --examples DIR       where the examples are (default: examples/)
  --driver D           buildah storage driver: overlay (default where the kernel has it) or vfs
  --target eco=N       minimum reduction in percent for an ecosystem (node, static, go, rust, python, java,
                       dotnet), instead of the built-in one; repeatable
  --use-expected       build Dockerfile.expected instead of the CLI's rewrite (to tell a stand-in problem
                       from a rewrite problem)
  --cache DIR          stand-in cache (default: \${XDG_CACHE_HOME:-~/.cache}/dockerfile-optimizer/proof)
  --out DIR            report and logs (default: test/proof/out)
  --repo DIR           the repository whose CLI makes the rewrites (default: the one holding this script)
  --scratch S          where builds and the registry keep their files: memory (a tmpfs, fast to fill and to
                       empty), disk, or auto (default: memory with the overlay driver when 10 GiB are free)
  --keep               keep the scratch folder (buildah storage, registry data) for inspection
Needs root on Debian 12; installs missing Debian packages (buildah, skopeo, umoci, debootstrap, docker-registry).`;

function options() {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      examples: { type: 'string' },
      repo: { type: 'string', default: REPO },
      driver: { type: 'string' },
      target: { type: 'string', multiple: true, default: [] },
      'use-expected': { type: 'boolean', default: false },
      cache: { type: 'string' },
      out: { type: 'string', default: path.join(HERE, 'out') },
      scratch: { type: 'string', default: 'auto' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const targets = { ...TARGETS };
  for (const t of values.target) {
    const m = /^(\w+)=(\d+(?:\.\d+)?)$/.exec(t);
    if (!m || !(m[1] in targets)) throw new Error(`--target ${t}: expected one of ${Object.keys(targets).join(', ')} = a percentage`);
    targets[m[1]] = Number(m[2]);
  }
  const xdg = process.env.XDG_CACHE_HOME;
  const cache = values.cache ?? path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache'), 'dockerfile-optimizer', 'proof');
  const overlay = fs.readFileSync('/proc/filesystems', 'utf8').includes('\toverlay\n');
  const driver = values.driver ?? (overlay ? 'overlay' : 'vfs');
  if (!['overlay', 'vfs'].includes(driver)) throw new Error('--driver must be overlay or vfs');
  if (!['auto', 'memory', 'disk'].includes(values.scratch)) throw new Error('--scratch must be auto, memory or disk');
  REPO = path.resolve(values.repo);
  const examples = path.resolve(values.examples ?? path.join(REPO, 'examples'));
  return { ...values, targets, cache: path.resolve(cache), driver, out: path.resolve(values.out), examples };
}

/** GiB for a tmpfs scratch folder, or 0 for the disk: vfs copies whole images per layer, too big for memory. */
function scratchInMemory(opts) {
  if (opts.scratch === 'disk' || (opts.scratch === 'auto' && opts.driver === 'vfs')) return 0;
  const kb = Number(/^MemAvailable:\s+(\d+)/m.exec(fs.readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0);
  const free = Math.floor(kb / 2 ** 20) - 3; // leave 3 GiB to everything else
  if (opts.scratch === 'memory') {
    if (free < 4) throw new Error(`--scratch memory: only ${free + 3} GiB of memory available`);
    return Math.min(free, 32);
  }
  return free >= 10 ? Math.min(free, 32) : 0;
}

/** Stand-in of each reference: { ref: { normalized, id?, what?, why? } }. */
async function resolveStandins(refs) {
  if (!refs.length) return {};
  const { stdout } = await must('bash', [path.join(PROVISION, 'standins.sh'), 'resolve', ...refs], { capture: true });
  const map = {};
  for (const line of stdout.trim().split('\n')) {
    const [ref, normalized, id, text] = line.split('\t');
    map[ref] = id === '-' ? { normalized, why: text } : { normalized, id, what: text };
  }
  return map;
}

/** The bind mounts and build args that let npm inside a build reach the host's registry (BUILD-PROOF.md §4). */
async function npmNetworkArgs(work) {
  const get = async (key) => (await run('npm', ['config', 'get', key], { capture: true })).stdout.trim();
  let ca = await get('cafile');
  if (!ca || ca === 'null' || ca === 'undefined') ca = '/etc/ssl/certs/ca-certificates.crt';
  if (!fs.existsSync(ca)) throw new Error(`no CA bundle at ${ca}`);
  const npmrc = path.join(work, 'npmrc-build');
  const registry = await get('registry');
  fs.writeFileSync(npmrc, `registry=${registry}\ncafile=/etc/ssl/certs/ca-certificates.crt\nfund=false\naudit=false\nupdate-notifier=false\n`, { mode: 0o600 });
  const args = ['-v', `${ca}:/etc/ssl/certs/ca-certificates.crt:ro`, '-v', `${npmrc}:/etc/npmrc:ro`, '-v', `${npmrc}:/usr/local/etc/npmrc:ro`];
  for (const v of ['http_proxy', 'https_proxy', 'no_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY']) {
    if (process.env[v]) args.push('--build-arg', `${v}=${process.env[v]}`);
  }
  return args;
}

async function main() {
  const started = process.hrtime.bigint();
  const opts = options();
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  handleSignals();
  if (process.getuid() !== 0) throw new Error('run as root: debootstrap, chroot and buildah with chroot isolation need it');

  const logs = path.join(opts.out, 'logs');
  fs.rmSync(opts.out, { recursive: true, force: true });
  fs.mkdirSync(logs, { recursive: true });
  fs.mkdirSync(path.join(opts.out, 'rewrites'));
  await timed('tools: missing Debian packages', () => must('bash', [path.join(PROVISION, 'tools.sh')], { inherit: true }));

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-optimizer-proof-'));
  let scratchSize = 0;
  onCleanup('scratch folder', () => {
    if (opts.keep) {
      say(`kept ${work}${scratchSize ? ' (a tmpfs: unmount it when done)' : ''}`);
      return;
    }
    unmountUnder(work);
    runSync('rm', ['-rf', '--one-file-system', work]);
  });
  // A full run writes about 6 GB in about 150,000 files (images, layers, registry blobs). In memory they
  // are written faster and gone at once; on a busy disk, deleting them alone took 1 to 5 minutes.
  scratchSize = scratchInMemory(opts);
  if (scratchSize) await must('mount', ['-t', 'tmpfs', '-o', `size=${scratchSize}g,mode=700`, 'dockerfile-optimizer-proof', work]);
  say(`proof: scratch ${work} (${scratchSize ? `tmpfs, at most ${scratchSize} GiB` : 'disk'}), cache ${opts.cache}, storage driver ${opts.driver}`);

  // ------------------------------------------------------------------ the examples and their rewrites
  const found = discoverExamples(opts.examples);
  const only = opts.only ? new Set(opts.only.split(',')) : undefined;
  const examples = found.filter((e) => !only || only.has(e.name));
  if (only) for (const name of only) if (!found.some((e) => e.name === name)) throw new Error(`--only: no example ${name} in ${opts.examples}`);
  if (!examples.length) throw new Error(`no example with a Dockerfile in ${opts.examples}`);
  const cli = opts['use-expected'] ? undefined : await timed('npm run build:cli', () => buildCli(REPO, work, path.join(logs, 'build-cli.log')));

  const results = [];
  for (const ex of examples) {
    const r = { name: ex.name, ecosystem: ecosystemOf(ex.dir), status: 'pending', reasons: [], excerpts: [] };
    results.push(r);
    const dirs = { single: path.join(work, 'src', ex.name, 'single'), multi: path.join(work, 'src', ex.name, 'multi') };
    copyExample(ex.dir, dirs.single);
    copyExample(ex.dir, dirs.multi);
    r.dirs = dirs;
    const single = stagesOf(fs.readFileSync(path.join(dirs.single, 'Dockerfile'), 'utf8'));
    if (opts['use-expected']) {
      const expected = path.join(dirs.multi, 'Dockerfile.expected');
      if (fs.existsSync(expected)) {
        fs.copyFileSync(expected, path.join(dirs.multi, 'Dockerfile'));
        r.rewrite = { source: 'Dockerfile.expected' };
      } else r.rewrite = { source: 'Dockerfile.expected', error: 'no Dockerfile.expected' };
    } else {
      const rw = await rewriteInPlace(cli, dirs.multi, path.join(logs, `${ex.name}-rewrite.log`));
      r.rewrite = { source: 'cli', matchesExpected: rw.matchesExpected, files: rw.files, error: rw.ok ? undefined : rw.reason };
    }
    const multiText = fs.readFileSync(path.join(dirs.multi, 'Dockerfile'), 'utf8');
    const multi = stagesOf(multiText);
    if (!r.rewrite.error) {
      fs.writeFileSync(path.join(opts.out, 'rewrites', `${ex.name}.Dockerfile`), multiText);
      if (multi.stages < 2) r.rewrite.error = `the rewrite has ${multi.stages} stage(s)`;
    }
    r.ecosystem = ecosystemOf(ex.dir, r.rewrite.error ? '' : multi.last);
    r.target = opts.targets[r.ecosystem];
    r.images = {
      single: { base: single.last, stages: single.stages },
      multi: r.rewrite.error ? undefined : { base: multi.last, stages: multi.stages },
    };
    r.refs = { single: single.images, multi: r.rewrite.error ? [] : multi.images };
  }

  const standins = await resolveStandins([...new Set(results.flatMap((r) => [...r.refs.single, ...r.refs.multi]))]);
  for (const r of results) {
    const missing = [...new Set([...r.refs.single, ...r.refs.multi])].filter((ref) => !standins[ref].id);
    if (missing.length) {
      r.status = 'skip';
      r.reasons.push(...missing.map((ref) => `no stand-in for ${ref}: ${standins[ref].why}`));
      if (r.rewrite.error) r.reasons.push(`(also: ${r.rewrite.error})`);
      delete r.images;
    } else if (r.rewrite.error) {
      r.status = 'fail';
      r.reasons.push(`no multi-stage Dockerfile: ${r.rewrite.error}`);
      delete r.images.multi;
    }
  }
  const pending = results.filter((r) => r.status === 'pending');
  for (const r of results) if (r.status !== 'pending') say(`${r.status}: ${r.name}: ${r.reasons.join('; ')}`);

  // ------------------------------------------------------------------ registry, stand-ins, builds, checks
  if (pending.length) {
    const port = await freePort();
    const registry = `127.0.0.1:${port}`;
    const registryDir = path.join(work, 'registry');
    await timed(`registry on ${registry}`, () => must('bash', [path.join(PROVISION, 'registry.sh'), 'start', registryDir, String(port)], { inherit: true }));
    onCleanup('registry', () => {
      const stop = runSync('bash', [path.join(PROVISION, 'registry.sh'), 'stop', registryDir]);
      if (stop.status !== 0) throw new Error(`registry.sh stop: ${stop.stderr.trim()}`);
    });

    const refs = [...new Set(pending.flatMap((r) => [...r.refs.single, ...r.refs.multi]))];
    const standinWork = path.join(work, 'standins');
    await timed(`stand-ins: ${refs.join(' ')}`, async () => {
      const result = await run('bash', [path.join(PROVISION, 'standins.sh'), 'build', '--cache', opts.cache, '--work', standinWork, '--registry', registry, ...refs], { inherit: true, detached: true, log: path.join(logs, 'standins.log') });
      for (const f of fs.existsSync(standinWork) ? fs.readdirSync(standinWork).filter((n) => n.endsWith('.log')) : []) fs.copyFileSync(path.join(standinWork, f), path.join(logs, `standins-${f}`));
      if (result.code !== 0) throw new Error(`the stand-in images could not be made (standins.sh exited ${result.code}; logs in ${logs})`);
    });

    const registriesConf = path.join(work, 'registries.conf');
    writeRegistriesConf(registriesConf, registry, refs.map((ref) => standins[ref].normalized.split('/')[0]));
    const buildah = new Buildah({ work, driver: opts.driver, registriesConf });
    onCleanup('buildah containers', () => {
      buildah.removeAllSync();
      unmountUnder(buildah.root);
    });
    const npmArgs = await npmNetworkArgs(work);

    for (const r of pending) {
      say(`== ${r.name} [${r.ecosystem}]`);
      const usesNode = [...r.refs.single, ...r.refs.multi].some((ref) => /^node/.test(standins[ref].id));
      for (const variant of ['single', 'multi']) {
        const im = r.images[variant];
        im.tag = `localhost/proof/${r.name}:${variant}`;
        const log = path.join(logs, `${r.name}-${variant}-build.log`);
        const built = await timed(`${r.name}: buildah bud (${variant}-stage)`, () =>
          buildah.bud({ dockerfile: path.join(r.dirs[variant], 'Dockerfile'), context: r.dirs[variant], tag: im.tag, extra: usesNode ? npmArgs : [], log }),
        );
        im.built = built.code === 0;
        if (!im.built) {
          r.reasons.push(`the ${variant}-stage image did not build (log: ${shown(log)})`);
          r.excerpts.push({ title: `end of the ${variant}-stage build log`, text: tailOf(log, 12) });
        }
      }
      for (const variant of ['single', 'multi']) {
        const im = r.images[variant];
        if (!im.built) continue;
        im.run = await timed(`${r.name}: run (${variant}-stage)`, () =>
          runCheck(buildah, im.tag, { expect: EXPECT[r.name], log: path.join(logs, `${r.name}-${variant}-run.log`) }),
        );
        say(`     ${variant}: ${im.run.ok ? 'answered' : 'FAILED'}: ${im.run.detail ?? ''}${im.run.error ? ` — ${im.run.error}` : ''}`);
        if (!im.run.ok) r.reasons.push(`the ${variant}-stage image does not run: ${im.run.error}`);
        await timed(`${r.name}: push (${variant}-stage)`, async () => {
          await buildah.push(im.tag, `${registry}/proof/${r.name}:${variant}`, path.join(logs, `${r.name}-${variant}-push.log`));
          const size = await registrySize(`${registry}/proof/${r.name}:${variant}`);
          im.compressed = size.bytes;
          im.layers = size.layers;
        });
      }
      const sizes = buildah.uncompressedSizes();
      for (const variant of ['single', 'multi']) r.images[variant].uncompressed = sizes[r.images[variant].tag];
      const { single, multi } = r.images;
      r.reduction = { uncompressed: reduction(single.uncompressed, multi.uncompressed), compressed: reduction(single.compressed, multi.compressed) };
      if (multi.run?.ok && multi.run.uid === 0) r.reasons.push('the runtime (multi-stage) image runs as root');
      if (multi.run?.ok && multi.run.uid === undefined) r.reasons.push(`the runtime image's user ${multi.run.user} is not in its /etc/passwd`);
      if (r.reduction.uncompressed !== undefined && r.reduction.uncompressed < r.target) {
        r.reasons.push(`the runtime image is ${r.reduction.uncompressed.toFixed(1)}% smaller, below the ${r.target}% target for ${r.ecosystem}`);
      }
      if (r.reduction.compressed !== undefined && r.reduction.compressed <= 0) r.reasons.push('the runtime image is not smaller compressed');
      r.status = r.reasons.length ? 'fail' : 'pass';
      say(`   ${r.status}${r.reasons.length ? `: ${r.reasons.join('; ')}` : ''}`);
      for (const e of r.excerpts) say(`   ${e.title}:\n${e.text.replace(/^/gm, '     | ')}`);
    }
  }

  // ------------------------------------------------------------------ report
  for (const r of results) {
    delete r.dirs;
    if (r.images) for (const im of Object.values(r.images)) if (im) delete im.built;
  }
  const result = {
    date: new Date().toISOString(),
    driver: opts.driver,
    source: opts['use-expected'] ? 'Dockerfile.expected' : 'CLI rewrite (--fix --unsafe-fixes --rule stage-multi-stage)',
    totalSeconds: Number(process.hrtime.bigint() - started) / 1e9,
    timings,
    standins,
    examples: results,
  };
  const text = writeReport(opts.out, result);
  process.stdout.write(`\n${text}`);
  say(`report: ${shown(path.join(opts.out, 'proof.txt'))} and proof.json; logs in ${shown(logs)}/`);
  return results.some((r) => r.status === 'fail') ? 1 : 0;
}

main()
  .then(
    (code) => (process.exitCode = code),
    (error) => {
      say(`proof: FAILED: ${error.message}`);
      process.exitCode = 1;
    },
  )
  .finally(() => cleanupAll());

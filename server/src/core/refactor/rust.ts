/**
 * Rust services: dependencies compiled against a placeholder `src/main.rs` before the sources are
 * copied, `cargo build --release --locked`, and the binary alone in distroless `cc` (glibc, libgcc,
 * libssl of the builder's Debian release) as user 65532; musl builds from the Alpine images go to
 * distroless `static`.
 *
 * Why the placeholder build rather than `RUN --mount=type=cache`: it needs no BuildKit, its layer is
 * shared through a registry cache (`--cache-from`) like any other, and the build output stays in the
 * image, so the user's build command and the `COPY --from` are unchanged. A cache mount on `target/`
 * would hide the binary from the next instruction, so the build `RUN` would have to copy it out.
 * The placeholder's own artifacts are removed with `cargo clean -p`, so the real binary is always
 * rebuilt, whatever the sources' timestamps.
 */
import { subcommandWord } from '../package-managers';
import type { ShellCommand } from '../shell';
import { binaryRuntime, DISTROLESS_STATIC } from './binary-runtime';
import { compiledBuilder } from './builder-stage';
import { followOutputs, resolveProgram } from './build-outputs';
import { readCargoToml } from './cargo-toml';
import { installedPackages } from './classify';
import { contextCopies, projectDirOf } from './context-copies';
import type { OriginalStage } from './original';
import { basename, contextPath, joinPath } from './paths';
import { joinStages } from './render';
import { editedText, findCommands, uneditable } from './run-commands';
import { folderCopies } from './runtime-folders';
import { setsEnv, withoutDigest } from './runtime-stage';
import { readStart } from './start-command';
import { refuse, type SplitContext, type SplitResult, type Splitter } from './types';
import { workdirsOf } from './workdirs';

/** `CARGO_HOME/bin` in the official images, and their `PATH`. */
const CARGO_BIN = '/usr/local/cargo/bin';
const PATH_DIRS = [CARGO_BIN, '/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
const RUST_BUILD_ONLY = /^(pkg-config|pkgconf|musl-tools|cmake|clang|lld|mold|protobuf-compiler|protoc|perl|git|make|gcc|g\+\+|build-base|rust|cargo|rustc)$/;
/** Variables only cargo and rustc read (`RUST_LOG` and `RUST_BACKTRACE` are the application's). */
const RUST_ENV = /^(CARGO_[A-Z0-9_]*|RUSTFLAGS|RUSTDOCFLAGS|RUSTUP_[A-Z_]*|RUSTC_[A-Z_]*|RUSTC|RUST_VERSION)$/;
/** Debian releases with a distroless `cc` image. */
const DISTROLESS_CC: Record<string, string> = { bookworm: 'gcr.io/distroless/cc-debian12:nonroot', trixie: 'gcr.io/distroless/cc-debian13:nonroot' };
/** Header packages whose library the distroless `cc` image has. */
const CC_LIBRARIES = new Set(['libssl-dev', 'libc6-dev', 'libc-dev', 'linux-libc-dev']);
/** Headers that a static musl build needs no runtime library for. */
const MUSL_HEADERS = new Set(['musl-dev', 'linux-headers']);
const VALUE_FLAGS = new Set(['--bin', '--profile', '--target', '--target-dir', '--features', '-F', '--manifest-path', '-p', '--package', '--path', '--root', '-j', '--jobs', '--config', '--example', '--color', '--message-format', '--lockfile-path', '-Z']);

function isCargo(command: ShellCommand, sub: string): boolean {
  return command.name === 'cargo' && subcommandWord(command, new Set(['--config', '-Z', '--color']))?.value === sub;
}

interface CargoArgs {
  sub: 'build' | 'install';
  values: Map<string, string[]>;
  flags: Set<string>;
}

function cargoArgs(command: ShellCommand): CargoArgs {
  const sub = subcommandWord(command, new Set(['--config', '-Z', '--color']))!;
  const args = command.args.slice(command.args.indexOf(sub) + 1).map((w) => w.value);
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = args[i].includes('=') && args[i].startsWith('-') ? [args[i].slice(0, args[i].indexOf('=')), args[i].slice(args[i].indexOf('=') + 1)] : [args[i], undefined];
    if (VALUE_FLAGS.has(name)) values.set(name, [...(values.get(name) ?? []), inline ?? args[++i] ?? '']);
    else flags.add(name);
  }
  return { sub: sub.value as 'build' | 'install', values, flags };
}

/** The Debian release the builder image is built on, or a refusal; `pin` is the builder image with the release added to its tag. */
function debianRelease(original: OriginalStage): { release: string; pin?: string } | { musl: true } | string {
  const image = original.image!;
  const tag = image.tag ?? 'latest';
  if (image.repository !== 'library/rust') return `no runtime image is known for a \`${original.imageText}\` builder`;
  if (/alpine/.test(tag)) return { musl: true };
  const named = /(^|-)(bookworm|trixie|bullseye|buster)$/.exec(tag)?.[2];
  if (named === 'bullseye' || named === 'buster') return `\`${named}\` has no distroless runtime; use a \`-bookworm\` builder`;
  if (named) return { release: named };
  const minor = /^1\.(\d+)(\.\d+)?(-slim)?$/.exec(tag);
  // Tags of releases before Debian 13 came out (1.70–1.88) were never rebuilt on it.
  if (minor && Number(minor[1]) >= 70 && Number(minor[1]) <= 88) return { release: 'bookworm' };
  if (minor && Number(minor[1]) < 70) return `\`${original.imageText}\` is built on Debian 11, which has no distroless runtime; use a \`-bookworm\` builder`;
  if (image.digest || original.imageText.includes('$')) return `the Debian release of \`${original.imageText}\` is not in its tag, so the runtime cannot match its C library; name it (\`-bookworm\`)`;
  const text = original.imageText;
  const pinned = image.tag === undefined ? `${text}:bookworm` : tag === 'latest' ? text.replace(/:latest$/, ':bookworm') : tag === 'slim' ? text.replace(/:slim$/, ':slim-bookworm') : `${text}-bookworm`;
  return { release: 'bookworm', pin: pinned };
}

/** The binaries a package builds: `[[bin]]` targets, `src/main.rs` (named after the package) and `src/bin/*.rs`. */
function binaries(ctx: SplitContext, dir: string, manifest: ReturnType<typeof readCargoToml>): string[] {
  const at = (p: string) => (dir ? `${dir}/${p}` : p);
  const names = manifest.bins.map((b) => b.name);
  const mainClaimed = manifest.bins.some((b) => b.path === 'src/main.rs' || (!b.path && b.name === manifest.name));
  if (manifest.name && !mainClaimed && ctx.files.exists(at('src/main.rs'))) names.push(manifest.name);
  for (const f of ctx.files.list(at('src/bin')) ?? []) if (f.endsWith('.rs')) names.push(f.slice(0, -3));
  return [...new Set(names)];
}

export function rustSplit(ctx: SplitContext): SplitResult {
  const { model, original, files } = ctx;
  if (!ctx.contextKnown) return refuse('the build context is unknown, so `Cargo.toml` cannot be read');
  const workdirs = workdirsOf(original, '/');
  const builds = findCommands(ctx, workdirs, (c) => isCargo(c, 'build') || (isCargo(c, 'install') && c.args.some((w) => w.value === '--path' || w.value.startsWith('--path='))));
  const copyIndex = original.items.findIndex((i) => contextCopies(model, original, workdirs).some((c) => c.whole && c.item === i));
  const afterCopy = builds.filter((b) => original.items.indexOf(b.item) > copyIndex);
  if (afterCopy.length === 0) return refuse('no `cargo build` or `cargo install --path` of the application was found');
  if (afterCopy.length > 1) return refuse('the Dockerfile runs `cargo build` more than once; the split handles one build');
  const build = afterCopy[0];
  const problem = uneditable(build, `cargo ${isCargo(build.command, 'build') ? 'build' : 'install'}`);
  if (problem) return refuse(problem);
  const args = cargoArgs(build.command);
  for (const flag of ['--target-dir', '--manifest-path', '-p', '--package', '--root']) {
    if (args.values.has(flag)) return refuse(`\`cargo ${args.sub} ${flag}\` is not supported`);
  }
  if (setsEnv(original, 'CARGO_TARGET_DIR') || setsEnv(original, 'CARGO_BUILD_TARGET')) return refuse('`CARGO_TARGET_DIR` or `CARGO_BUILD_TARGET` is set, so the build output cannot be located');
  const { projectDir } = projectDirOf(ctx, workdirs, build);
  if (projectDir === undefined || build.workdir === undefined) return refuse('the folder `cargo` runs in is not the one the build context is copied to');
  const installPath = args.values.get('--path')?.[0];
  const packageDir = installPath === undefined ? projectDir : contextPath(`${projectDir}/${installPath}`);
  if (packageDir === undefined) return refuse('the `--path` of `cargo install` leaves the build context');
  const manifestPath = packageDir ? `${packageDir}/Cargo.toml` : 'Cargo.toml';
  const text = files.read(manifestPath);
  if (text === undefined) return refuse(`there is no \`${manifestPath}\` in the build context`);
  const manifest = readCargoToml(text);
  if (!manifest.name || manifest.workspace) return refuse('`Cargo.toml` is a workspace; the split handles a single package');

  // Where the binaries land.
  const wanted = args.values.get('--bin');
  const names = wanted ?? binaries(ctx, packageDir, manifest);
  if (names.length === 0) return refuse('`Cargo.toml` builds no binary');
  const triple = args.values.get('--target')?.[0];
  const profile = args.values.get('--profile')?.[0];
  const release = args.flags.has('--release') || args.flags.has('-r');
  const profileDir = profile ? (profile === 'dev' ? 'debug' : profile) : release || args.sub === 'install' ? 'release' : 'debug';
  const outDir = args.sub === 'install' ? CARGO_BIN : joinPath(build.workdir, `target/${triple ? `${triple}/` : ''}${profileDir}`)!;
  if (args.sub === 'install' && original.image?.repository !== 'library/rust') return refuse('`cargo install` writes to `CARGO_HOME`, which is only known in the official `rust` images');
  const outputs = followOutputs(ctx, workdirs, build, names.map((n) => joinPath(outDir, n)!), (c) => c.name === 'cargo');
  // The original's own placeholder build before the sources (`mkdir src && echo 'fn main() {}' > src/main.rs && cargo build`) stays in the builder.
  for (const item of original.items.slice(0, Math.max(copyIndex, 0))) {
    const commands = item.keyword === 'RUN' ? model.shell(item.instr).commands : [];
    if (commands.some((c) => c.name === 'cargo') && commands.every((c) => ['cargo', 'mkdir', 'echo', 'printf', 'touch', 'rm', 'cat'].includes(c.name))) outputs.handled.add(item);
  }

  const start = readStart(ctx);
  if (typeof start === 'string') return refuse(start);
  const program = start.argv[0]?.value ?? '';
  const startItem = start.programIn === 'ENTRYPOINT' ? original.entrypoint! : original.cmd!;
  const shipped = resolveProgram(program, workdirs.get(startItem), outputs.paths, PATH_DIRS);
  if (!shipped) return refuse(`\`${startItem.keyword}\` runs \`${program}\`, not a binary that \`cargo ${args.sub}\` builds (\`${names.join('`, `')}\`)`);

  // The runtime image follows the builder's C library.
  const target = debianRelease(original);
  if (typeof target === 'string') return refuse(target);
  const musl = 'musl' in target || /musl/.test(triple ?? '');
  for (const item of original.items) {
    if (item.keyword !== 'RUN') continue;
    for (const command of model.shell(item.instr).commands) {
      const library = installedPackages(command)?.find((p) => /-dev(el)?$/.test(p) && !(musl ? MUSL_HEADERS : CC_LIBRARIES).has(p));
      if (library) return refuse(`the build installs \`${library}\`, so the binary may link to a library that the distroless runtime does not have`);
    }
  }
  const runtimeImage = musl ? DISTROLESS_STATIC : DISTROLESS_CC['release' in target ? target.release : 'bookworm'];

  // `--locked` when there is a lockfile.
  const notes: string[] = [];
  const locked = files.exists(packageDir ? `${packageDir}/Cargo.lock` : 'Cargo.lock');
  const rewrites = new Map<typeof build.item, string>();
  if (locked && !args.flags.has('--locked') && !args.flags.has('--frozen')) {
    rewrites.set(build.item, editedText(model, build.item, [{ start: build.command.end, text: ' --locked' }]));
  }

  // Dependencies compiled against a placeholder main before the sources are copied.
  const copy = contextCopies(model, original, workdirs).find((c) => c.whole);
  const simple =
    packageDir === '' &&
    projectDir === '' &&
    copy !== undefined &&
    workdirs.get(copy.item) === copy.dest &&
    !manifest.otherTargets &&
    manifest.bins.length === 0 &&
    !files.exists('build.rs') &&
    !files.exists('src/lib.rs') &&
    (files.list('src/bin') ?? []).length === 0 &&
    files.exists('src/main.rs');
  const buildFlags = [
    ...(profile ? [`--profile ${profile}`] : release || args.sub === 'install' ? ['--release'] : []),
    ...(triple ? [`--target ${triple}`] : []),
    ...(args.values.get('--features') ?? []).map((f) => `--features ${/^[\w,-]+$/.test(f) ? f : `'${f}'`}`),
    ...['--all-features', '--no-default-features'].filter((f) => args.flags.has(f)),
    ...(locked ? ['--locked'] : []),
  ].join(' ');
  const cleanFlags = [...(profile ? [`--profile ${profile}`] : release || args.sub === 'install' ? ['--release'] : []), ...(triple ? [`--target ${triple}`] : [])].join(' ');
  const { lines: builder, warmedUp } = compiledBuilder(ctx, {
    image: 'pin' in target ? target.pin : undefined,
    rewrites,
    warmup: simple
      ? {
          isWarmup: (c) => isCargo(c, 'fetch') || isCargo(c, 'build'),
          files: ['Cargo.toml', ...(locked ? ['Cargo.lock'] : [])],
          run: [
            `RUN mkdir src && echo 'fn main() {}' > src/main.rs && \\`,
            `    cargo build${buildFlags ? ` ${buildFlags}` : ''} && \\`,
            `    cargo clean${cleanFlags ? ` ${cleanFlags}` : ''} -p ${manifest.name} && rm -rf src`,
          ],
        }
      : undefined,
  });
  if (warmedUp) notes.push('the dependencies are compiled against a placeholder `src/main.rs` before the sources are copied, so that layer stays cached until `Cargo.toml` or `Cargo.lock` change; `cargo clean -p` then drops the placeholder so the real binary is always rebuilt');
  else if (!simple) notes.push('the dependencies are not compiled in a layer of their own: the package has a library, a build script or several binaries');
  if ('pin' in target && target.pin) notes.push(`the builder is pinned to \`${withoutDigest(target.pin)}\` so that the binary's C library matches the Debian 12 runtime`);

  const runtime = binaryRuntime(ctx, {
    image: runtimeImage,
    scratch: false,
    binary: shipped,
    start,
    folders: folderCopies(ctx, projectDir, build.workdir, '.rs'),
    handled: outputs.handled,
    buildOnlyEnv: RUST_ENV,
    buildOnly: RUST_BUILD_ONLY,
    what: 'the distroless runtime',
  });
  if (typeof runtime === 'string') return refuse(runtime);
  notes.unshift(`the binary \`${basename(shipped)}\` runs as user 65532 in \`${runtimeImage}\`${musl ? ' (a static musl build)' : ", which has the builder's glibc, libgcc and libssl"}`);
  return { ok: true, ecosystem: 'rust', text: joinStages(original, [builder, runtime.lines]), notes: [...notes, ...runtime.notes] };
}

export const rust: Splitter = {
  ecosystem: 'rust',
  detect: (ctx) =>
    ctx.original.image?.repository === 'library/rust' ||
    ctx.original.items.some((i) => i.keyword === 'RUN' && ctx.model.shell(i.instr).commands.some((c) => isCargo(c, 'build') || isCargo(c, 'install'))),
  split: rustSplit,
};

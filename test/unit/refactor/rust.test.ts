import { beforeAll, describe, expect, it } from 'vitest';
import { lint, NO_FILES } from '../../../server/src/core/lint';
import { memoryContext } from '../../../server/src/io/context-files';
import { loadShellParser } from '../../../server/src/io/shell-wasm';
import { splitTester } from '../../helpers/split-invariants';

beforeAll(() => loadShellParser());

const CARGO = '[package]\nname = "hello-api"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\nserde = { version = "1", features = ["derive"] }\n';
const PROJECT = { 'Cargo.toml': CARGO, 'Cargo.lock': 'version = 3\n', 'src/main.rs': 'fn main() {}\n' };
const SIMPLE = 'FROM rust:1.83\nWORKDIR /usr/src/app\nCOPY . .\nRUN cargo build --release\nEXPOSE 8080\nCMD ["./target/release/hello-api"]\n';

const { good, reason } = splitTester('rust', PROJECT);

describe('Rust split', () => {
  it('compiles the dependencies against a placeholder, builds --locked and ships the binary in distroless cc', () => {
    const { text, notes } = good(SIMPLE);
    expect(text).toBe(
      'FROM rust:1.83 AS builder\nWORKDIR /usr/src/app\nCOPY Cargo.toml Cargo.lock ./\n' +
        "RUN mkdir src && echo 'fn main() {}' > src/main.rs && \\\n    cargo build --release --locked && \\\n    cargo clean --release -p hello-api && rm -rf src\n" +
        'COPY . .\nRUN cargo build --release --locked\n\n' +
        'FROM gcr.io/distroless/cc-debian12:nonroot\nWORKDIR /app\nCOPY --from=builder /usr/src/app/target/release/hello-api /app/hello-api\nEXPOSE 8080\nUSER 65532:65532\nCMD ["/app/hello-api"]\n',
    );
    expect(notes.join('\n')).toMatch(/placeholder `src\/main\.rs`/);
  });

  it('adds no --locked without a Cargo.lock', () => {
    const { text } = good(SIMPLE, { 'Cargo.toml': CARGO, 'src/main.rs': '' });
    expect(text).toContain('COPY Cargo.toml ./\n');
    expect(text).toContain('    cargo build --release && \\\n');
    expect(text).toContain('COPY . .\nRUN cargo build --release\n');
    expect(text).not.toContain('--locked');
  });

  it('keeps the features and the target of the build in the placeholder build', () => {
    const { text } = good(SIMPLE.replace('cargo build --release', 'cargo build --release --features metrics --target x86_64-unknown-linux-musl').replace('./target/release/hello-api', './target/x86_64-unknown-linux-musl/release/hello-api'));
    expect(text).toContain('    cargo build --release --target x86_64-unknown-linux-musl --features metrics --locked && \\\n    cargo clean --release --target x86_64-unknown-linux-musl -p hello-api && rm -rf src\n');
    expect(text).toContain('\nFROM gcr.io/distroless/static-debian12:nonroot\n');
  });

  it('names the binary from [[bin]], and skips the placeholder when there are other targets', () => {
    const files = { ...PROJECT, 'Cargo.toml': `${CARGO}\n[[bin]]\nname = "server"\npath = "src/main.rs"\n` };
    const { text, notes } = good(SIMPLE.replace('./target/release/hello-api', '/usr/src/app/target/release/server'), files);
    expect(text).not.toContain("fn main() {}");
    expect(text).toContain('COPY --from=builder /usr/src/app/target/release/server /app/server\n');
    expect(notes.join('\n')).toMatch(/not compiled in a layer of their own/);
  });

  it('ships the binary the CMD runs when there are several', () => {
    const files = { ...PROJECT, 'src/bin/worker.rs': 'fn main() {}\n' };
    expect(good(SIMPLE.replace('./target/release/hello-api', './target/release/worker'), files).text).toContain('COPY --from=builder /usr/src/app/target/release/worker /app/worker\n');
  });

  it('follows cargo install --path and a copy onto the PATH', () => {
    const install = good('FROM rust:1.83\nWORKDIR /app\nCOPY . .\nRUN cargo install --path .\nCMD ["hello-api"]\n');
    expect(install.text).toContain('RUN cargo install --path . --locked\n');
    expect(install.text).toContain('COPY --from=builder /usr/local/cargo/bin/hello-api /app/hello-api\n');
    const copied = good('FROM rust:1.83\nWORKDIR /app\nCOPY . .\nRUN cargo build --release && cp target/release/hello-api /usr/local/bin/\nCMD ["hello-api"]\n');
    expect(copied.text).toContain('COPY --from=builder /usr/local/bin/hello-api /app/hello-api\n');
  });

  it('matches the builder\'s Debian release, pinning it when the tag does not say', () => {
    expect(good(SIMPLE.replace('rust:1.83', 'rust:1.85-bookworm')).text).toContain('\nFROM gcr.io/distroless/cc-debian12:nonroot\n');
    expect(good(SIMPLE.replace('rust:1.83', 'rust:1.90-trixie')).text).toContain('\nFROM gcr.io/distroless/cc-debian13:nonroot\n');
    const latest = good(SIMPLE.replace('rust:1.83', 'rust:1.90'));
    expect(latest.text).toContain('FROM rust:1.90-bookworm AS builder\n');
    expect(latest.notes.join('\n')).toMatch(/pinned to `rust:1\.90-bookworm`/);
    expect(good(SIMPLE.replace('rust:1.83', 'rust')).text).toContain('FROM rust:bookworm AS builder\n');
    expect(good(SIMPLE.replace('rust:1.83', 'rust:slim')).text).toContain('FROM rust:slim-bookworm AS builder\n');
  });

  it('keeps the placeholder build the original already has', () => {
    const { text } = good(
      "FROM rust:1.83\nWORKDIR /app\nCOPY Cargo.toml Cargo.lock ./\nRUN mkdir src && echo 'fn main() {}' > src/main.rs && cargo build --release --locked && rm -rf src\nCOPY . .\nRUN touch src/main.rs && cargo build --release --locked\nCMD [\"./target/release/hello-api\"]\n",
    );
    expect(text.match(/fn main/g)).toHaveLength(1);
    expect(text).toContain('COPY . .\nRUN touch src/main.rs && cargo build --release --locked\n\nFROM gcr.io/distroless/cc-debian12:nonroot\n');
  });

  it('builds on Alpine into distroless static', () => {
    const { runtime } = good(SIMPLE.replace('rust:1.83', 'rust:1.83-alpine3.20').replace('WORKDIR', 'RUN apk add --no-cache musl-dev\nWORKDIR'));
    expect(runtime).toContain('FROM gcr.io/distroless/static-debian12:nonroot\n');
  });

  it('keeps RUST_LOG and drops the build\'s variables', () => {
    const { runtime } = good(SIMPLE.replace('WORKDIR', 'ENV CARGO_NET_GIT_FETCH_WITH_CLI=true\nENV RUST_LOG=info\nWORKDIR'));
    expect(runtime).toContain('WORKDIR /app\nENV RUST_LOG=info\nCOPY');
    expect(runtime).not.toContain('CARGO_');
  });

  it('is offered by stage-multi-stage', () => {
    expect(lint(SIMPLE, { files: memoryContext(PROJECT) }).findings.find((f) => f.ruleId === 'stage-multi-stage')?.fix).toBeDefined();
  });

  describe('refuses, saying why', () => {
    it.each([
      ['the build context is unknown', SIMPLE, NO_FILES, /^the build context is unknown, so `Cargo\.toml` cannot be read$/],
      ['a workspace', SIMPLE, { ...PROJECT, 'Cargo.toml': '[workspace]\nmembers = ["api", "core"]\n' }, /^`Cargo\.toml` is a workspace; the split handles a single package$/],
      ['no Cargo.toml', SIMPLE, { 'src/main.rs': '' }, /^there is no `Cargo\.toml` in the build context$/],
      ['no build', 'FROM rust:1.83\nWORKDIR /app\nCOPY . .\nCMD ["cargo", "run", "--release"]\n', PROJECT, /^no `cargo build` or `cargo install --path` of the application was found$/],
      ['a CMD that runs cargo', 'FROM rust:1.83\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\nCMD ["cargo", "run", "--release"]\n', PROJECT, /^`CMD` runs `cargo`, not a binary that `cargo build` builds \(`hello-api`\)$/],
      ['a Debian 11 builder', SIMPLE.replace('rust:1.83', 'rust:1.83-bullseye'), PROJECT, /^`bullseye` has no distroless runtime; use a `-bookworm` builder$/],
      ['an old builder', SIMPLE.replace('rust:1.83', 'rust:1.65'), PROJECT, /Debian 11/],
      ['a digest without the release', SIMPLE.replace('rust:1.83', `rust:1.90@sha256:${'c'.repeat(64)}`), PROJECT, /is not in its tag, so the runtime cannot match its C library/],
      ['a library distroless lacks', SIMPLE.replace('WORKDIR', 'RUN apt-get update && apt-get install -y --no-install-recommends libpq-dev\nWORKDIR'), PROJECT, /^the build installs `libpq-dev`, so the binary may link to a library that the distroless runtime does not have$/],
      ['a target folder of its own', SIMPLE.replace('cargo build --release', 'cargo build --release --target-dir /out'), PROJECT, /^`cargo build --target-dir` is not supported$/],
      ['a HEALTHCHECK', SIMPLE.replace('EXPOSE 8080', 'EXPOSE 8080\nHEALTHCHECK CMD curl -f http://localhost:8080/'), PROJECT, /^the `HEALTHCHECK` needs a shell/],
    ])('%s', (_name, dockerfile, files, expected) => {
      expect(reason(dockerfile, files)).toMatch(expected);
    });
  });
});

/**
 * buildah and skopeo as the proof uses them: a private storage root per run (so no image stored earlier
 * can answer a short name), chroot isolation, and image sizes in bytes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { must, run, runSync } from './proc.mjs';

export class Buildah {
  /** @param {{ work: string, driver: string, registriesConf: string }} options */
  constructor({ work, driver, registriesConf }) {
    this.root = path.join(work, 'storage');
    this.runroot = path.join(work, 'run');
    this.driver = driver;
    this.env = { ...process.env, CONTAINERS_REGISTRIES_CONF: registriesConf };
  }

  get base() {
    return ['--root', this.root, '--runroot', this.runroot, '--storage-driver', this.driver];
  }

  /** buildah bud with chroot isolation; `extra` carries the network mounts and proxy build args. */
  bud({ dockerfile, context, tag, extra = [], log, timeoutMs = 20 * 60_000 }) {
    const args = [...this.base, 'bud', '--isolation', 'chroot', ...extra, '-f', dockerfile, '-t', tag, context];
    return run('buildah', args, { log, env: this.env, timeoutMs, detached: true });
  }

  async inspect(ref) {
    const { stdout } = await must('buildah', [...this.base, 'inspect', '--type', 'image', ref], { capture: true, env: this.env });
    return JSON.parse(stdout);
  }

  async from(ref) {
    const { stdout } = await must('buildah', [...this.base, 'from', '--pull-never', '-q', ref], { capture: true, env: this.env });
    return stdout.trim();
  }

  async mount(ctr) {
    const { stdout } = await must('buildah', [...this.base, 'mount', ctr], { capture: true, env: this.env });
    return stdout.trim();
  }

  async umount(ctr) {
    await run('buildah', [...this.base, 'umount', ctr], { env: this.env });
  }

  async rm(ctr) {
    await run('buildah', [...this.base, 'rm', ctr], { env: this.env });
  }

  /**
   * The args that run a command in a container as its image's USER and WORKDIR, with runc (what Docker
   * uses: the command is PID 1 of its own PID namespace, and its stdio pipes belong to its user, so an
   * image that logs to /dev/stdout as non-root works; chroot isolation gives it root-owned 0600 pipes) and
   * the host's network, so that it listens on the host's loopback.
   */
  runArgs(ctr, env, command) {
    const vars = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    return [...this.base, 'run', '--isolation', 'oci', '--network', 'host', ...vars, ctr, '--', ...command];
  }

  async push(ref, dest, log) {
    await must('buildah', [...this.base, 'push', '--tls-verify=false', ref, `docker://${dest}`], { log, env: this.env });
  }

  /**
   * Uncompressed size of every stored image: the sum of the diff sizes of its layer chain, read from
   * containers-storage's own JSON (what `buildah images` shows, but in bytes).
   */
  uncompressedSizes() {
    const images = JSON.parse(fs.readFileSync(path.join(this.root, `${this.driver}-images`, 'images.json'), 'utf8'));
    const layers = new Map(JSON.parse(fs.readFileSync(path.join(this.root, `${this.driver}-layers`, 'layers.json'), 'utf8')).map((l) => [l.id, l]));
    const sizes = {};
    for (const image of images) {
      let bytes = 0;
      for (let id = image.layer; id; id = layers.get(id)?.parent) bytes += layers.get(id)?.['diff-size'] ?? 0;
      for (const name of image.names ?? []) sizes[name] = bytes;
    }
    return sizes;
  }

  /** Removes every container of this storage (synchronous, for clean-up). */
  removeAllSync() {
    if (!fs.existsSync(this.root)) return;
    runSync('buildah', [...this.base, 'umount', '--all'], { env: this.env });
    runSync('buildah', [...this.base, 'rm', '--all'], { env: this.env });
  }
}

/** Compressed size (sum of the layer sizes in the pushed manifest) and layer count of a registry image. */
export async function registrySize(ref) {
  const { stdout } = await must('skopeo', ['inspect', '--tls-verify=false', '--raw', `docker://${ref}`], { capture: true });
  const manifest = JSON.parse(stdout);
  return { bytes: manifest.layers.reduce((sum, l) => sum + l.size, 0), layers: manifest.layers.length };
}

/** A registries.conf that sends every registry the stand-ins name to the loopback registry. */
export function writeRegistriesConf(file, registry, sourceRegistries) {
  const blocks = [...new Set(sourceRegistries)].map(
    (r) => `[[registry]]\nprefix = "${r}"\nlocation = "${registry}/${r}"\ninsecure = true\n`,
  );
  fs.writeFileSync(file, `unqualified-search-registries = ["docker.io"]\nshort-name-mode = "permissive"\n\n${blocks.join('\n')}`);
}

/** Unmounts whatever is still mounted under `dir` (deepest first). */
export function unmountUnder(dir) {
  const prefix = `${dir.replace(/\/+$/, '')}/`;
  const mounts = fs
    .readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[4]?.replace(/\\040/g, ' '))
    .filter((m) => m && (m === dir || m.startsWith(prefix)))
    .sort((a, b) => b.length - a.length);
  for (const m of mounts) runSync('umount', ['-l', m]);
  return mounts;
}

/** The runtime stage shared by the native-binary ecosystems (Go, Rust): the binary alone in a distroless (or scratch) image. */
import { classifyRuns } from './classify';
import type { Item } from './original';
import { basename } from './paths';
import { fromLine } from './render';
import { runtimeSettings } from './runtime-stage';
import { nonRootUser } from './runtime-user';
import { startLines, type Start } from './start-command';
import type { SplitContext } from './types';

/** distroless `static`: CA certificates, time zone data and `/etc/passwd`, no libc, run as `nonroot`. */
export const DISTROLESS_STATIC = 'gcr.io/distroless/static-debian12:nonroot';
/** distroless's `nonroot` user, by number so that `runAsNonRoot` can verify it. */
const NONROOT = '65532:65532';
const CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

/**
 * The runtime stage of a native binary: the binary at `/app/<name>`, the folders read at run time,
 * and the original's settings, in a distroless (or scratch) image, as user 65532.
 * Returns a refusal when the original needs a shell, packages or setup there.
 */
export function binaryRuntime(
  ctx: SplitContext,
  options: {
    image: string;
    scratch: boolean;
    binary: string;
    start: Start;
    folders: string[];
    /** `RUN`s that only build and move the binary. */
    handled: Set<Item>;
    buildOnlyEnv: RegExp;
    buildOnly: RegExp;
    what: string;
  },
): { lines: string[]; notes: string[] } | string {
  const { model, original } = ctx;
  const name = basename(options.binary);
  const runs = classifyRuns(model, original.items.filter((i) => !options.handled.has(i)), (p) => options.buildOnly.test(p));
  if (runs.unknown) return runs.unknown;
  const packages = [...runs.runtimePackages.apt, ...runs.runtimePackages.apk].filter((p) => !(p === 'tzdata' && !options.scratch));
  if (packages.length) return `the runtime needs \`${packages.join('`, `')}\`, and ${options.what} has no package manager`;
  const notes: string[] = [];
  const users = runs.setup.filter((s) => /^(useradd|groupadd|adduser|addgroup)\b/.test(s));
  const otherSetup = runs.setup.find((s) => !users.includes(s));
  if (otherSetup) return `\`${otherSetup.split(/\s+/).slice(0, 3).join(' ')}\` prepares the file system, and ${options.what} has no shell to repeat it`;
  const health = original.runtimeSettings.find((i) => i.keyword === 'HEALTHCHECK');
  if (health && !/^HEALTHCHECK\s+NONE\b/i.test(health.text)) return `the \`HEALTHCHECK\` needs a shell or tools such as \`curl\`, and ${options.what} has none`;
  const originalUser = nonRootUser(original);
  if (originalUser) notes.push(`the user \`${originalUser}\` is replaced by ${options.scratch ? 'uid' : "distroless's `nonroot`"} 65532`);
  const lines = [
    fromLine(original, options.image),
    ...runtimeSettings(original, ['ARG']),
    'WORKDIR /app',
    ...runtimeSettings(original, ['ENV'], options.buildOnlyEnv),
    ...(options.scratch ? [`COPY --from=builder ${CA_BUNDLE} /etc/ssl/certs/`] : []),
    `COPY --from=builder ${options.binary} /app/${name}`,
    ...options.folders,
    ...runtimeSettings(original, ['EXPOSE', 'VOLUME', 'LABEL', 'STOPSIGNAL']),
    `USER ${NONROOT}`,
    ...startLines(options.start, [`/app/${name}`]),
  ];
  if (options.scratch) notes.push('scratch has no shell, `/tmp` or time zone data; the CA certificates are copied from the builder');
  if (options.folders.length) notes.push(`${options.folders.length === 1 ? 'a folder' : 'folders'} the application may read at run time ${options.folders.length === 1 ? 'is' : 'are'} copied next to the binary; drop ${options.folders.length === 1 ? 'it' : 'them'} if ${options.folders.length === 1 ? 'it is' : 'they are'} embedded`);
  return { lines, notes };
}

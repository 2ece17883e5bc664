/** Parts of the runtime stage that every ecosystem writes: the original's settings, the one `RUN` that prepares the image, the image without its pin. */
import type { RunClassification } from './classify';
import type { Item, OriginalStage } from './original';
import { itemLines } from './render';

function envNames(item: Item): string[] {
  const node = item.instr.node as { getProperties?: () => Array<{ getName(): string }> };
  return typeof node.getProperties === 'function' ? node.getProperties().map((p) => p.getName()) : [];
}

/**
 * The original's `ENV`, `ARG`, `EXPOSE`, `LABEL`, `VOLUME`, `STOPSIGNAL`, `HEALTHCHECK` items of
 * the given keywords, as written with their comments.
 * @param buildOnlyEnv names of variables only the build reads: an `ENV` that sets only such variables is left out.
 */
export function runtimeSettings(original: OriginalStage, keywords: string[], buildOnlyEnv?: RegExp): string[] {
  return original.runtimeSettings
    .filter((i) => keywords.includes(i.keyword))
    .filter((i) => !(i.keyword === 'ENV' && buildOnlyEnv && envNames(i).every((n) => buildOnlyEnv.test(n))))
    .flatMap((i) => itemLines(i));
}

/** Whether the original sets an environment variable (`ENV NAME=…`). */
export function setsEnv(original: OriginalStage, name: string): boolean {
  return original.runtimeSettings.some((i) => i.keyword === 'ENV' && envNames(i).includes(name));
}

/** The runtime packages classify found, for the family, with extra ones added. */
export function runtimePackages(runs: RunClassification, family: 'apt' | 'apk', extra: string[]): string[] {
  const list = [...(family === 'apk' ? runs.runtimePackages.apk : runs.runtimePackages.apt)];
  for (const p of extra) if (!list.includes(p)) list.push(p);
  return list;
}

/** One `RUN` that installs the runtime's packages (cache cleaned in the same layer), repeats the setup and creates the user. */
export function runtimeRun(family: 'apt' | 'apk', packages: string[], setup: string[]): string[] {
  const commands: string[] = [];
  if (packages.length && family === 'apt') commands.push('apt-get update', `apt-get install -y --no-install-recommends ${packages.join(' ')}`, 'rm -rf /var/lib/apt/lists/*');
  if (packages.length && family === 'apk') commands.push(`apk add --no-cache ${packages.join(' ')}`);
  commands.push(...setup);
  if (commands.length === 0) return [];
  return `RUN ${commands.join(' && \\\n    ')}`.split('\n');
}

/** The image text without its digest (the runtime image is another image; the builder keeps the pin). */
export function withoutDigest(image: string): string {
  return image.replace(/@sha256:[a-f0-9]+$/, '');
}

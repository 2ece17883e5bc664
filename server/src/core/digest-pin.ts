/** Edits that pin a `FROM` image to a digest looked up in its registry. */
import type { ImageRef } from './image-ref';
import type { DockerfileModel, Stage } from './model';
import type { ImageFacts, RegistryClient } from './registry-types';
import type { Edit, Fix, FixSafety, TagLookup } from './types';
import { hasVariables } from './variables';

/** A constant `--platform=os/arch[/variant]` of a stage, if any. */
export function constantPlatform(stage: Stage): string | undefined {
  const platform = stage.platform;
  return platform && !hasVariables(platform) ? platform : undefined;
}

/**
 * A fix that asks the registry for the image's current digest and writes it after the tag
 * (`FROM node:18-alpine@sha256:…`), replacing an existing digest. Only for image text without variables.
 */
export function pinFix(stage: Stage, registry: RegistryClient | undefined, title: string, safety: FixSafety, platform?: string, signal?: AbortSignal): Fix | undefined {
  const image = stage.image;
  if (!registry || !image || hasVariables(stage.imageText)) return undefined;
  return {
    title,
    safety,
    async edits(): Promise<Edit[]> {
      const digest = await registry.resolveDigest({ ...image, digest: undefined }, { platform, signal });
      const at = stage.imageText.indexOf('@');
      const range = stage.imageRange;
      if (at < 0) return [{ range: { start: range.end, end: range.end }, newText: `@${digest}` }];
      const start = { line: range.start.line, character: range.start.character + at };
      return [{ range: { start, end: range.end }, newText: `@${digest}` }];
    },
  };
}

/** What a tag points to, from the registry's facts about it. */
export function tagLookup(facts: ImageFacts): TagLookup {
  return { digest: facts.digest, platformDigests: facts.platforms.map((p) => p.digest) };
}

/** The tagged base images of a file that are pinned by digest: the ones whose pin can go stale. */
export function pinnedTags(model: DockerfileModel): ImageRef[] {
  return model.stages.flatMap((s) => (s.image?.digest && s.image.tag ? [s.image] : []));
}

/** Looking up the tags a Dockerfile pins, so that stale digests can be reported. */
import { pinnedTags, tagLookup } from '../core/digest-pin';
import { tagKey } from '../core/image-ref';
import type { DockerfileModel } from '../core/model';
import type { RegistryClient, RegistryError } from '../core/registry-types';
import type { TagLookup } from '../core/types';

export interface TagLookups {
  tags: Map<string, TagLookup>;
  failures: RegistryError[];
}

/** Looks up every pinned tag of the file (the client caches tags briefly, digests for good). */
export async function lookUpPinnedTags(model: DockerfileModel, client: RegistryClient, signal?: AbortSignal): Promise<TagLookups> {
  const tags = new Map<string, TagLookup>();
  const failures: RegistryError[] = [];
  const unique = new Map(pinnedTags(model).map((ref) => [tagKey(ref), ref]));
  await Promise.all(
    [...unique].map(async ([key, ref]) => {
      try {
        tags.set(key, tagLookup(await client.imageFacts({ ...ref, digest: undefined }, { signal })));
      } catch (error) {
        failures.push(error as RegistryError);
      }
    }),
  );
  return { tags, failures };
}

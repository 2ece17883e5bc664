/** Pinning every base image of a Dockerfile to its current digest: for the editor command and `dockerfile-optimizer pin`. */
import { pinFix } from '../core/digest-pin';
import type { DockerfileModel } from '../core/model';
import { isRegistryError, type RegistryClient } from '../core/registry-types';
import type { Edit } from '../core/types';

export interface PinResult {
  /** Edits for the images that could be pinned; apply all of them or none. */
  edits: Edit[];
  pinned: string[];
  failed: string[];
  skipped: string[];
}

/** Looks up the digest of every base image without one, in parallel; failures are collected, not thrown. */
export async function pinImages(
  model: DockerfileModel,
  client: RegistryClient,
  progress?: (done: number, total: number, image: string) => void,
  signal?: AbortSignal,
): Promise<PinResult> {
  const result: PinResult = { edits: [], pinned: [], failed: [], skipped: [] };
  const stages = model.stages.filter((s) => s.image && !s.image.digest);
  let done = 0;
  await Promise.all(
    stages.map(async (stage) => {
      const image = stage.image!;
      const fix = pinFix(stage, client, 'Pin', 'unsafe', undefined, signal);
      if (!fix) {
        result.skipped.push(`\`${stage.imageText}\`: the image is written with a variable`);
      } else {
        try {
          result.edits.push(...(await fix.edits()));
          result.pinned.push(`\`${image.text}\``);
        } catch (error) {
          result.failed.push(isRegistryError(error) ? error.message : `\`${image.text}\`: ${(error as Error).message}`);
        }
      }
      progress?.(++done, stages.length, image.text);
    }),
  );
  return result;
}

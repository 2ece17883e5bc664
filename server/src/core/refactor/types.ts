/** The multi-stage split: what an ecosystem module receives and returns. */
import type { DockerfileModel, Stage } from '../model';
import type { ContextFiles } from '../types';
import type { OriginalStage } from './original';

export interface SplitOptions {
  /** Runtime for Go binaries: distroless static (default) or scratch. */
  goRuntime?: 'distroless' | 'scratch';
}

export interface SplitContext {
  model: DockerfileModel;
  files: ContextFiles;
  /** Whether the build context is known (the Dockerfile's folder); without it no manifest can be read. */
  contextKnown: boolean;
  stage: Stage;
  original: OriginalStage;
  options: SplitOptions;
}

export type SplitResult =
  | { ok: true; ecosystem: string; text: string; notes: string[] }
  | { ok: false; reason: string };

export interface Splitter {
  ecosystem: string;
  /** Whether this module recognises the project; the first that does is used. */
  detect(ctx: SplitContext): boolean;
  split(ctx: SplitContext): SplitResult;
}

export function refuse(reason: string): SplitResult {
  return { ok: false, reason };
}

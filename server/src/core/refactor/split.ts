/** Splitting a single-stage Dockerfile into builder and runtime stages, by ecosystem. */
import { flagsOf, type DockerfileModel } from '../model';
import type { ContextFiles } from '../types';
import { dotnet } from './dotnet';
import { go } from './go';
import { java } from './java';
import { node } from './node';
import { python } from './python';
import { rust } from './rust';
import { staticSite } from './static-site';
import { readOriginal } from './original';
import { refuse, type SplitOptions, type SplitResult, type Splitter } from './types';

/** Ecosystem modules, most specific first. */
export const SPLITTERS: Splitter[] = [staticSite, node, go, rust, java, dotnet, python];

export function planSplit(model: DockerfileModel, files: ContextFiles, options: SplitOptions = {}): SplitResult {
  if (model.stages.length !== 1) return refuse('the Dockerfile already has more than one stage');
  const stage = model.stages[0];
  if (model.escapeChar !== '\\') return refuse('files with a custom escape character (Windows images) are not supported');
  if (stage.instructions.some((i) => i.keyword === 'ONBUILD')) return refuse('`ONBUILD` triggers cannot be moved safely');
  if (flagsOf(stage.from).some((f) => f.getName().toLowerCase() === 'platform' && !f.getValue())) return refuse('the `--platform` flag has no value');
  if (!stage.image) return refuse(stage.resolvedImage === undefined ? 'the base image uses a variable without a default' : 'the base image is not a registry image');
  const ctx = { model, files, contextKnown: files.list('') !== undefined, stage, original: readOriginal(model, stage), options };
  const splitter = SPLITTERS.find((s) => s.detect(ctx));
  if (!splitter) return refuse('the ecosystem was not recognised');
  return splitter.split(ctx);
}

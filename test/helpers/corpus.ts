/** The shared corpus of real Dockerfiles and peer test cases, when present beside the repository. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export const CORPUS_DIR = process.env.DOCKERFILE_CORPUS ?? path.resolve(__dirname, '../../../shared/corpus');
export const DOCKERFILES_DIR = path.join(CORPUS_DIR, 'dockerfiles');

export function hasCorpus(): boolean {
  return existsSync(DOCKERFILES_DIR);
}

export interface CorpusFile {
  name: string;
  text: string;
}

export function corpusDockerfiles(): CorpusFile[] {
  if (!hasCorpus()) return [];
  return readdirSync(DOCKERFILES_DIR)
    .sort()
    .map((name) => ({ name, text: readFileSync(path.join(DOCKERFILES_DIR, name), 'utf8').replace(/^\uFEFF/, '') }));
}

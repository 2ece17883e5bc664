/**
 * Every project in `examples/` that has a `Dockerfile.expected` is split by the rewrite, and the
 * result is compared with that golden file and checked for the invariants of every split.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../server/src/core/model';
import { planSplit } from '../../../server/src/core/refactor/split';
import { diskContext } from '../../../server/src/io/context-files';
import { loadShellParser } from '../../../server/src/io/shell-wasm';
import { expectGoodSplit } from '../../helpers/split-invariants';

const EXAMPLES = path.resolve(__dirname, '../../../examples');
const projects = readdirSync(EXAMPLES).filter((d) => existsSync(path.join(EXAMPLES, d, 'Dockerfile.expected')));

beforeAll(() => loadShellParser());

describe('multi-stage split of the examples', () => {
  it('has golden files for at least the Node article and a static site', () => {
    expect(projects).toEqual(expect.arrayContaining(['node-article', 'vite-site']));
  });

  for (const project of projects) {
    it(`${project}: matches Dockerfile.expected and is a good split`, () => {
      const dir = path.join(EXAMPLES, project);
      const files = diskContext(dir);
      const plan = planSplit(parseDockerfile(readFileSync(path.join(dir, 'Dockerfile'), 'utf8')), files);
      if (!plan.ok) throw new Error(`no split: ${plan.reason}`);
      expect(plan.text).toBe(readFileSync(path.join(dir, 'Dockerfile.expected'), 'utf8'));
      expectGoodSplit(plan.text, files);
    });
  }
});

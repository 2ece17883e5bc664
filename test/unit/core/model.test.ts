import { beforeAll, describe, expect, it } from 'vitest';
import { argDefinitions, flagValue, parseDockerfile, stageReferences, stageShell, type DockerfileModel } from '../../../server/src/core/model';
import { runsIn } from '../../../server/src/core/query';
import { lintModel } from '../../../server/src/core/lint';
import { corpusDockerfiles, hasCorpus } from '../../helpers/corpus';
import { loadShellParser } from '../../../server/src/io/shell-wasm';

beforeAll(() => loadShellParser());

const MULTI = [
  'ARG NODE=20',
  'ARG REGISTRY',
  'FROM --platform=$BUILDPLATFORM node:${NODE} AS deps',
  'RUN npm ci',
  'FROM deps AS Build',
  'RUN --mount=type=cache,target=/root/.npm --mount=type=bind,from=tools,source=/bin,target=/tools npm run build',
  'FROM golang:1.22 AS tools',
  'FROM ${REGISTRY}/runtime:1 AS unresolved',
  'FROM scratch AS base',
  'COPY --from=build /app/dist /dist',
  'COPY --from=0 /x /x',
  'FROM base',
  'USER 65532',
  '',
].join('\n');

describe('parseDockerfile', () => {
  const model = parseDockerfile(MULTI);
  const [deps, build, tools, unresolved, base, final] = model.stages;

  it('splits the file into stages with their names and instructions', () => {
    expect(model.stages.map((s) => [s.index, s.name, s.instructions.map((i) => i.keyword)])).toEqual([
      [0, 'deps', ['RUN']],
      [1, 'Build', ['RUN']],
      [2, 'tools', []],
      [3, 'unresolved', []],
      [4, 'base', ['COPY', 'COPY']],
      [5, undefined, ['USER']],
    ]);
    expect(model.globalArgs.map((i) => i.range.start.line)).toEqual([0, 1]);
    expect(model.instructions.map((i) => i.stage?.index)).toEqual([undefined, undefined, 0, 0, 1, 1, 2, 3, 4, 4, 4, 5, 5]);
    expect(model.instructions.map((i) => i.index)).toEqual([...model.instructions.keys()]);
  });

  it('resolves the base image with the defaults of the global ARGs', () => {
    expect(deps.imageText).toBe('node:${NODE}');
    expect(deps.resolvedImage).toBe('node:20');
    expect(deps.image).toMatchObject({ repository: 'library/node', tag: '20' });
    expect(model.textOf(deps.imageRange)).toBe('node:${NODE}');
    expect(unresolved.resolvedImage).toBeUndefined();
    expect(unresolved.image).toBeUndefined();
  });

  it('links stages built from other stages, case-insensitively', () => {
    expect(build.baseStage).toBe(deps);
    expect(build.image).toBeUndefined();
    expect(final.baseStage).toBe(base);
    expect(tools.baseStage).toBeUndefined();
  });

  it('knows scratch and the platform flag', () => {
    expect(base.isScratch).toBe(true);
    expect(base.image).toBeUndefined();
    expect(deps.platform).toBe('$BUILDPLATFORM');
    expect(build.platform).toBeUndefined();
  });

  it('marks the final stage and the stages it is built from as shipped', () => {
    expect(model.finalStage).toBe(final);
    expect(model.stages.map((s) => s.isFinal)).toEqual([false, false, false, false, false, true]);
    expect(model.stages.map((s) => s.shipped)).toEqual([false, false, false, false, true, true]);
  });

  it('records which stages copy from or mount a stage', () => {
    expect(build.usedBy).toEqual([base]);
    expect(tools.usedBy).toEqual([build]);
    expect(deps.usedBy).toEqual([base]);
    expect(final.usedBy).toEqual([]);
  });

  it('finds stages by name (any case) or index', () => {
    expect(model.stageRef('build')).toBe(build);
    expect(model.stageRef('BUILD')).toBe(build);
    expect(model.stageRef('2')).toBe(tools);
    expect(model.stageRef('9')).toBeUndefined();
    expect(model.stageRef('nope')).toBeUndefined();
  });

  it('uses only ARGs declared before the first FROM', () => {
    const m = parseDockerfile('FROM alpine:3.20\nARG TAG=3.19\nFROM alpine:${TAG}\n');
    expect(m.stages[1].resolvedImage).toBeUndefined();
    const later = parseDockerfile('ARG TAG=3.19\nARG TAG=3.20\nFROM alpine:${TAG:-edge}\n');
    expect(later.stages[0].resolvedImage).toBe('alpine:3.20');
  });

  it('a stage name only refers to earlier stages', () => {
    const m = parseDockerfile('FROM build\nFROM node:20 AS build\n');
    expect(m.stages[0].baseStage).toBeUndefined();
    expect(m.stages[0].image).toMatchObject({ repository: 'library/build' });
  });

  it('a single stage is final and shipped', () => {
    const m = parseDockerfile('FROM node:20\nCMD ["node"]\n');
    expect(m.stages).toHaveLength(1);
    expect(m.stages[0]).toMatchObject({ isFinal: true, shipped: true, name: undefined });
  });

  it('handles a file without FROM', () => {
    const m = parseDockerfile('ARG X=1\n# nothing\n');
    expect(m.stages).toEqual([]);
    expect(m.finalStage).toBeUndefined();
    expect(m.globalArgs).toHaveLength(1);
  });

  it('reads parser directives at the top and the escape character', () => {
    const m = parseDockerfile('# syntax=docker/dockerfile:1\n# escape=`\n# check=skip=all\n\n# other=comment\nFROM x\n');
    expect(m.directives.map((d) => [d.name, d.value, d.range.start.line])).toEqual([
      ['syntax', 'docker/dockerfile:1', 0],
      ['escape', '`', 1],
      ['check', 'skip=all', 2],
    ]);
    expect(m.escapeChar).toBe('`');
    expect(parseDockerfile('FROM x\n').escapeChar).toBe('\\');
    expect(parseDockerfile('\uFEFF# ESCAPE=`\r\nFROM x\r\n').directives.map((d) => d.name)).toEqual(['escape']);
  });

  it('maps offsets and positions, and caches the shell model', () => {
    const m = parseDockerfile('FROM x\r\nRUN a && b\r\n');
    expect(m.offsetAt({ line: 1, character: 4 })).toBe(12);
    expect(m.positionAt(12)).toEqual({ line: 1, character: 4 });
    const run = m.instructions[1];
    expect(m.shell(run)).toBe(m.shell(run));
    expect(m.shell(run).commands.map((c) => c.name)).toEqual(['a', 'b']);
  });
});

describe('instruction helpers', () => {
  it('flagValue reads flags by lower-case name', () => {
    const m = parseDockerfile('FROM x AS a\nFROM x\nCOPY --from=a --chown=1:1 /a /b\n');
    const copy = m.instructions[2];
    expect(flagValue(copy, 'from')).toBe('a');
    expect(flagValue(copy, 'chown')).toBe('1:1');
    expect(flagValue(copy, 'chmod')).toBeUndefined();
  });

  it('stageReferences lists COPY --from, ADD --from and RUN --mount from=', () => {
    const m = parseDockerfile('FROM x\nCOPY --from=a /a /b\nRUN --mount=from=b,target=/b --mount=type=cache,target=/c make\nRUN --mount=type=bind,from=c,target=/c make\nCOPY /a /b\n');
    expect(m.instructions.slice(1).map(stageReferences)).toEqual([['a'], ['b'], ['c'], []]);
  });

  it('argDefinitions lists names with defaults', () => {
    const m = parseDockerfile('ARG A=1 B C=\nFROM x\n');
    expect(argDefinitions(m.instructions[0])).toEqual([
      ['A', '1'],
      ['B', undefined],
      ['C', ''],
    ]);
  });

  it('stageShell follows SHELL instructions before an instruction and through base stages', () => {
    const m = parseDockerfile('FROM x AS a\nSHELL ["/bin/bash", "-c"]\nFROM a\nRUN one\nSHELL ["pwsh", "-Command"]\nRUN two\nFROM y\nRUN three\n');
    const [, , , one, , two, , three] = m.instructions;
    expect(stageShell(one.stage!, one)).toEqual(['/bin/bash', '-c']);
    expect(stageShell(two.stage!, two)).toEqual(['pwsh', '-Command']);
    expect(stageShell(three.stage!, three)).toBeUndefined();
  });
});

describe('ONBUILD triggers', () => {
  it('an ONBUILD RUN has a RUN trigger in its stage, with document ranges and its own shell model', () => {
    const m = parseDockerfile('FROM node:20 AS base\nRUN npm ci\nonbuild run npm install \\\n  left-pad@1.3.0\nONBUILD COPY . /app\n');
    const [, run, onbuild, copy] = m.instructions;
    expect(onbuild.trigger).toMatchObject({ keyword: 'RUN', index: onbuild.index, stage: m.stages[0], onbuild });
    expect(copy.trigger?.keyword).toBe('COPY');
    expect(m.shell(onbuild.trigger!).commands.map((c) => c.words.map((w) => w.value).join(' '))).toEqual(['npm install left-pad@1.3.0']);
    expect(m.shell(run).commands[0].name).toBe('npm');
    const word = m.shell(onbuild.trigger!).commands[0].args[1];
    expect(m.textOf(word.range)).toBe('left-pad@1.3.0');
  });

  it('runsIn lists the RUN triggers with the RUNs of the stage', () => {
    const m = parseDockerfile('FROM node:20 AS base\nONBUILD RUN a\nRUN b\nONBUILD COPY . .\nFROM base\nRUN c\n');
    expect(runsIn(m, 'all-stages').map((i) => `${i.keyword}${i.onbuild ? ' (ONBUILD)' : ''}@${i.range.start.line + 1}`)).toEqual(['RUN (ONBUILD)@2', 'RUN@3', 'RUN@6']);
  });
});

describe('parseDockerfile with the model of the previous version', () => {
  /** Findings as data, with the edits of their fixes. */
  function findings(model: DockerfileModel) {
    return lintModel(model, {}).map(({ fix, ...finding }) => ({ ...finding, fix: fix && { title: fix.title, safety: fix.safety, edits: fix.edits() } }));
  }

  /** Each line edited in turn (a character added, then the line removed), as a person might type. */
  function versions(text: string): string[] {
    const lines = text.split('\n');
    return lines.flatMap((_, n) => [
      [...lines.slice(0, n), `${lines[n]}x`, ...lines.slice(n + 1)].join('\n'),
      [...lines.slice(0, n), ...lines.slice(n + 1)].join('\n'),
      text,
    ]);
  }

  it('gives the findings of a fresh parse after every edit', () => {
    let previous = parseDockerfile(MULTI);
    findings(previous);
    for (const text of versions(MULTI)) {
      const model = parseDockerfile(text, previous);
      expect(findings(model), text).toEqual(findings(parseDockerfile(text)));
      previous = model;
    }
  });

  it.skipIf(!hasCorpus())('gives the findings of a fresh parse after edits to corpus files', () => {
    const files = corpusDockerfiles().filter((_, n) => n % 8 === 0);
    for (const { name, text } of files) {
      let previous = parseDockerfile(text);
      findings(previous);
      for (const edited of versions(text).filter((_, n) => n % 7 === 0).slice(0, 12)) {
        const model = parseDockerfile(edited, previous);
        expect(findings(model), name).toEqual(findings(parseDockerfile(edited)));
        previous = model;
      }
    }
    expect(files.length).toBeGreaterThan(60);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../server/src/core/model';
import { appendCommand, installsPackage, isWindowsStage, rootImage, valueWithoutUnsetVariables, variablesInScope } from '../../../server/src/core/query';
import { pipelines } from '../../../server/src/core/shell';
import { applyEdits } from '../../../server/src/core/edits';
import { loadShellParser } from '../../../server/src/io/shell-wasm';

beforeAll(() => loadShellParser());

describe('variables in scope', () => {
  const text = 'ARG GLOBAL=1\nFROM a AS base\nARG A\nENV E=1\nFROM base\nARG B\nRUN x\nARG LATER\nFROM a\nRUN y\n';
  it('are the ARGs and ENVs of the stage before the instruction and of the stages it is built from', () => {
    const model = parseDockerfile(text);
    const run = model.instructions.find((i) => i.keyword === 'RUN')!;
    expect([...variablesInScope(run.stage!, run)].sort()).toEqual(['A', 'B', 'E']);
    const other = model.instructions.filter((i) => i.keyword === 'RUN')[1];
    expect([...variablesInScope(other.stage!, other)]).toEqual([]);
  });

  it('leave a word unknown when it uses one, and expand unset ones to nothing', () => {
    const model = parseDockerfile('FROM a\nARG V=1\nRUN yum install -y pkg-$V pkg-${W} "q-${V}" plain\n');
    const run = model.instructions[2];
    const words = model.shell(run).commands[0].args.slice(2);
    const scope = variablesInScope(run.stage!, run);
    expect(words.map((w) => valueWithoutUnsetVariables(w, scope))).toEqual([undefined, 'pkg-', undefined, 'plain']);
  });
});

describe('stage facts', () => {
  it('follow FROM <stage> to the external image', () => {
    const model = parseDockerfile('FROM alpine:3.20 AS a\nFROM a AS b\nFROM b\n');
    expect(rootImage(model.stages[2])?.name).toBe('alpine');
    expect(rootImage(parseDockerfile('FROM scratch\n').stages[0])).toBeUndefined();
  });

  it('see packages installed in the stage or its base stages', () => {
    const model = parseDockerfile('FROM alpine:3.20 AS a\nRUN apk add --no-cache bash=5.2.26-r0 curl\nFROM a\nRUN x\n');
    expect(installsPackage(model, model.stages[1], 'bash')).toBe(true);
    expect(installsPackage(model, model.stages[1], 'wget')).toBe(false);
  });

  it('recognise Windows stages', () => {
    expect(isWindowsStage(parseDockerfile('FROM mcr.microsoft.com/windows/servercore:ltsc2022\n').stages[0])).toBe(true);
    expect(isWindowsStage(parseDockerfile('FROM mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022\n').stages[0])).toBe(true);
    expect(isWindowsStage(parseDockerfile('FROM alpine:3.20\nSHELL ["pwsh", "-c"]\n').stages[0])).toBe(true);
    expect(isWindowsStage(parseDockerfile('FROM debian:bookworm\n').stages[0])).toBe(false);
  });
});

describe('shell edits and pipelines', () => {
  it('append a command to a RUN, or refuse where it would not run', () => {
    const append = (run: string) => {
      const model = parseDockerfile(`FROM a\nRUN ${run}\n`);
      const edit = appendCommand(model, model.shell(model.instructions[1]), 'yum clean all');
      return edit && applyEdits(model.text, [edit]);
    };
    expect(append('yum install -y x \\\n  && true')).toBe('FROM a\nRUN yum install -y x \\\n  && true && yum clean all\n');
    expect(append('a # comment')).toBeUndefined();
    expect(append('["yum", "install"]')).toBeUndefined();
  });

  it('find pipelines with their document ranges, also in substitutions', () => {
    const model = parseDockerfile('FROM a\nRUN a && b | c \\\n  && V=$(d | e)\n');
    const found = pipelines(model, model.instructions[1]).map((p) => model.text.slice(p.start, p.end));
    expect(found).toEqual(['b | c', 'd | e']);
    const plain = parseDockerfile('FROM a\nRUN a || b\n');
    expect(pipelines(plain, plain.instructions[1])).toEqual([]);
  });
});

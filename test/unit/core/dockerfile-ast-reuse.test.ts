/**
 * The dockerfile-ast patch lets a parse reuse the instructions of the previous version of the file
 * (`DockerfileParser.parse(text, previous)`): an instruction whose text and start position are
 * unchanged keeps what it computed from its text, and reads the rest of the file from the new
 * parse. Whatever the edit, the result must be what a fresh parse gives.
 */
import { DockerfileParser, type Dockerfile, type Instruction } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { corpusDockerfiles, hasCorpus } from '../../helpers/corpus';
import { everything, SAMPLES } from '../../helpers/dockerfile-ast-views';

/** A small deterministic generator, so that a failure names an edit that can be replayed. */
function random(seed: number) {
  let state = seed >>> 0 || 1;
  return (below: number) => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return (state >>> 8) % below;
  };
}

/** Insertions that change how instructions are split, continued, quoted, escaped or resolved. */
const INSERTS = ['a', ' ', '\n', '\\\n', '$', '${X}', '#', '"', "'", '[', '<<EOF\n', '\r\n', '`', '=', 'ARG X=1\n', '# escape=`\n', ''];

interface Edit {
  at: number;
  remove: number;
  insert: string;
}

function editsFor(text: string, seed: number, count: number): Edit[] {
  const next = random(seed);
  return Array.from({ length: count }, () => ({ at: next(text.length + 1), remove: next(4), insert: INSERTS[next(INSERTS.length)] }));
}

function apply(text: string, { at, remove, insert }: Edit): string {
  return text.slice(0, at) + insert + text.slice(at + remove);
}

/** Types the edits one after the other, each version parsed with the previous one, and compares each with a fresh parse. */
function expectSameAsFresh(text: string, edits: Edit[], label: string): number {
  let previous = DockerfileParser.parse(text);
  let reused = 0;
  for (const [n, edit] of edits.entries()) {
    text = apply(text, edit);
    const parsed = DockerfileParser.parse(text, previous);
    reused += countReused(parsed, previous);
    expect(everything(parsed), `${label}, after edit ${n} ${JSON.stringify(edit)}`).toEqual(everything(DockerfileParser.parse(text)));
    previous = parsed;
  }
  return reused;
}

/** Instructions carried over: they share the argument objects that the earlier parse computed. */
function countReused(parsed: Dockerfile, previous: Dockerfile): number {
  const earlier = new Set(previous.getInstructions().flatMap((i) => i.getArguments()));
  return parsed.getInstructions().filter((i) => i.getArguments().some((a) => earlier.has(a))).length;
}

const documentOf = (dockerfile: Dockerfile) => (dockerfile as unknown as { document: object }).document;

/** Every `document` reachable from the instructions, their arguments, flags and properties. */
function documentsHeld(instructions: Instruction[]): Set<unknown> {
  const held = new Set<unknown>();
  const seen = new Set<object>();
  const visit = (value: unknown, key: string) => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (key === 'document') {
      held.add(value);
      return;
    }
    // The parent Dockerfile and the ranges are no cache of the instruction.
    if (key === 'dockerfile') return;
    for (const [k, v] of Object.entries(value)) visit(v, k);
  };
  for (const instruction of instructions) visit(instruction, '');
  return held;
}

/** A parse whose instructions have computed their arguments, as they have once a file is analysed. */
function analysed(text: string): Dockerfile {
  const dockerfile = DockerfileParser.parse(text);
  for (const instruction of dockerfile.getInstructions()) instruction.getArguments();
  return dockerfile;
}

const STAGES = 'ARG BASE=alpine:3.20\nFROM ${BASE} AS build\nARG V=1\nENV E=$V PATH=/x:$PATH\nRUN --mount=type=cache,target=/c echo $V $E\nCOPY --from=build --chown=1:1 a b /c/\nLABEL a="b c" d=e\nFROM build\nARG V\nRUN echo ${V:-none} $BASE\nONBUILD RUN echo $V\nCMD ["sh", "-c", "echo $E"]\n';

describe('dockerfile-ast patch: parsing with the previous version', () => {
  it('reuses the unchanged instructions, not the edited one or those that moved', () => {
    const before = analysed(STAGES);
    const text = STAGES.replace('echo $V $E', 'echo $V $E!');
    const after = DockerfileParser.parse(text, before);
    const same = (i: number) => after.getInstructions()[i].getArguments()[0] === before.getInstructions()[i].getArguments()[0];
    expect(after.getInstructions().map((_, i) => same(i))).toEqual([true, true, true, true, false, true, true, true, true, true, true, true]);
    const moved = DockerfileParser.parse(`\n${STAGES}`, before);
    expect(countReused(moved, before)).toBe(0);
  });

  it('resolves variables of reused instructions against the new file', () => {
    const before = analysed(STAGES);
    const after = DockerfileParser.parse(STAGES.replace('ARG V=1', 'ARG V=2'), before);
    const run = after.getInstructions()[4];
    expect(run.getArguments()[0]).toBe(before.getInstructions()[4].getArguments()[0]);
    expect(run.getExpandedArguments().map((a) => a.getValue())).toContain('2');
    expect(before.getInstructions()[4].getExpandedArguments().map((a) => a.getValue())).toContain('1');
  });

  it('does not reuse across a change of escape character', () => {
    const before = analysed('#\nFROM alpine\nRUN echo a `\n  b\n');
    const text = '# escape=`\nFROM alpine\nRUN echo a `\n  b\n';
    const after = DockerfileParser.parse(text, before);
    expect(countReused(after, before)).toBe(0);
    expect(everything(after)).toEqual(everything(DockerfileParser.parse(text)));
    expect(after.getInstructions()[1].getArguments().map((a) => a.getValue())).toEqual(['echo', 'a', 'b']);
  });

  it('keeps no reference to an earlier version’s document', () => {
    let text = STAGES;
    let parsed = DockerfileParser.parse(text);
    for (let n = 0; n < 5; n++) {
      everything(parsed);
      text = text.replace('LABEL a="b c', `LABEL a="b c${n}`);
      parsed = DockerfileParser.parse(text, parsed);
    }
    everything(parsed);
    expect([...documentsHeld(parsed.getInstructions())]).toEqual([documentOf(parsed)]);
  });

  it.each(SAMPLES.map((text, i) => [i, text]))('sample %i: 60 random edits, each parse the same as a fresh one', (i, text) => {
    expectSameAsFresh(text, editsFor(text, 1000 + Number(i), 60), `sample ${i}`);
  });

  it('multi-stage sample: 300 random edits, with most instructions reused', () => {
    const reused = expectSameAsFresh(STAGES, editsFor(STAGES, 7, 300), 'stages');
    expect(reused).toBeGreaterThan(300 * 3);
  });

  it.skipIf(!hasCorpus())('every corpus file: 4 random edits, each parse the same as a fresh one', () => {
    const files = corpusDockerfiles();
    let reused = 0;
    for (const [n, { name, text }] of files.entries()) reused += expectSameAsFresh(text, editsFor(text, n + 1, 4), name);
    expect(files.length).toBeGreaterThan(500);
    expect(reused).toBeGreaterThan(files.length * 4 * 5);
  });
});

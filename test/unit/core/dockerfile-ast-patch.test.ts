/**
 * The dockerfile-ast patch (server/patches) scans an instruction's arguments once instead of on
 * every call. Parsing must give exactly what the unpatched scan gives, and callers must not be
 * able to change the cached arguments through the arrays they receive.
 */
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { corpusDockerfiles, hasCorpus } from '../../helpers/corpus';

type Args = ReturnType<Instruction['getArguments']>;
type Patched = Instruction & { getRawArguments(): Args; computeRawArguments(): Args };

const SAMPLE = 'FROM node:20 AS build\nRUN --mount=type=cache,target=/root/.npm npm ci \\\n  # comment\n  && echo "a b" \\\n  c\nCOPY --from=build /a /b\nENV A=1 B="2 3"\n';

function snapshot(args: ReturnType<Instruction['getArguments']>) {
  return args.map((a) => [a.getValue(), a.getRange()]);
}

describe('dockerfile-ast patch', () => {
  it('is applied (postinstall runs patch-package)', () => {
    const [instr] = DockerfileParser.parse('FROM alpine\n').getInstructions() as Patched[];
    expect(typeof instr.computeRawArguments).toBe('function');
  });

  it('returns a fresh array each time, so callers cannot change the cache', () => {
    const instr = DockerfileParser.parse(SAMPLE).getInstructions()[1] as Patched;
    const first = instr.getRawArguments();
    first.pop();
    first.push(first[0]);
    expect(snapshot(instr.getRawArguments())).toEqual(snapshot(instr.computeRawArguments()));
    expect(instr.getArguments().map((a) => a.getValue())).toEqual(['npm', 'ci', '&&', 'echo', '"a', 'b"', 'c']);
  });

  it.skipIf(!hasCorpus())('gives the same arguments as a fresh scan on every corpus instruction', () => {
    let checked = 0;
    for (const { text } of corpusDockerfiles()) {
      for (const instr of DockerfileParser.parse(text).getInstructions() as Patched[]) {
        instr.getArguments();
        expect(snapshot(instr.getRawArguments())).toEqual(snapshot(instr.computeRawArguments()));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(7_000);
  });
});

/**
 * The dockerfile-ast patch (server/patches) scans an instruction's arguments once instead of on
 * every call. Parsing must give exactly what the unpatched scan gives, and callers must not be
 * able to change the cached arguments through the arrays they receive.
 */
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { corpusDockerfiles, hasCorpus } from '../../helpers/corpus';

type Args = ReturnType<Instruction['getArguments']>;
type Patched = { getRawArguments(): Args; computeRawArguments(): Args };
const patched = (instr: Instruction) => instr as unknown as Patched;

const SAMPLE = 'FROM node:20 AS build\nRUN --mount=type=cache,target=/root/.npm npm ci \\\n  # comment\n  && echo "a b" \\\n  c\nCOPY --from=build /a /b\nENV A=1 B="2 3"\n';

function snapshot(args: ReturnType<Instruction['getArguments']>) {
  return args.map((a) => [a.getValue(), a.getRange()]);
}

describe('dockerfile-ast patch', () => {
  it('is applied (postinstall runs patch-package)', () => {
    const instr = patched(DockerfileParser.parse('FROM alpine\n').getInstructions()[0]);
    expect(typeof instr.computeRawArguments).toBe('function');
  });

  it('returns a fresh array each time, so callers cannot change the cache', () => {
    const node = DockerfileParser.parse(SAMPLE).getInstructions()[1];
    const instr = patched(node);
    const first = instr.getRawArguments();
    first.pop();
    first.push(first[0]);
    expect(snapshot(instr.getRawArguments())).toEqual(snapshot(instr.computeRawArguments()));
    expect(node.getArguments().map((a) => a.getValue())).toEqual(['npm', 'ci', '&&', 'echo', '"a', 'b"', 'c']);
  });

  it.skipIf(!hasCorpus())('gives the same arguments as a fresh scan on every corpus instruction', () => {
    let checked = 0;
    for (const { text } of corpusDockerfiles()) {
      for (const node of DockerfileParser.parse(text).getInstructions()) {
        node.getArguments();
        const instr = patched(node);
        expect(snapshot(instr.getRawArguments())).toEqual(snapshot(instr.computeRawArguments()));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(7_000);
  });
});

/**
 * The dockerfile-ast patch (server/patches) scans an instruction's arguments once instead of on
 * every call, builds an instruction once instead of twice, skips the variable and heredoc scans of
 * arguments that hold no `$` or `<<`, keeps the image that contains each line and the scopes that
 * variables resolve in, and computes each image's range once when placing comments. Parsing must
 * give exactly what the unpatched parser gives, and callers must not be able to change the cached
 * arguments through the arrays they receive.
 */
import { DockerfileParser, type Heredoc, type Instruction } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { corpusDockerfiles, hasCorpus } from '../../helpers/corpus';
import { argumentsOf, everything, HEREDOCS, SAMPLE, SAMPLES } from '../../helpers/dockerfile-ast-views';
import { usePublished } from '../../helpers/published-packages';

type Args = ReturnType<Instruction['getArguments']>;
type Patched = { getRawArguments(): Args; computeRawArguments(): Args };
const patched = (instr: Instruction) => instr as unknown as Patched;

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
    expect(argumentsOf(instr.getRawArguments())).toEqual(argumentsOf(instr.computeRawArguments()));
    expect(node.getArguments().map((a) => a.getValue())).toEqual(['npm', 'ci', '&&', 'echo', '"a', 'b"', 'c']);
  });

  it.skipIf(!hasCorpus())('gives the same arguments as a fresh scan on every corpus instruction', () => {
    let checked = 0;
    for (const { text } of corpusDockerfiles()) {
      for (const node of DockerfileParser.parse(text).getInstructions()) {
        node.getArguments();
        const instr = patched(node);
        expect(argumentsOf(instr.getRawArguments())).toEqual(argumentsOf(instr.computeRawArguments()));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(7_000);
  });
});

/**
 * The parser no longer builds an instruction twice to look for heredocs when its text has no `<`.
 * Parsing with that shortcut turned off (every instruction looked at, as unpatched) must give the
 * same Dockerfile.
 */
type ParserProto = { mayHaveHeredocs(start: number, end: number): boolean };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const parserProto = (require('dockerfile-ast/lib/parser') as { Parser: { prototype: ParserProto } }).Parser.prototype;

function parsed(text: string) {
  const dockerfile = DockerfileParser.parse(text);
  return {
    instructions: dockerfile.getInstructions().map((i) => ({
      keyword: i.getKeyword(),
      range: i.getRange(),
      args: argumentsOf(i.getArguments()),
      heredocs: 'getHeredocs' in i ? (i as unknown as { getHeredocs(): Heredoc[] }).getHeredocs().map((h) => [h.getName(), h.getStartRange(), h.getNameRange(), h.getContentRange(), h.getDelimiterRange()]) : [],
    })),
    comments: dockerfile.getComments().map((c) => [c.getContent(), c.getRange()]),
    directives: dockerfile.getDirectives().map((d) => [d.getName(), d.getValue(), d.getRange()]),
  };
}

function unshortcut(text: string) {
  const own = Object.getOwnPropertyDescriptor(parserProto, 'mayHaveHeredocs');
  expect(own, 'the patch adds Parser.prototype.mayHaveHeredocs').toBeDefined();
  parserProto.mayHaveHeredocs = () => true;
  try {
    return parsed(text);
  } finally {
    Object.defineProperty(parserProto, 'mayHaveHeredocs', own!);
  }
}

describe('dockerfile-ast patch: heredoc look-ahead only where a heredoc can start', () => {
  it.each(HEREDOCS.map((text, i) => [i, text]))('parses heredoc sample %i as without the shortcut', (_, text) => {
    expect(parsed(text)).toEqual(unshortcut(text));
  });

  it('finds the heredocs of the samples (the comparison is not vacuous)', () => {
    expect(parsed(HEREDOCS[0]).instructions[1].heredocs.map((h) => h[0])).toEqual(['EOF']);
    expect(parsed(HEREDOCS[1]).instructions[2].heredocs.map((h) => h[0])).toEqual(['a.txt', 'b.txt']);
  });

  it.skipIf(!hasCorpus())('parses every corpus file as without the shortcut', () => {
    const files = corpusDockerfiles();
    for (const { name, text } of files) expect(parsed(text), name).toEqual(unshortcut(text));
    expect(files.length).toBeGreaterThan(500);
  });
});

describe('dockerfile-ast patch: the same results as dockerfile-ast as published', () => {
  const published = usePublished();

  it('the comparison runs against the unpatched code', () => {
    const instr = published().ast.DockerfileParser.parse('FROM alpine\n').getInstructions()[0];
    expect((instr as unknown as Partial<Patched>).computeRawArguments).toBeUndefined();
  });

  it.each(SAMPLES.map((text, i) => [i, text]))('sample %i', (_, text) => {
    expect(everything(DockerfileParser.parse(text))).toEqual(everything(published().ast.DockerfileParser.parse(text)));
  });

  it.skipIf(!hasCorpus())('every corpus file', () => {
    const files = corpusDockerfiles();
    for (const { name, text } of files) {
      expect(everything(DockerfileParser.parse(text)), name).toEqual(everything(published().ast.DockerfileParser.parse(text)));
    }
    expect(files.length).toBeGreaterThan(500);
  });
});

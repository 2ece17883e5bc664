import { describe, expect, it } from 'vitest';
import { copyArgs, pathBaseName } from '../../../server/src/core/copy-args';
import { parseDockerfile } from '../../../server/src/core/model';

function args(text: string, index = 1) {
  const model = parseDockerfile(text);
  const result = copyArgs(model, model.instructions[index]);
  return result && { sources: result.sources.map((w) => w.value), dest: result.dest.value, json: result.json, heredoc: result.heredoc };
}

describe('copyArgs', () => {
  it('splits at whitespace outside quotes, without the flags', () => {
    expect(args('FROM x\nCOPY --chown=1:1 --from=b a.txt "my file" \'x y\' /dst/\n')).toEqual({ sources: ['a.txt', 'my file', 'x y'], dest: '/dst/', json: false, heredoc: false });
  });

  it('joins line continuations, with the file escape character', () => {
    expect(args('FROM x\nCOPY a \\\n  b \\\n  /dst/\n')?.sources).toEqual(['a', 'b']);
    expect(args('# escape=`\nFROM x\nCOPY a `\n  C:\\app\\\n')).toMatchObject({ sources: ['a'], dest: 'C:\\app\\' });
  });

  it('reads plain words and words with quotes or escapes in between alike', () => {
    expect(args('FROM x\nCOPY a"b c"d e\\ f g\u00a0h /dst\n')).toMatchObject({ sources: ['ab cd', 'e f', 'g', 'h'], dest: '/dst' });
    const model = parseDockerfile('FROM x\nCOPY plain.txt /dst\n');
    const { sources, dest } = copyArgs(model, model.instructions[1])!;
    expect([sources[0].raw, sources[0].start, sources[0].end, dest.appendAt]).toEqual(['plain.txt', 12, 21, 26]);
  });

  it('reads the JSON form', () => {
    expect(args('FROM x\nCOPY ["a b", "c", "/d"]\n')).toEqual({ sources: ['a b', 'c'], dest: '/d', json: true, heredoc: false });
  });

  it('keeps heredoc bodies out', () => {
    expect(args('FROM x\nCOPY <<EOF /etc/motd\nhello world\nEOF\n')).toEqual({ sources: ['<<EOF'], dest: '/etc/motd', json: false, heredoc: true });
  });

  it('knows where to append to a word: before its closing quote', () => {
    const model = parseDockerfile('FROM x\nCOPY a b "/d"\n');
    const dest = copyArgs(model, model.instructions[1])!.dest;
    expect(model.text.slice(dest.start, dest.appendAt)).toBe('"/d');
  });

  it('pathBaseName handles both separators and trailing ones', () => {
    expect(pathBaseName('/a/b.tar')).toBe('b.tar');
    expect(pathBaseName('C:\\x\\y.tgz')).toBe('y.tgz');
    expect(pathBaseName('/srv/')).toBe('srv');
  });
});

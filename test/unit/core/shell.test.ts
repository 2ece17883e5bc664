import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../server/src/core/model';
import { forgetShellScripts, hasFlag } from '../../../server/src/core/shell';
import { loadShellParser } from '../../../server/src/io/shell-wasm';

beforeAll(() => loadShellParser());

function commandsOf(text: string, runIndex = 0) {
  const model = parseDockerfile(text);
  const runs = model.instructions.filter((i) => i.keyword === 'RUN');
  const script = model.shell(runs[runIndex]);
  return { model, script, cmds: script.commands.map((c) => ({ name: c.name, args: c.args.map((a) => a.value), text: model.text.slice(c.start, c.end) })) };
}

describe('shell model', () => {
  it('splits commands across && || ; | and subshells with exact ranges', () => {
    const { cmds } = commandsOf('FROM x\nRUN apt-get update && (cd /a || true); make | tee log\n');
    expect(cmds).toEqual([
      { name: 'apt-get', args: ['update'], text: 'apt-get update' },
      { name: 'cd', args: ['/a'], text: 'cd /a' },
      { name: 'true', args: [], text: 'true' },
      { name: 'make', args: [], text: 'make' },
      { name: 'tee', args: ['log'], text: 'tee log' },
    ]);
  });

  it('follows line continuations and drops comment lines inside them', () => {
    const text = 'FROM x\nRUN apt-get update \\\n  # a comment\n  && apt-get install -y \\\n     curl\n';
    const { cmds } = commandsOf(text);
    expect(cmds.map((c) => c.name)).toEqual(['apt-get', 'apt-get']);
    expect(cmds[1].args).toEqual(['install', '-y', 'curl']);
    expect(cmds[1].text).toBe('apt-get install -y \\\n     curl');
  });

  it('honours a backtick escape character', () => {
    const { cmds } = commandsOf('# escape=`\nFROM x\nRUN echo a `\n  && echo b\n');
    expect(cmds.map((c) => c.args[0])).toEqual(['a', 'b']);
  });

  it('reads JSON form and sh -c strings with escapes', () => {
    const { cmds } = commandsOf('FROM x\nRUN ["sh", "-c", "apk add \\"curl\\" && echo ok"]\n');
    expect(cmds.map((c) => c.name)).toEqual(['sh', 'apk', 'echo']);
    expect(cmds[1].args).toEqual(['add', 'curl']);
    expect(cmds[1].text).toBe('apk add \\"curl\\"');
  });

  it('follows sh -c in shell form', () => {
    const { cmds } = commandsOf(`FROM x\nRUN bash -c 'pip install flask && echo done'\n`);
    expect(cmds.map((c) => c.name)).toEqual(['bash', 'pip', 'echo']);
    expect(cmds[1].text).toBe('pip install flask');
  });

  it('parses a heredoc script body', () => {
    const { cmds } = commandsOf('FROM x\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n');
    expect(cmds.map((c) => c.text)).toEqual(['apt-get update', 'apt-get install -y curl']);
  });

  it('leaves heredoc input to another program alone', () => {
    const { cmds } = commandsOf('FROM x\nRUN cat <<EOF > /etc/x.conf\napt-get install nothing\nEOF\n');
    expect(cmds.map((c) => c.name)).toEqual(['cat']);
  });

  it('unwraps sudo and env and reads bundled short flags', () => {
    const { script } = commandsOf('FROM x\nRUN DEBIAN_FRONTEND=noninteractive sudo -u root apt-get -qy install curl\n');
    const [cmd] = script.commands;
    expect(cmd.name).toBe('apt-get');
    expect(cmd.wrappers).toEqual(['sudo']);
    expect(hasFlag(cmd, '-y')).toBe(true);
    expect(hasFlag(cmd, '--no-install-recommends')).toBe(false);
  });

  it('finds the commands inside substitutions in words, assignments, redirects, tests and heredocs', () => {
    const text =
      'FROM x\nRUN export V="$(uname -m)" && echo "a-$(date +%s)-`id -u`" > "$(mktemp)" \\\n' +
      ' && diff <(sort a) b && FOO=$(cat f) make && [ "$(whoami)" = root ] \\\n' +
      ' && cat <<EOF | tee out && apk add curl\nbody $(hostname)\nEOF\n';
    const { cmds } = commandsOf(text);
    // A command comes before the substitutions in its words; an unquoted heredoc body is expanded.
    expect(cmds.map((c) => c.name)).toEqual(['uname', 'echo', 'date', 'id', 'mktemp', 'diff', 'sort', 'make', 'cat', 'whoami', 'cat', 'tee', 'apk', 'hostname']);
  });

  it('sees a comment between commands', () => {
    expect(commandsOf('FROM x\nRUN echo a # trailing\n').script.comment).toBe(true);
    expect(commandsOf('FROM x\nRUN echo "a # not a comment"\n').script.comment).toBe(false);
  });

  it('degrades to no commands on unparseable shell', () => {
    const { script } = commandsOf('FROM x\nRUN apt-get install -y foo &&; (\n');
    expect(script.ok).toBe(false);
    expect(script.commands).toEqual([]);
  });

  it('ignores RUN under a non-POSIX SHELL', () => {
    const { script } = commandsOf('FROM x\nSHELL ["powershell", "-Command"]\nRUN Install-Module x\n');
    expect(script.commands).toEqual([]);
  });

  it('parses the same RUN text again under another shell (the cache keeps them apart)', () => {
    const run = 'RUN apk add curl \\\n  && echo done\n';
    const names = (text: string) => commandsOf(text).script.commands.map((c) => c.name);
    expect(names(`FROM x\n${run}`)).toEqual(['apk', 'echo']);
    expect(names(`FROM x\nSHELL ["powershell", "-Command"]\n${run}`)).toEqual([]);
    expect(names(`FROM x\n${run}`)).toEqual(['apk', 'echo']);
  });

  it('maps ranges with CRLF line endings and Unicode', () => {
    const text = 'FROM x\r\nRUN echo "héllo 😀" \\\r\n && apk add curl\r\n';
    const { cmds } = commandsOf(text);
    expect(cmds[1].text).toBe('apk add curl');
  });

  it('caches scripts without keeping the versions of an edited document alive', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    forgetShellScripts();
    // Each version is a new 200k-character text, as each keystroke gives the language server.
    const padding = `# ${'x'.repeat(200_000)}\n`;
    const versions = 40;
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < versions; i++) {
      const model = parseDockerfile(`FROM alpine\nRUN apk add --no-cache curl-${'a'.repeat(i)} && echo "done with the install"\n${padding}`);
      expect(model.shell(model.instructions[1]).commands.map((c) => c.name)).toEqual(['apk', 'echo']);
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    // Retained, the versions alone would take 8 MB (40 × 200k one-byte characters).
    expect(grown).toBeLessThan(2_000_000);
    forgetShellScripts();
  });
});

/** ShellCheck on RUN scripts: the mapping back to Dockerfile ranges, the command line and the language server. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { lint } from '../../server/src/core/lint';
import { parseDockerfile } from '../../server/src/core/model';
import { shellcheckFindings, shellcheckTargets } from '../../server/src/core/shellcheck-map';
import { loadShellParser } from '../../server/src/io/shell-wasm';
import { runCli } from '../helpers/cli';
import { FULL_CAPABILITIES, pullDiagnostics, startTestServer } from '../helpers/lsp-client';
import { ensureShellcheck } from '../helpers/shellcheck';

const FILE = 'FROM debian:12\nRUN echo one \\\n  && echo $HOME | grep -q root\nSHELL ["/bin/bash", "-c"]\nRUN [ -n "$X" ] && echo `date`\nRUN ["echo", "$HOME"]\n';

beforeAll(() => loadShellParser());

describe('ShellCheck findings mapped to the Dockerfile', () => {
  it('checks shell-form RUNs in the stage shell\'s dialect, not exec form', () => {
    const targets = shellcheckTargets(parseDockerfile(FILE));
    expect(targets.map((t) => [t.instr.range.start.line + 1, t.shell, t.source.text])).toEqual([
      [2, 'sh', 'echo one   && echo $HOME | grep -q root'],
      [5, 'bash', '[ -n "$X" ] && echo `date`'],
    ]);
  });

  it('maps a comment on the joined script back across the line continuation', () => {
    const model = parseDockerfile(FILE);
    const [target] = shellcheckTargets(model);
    // ShellCheck is given the stage's variables first, so its line 1 of the script comes after them.
    const line = target.prelude.split('\n').length;
    expect(target.input.split('\n')[line - 1]).toBe(target.source.text);
    expect(shellcheckFindings(model, target, [{ line: line - 1, endLine: line - 1, column: 1, endColumn: 5, level: 'info', code: 2034, message: 'in the prelude' }])).toEqual([]);
    const [finding] = shellcheckFindings(model, target, [{ line, endLine: line, column: 20, endColumn: 25, level: 'info', code: 2086, message: 'Double quote to prevent globbing and word splitting.' }]);
    expect(finding).toEqual({
      ruleId: 'SC2086',
      severity: 'info',
      range: { start: { line: 2, character: 10 }, end: { line: 2, character: 15 } },
      message: 'Double quote to prevent globbing and word splitting',
    });
    expect(model.textOf(finding.range)).toBe('$HOME');
  });

  it('lets pragmas, --ignore and severities act on SC codes', () => {
    const model = parseDockerfile(FILE.replace('RUN echo one', '# hadolint ignore=SC2086\nRUN echo one'));
    const [target] = shellcheckTargets(model);
    const line = target.prelude.split('\n').length;
    const external = shellcheckFindings(model, target, [{ line, endLine: line, column: 20, endColumn: 25, level: 'info', code: 2086, message: 'x' }]);
    expect(lint(model.text, { external }).findings.map((f) => f.ruleId)).not.toContain('SC2086');
    const plain = parseDockerfile(FILE);
    const first = shellcheckTargets(plain)[0];
    const at = first.prelude.split('\n').length;
    const findings = shellcheckFindings(plain, first, [{ line: at, endLine: at, column: 20, endColumn: 25, level: 'info', code: 2086, message: 'x' }]);
    expect(lint(FILE, { external: findings, ignore: ['SC2086'] }).findings.map((f) => f.ruleId)).not.toContain('SC2086');
    expect(lint(FILE, { external: findings, severities: { SC2086: 'error' } }).findings.find((f) => f.ruleId === 'SC2086')?.severity).toBe('error');
  });
});

const tools = ensureShellcheck();

describe.skipIf(!tools.ok)(`with ShellCheck installed${tools.ok ? '' : ` (skipped: ${tools.reason})`}`, () => {
  function project(text: string): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'dfo-shellcheck-'));
    writeFileSync(path.join(dir, 'Dockerfile'), text);
    return dir;
  }

  it('reports SC codes from the command line, and none with --no-shellcheck', async () => {
    const dir = project(FILE);
    const on = await runCli(['--format', 'json', '--fail-level', 'none'], dir);
    const codes = JSON.parse(on.stdout).filter((f: { ruleId: string }) => f.ruleId.startsWith('SC'));
    expect(codes.map((f: { ruleId: string; line: number }) => `${f.ruleId}@${f.line}`)).toEqual(expect.arrayContaining(['SC2086@3', 'SC2006@5']));
    const off = await runCli(['--format', 'json', '--fail-level', 'none', '--no-shellcheck'], dir);
    expect(JSON.parse(off.stdout).some((f: { ruleId: string }) => f.ruleId.startsWith('SC'))).toBe(false);
  });

  it('reports SC codes in the editor only in a trusted workspace and when the setting is on', async () => {
    const codes = async (trusted: boolean, settings: Record<string, unknown>) => {
      const client = await startTestServer(FULL_CAPABILITIES, settings, { workspaceTrusted: trusted });
      try {
        client.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri: 'untitled:sc', languageId: 'dockerfile', version: 1, text: FILE } });
        await pullDiagnostics(client, 'untitled:sc');
        if (trusted && settings.shellcheck === undefined) await expect.poll(() => client.refreshes, { timeout: 10_000 }).toBeGreaterThan(0);
        return (await pullDiagnostics(client, 'untitled:sc')).map((d: Diagnostic) => String(d.code)).filter((c) => c.startsWith('SC'));
      } finally {
        client.close();
      }
    };
    expect(await codes(true, {})).toEqual(expect.arrayContaining(['SC2086', 'SC2006']));
    expect(await codes(false, {})).toEqual([]);
    expect(await codes(true, { shellcheck: { enabled: false } })).toEqual([]);
  });
});

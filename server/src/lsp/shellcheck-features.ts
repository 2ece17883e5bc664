/**
 * ShellCheck in the editor: findings for the scripts already checked arrive with the diagnostics;
 * scripts not checked yet are checked in the background and the diagnostics refreshed when they are.
 */
import type { DockerfileModel } from '../core/model';
import { shellcheckFindings, shellcheckTargets } from '../core/shellcheck-map';
import type { Finding } from '../core/types';
import { findShellcheck, ShellcheckRunner } from '../io/shellcheck';

export class ShellcheckFeatures {
  private runner?: ShellcheckRunner;
  private looked = false;
  private readonly pending = new Set<string>();
  private readonly failed = new Set<string>();
  /** Grows whenever new answers arrive, so cached analyses are redone. */
  version = 0;

  constructor(
    private readonly log: (message: string) => void,
    /** Called when background checks have new answers for a document. */
    private readonly changed: (uri: string) => void,
  ) {}

  private program(): ShellcheckRunner | undefined {
    if (!this.looked) {
      this.looked = true;
      const program = findShellcheck();
      this.runner = program ? new ShellcheckRunner(program) : undefined;
      this.log(program ? `ShellCheck found at ${program}` : 'ShellCheck is not installed: RUN scripts are not checked with it');
    }
    return this.runner;
  }

  /** Findings for the scripts checked so far; the others are checked in the background. */
  findingsFor(uri: string, model: DockerfileModel): Finding[] {
    const runner = this.program();
    if (!runner) return [];
    const findings: Finding[] = [];
    const missing: Array<{ shell: string; text: string }> = [];
    for (const target of shellcheckTargets(model)) {
      const known = runner.known(target.shell, target.input);
      if (known) findings.push(...shellcheckFindings(model, target, known));
      else missing.push({ shell: target.shell, text: target.input });
    }
    const todo = missing.filter(({ shell, text }) => !this.pending.has(`${shell}\0${text}`) && !this.failed.has(`${shell}\0${text}`));
    if (todo.length) void this.checkAll(uri, runner, todo);
    return findings;
  }

  private async checkAll(uri: string, runner: ShellcheckRunner, scripts: Array<{ shell: string; text: string }>): Promise<void> {
    for (const { shell, text } of scripts) this.pending.add(`${shell}\0${text}`);
    let answered = 0;
    for (const { shell, text } of scripts) {
      const key = `${shell}\0${text}`;
      try {
        await runner.check(shell, text);
        answered++;
      } catch (error) {
        this.failed.add(key);
        this.log(`ShellCheck failed on a RUN script: ${(error as Error).message}`);
      } finally {
        this.pending.delete(key);
      }
    }
    if (answered) {
      this.version++;
      this.changed(uri);
    }
  }
}

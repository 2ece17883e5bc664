/**
 * ShellCheck findings on `RUN` scripts, mapped back to Dockerfile ranges. Running ShellCheck is the
 * adapters' job (it is an external program); this module only decides what to check and how to read
 * the answer.
 */
import type { DockerfileModel, Instr } from './model';
import { stageShell } from './model';
import { envNames, variablesInScope } from './query';
import { shellSource, type ShellSource } from './shell';
import type { Finding, Severity } from './types';

/** ShellCheck codes that cannot apply to a `RUN`: the sourced files are not there to follow. */
export const SHELLCHECK_EXCLUDED = ['SC1090', 'SC1091'];

export interface ShellcheckTarget {
  instr: Instr;
  /** `sh`, `bash`, `dash` or `ksh`: the dialect ShellCheck checks. */
  shell: string;
  source: ShellSource;
  /** Lines put in front of the script so that ShellCheck knows the stage's `ARG` and `ENV` variables. */
  prelude: string;
  /** The prelude and the script: what ShellCheck is given. */
  input: string;
}

/** A ShellCheck `json1` comment. */
export interface ShellcheckComment {
  line: number;
  endLine: number;
  column: number;
  endColumn: number;
  level: 'error' | 'warning' | 'info' | 'style';
  code: number;
  message: string;
}

const DIALECTS = new Set(['sh', 'bash', 'dash', 'ksh']);

/** The build's predefined ARGs, set in every `RUN` without being declared. */
const PREDEFINED_ARGS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'];

/** The `RUN` scripts of a file that ShellCheck can check, with the shell each runs in. */
export function shellcheckTargets(model: DockerfileModel): ShellcheckTarget[] {
  const targets: ShellcheckTarget[] = [];
  for (const outer of model.instructions) {
    // `ONBUILD RUN …` runs its script later, in the image built FROM this one: it is checked too.
    const instr = outer.trigger ?? outer;
    if (instr.keyword !== 'RUN' || !instr.stage) continue;
    const source = shellSource(model, instr);
    if (!source || source.text.trim() === '') continue;
    // A trigger runs in a later build, with that build's shell and without this stage's ARGs.
    const trigger = instr !== outer;
    const program = ((!trigger && stageShell(instr.stage, outer)?.[0]) || '/bin/sh').split('/').pop() ?? 'sh';
    const shell = program === 'ash' ? 'sh' : program;
    if (!DIALECTS.has(shell)) continue;
    const inScope = trigger ? envNames(instr.stage, outer) : variablesInScope(instr.stage, outer);
    const names = [...new Set([...PREDEFINED_ARGS, ...inScope])].sort();
    const prelude = names.map((n) => `export ${n}=\n`).join('');
    targets.push({ instr, shell, source, prelude, input: prelude + source.text });
  }
  return targets;
}

const SEVERITY: Record<ShellcheckComment['level'], Severity> = { error: 'error', warning: 'warning', info: 'info', style: 'hint' };

/** Offset in `text` of a 1-based line and column. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(offset + column - 1, text.length);
}

export function shellcheckFindings(model: DockerfileModel, target: ShellcheckTarget, comments: ShellcheckComment[]): Finding[] {
  const { text, docStart } = target.source;
  const preludeLines = target.prelude.split('\n').length - 1;
  return comments
    .filter((c) => !SHELLCHECK_EXCLUDED.includes(`SC${c.code}`) && c.line > preludeLines)
    .map((c) => {
      const start = offsetOf(text, c.line - preludeLines, c.column);
      const end = Math.max(start, offsetOf(text, c.endLine - preludeLines, c.endColumn));
      return {
        ruleId: `SC${c.code}`,
        severity: SEVERITY[c.level] ?? 'info',
        range: { start: model.positionAt(docStart(start)), end: model.positionAt(end > start ? docStart(end) : docStart(start)) },
        message: c.message.replace(/\.$/, ''),
      };
    });
}

export function isShellcheckCode(id: string): boolean {
  return /^SC\d{4}$/.test(id);
}

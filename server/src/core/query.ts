/** Lookups the rules share: stages in scope, RUN commands, cache mounts, edits next to words. */
import type { JSONInstruction } from 'dockerfile-ast';
import { flagsOf, type DockerfileModel, type Instr, type Stage } from './model';
import type { ShellCommand, ShellScript, ShellWord } from './shell';
import type { Edit, RuleScope } from './types';

export function stagesIn(model: DockerfileModel, scope: RuleScope): Stage[] {
  return scope === 'shipped-stages' ? model.stages.filter((s) => s.shipped) : model.stages;
}

export interface RunCommand {
  instr: Instr;
  script: ShellScript;
  command: ShellCommand;
}

export function runsIn(model: DockerfileModel, scope: RuleScope): Instr[] {
  return stagesIn(model, scope).flatMap((s) => s.instructions.filter((i) => i.keyword === 'RUN'));
}

export function commandsIn(model: DockerfileModel, scope: RuleScope): RunCommand[] {
  return runsIn(model, scope).flatMap((instr) => {
    const script = model.shell(instr);
    return script.commands.map((command) => ({ instr, script, command }));
  });
}

/** Whether a RUN mounts a cache (or tmpfs) over the given folder. */
export function hasCacheMount(instr: Instr, target: string | RegExp): boolean {
  return flagsOf(instr).some((flag) => {
    if (flag.getName().toLowerCase() !== 'mount') return false;
    const type = flag.getOption('type')?.getValue();
    const dest = flag.getOption('target')?.getValue() ?? flag.getOption('dst')?.getValue() ?? flag.getOption('destination')?.getValue();
    if ((type !== 'cache' && type !== 'tmpfs') || !dest) return false;
    const normalised = dest.replace(/\/+$/, '');
    return typeof target === 'string' ? normalised === target : target.test(normalised);
  });
}

/** Where a word sits in an exec-form (JSON) instruction: one of its strings, inside one (`sh -c "…"`), or neither. */
function jsonPlace(model: DockerfileModel, word: ShellWord): 'string' | 'inside' | undefined {
  const instr = model.instructions.find((i) => model.offsetAt(i.range.start) <= word.start && word.end <= model.offsetAt(i.range.end));
  const node = instr?.node as JSONInstruction | undefined;
  if (!node || typeof node.getJSONStrings !== 'function' || !node.getOpeningBracket()) return undefined;
  for (const s of node.getJSONStrings()) {
    const [start, end] = [s.getRange().start, s.getRange().end].map((p) => model.offsetAt(p));
    if (start === word.start && end === word.end) return 'string';
    if (start < word.start && word.end < end) return 'inside';
  }
  return undefined;
}

/** Inserts text right after a word (`install` → `install -y`); in exec form as new JSON strings (`"install", "-y"`). */
export function insertAfterWord(model: DockerfileModel, word: ShellWord, text: string): Edit {
  const at = model.positionAt(word.end);
  const place = jsonPlace(model, word);
  const newText =
    place === 'string'
      ? text
          .trim()
          .split(/\s+/)
          .map((w) => `, ${JSON.stringify(w)}`)
          .join('')
      : place === 'inside'
        ? JSON.stringify(text).slice(1, -1)
        : text;
  return { range: { start: at, end: at }, newText };
}

/** Replaces a word's text. */
export function replaceWord(word: ShellWord, text: string): Edit {
  return { range: word.range, newText: text };
}

/** The first argument equal to one of `values`. */
export function findArg(command: ShellCommand, ...values: string[]): ShellWord | undefined {
  return command.args.find((w) => values.includes(w.value));
}

/** `ENV` names set in a stage or the stages it is built from, before an instruction. */
export function envNames(stage: Stage, before?: Instr): Set<string> {
  const names = new Set<string>();
  for (let s: Stage | undefined = stage; s; s = s.baseStage) {
    for (const instr of s.instructions) {
      if (instr.keyword !== 'ENV' || (before && s === stage && instr.index > before.index)) continue;
      const node = instr.node as { getProperties?: () => Array<{ getName(): string }> };
      node.getProperties?.().forEach((p) => names.add(p.getName()));
    }
  }
  return names;
}

/** Whether a RUN's text can take more shell appended at its end (` && …`). */
export function canAppendTo(script: ShellScript, model: DockerfileModel): boolean {
  if (!script.ok || script.execForm || script.heredoc || script.comment) return false;
  const tail = model.text.slice(Math.max(0, script.end - 2), script.end);
  return !/(?:;|&|\|)$/.test(tail);
}

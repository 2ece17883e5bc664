/** Lookups the rules share: stages in scope, RUN commands, cache mounts, edits next to words. */
import type { JSONInstruction } from 'dockerfile-ast';
import { argDefinitions, flagsOf, memoFor, memoKey, stageShell, type DockerfileModel, type Instr, type Stage } from './model';
import type { ShellCommand, ShellScript, ShellWord } from './shell';
import type { ImageRef } from './image-ref';
import type { Edit, RuleScope } from './types';

export function stagesIn(model: DockerfileModel, scope: RuleScope): Stage[] {
  return scope === 'shipped-stages' ? model.stages.filter((s) => s.shipped) : model.stages;
}

export interface RunCommand {
  instr: Instr;
  script: ShellScript;
  command: ShellCommand;
}

/**
 * The `RUN`s of the stages in scope, with the `RUN` triggers of `ONBUILD` (they run in the images
 * built from the stage; `instr.onbuild` tells them apart).
 */
/** Per model and scope, computed once: most rules walk the same RUNs and commands. */
const RUNS = memoKey<Map<RuleScope, Instr[]>>('runs');
const COMMANDS = memoKey<Map<RuleScope, RunCommand[]>>('commands');

/** The `RUN`s of the stages in scope, `ONBUILD RUN` triggers included (shared: do not modify). */
export function runsIn(model: DockerfileModel, scope: RuleScope): readonly Instr[] {
  return memoFor(model, RUNS, scope, () =>
    stagesIn(model, scope).flatMap((s) =>
      s.instructions.flatMap((i) => (i.keyword === 'RUN' ? [i] : i.trigger?.keyword === 'RUN' ? [i.trigger] : [])),
    ),
  );
}

/** Every command of the `RUN`s in scope (shared: do not modify). */
export function commandsIn(model: DockerfileModel, scope: RuleScope): readonly RunCommand[] {
  return memoFor(model, COMMANDS, scope, () =>
    runsIn(model, scope).flatMap((instr) => {
      const script = model.shell(instr);
      return script.commands.map((command) => ({ instr, script, command }));
    }),
  );
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
  const node = (instr?.trigger ?? instr)?.node as JSONInstruction | undefined;
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

/** `ARG` and `ENV` names in scope at an instruction: set earlier in its stage or in the stages it is built from. */
export function variablesInScope(stage: Stage, before?: Instr): Set<string> {
  const names = envNames(stage, before);
  for (let s: Stage | undefined = stage; s; s = s.baseStage) {
    for (const instr of s.instructions) {
      if (instr.keyword !== 'ARG' || (before && s === stage && instr.index > before.index)) continue;
      argDefinitions(instr).forEach(([name]) => names.add(name));
    }
  }
  return names;
}

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * The value of a shell word for a check of its static text: undefined when it uses a variable that is
 * in scope (its value is unknown here), else the word with out-of-scope variables expanded to nothing.
 */
export function valueWithoutUnsetVariables(word: ShellWord, inScope: Set<string>): string | undefined {
  if (word.static) return word.value;
  let unknown = false;
  const value = word.raw.replace(/["']/g, '').replace(VARIABLE, (_m, braced: string | undefined, bare: string | undefined) => {
    if (inScope.has((braced ?? bare)!)) unknown = true;
    return '';
  });
  return unknown || /[`$]/.test(value) ? undefined : value.replace(/\\(.)/g, '$1');
}

/** Appends a command at the end of a `RUN` (` && yum clean all`), or undefined when text cannot be appended there. */
export function appendCommand(model: DockerfileModel, script: ShellScript, command: string): Edit | undefined {
  if (!canAppendTo(script, model)) return undefined;
  const at = model.positionAt(script.end);
  return { range: { start: at, end: at }, newText: ` && ${command}` };
}

/** The external image a stage is ultimately built from (following `FROM <stage>`), if it parses. */
export function rootImage(stage: Stage): ImageRef | undefined {
  const seen = new Set<Stage>();
  let s: Stage | undefined = stage;
  while (s?.baseStage && !seen.has(s)) {
    seen.add(s);
    s = s.baseStage;
  }
  return s?.image;
}

/** Whether a stage or a stage it is built from installs a package with a package manager (`apk add wget`, `apt-get install bash`). */
export function installsPackage(model: DockerfileModel, stage: Stage, name: string, before?: Instr): boolean {
  const managers = new Set(['apk', 'apt-get', 'apt', 'yum', 'dnf', 'microdnf', 'zypper']);
  const spec = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([=<>~-]\\d.*)?$`);
  for (let s: Stage | undefined = stage; s; s = s.baseStage) {
    for (const instr of s.instructions) {
      if (instr.keyword !== 'RUN' || (before && s === stage && instr.index > before.index)) continue;
      if (model.shell(instr).commands.some((c) => managers.has(c.name) && c.args.some((w) => spec.test(w.value)))) return true;
    }
  }
  return false;
}

/** Whether a stage builds a Windows image: a Windows base image, or a PowerShell or `cmd` `SHELL`. */
export function isWindowsStage(stage: Stage): boolean {
  const image = rootImage(stage);
  if (image && /(^|[/-])(windows|nanoserver|servercore|windowsservercore)([/:-]|$)|(^|-)ltsc\d{4}/i.test(`${image.repository}:${image.tag ?? ''}`)) return true;
  const shell = stageShell(stage);
  return shell !== undefined && /(^|[\\/])(powershell|pwsh|cmd)(\.exe)?$/i.test(shell[0] ?? '');
}

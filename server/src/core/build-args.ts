/** Build arguments as the Dockerfile builder sees them in `FROM` lines: the global `ARG`s and the automatic platform arguments. */
import { argDefinitions, flagsOf, memoKey, type DockerfileModel, type Instr } from './model';
import type { Range } from './types';
import { expandWithDefaults, variableReferences, type VariableReference } from './variables';

/**
 * Arguments BuildKit defines in the global scope without an `ARG` (the values stand for a build on
 * linux/amd64; they only matter for checking that a `FROM` resolves).
 */
export const AUTOMATIC_ARGS: Readonly<Record<string, string>> = {
  BUILDPLATFORM: 'linux/amd64',
  BUILDOS: 'linux',
  BUILDOSVERSION: '',
  BUILDARCH: 'amd64',
  BUILDVARIANT: '',
  TARGETPLATFORM: 'linux/amd64',
  TARGETOS: 'linux',
  TARGETOSVERSION: '',
  TARGETARCH: 'amd64',
  TARGETVARIANT: '',
  TARGETSTAGE: '',
};

export interface GlobalArgs {
  /** Values in `FROM` lines with only the defaults: automatic arguments and global `ARG` defaults (expanded); undefined when unset. */
  values: ReadonlyMap<string, string | undefined>;
  /** Names the global `ARG`s declare, with or without a default. */
  declared: ReadonlySet<string>;
  /** Names whose default cannot be evaluated here (`${NAME#prefix}`, template placeholders). */
  unknown: ReadonlySet<string>;
}

const GLOBAL_ARGS = memoKey<GlobalArgs>('globalArgs');

/** The global scope of `FROM` lines when no `--build-arg` is given (computed once per model). */
export function globalArgs(model: DockerfileModel): GlobalArgs {
  return model.memo(GLOBAL_ARGS, () => computeGlobalArgs(model));
}

function computeGlobalArgs(model: DockerfileModel): GlobalArgs {
  const values = new Map<string, string | undefined>(Object.entries(AUTOMATIC_ARGS));
  const declared = new Set<string>();
  const unknown = new Set<string>();
  for (const instr of model.globalArgs) {
    for (const [key, value] of argDefinitions(instr)) {
      declared.add(key);
      if (value === undefined) {
        if (!values.has(key)) values.set(key, undefined);
        continue;
      }
      const expanded = expandWithDefaults(value, (n) => values.get(n));
      if (expanded === undefined || variableReferences(value).some((r) => unknown.has(r.name))) unknown.add(key);
      else unknown.delete(key);
      values.set(key, expanded ?? '');
    }
  }
  return { values, declared, unknown };
}

/** Names usable in a `FROM` line: the global `ARG`s (with or without a default) and the automatic ones. */
export function fromScope(model: DockerfileModel): Set<string> {
  return new Set([...Object.keys(AUTOMATIC_ARGS), ...globalArgs(model).declared]);
}

/** A variable reference in the document. */
export interface PlacedReference extends VariableReference {
  /** Document range of the name. */
  nameRange: Range;
}

/** Variable references in a range of the document (one word or flag value). */
export function referencesIn(model: DockerfileModel, range: Range): PlacedReference[] {
  const base = model.offsetAt(range.start);
  return variableReferences(model.textOf(range), model.escapeChar).map((ref) => ({
    ...ref,
    nameRange: { start: model.positionAt(base + ref.nameStart), end: model.positionAt(base + ref.nameEnd) },
  }));
}

/** The range of the value of a `FROM --platform=` flag. */
export function platformRange(instr: Instr): Range | undefined {
  const flag = flagsOf(instr).find((f) => f.getName().toLowerCase() === 'platform');
  return flag?.getValueRange() ?? undefined;
}

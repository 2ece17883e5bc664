import { knownImageConfig } from '../base-images';
import { referencesIn, type PlacedReference } from '../build-args';
import { defineRule } from '../define-rule';
import { argDefinitions, flagsOf, type DockerfileModel, type Instr, type Stage } from '../model';
import { suggest } from '../suggest';
import type { Range } from '../types';

/** Instructions whose arguments the builder expands (shell-form `RUN`, `CMD`, `ENTRYPOINT` are left to the shell). */
const EXPANDED = new Set(['ADD', 'COPY', 'ENV', 'LABEL', 'USER', 'VOLUME', 'WORKDIR', 'STOPSIGNAL']);
/** Arguments BuildKit reads from the Dockerfile itself; they are not environment variables. */
const NOT_ENV = new Set(['BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE']);

/** Names defined in a stage: the environment (base image `ENV`s, `ENV`, `ARG`s with a value) and all declared `ARG`s. */
interface Scope {
  env: Set<string>;
  args: Set<string>;
}

/** Ranges of the words the builder expands in an instruction: arguments before any heredoc body, and `--chown`/`--chmod`. */
function expandedRanges(instr: Instr): Range[] {
  const node = instr.node as Instr['node'] & { getProperties?: () => Array<{ getNameRange(): Range; getValueRange(): Range | null }> };
  if ((instr.keyword === 'ENV' || instr.keyword === 'LABEL') && node.getProperties) {
    return node.getProperties().flatMap((p) => [p.getNameRange(), ...(p.getValueRange() ? [p.getValueRange()!] : [])]);
  }
  const args = instr.node.getArguments();
  const heredoc = args.find((a) => a.getValue().startsWith('<<'));
  const words = args.filter((a) => !heredoc || (a !== heredoc && a.getRange().start.line <= heredoc.getRange().start.line)).map((a) => a.getRange());
  const flags = flagsOf(instr).filter((f) => ['chown', 'chmod'].includes(f.getName().toLowerCase()));
  return [...flags.flatMap((f) => (f.getValueRange() ? [f.getValueRange()!] : [])), ...words];
}

function initialScope(stage: Stage, scopes: Map<Stage, Scope | undefined>): Scope | undefined {
  if (stage.baseStage) {
    const base = scopes.get(stage.baseStage);
    return base && { env: new Set(base.env), args: new Set(base.args) };
  }
  if (stage.isScratch) return { env: new Set(['PATH']), args: new Set() };
  const config = stage.image && knownImageConfig(stage.image);
  return config && { env: new Set(['PATH', ...config.env]), args: new Set() };
}

function undefinedRefs(model: DockerfileModel, ranges: Range[], scope: Scope): PlacedReference[] {
  return ranges
    .flatMap((r) => referencesIn(model, r))
    .filter((ref) => ref.modifier === undefined && !scope.env.has(ref.name) && !scope.args.has(ref.name) && !NOT_ENV.has(ref.name));
}

export default defineRule({
  id: 'var-declared',
  category: 'correctness',
  severity: 'warning',
  fixable: 'unsafe',
  scope: 'all-stages',
  aliases: ['UndefinedVar'],
  docs: {
    description: 'Variables used in `COPY`, `ADD`, `ENV`, `LABEL`, `WORKDIR`, `USER`, `VOLUME`, `STOPSIGNAL` and `ARG` defaults are declared before, by `ARG` or `ENV` in the stage or by the base image.',
    rationale:
      'The builder replaces an unknown variable with an empty string, silently: `COPY $SRC_DIR /app` copies the whole context, `ENV PATH=$PAHT:/opt/bin` loses the system `PATH`. A global `ARG` is not visible inside a stage until the stage declares it again with `ARG NAME`. When a defined name is close, the fix (to be reviewed) uses it. Shell-form `RUN`, `CMD` and `ENTRYPOINT` are left alone: the shell expands those at run time.',
    bad: 'FROM alpine:3.20\nARG APP_DIR=/srv/app\nCOPY . $APP_DIRR\n',
    good: 'FROM alpine:3.20\nARG APP_DIR=/srv/app\nCOPY . $APP_DIR\n',
    references: ['https://docs.docker.com/reference/build-checks/undefined-var/', 'https://docs.docker.com/reference/dockerfile/#environment-replacement'],
    differences:
      'BuildKit reads the `ENV` of every base image; offline, only `scratch`, the stages of the file and a few plain OS images (`alpine`, `debian`, `ubuntu`, `busybox`) are known, so stages built on other images are not checked. A reference with a default or alternative (`${NAME:-x}`, `${NAME:+x}`) is taken as deliberate and not reported.',
  },
  check({ model, report }) {
    const scopes = new Map<Stage, Scope | undefined>();
    for (const stage of model.stages) {
      const scope = initialScope(stage, scopes);
      scopes.set(stage, scope);
      if (!scope) continue;
      for (const instr of stage.instructions) {
        let refs: PlacedReference[] = [];
        if (instr.keyword === 'ARG') {
          const node = instr.node as Instr['node'] & { getProperties?: () => Array<{ getName(): string; getValueRange(): Range | null }> };
          const definitions = argDefinitions(instr);
          (node.getProperties?.() ?? []).forEach((property, i) => {
            const value = property.getValueRange();
            if (value) refs.push(...undefinedRefs(model, [value], scope));
            const [key, defaultValue] = definitions[i] ?? [property.getName(), undefined];
            scope.args.add(key);
            if (defaultValue !== undefined) scope.env.add(key);
          });
        } else if (EXPANDED.has(instr.keyword)) {
          refs = undefinedRefs(model, expandedRanges(instr), scope);
          if (instr.keyword === 'ENV') for (const [key] of argDefinitions(instr)) scope.env.add(key);
        }
        const seen = new Set<string>();
        for (const ref of refs) {
          if (seen.has(ref.name)) continue;
          seen.add(ref.name);
          const match = suggest(ref.name, scope.env);
          const same = refs.filter((r) => r.name === ref.name);
          report({
            range: ref.nameRange,
            message: `\`$${ref.name}\` is not defined${match ? ` (did you mean \`$${match}\`?)` : ''}`,
            fix: match ? { title: `Use \`$${match}\``, safety: 'unsafe', edits: () => same.map((r) => ({ range: r.nameRange, newText: match })) } : undefined,
          });
        }
      }
    }
  },
});

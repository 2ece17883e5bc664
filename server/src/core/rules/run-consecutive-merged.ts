import { defineRule } from '../define-rule';
import { dependencyInstall } from '../ecosystems';
import { eol } from '../edits';
import { flagsOf, type DockerfileModel, type Instr } from '../model';
import { canAppendTo, stagesIn } from '../query';
import { commandStart, shellTopLevel } from '../shell';
import { readPragmas } from '../suppressions';
import type { Edit } from '../types';

function flagText(model: DockerfileModel, instr: Instr): string {
  return flagsOf(instr)
    .map((f) => model.textOf(f.getRange()))
    .join(' ');
}

/** Joins `next` onto `prev` with ` && \`, keeping comment lines between them and dropping blank ones. */
function mergeEdit(model: DockerfileModel, prev: Instr, next: Instr): Edit | undefined {
  const prevScript = model.shell(prev);
  const nextScript = model.shell(next);
  if (!canAppendTo(prevScript, model) || !nextScript.ok || nextScript.execForm || nextScript.heredoc) return undefined;
  // `prev && next` must mean what the two RUNs meant: no `cd`/`export`/`set` leaking into next, and a failure of
  // prev must still fail the build (`a && b || c` and `a && b; c` would run `c` anyway).
  const prevTop = shellTopLevel(model, prev);
  const nextTop = shellTopLevel(model, next);
  if (!prevTop || prevTop.changesState || !nextTop || nextTop.operators.some((op) => op !== '&&')) return undefined;
  const nextShellStart = commandStart(model, next);
  if (nextShellStart === undefined) return undefined;
  // A pragma for `next` would end up inside the merged RUN and apply to the instruction after it.
  if (readPragmas(model).some((p) => !p.global && p.line > prev.range.end.line && p.line < next.range.start.line)) return undefined;
  const between = model.text.slice(prevScript.end, model.offsetAt(next.range.start));
  const comments = between
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('#'));
  const nl = eol(model);
  const esc = model.escapeChar;
  const newText = ` && ${esc}${nl}${comments.map((c) => `    ${c}${nl}`).join('')}    `;
  return { range: { start: model.positionAt(prevScript.end), end: model.positionAt(nextShellStart) }, newText };
}

/** A `RUN` that only installs dependencies from manifests is kept as its own layer so it stays cached. */
function isDependencyInstall(model: DockerfileModel, instr: Instr): boolean {
  const commands = model.shell(instr).commands;
  return commands.length > 0 && commands.every((c) => dependencyInstall(c) !== undefined);
}

export default defineRule({
  id: 'run-consecutive-merged',
  category: 'size',
  severity: 'warning',
  fixable: 'safe',
  scope: 'shipped-stages',
  aliases: ['DL3059'],
  docs: {
    description: 'Consecutive `RUN` instructions of a shipped stage are merged into one.',
    rationale:
      'Every `RUN` adds a layer. Files deleted in a later layer still take space in the earlier one, so a cleanup in its own `RUN` saves nothing, and many small layers slow down pulls. Builder stages are not shipped and may keep separate `RUN`s for better build caching.',
    bad: 'FROM debian:bookworm-slim\nRUN mkdir -p /app\nRUN chown nobody /app\n',
    good: 'FROM debian:bookworm-slim\nRUN mkdir -p /app && \\\n    chown nobody /app\n',
    references: [
      'https://docs.docker.com/build/building/best-practices/#minimize-the-number-of-layers',
      'https://github.com/hadolint/hadolint/wiki/DL3059',
    ],
    differences:
      'hadolint reports consecutive `RUN`s in every stage; this rule only in the stages that are shipped, because separate `RUN`s in a builder stage cost nothing in the final image and can improve caching. A `RUN` that only installs dependencies from manifest files (`npm ci`, `pip install -r requirements.txt`, `go mod download`…) is left as its own layer: that layer is what keeps the install cached. hadolint also stays quiet when either `RUN` already chains commands (`a && b`, `a; b`); this rule does not, since such a `RUN` adds a layer just the same.',
  },
  check({ model, report }) {
    for (const stage of stagesIn(model, 'shipped-stages')) {
      const list = stage.instructions;
      for (let n = 1; n < list.length; n++) {
        const prev = list[n - 1];
        const next = list[n];
        if (prev.keyword !== 'RUN' || next.keyword !== 'RUN') continue;
        if (flagText(model, prev) !== flagText(model, next)) continue;
        if (isDependencyInstall(model, prev)) continue;
        const edit = mergeEdit(model, prev, next);
        report({
          range: next.node.getInstructionRange(),
          message: 'Consecutive `RUN` instructions each add a layer; merge them into one',
          fix: edit && { title: 'Merge with the previous `RUN`', safety: 'safe', edits: () => [edit] },
        });
      }
    }
  },
});

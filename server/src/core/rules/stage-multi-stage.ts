import { defineRule } from '../define-rule';
import { planSplit } from '../refactor/split';
import { aptCommand, subcommandWord } from '../package-managers';
import { commandsIn } from '../query';
import type { ShellCommand } from '../shell';
import { compilerPackages, toolchainUse } from '../toolchains';

/** `apt-get purge`/`remove`/`autoremove` or `apk del`: a RUN that builds and then removes its build packages ships no toolchain. */
function removesPackages(command: ShellCommand): boolean {
  if (aptCommand(command, ['purge', 'remove', 'autoremove'], ['apt-get', 'apt'])) return true;
  return command.name === 'apk' && subcommandWord(command)?.value === 'del';
}

export default defineRule({
  id: 'stage-multi-stage',
  category: 'size',
  severity: 'warning',
  fixable: 'unsafe',
  scope: 'shipped-stages',
  aliases: [],
  docs: {
    description: 'Software is built in a builder stage, and only the result is copied into the shipped stage.',
    rationale:
      'When the shipped image also builds the application, it carries the whole toolchain: compilers, dev dependencies, package caches, sources and intermediate files. A single-stage Node image is typically over 1 GB; as a two-stage build it is under 200 MB. Less software in the runtime image also means fewer vulnerabilities and no compiler for an attacker to use.',
    bad: 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nUSER node\nCMD ["node", "dist/index.js"]\n',
    good:
      'FROM node:20 AS builder\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n\nFROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY --from=builder /app/dist ./dist\nUSER node\nCMD ["node", "dist/index.js"]\n',
    references: ['https://docs.docker.com/build/building/multi-stage/', 'https://docs.docker.com/build/building/best-practices/#use-multi-stage-builds'],
    differences:
      'The fix rewrites the file for the detected ecosystem (Node/TypeScript services, static front-ends served by an unprivileged nginx, …) from the Dockerfile and its build context (package.json, lockfiles, tsconfig.json, framework configuration). When it cannot produce a correct result — an unknown ecosystem, a build output it cannot locate, `ONBUILD`, a `RUN` whose purpose at run time is unclear — it offers no fix and the message says why.',
  },
  check({ model, files, config, report }) {
    if (model.stages.length === 0 || !model.stages.every((s) => s.shipped)) return;
    /** A RUN that builds and then removes its build packages ships no toolchain (decided once per RUN). */
    const cleansUp = new Map<object, boolean>();
    for (const { instr, script, command } of commandsIn(model, 'shipped-stages')) {
      if (!cleansUp.has(script)) cleansUp.set(script, script.commands.some(removesPackages));
      if (instr.onbuild || cleansUp.get(script)) continue;
      const tool = toolchainUse(command);
      const packages = compilerPackages(command);
      if (!tool && packages.length === 0) continue;
      const what = tool ? `builds with \`${tool}\`` : `installs \`${packages.join('`, `')}\``;
      const plan = planSplit(model, files, { goRuntime: config.goRuntime });
      const whole = { start: { line: 0, character: 0 }, end: model.positionAt(model.text.length) };
      report({
        range: command.range,
        message: `The shipped image ${what}, so the toolchain ships too; use a multi-stage build${plan.ok ? '' : ` (no automatic split: ${plan.reason})`}`,
        fix: plan.ok ? { title: 'Split into builder and runtime stages', safety: 'unsafe', review: true, notes: plan.notes, edits: () => [{ range: whole, newText: plan.text }] } : undefined,
      });
      return;
    }
  },
});

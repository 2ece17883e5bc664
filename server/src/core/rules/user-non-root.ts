import { builtInUser, defaultNonRootUser, imageFamily } from '../base-images';
import { defineRule } from '../define-rule';
import { insertLinesAfter, insertLinesBefore } from '../edits';
import type { DockerfileModel, Instr, Stage } from '../model';
import type { Edit } from '../types';

const APP_USER = 'app';
const ROOT = /^(root|0)(:.*)?$/;

/** The last `USER` of the final stage or, failing that, of the stages it is built from. */
function effectiveUser(stage: Stage): Instr | undefined {
  for (let s: Stage | undefined = stage; s; s = s.baseStage) {
    const users = s.instructions.filter((i) => i.keyword === 'USER');
    if (users.length) return users[users.length - 1];
  }
  return undefined;
}

/** The lines that create (if needed) and switch to a non-root user for the stage's base image. */
function userLines(stage: Stage): string[] | undefined {
  let root: Stage = stage;
  while (root.baseStage) root = root.baseStage;
  if (root.isScratch) return ['USER 65532:65532'];
  const image = root.image;
  if (!image) return undefined;
  const existing = builtInUser(image);
  if (existing) return [`USER ${existing}`];
  switch (imageFamily(image)) {
    case 'alpine':
    case 'busybox':
      return [`RUN addgroup -S ${APP_USER} && adduser -S -G ${APP_USER} -H -D ${APP_USER}`, `USER ${APP_USER}`];
    case 'debian':
    case 'rhel':
      return [`RUN groupadd --system ${APP_USER} && useradd --system --gid ${APP_USER} --no-create-home ${APP_USER}`, `USER ${APP_USER}`];
    default:
      return undefined;
  }
}

/** Before the first CMD/ENTRYPOINT after the stage's last RUN, or after the stage's last instruction. */
function userEdit(model: DockerfileModel, stage: Stage, lines: string[]): Edit {
  const list = stage.instructions;
  let lastBuildStep = -1;
  list.forEach((i, n) => {
    if (['RUN', 'COPY', 'ADD', 'USER', 'WORKDIR'].includes(i.keyword)) lastBuildStep = n;
  });
  const start = list.slice(lastBuildStep + 1).find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
  if (start) return insertLinesBefore(model, start, lines);
  return insertLinesAfter(model, list[list.length - 1] ?? stage.from, lines);
}

export default defineRule({
  id: 'user-non-root',
  category: 'security',
  severity: 'warning',
  fixable: 'unsafe',
  scope: 'shipped-stages',
  aliases: ['DL3002'],
  docs: {
    description: 'The shipped image runs as a non-root user.',
    rationale:
      'A process running as root inside a container is root on the container\'s file system and, after any container escape, a privileged user on the host. Switching to an unprivileged user in the final stage limits what an exploited application can do. Builder stages may stay root: they are not shipped.',
    bad: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n',
    good: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
    references: [
      'https://docs.docker.com/build/building/best-practices/#user',
      'https://github.com/hadolint/hadolint/wiki/DL3002',
    ],
    differences:
      'hadolint\'s DL3002 only reports a last `USER` that is root. This rule also reports a final stage with no `USER` at all (unless its base image is known to default to a non-root user, such as distroless `:nonroot`), and it ignores builder stages.',
  },
  check({ model, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    const user = effectiveUser(stage);
    if (user) {
      const name = user.node.getArgumentsContent()?.trim() ?? '';
      if (!ROOT.test(name)) return;
      const lines = userLines(stage);
      report({
        range: user.range,
        message: `The image runs as \`${name}\`: the last \`USER\` of the final stage is root`,
        fix: lines && { title: `Switch to a non-root user (\`${lines[lines.length - 1]}\`)`, safety: 'unsafe', edits: () => [userEdit(model, stage, lines)] },
      });
      return;
    }
    let root: Stage = stage;
    while (root.baseStage) root = root.baseStage;
    if (root.image && defaultNonRootUser(root.image)) return;
    const lines = userLines(stage);
    report({
      range: stage.from.range,
      message: 'The image runs as root: the final stage sets no `USER`',
      fix: lines && { title: `Add \`${lines[lines.length - 1]}\` before the container starts`, safety: 'unsafe', edits: () => [userEdit(model, stage, lines)] },
    });
  },
});

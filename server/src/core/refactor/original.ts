/** The single-stage Dockerfile being split, read into the parts the rewrite keeps, moves or drops. */
import { eol } from '../edits';
import { flagsOf, type DockerfileModel, type Instr, type Stage } from '../model';
import type { ImageRef } from '../image-ref';

export interface Item {
  instr: Instr;
  keyword: string;
  /** The instruction as written, continuation lines included. */
  text: string;
  /** Comment lines directly above the instruction. */
  comments: string[];
}

export interface OriginalStage {
  /** Everything before the `FROM`: parser directives, comments, global `ARG`s, as written. */
  header: string;
  /** `--platform=…` as written, if any. */
  platformFlag?: string;
  /** The base image as written (`node:${NODE_VERSION}`) and as resolved. */
  imageText: string;
  image?: ImageRef;
  items: Item[];
  /** The last absolute `WORKDIR`, if any. */
  workdir?: string;
  /** `ENV`, `ARG`, `EXPOSE`, `LABEL`, `HEALTHCHECK`, `VOLUME`, `STOPSIGNAL` items, in order. */
  runtimeSettings: Item[];
  /** The last `USER`, if any. */
  user?: Item;
  entrypoint?: Item;
  cmd?: Item;
  eol: string;
}

const RUNTIME_SETTINGS = new Set(['ENV', 'ARG', 'EXPOSE', 'LABEL', 'HEALTHCHECK', 'VOLUME', 'STOPSIGNAL', 'SHELL']);

function commentsAbove(model: DockerfileModel, instr: Instr, previousEnd: number): string[] {
  const lines = model.document.getText({ start: { line: previousEnd, character: 0 }, end: { line: instr.range.start.line, character: 0 } }).split(/\r?\n/);
  const comments: string[] = [];
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i].trim();
    if (line === '' && comments.length === 0) continue;
    if (!line.startsWith('#')) break;
    comments.unshift(line);
  }
  return comments;
}

export function readOriginal(model: DockerfileModel, stage: Stage): OriginalStage {
  const fromLine = stage.from.range.start.line;
  const header = model.document.getText({ start: { line: 0, character: 0 }, end: { line: fromLine, character: 0 } });
  const platform = flagsOf(stage.from).find((f) => f.getName().toLowerCase() === 'platform');
  const items: Item[] = [];
  let previousEnd = stage.from.range.end.line + 1;
  for (const instr of stage.instructions) {
    items.push({ instr, keyword: instr.keyword, text: model.textOf(instr.range), comments: commentsAbove(model, instr, previousEnd) });
    previousEnd = instr.range.end.line + 1;
  }
  const last = (keyword: string) => items.filter((i) => i.keyword === keyword).at(-1);
  const workdirs = items.filter((i) => i.keyword === 'WORKDIR').map((i) => i.instr.node.getArgumentsContent()?.trim() ?? '');
  const workdir = workdirs.at(-1);
  return {
    header,
    platformFlag: platform ? model.textOf(platform.getRange()) : undefined,
    imageText: stage.imageText,
    image: stage.image,
    items,
    workdir: workdir && workdir.startsWith('/') && !workdir.includes('$') ? workdir.replace(/\/+$/, '') || '/' : undefined,
    runtimeSettings: items.filter((i) => RUNTIME_SETTINGS.has(i.keyword)),
    user: last('USER'),
    entrypoint: last('ENTRYPOINT'),
    cmd: last('CMD'),
    eol: eol(model),
  };
}

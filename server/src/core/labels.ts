/** `LABEL` key/value pairs, the labels each image of the file carries, and checks of label values by type. */
import type { Label } from 'dockerfile-ast';
import type { DockerfileModel, Instr, Stage } from './model';
import { SPDX_EXCEPTIONS, SPDX_LICENSES } from './spdx';
import type { LabelType, Range } from './types';

export interface LabelPair {
  instr: Instr;
  key: string;
  /** The value after quote removal. */
  value: string;
  keyRange: Range;
  /** Range of the value as written; the key's range when there is none. */
  valueRange: Range;
}

/** The pairs of a `LABEL` instruction (or of the `LABEL` trigger of an `ONBUILD`). */
export function labelPairs(instr: Instr): LabelPair[] {
  const target = instr.keyword === 'LABEL' ? instr : instr.trigger?.keyword === 'LABEL' ? instr.trigger : undefined;
  if (!target) return [];
  const node = target.node as Label;
  if (typeof node.getProperties !== 'function') return [];
  return node.getProperties().map((p) => ({
    instr,
    key: unquote(p.getName()),
    value: p.getValue() ?? '',
    keyRange: p.getNameRange(),
    valueRange: p.getValueRange() ?? p.getNameRange(),
  }));
}

function unquote(text: string): string {
  return /^(["']).*\1$/s.test(text) ? text.slice(1, -1) : text;
}

/** Every `LABEL` pair of the file, in order (including `LABEL`s before the first `FROM`). */
export function allLabelPairs(model: DockerfileModel): LabelPair[] {
  return model.instructions.filter((i) => i.keyword === 'LABEL').flatMap(labelPairs);
}

/**
 * The stages that produce an image someone can ship: the ones no other stage is built `FROM` or
 * copies from. The final stage is one of them; the others are extra `--target`s.
 */
export function imageStages(model: DockerfileModel): Stage[] {
  return model.stages.filter((s) => s.usedBy.length === 0 && !model.stages.some((other) => other.baseStage === s));
}

/** The labels an image built from a stage carries: its own and those of the stages it is built `FROM`, later ones winning. */
export function stageLabels(stage: Stage): Map<string, LabelPair> {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s && !chain.includes(s); s = s.baseStage) chain.unshift(s);
  const labels = new Map<string, LabelPair>();
  for (const s of chain) for (const instr of s.instructions) for (const pair of labelPairs(instr).filter(() => instr.keyword === 'LABEL')) labels.set(pair.key, pair);
  return labels;
}

/** The pairs of the file whose key the schema gives the type `type`. */
export function schemaPairs(model: DockerfileModel, schema: Record<string, LabelType> | undefined, type?: LabelType): LabelPair[] {
  if (!schema) return [];
  return allLabelPairs(model).filter((p) => Object.hasOwn(schema, p.key) && (type === undefined || schema[p.key] === type));
}

const URL = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s/?#]+[^\s]*$/;
/** RFC 3339 `date-time` (`2024-05-01T12:00:00Z`, fractional seconds and offsets allowed). */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2}|60)(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const GIT_HASH = /^(?:[0-9a-f]{7,40}|[0-9a-f]{64})$/;
/** Semantic Versioning 2.0.0, from semver.org. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
/** An address with a local part and a domain with a dot (the HTML `type=email` grammar, requiring a dot). */
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;

function isRfc3339(value: string): boolean {
  const m = RFC3339.exec(value);
  if (!m) return false;
  const [month, day, hour, minute] = [m[2], m[3], m[4], m[5]].map(Number);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59;
}

const LICENSE_IDS = new Set(SPDX_LICENSES.map((id) => id.toLowerCase()));
const EXCEPTION_IDS = new Set(SPDX_EXCEPTIONS.map((id) => id.toLowerCase()));

/** An SPDX license expression: license ids (with `+`, `LicenseRef-…`) joined by `AND`/`OR`, `WITH` exceptions, parentheses. */
export function isSpdxExpression(value: string): boolean {
  const tokens = value.match(/\(|\)|[^\s()]+/g);
  if (!tokens) return false;
  let i = 0;
  const license = (): boolean => {
    const t = tokens[i];
    if (t === undefined) return false;
    if (t === '(') {
      i++;
      if (!expression() || tokens[i] !== ')') return false;
      i++;
      return true;
    }
    const id = t.replace(/\+$/, '');
    if (!LICENSE_IDS.has(id.toLowerCase()) && !/^(DocumentRef-[\w.-]+:)?LicenseRef-[\w.-]+$/.test(id)) return false;
    i++;
    if (tokens[i]?.toUpperCase() === 'WITH') {
      i++;
      const exception = tokens[i];
      if (!exception || (!EXCEPTION_IDS.has(exception.toLowerCase()) && !/^AdditionRef-[\w.-]+$/.test(exception))) return false;
      i++;
    }
    return true;
  };
  const expression = (): boolean => {
    if (!license()) return false;
    while (tokens[i] !== undefined && /^(AND|OR)$/i.test(tokens[i])) {
      i++;
      if (!license()) return false;
    }
    return true;
  };
  return expression() && i === tokens.length;
}

/** Whether a label value has the schema type; `text` takes anything. */
export function hasLabelType(value: string, type: LabelType): boolean {
  switch (type) {
    case 'text':
      return true;
    case 'url':
      return URL.test(value);
    case 'rfc3339':
      return isRfc3339(value);
    case 'hash':
      return GIT_HASH.test(value);
    case 'semver':
      return SEMVER.test(value);
    case 'email':
      // `Jane Doe <jane@example.com>` names the address too.
      return EMAIL.test(/^[^<>@]*<([^<>]+)>$/.exec(value.trim())?.[1] ?? value);
    case 'spdx':
      return isSpdxExpression(value);
  }
}

/** Whether a value as written uses a variable outside single quotes (its value is unknown here). */
export function usesVariable(raw: string): boolean {
  return /(^|[^\\])\$(\{|[A-Za-z_])/.test(raw.replace(/'[^']*'/g, ''));
}

/** Reports the labels of the file that the schema gives `type` and whose value does not have it. */
export function checkLabelValues(
  ctx: { model: DockerfileModel; config: { labelSchema?: Record<string, LabelType> }; report(r: { range: Range; message: string }): void },
  type: LabelType,
  what: string,
): void {
  for (const pair of schemaPairs(ctx.model, ctx.config.labelSchema, type)) {
    if (pair.value === '' || usesVariable(ctx.model.textOf(pair.valueRange))) continue;
    if (hasLabelType(pair.value, type)) continue;
    ctx.report({ range: pair.valueRange, message: `Label \`${pair.key}\` is not ${what}: \`${pair.value}\`` });
  }
}

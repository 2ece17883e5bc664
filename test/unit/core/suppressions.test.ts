import { beforeAll, describe, expect, it } from 'vitest';
import { hasBuildkitAlias, idsFor } from '../../../server/src/core/catalog';
import { lint } from '../../../server/src/core/lint';
import { parseDockerfile } from '../../../server/src/core/model';
import { checkDirectiveSkips, checkOptions, parseCheckOptions, readInlineChecks, readPragmas, readSuppressions } from '../../../server/src/core/suppressions';
import type { Finding } from '../../../server/src/core/types';
import { loadShellParser } from '../../../server/src/io/shell-wasm';

beforeAll(() => loadShellParser());

/** `rule@line` (1-based) of the findings of the given rules. */
function found(text: string, ...ruleIds: string[]): string[] {
  return lint(text)
    .findings.filter((f) => ruleIds.includes(f.ruleId))
    .map((f) => `${f.ruleId}@${f.range.start.line + 1}`);
}

const APT = 'RUN apt-get update && apt-get install curl && rm -rf /var/lib/apt/lists/*';

describe('readPragmas', () => {
  it('reads our and hadolint pragmas, local and global, with their lines', () => {
    const model = parseDockerfile(
      '# dockerfile-optimizer global ignore=from-digest-pinned\nFROM node:20\n#hadolint ignore=DL3008, DL3015\nRUN x\n  # dockerfile-optimizer   ignore = apt-assume-yes,cmd-exec-form  \r\nRUN y\n# just a comment about ignore=x\n',
    );
    expect(readPragmas(model)).toEqual([
      { tool: 'dockerfile-optimizer', global: true, tokens: ['from-digest-pinned'], line: 0 },
      { tool: 'hadolint', global: false, tokens: ['DL3008', 'DL3015'], line: 2 },
      { tool: 'dockerfile-optimizer', global: false, tokens: ['apt-assume-yes', 'cmd-exec-form'], line: 4 },
    ]);
  });

  it('ignores other tools and misspelled pragmas', () => {
    const model = parseDockerfile('# eslint ignore=x\n# dockerfile-optimiser ignore=apt-assume-yes\n# hadolint disable=DL3008\nFROM x\n');
    expect(readPragmas(model)).toEqual([]);
  });
});

describe('checkDirectiveSkips', () => {
  it('reads skip= from the check directive, among other keys', () => {
    expect(checkDirectiveSkips(parseDockerfile('# check=skip=JSONArgsRecommended,StageNameCasing\nFROM x\n'))).toEqual(['JSONArgsRecommended', 'StageNameCasing']);
    expect(checkDirectiveSkips(parseDockerfile('# syntax=docker/dockerfile:1\n# check=error=true;skip=all\nFROM x\n'))).toEqual(['all']);
    expect(checkDirectiveSkips(parseDockerfile('# check=error=true\nFROM x\n'))).toEqual([]);
  });

  it('is a parser directive only at the top of the file', () => {
    expect(checkDirectiveSkips(parseDockerfile('FROM x\n# check=skip=all\n'))).toEqual([]);
    expect(checkDirectiveSkips(parseDockerfile('# a comment\n# check=skip=all\nFROM x\n'))).toEqual([]);
    expect(checkDirectiveSkips(parseDockerfile('\n# check=skip=all\nFROM x\n'))).toEqual([]);
  });
});

describe('suppressions in lint', () => {
  it('our pragma applies to the next instruction only', () => {
    const text = `FROM debian:12\n# dockerfile-optimizer ignore=apt-assume-yes\n${APT}\n${APT}\n`;
    expect(found(text, 'apt-assume-yes')).toEqual(['apt-assume-yes@4']);
  });

  it('the next instruction may follow after blank and comment lines', () => {
    const text = `FROM debian:12\n# dockerfile-optimizer ignore=apt-assume-yes\n\n# install curl\n${APT}\n`;
    expect(found(text, 'apt-assume-yes')).toEqual([]);
  });

  it('covers every line of a multi-line instruction', () => {
    const text = 'FROM debian:12\n# dockerfile-optimizer ignore=apt-assume-yes\nRUN apt-get update && \\\n    apt-get install curl && \\\n    apt-get install vim\nRUN apt-get install git\n';
    expect(found(text, 'apt-assume-yes')).toEqual(['apt-assume-yes@6']);
  });

  it('lists several ids and aliases, and leaves other rules alone', () => {
    const text = `FROM debian:12\n# dockerfile-optimizer ignore=apt-assume-yes, DL3015\n${APT}\n`;
    expect(found(text, 'apt-assume-yes', 'apt-no-install-recommends', 'user-non-root')).toEqual(['user-non-root@1']);
  });

  it('our global pragma applies to the whole file, wherever it is', () => {
    const text = `FROM debian:12\n${APT}\n${APT}\n# dockerfile-optimizer global ignore=apt-assume-yes\n`;
    expect(found(text, 'apt-assume-yes', 'apt-no-install-recommends')).toEqual(['apt-no-install-recommends@2', 'apt-no-install-recommends@3']);
  });

  it('hadolint pragmas use the hadolint codes, case-insensitively', () => {
    const text = `FROM debian:12\n# hadolint ignore=dl3014\n${APT}\n${APT}\n`;
    expect(found(text, 'apt-assume-yes')).toEqual(['apt-assume-yes@4']);
  });

  it('hadolint global pragmas', () => {
    const text = `# hadolint global ignore=DL3014,DL3015\nFROM debian:12\n${APT}\n${APT}\n`;
    expect(found(text, 'apt-assume-yes', 'apt-no-install-recommends')).toEqual([]);
  });

  it('a hadolint code stands for one of our rules', () => {
    expect(idsFor('DL3006')).toEqual(['from-tag-explicit']);
    expect(found('# hadolint ignore=DL3006\nFROM node\n', 'from-tag-explicit')).toEqual([]);
  });

  it('BuildKit check=skip names a check', () => {
    const text = '# check=skip=JSONArgsRecommended\nFROM node:20\nCMD node server.js\nENTRYPOINT node x.js\n';
    expect(found(text, 'cmd-exec-form')).toEqual([]);
  });

  it('BuildKit check=skip=all skips the rules that stand for BuildKit checks, not the others', () => {
    expect(hasBuildkitAlias('cmd-exec-form')).toBe(true);
    expect(hasBuildkitAlias('apt-assume-yes')).toBe(false);
    const text = `# check=skip=all\nFROM debian:12\n${APT}\nCMD bash\n`;
    expect(found(text, 'cmd-exec-form', 'apt-assume-yes')).toEqual(['apt-assume-yes@3']);
  });

  it('BuildKit check=skip also covers validator codes with BuildKit names', () => {
    const text = 'FROM node:20\nCMD ["a"]\nCMD ["b"]\n';
    expect(found(text, 'syntax-multiple-instructions')).toEqual(['syntax-multiple-instructions@2']);
    expect(found(`# check=skip=MultipleInstructionsDisallowed\n${text}`, 'syntax-multiple-instructions')).toEqual([]);
    expect(found('FROM node:20\n# hadolint ignore=DL4003\nCMD ["a"]\nCMD ["b"]\n', 'syntax-multiple-instructions')).toEqual([]);
  });

  it('works in CRLF files', () => {
    const text = `FROM debian:12\r\n# hadolint ignore=DL3014\r\n${APT}\r\n${APT}\r\n`;
    expect(found(text, 'apt-assume-yes')).toEqual(['apt-assume-yes@4']);
  });

  it('a pragma after the last instruction suppresses nothing', () => {
    expect(found(`FROM debian:12\n${APT}\n# dockerfile-optimizer ignore=apt-assume-yes\n`, 'apt-assume-yes')).toEqual(['apt-assume-yes@2']);
  });

  it('unknown tokens are ignored', () => {
    expect(found(`FROM debian:12\n# dockerfile-optimizer ignore=no-such-rule\n${APT}\n`, 'apt-assume-yes')).toEqual(['apt-assume-yes@3']);
  });
});

describe('readSuppressions', () => {
  const finding = (ruleId: string, line: number): Finding => ({
    ruleId,
    severity: 'warning',
    message: 'x',
    range: { start: { line, character: 0 }, end: { line, character: 1 } },
  });

  it('answers per rule and line, with the lookups it is given', () => {
    const model = parseDockerfile('# check=skip=Alpha\nFROM x\n# dockerfile-optimizer ignore=B\nRUN a \\\n  b\nRUN c\n');
    const ids: Record<string, string[]> = { alpha: ['rule-a'], b: ['rule-b'] };
    const s = readSuppressions(model, (t) => ids[t.toLowerCase()] ?? [], () => false);
    expect(s.pragmas.map((p) => p.line)).toEqual([2]);
    expect(s.isSuppressed(finding('rule-a', 5))).toBe(true);
    expect(s.isSuppressed(finding('rule-b', 3))).toBe(true);
    expect(s.isSuppressed(finding('rule-b', 4))).toBe(true);
    expect(s.isSuppressed(finding('rule-b', 5))).toBe(false);
    expect(s.isSuppressed(finding('rule-c', 3))).toBe(false);
  });

  it('check=skip=all uses the BuildKit lookup', () => {
    const model = parseDockerfile('# check=skip=all\nFROM x\n');
    const s = readSuppressions(model, () => [], (id) => id === 'rule-k');
    expect(s.isSuppressed(finding('rule-k', 1))).toBe(true);
    expect(s.isSuppressed(finding('rule-h', 1))).toBe(false);
  });
});

describe('BuildKit check options', () => {
  it('parses skip, error and experimental as BuildKit does', () => {
    expect(parseCheckOptions('skip=A, B;error=true;experimental=C')).toEqual({ skipAll: false, skip: ['A', 'B'], error: true, experimentalAll: false, experimental: ['C'] });
    expect(parseCheckOptions(' skip = all ; error=1 ; experimental=all')).toEqual({ skipAll: true, skip: [], error: true, experimentalAll: true, experimental: [] });
    expect(parseCheckOptions('error=false;bogus;unknown=1')).toEqual({ skipAll: false, skip: [], error: false, experimentalAll: false, experimental: [] });
  });

  it('the build argument replaces the directive', () => {
    const model = parseDockerfile('#check=skip=all\nFROM scratch as base\n');
    expect(checkOptions(model).skipAll).toBe(true);
    expect(checkOptions(model, 'skip=ConsistentInstructionCasing;error=true')).toMatchObject({ skipAll: false, skip: ['ConsistentInstructionCasing'], error: true });
  });

  it('reads check comments above an instruction, but not the directive itself', () => {
    const model = parseDockerfile('# check=skip=all\nFROM scratch\n# check=skip=A,B // why\n# another comment\nENV a=1\n');
    expect(readInlineChecks(model)).toEqual([{ from: 4, to: 4, options: expect.objectContaining({ skip: ['A', 'B'] }) }]);
  });

  it('error=true makes the findings of BuildKit checks errors, and only those', () => {
    const text = '#check=error=true\nFROM scratch as base\nRUN apk add curl\n';
    const findings = lint(text).findings;
    expect(findings.find((f) => f.ruleId === 'from-as-matching-case')?.severity).toBe('error');
    expect(findings.find((f) => f.ruleId === 'apk-no-cache')?.severity).toBe('warning');
    expect(lint('FROM scratch as base\n', { buildkitCheck: 'error=true' }).findings.find((f) => f.ruleId === 'from-as-matching-case')?.severity).toBe('error');
  });

  it('a check comment skips checks for the next instruction only; skip=all there only BuildKit checks', () => {
    const text = 'FROM alpine:3.20\n# check=skip=all\nENV API_TOKEN=x\nENV DB_PASSWORD=y\n';
    expect(found(text, 'secret-not-in-arg-or-env')).toEqual(['secret-not-in-arg-or-env@4']);
    expect(found('FROM alpine:3.20\n# check=skip=all\nRUN apk add curl\n', 'apk-no-cache')).toEqual(['apk-no-cache@3']);
  });

  it('experimental checks report only when enabled, and skip does not apply to them', () => {
    const body = '# the foo\nARG foo=1\nFROM scratch\n';
    expect(found(body, 'instruction-description-format')).toEqual([]);
    expect(found(`# check=experimental=InvalidDefinitionDescription\n${body}`, 'instruction-description-format')).toEqual(['instruction-description-format@3']);
    expect(found(`# check=skip=all;experimental=all\n${body}`, 'instruction-description-format')).toEqual(['instruction-description-format@3']);
    expect(lint(body, { buildkitCheck: 'experimental=InvalidDefinitionDescription' }).findings.map((f) => f.ruleId)).toContain('instruction-description-format');
  });

  it('hadolint pragmas can be turned off (disable-ignore-pragma)', () => {
    const text = `FROM debian:12\n# hadolint ignore=DL3014\n${APT}\n`;
    expect(lint(text, { hadolintPragmas: false }).findings.map((f) => f.ruleId)).toContain('apt-assume-yes');
    expect(found(text, 'apt-assume-yes')).toEqual([]);
  });
});

describe('hadolint pragma details', () => {
  it('a remark after the list is allowed', () => {
    expect(found(`FROM debian:12\n# hadolint ignore=DL3014 # no prompt in this image\n${APT}\n`, 'apt-assume-yes')).toEqual([]);
  });

  it('a token that is neither a code nor an id voids the pragma, as in hadolint; unknown codes do not', () => {
    expect(found(`FROM debian:12\n# hadolint ignore=bogus,DL3014\n${APT}\n`, 'apt-assume-yes')).toEqual(['apt-assume-yes@3']);
    expect(found(`FROM debian:12\n# hadolint ignore=SC2086,DL3014\n${APT}\n`, 'apt-assume-yes')).toEqual([]);
    expect(found(`FROM debian:12\n# hadolint ignore=apt-assume-yes\n${APT}\n`, 'apt-assume-yes')).toEqual([]);
  });
});

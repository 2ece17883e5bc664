/**
 * The example projects: finding them, telling their ecosystem, the size target each must meet, and the
 * base images their Dockerfiles name.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Minimum reduction of the runtime image (uncompressed, multi-stage against single-stage), in percent.
 * Java and .NET have no target in the issue: for them the multi-stage image must only be smaller.
 */
export const TARGETS = { node: 75, static: 90, go: 99, rust: 95, python: 50, java: 0, dotnet: 0, unknown: 0 };

/** What a run check expects of an example beyond the default (HTTP 2xx on `/`, or exit 0 with output). */
export const EXPECT = {
  // 'example-name': { path: '/healthz', output: /hello/ },
};

/** Every folder of `dir` with a Dockerfile, by name. */
export function discoverExamples(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, 'Dockerfile')))
    .map((e) => ({ name: e.name, dir: path.join(dir, e.name) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function anyFile(dir, test, depth = 2) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    if (e.isFile() && test(e.name)) return true;
    if (e.isDirectory() && depth > 0 && anyFile(path.join(dir, e.name), test, depth - 1)) return true;
  }
  return false;
}

/** The ecosystem, from the project's files; a Node project whose runtime image is nginx is a static front-end. */
export function ecosystemOf(dir, runtimeImage = '') {
  const has = (f) => fs.existsSync(path.join(dir, f));
  if (has('package.json')) return /(^|\/)nginx/.test(runtimeImage) ? 'static' : 'node';
  if (has('go.mod')) return 'go';
  if (has('Cargo.toml')) return 'rust';
  if (has('pom.xml') || has('build.gradle') || has('build.gradle.kts')) return 'java';
  if (anyFile(dir, (n) => /\.(cs|fs|vb)proj$|\.sln$/.test(n))) return 'dotnet';
  if (has('pyproject.toml') || has('requirements.txt') || has('setup.py') || anyFile(dir, (n) => n.endsWith('.py'))) return 'python';
  return 'unknown';
}

/** Logical lines of a Dockerfile: comments dropped, `\` continuations joined. */
function logicalLines(text) {
  const escape = /^#\s*escape\s*=\s*`/im.test(text.split('\n').slice(0, 5).join('\n')) ? '`' : '\\';
  const lines = [];
  let current = '';
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*#/.test(raw) && current === '') continue;
    const line = raw.replace(/\s+$/, '');
    if (line.endsWith(escape)) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    current += line;
    if (current.trim()) lines.push(current.trim());
    current = '';
  }
  if (current.trim()) lines.push(current.trim());
  return lines;
}

/**
 * The stages of a Dockerfile: how many, the registry images they start from (global `ARG` defaults
 * substituted; references to earlier stages and `scratch` left out), and the last stage's image.
 */
export function stagesOf(text) {
  const args = {};
  const names = new Set();
  const images = [];
  let stages = 0;
  let last = '';
  const expand = (s) =>
    s.replace(/\$\{(\w+)(?::?[-+]([^}]*))?\}|\$(\w+)/g, (_m, a, def, b) => args[a ?? b] ?? def ?? '');
  for (const line of logicalLines(text)) {
    const [keyword, ...rest] = line.split(/\s+/);
    const kw = keyword.toUpperCase();
    if (kw === 'ARG' && stages === 0) {
      for (const decl of rest) {
        const m = /^(\w+)(?:=(.*))?$/.exec(decl);
        if (m) args[m[1]] = (m[2] ?? '').replace(/^["']|["']$/g, '');
      }
    }
    if (kw !== 'FROM') continue;
    stages += 1;
    const words = rest.filter((w) => !w.startsWith('--'));
    const image = expand(words[0] ?? '');
    const asIndex = words.findIndex((w) => w.toUpperCase() === 'AS');
    const fromStage = names.has(image.toLowerCase());
    if (asIndex > 0 && words[asIndex + 1]) names.add(words[asIndex + 1].toLowerCase());
    last = image;
    if (image && image !== 'scratch' && !fromStage && !images.includes(image)) images.push(image);
  }
  return { stages, images, last };
}

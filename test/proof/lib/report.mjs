/** The proof's result: a plain-text table for people and CI logs, and the same data as JSON. */
import * as fs from 'node:fs';
import * as path from 'node:path';

const mb = (bytes) => (bytes === undefined ? '-' : `${(bytes / 1e6).toFixed(1)} MB`);
const pct = (value) => (value === undefined ? '-' : `-${value.toFixed(1)}%`);

/** Reduction of `after` against `before`, in percent (positive = smaller). */
export function reduction(before, after) {
  if (!before || after === undefined) return undefined;
  return 100 * (1 - after / before);
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const right = new Set([3, 4, 5, 6, 7, 8]);
  return rows.map((r) => r.map((c, i) => (right.has(i) ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('  ').trimEnd());
}

/** Renders the text report. */
export function renderText(result) {
  const header = ['example', 'image', 'base', 'stages', 'uncompressed', 'compressed', 'layers', 'reduction', 'target', 'user', 'ran'];
  const rows = [header];
  for (const ex of result.examples) {
    if (!ex.images) continue;
    for (const variant of ['single', 'multi']) {
      const im = ex.images[variant];
      if (!im) continue;
      const multi = variant === 'multi';
      rows.push([
        variant === 'single' ? ex.name : '',
        variant,
        im.base ?? '-',
        im.stages ?? '-',
        mb(im.uncompressed),
        mb(im.compressed),
        im.layers ?? '-',
        multi ? pct(ex.reduction?.uncompressed) : '',
        multi ? `${ex.target}%` : '',
        im.run?.user ?? '-',
        im.run ? (im.run.ok ? `yes (${im.run.how === 'http' ? 'HTTP' : 'exit 0'})` : 'NO') : '-',
      ]);
    }
  }
  const multi = result.source === 'Dockerfile.expected' ? 'their Dockerfile.expected' : "our CLI's multi-stage rewrites";
  const lines = [`Build proof: single-stage Dockerfiles and ${multi}, built with buildah (${result.driver}) on Debian-based stand-in images`, ''];
  if (rows.length > 1) lines.push(...table(rows), '');
  lines.push('reduction: of the multi-stage image against the single-stage one, uncompressed (compressed in the JSON); target: the minimum reduction');
  lines.push('');
  for (const ex of result.examples) {
    const extra = ex.reduction?.compressed !== undefined ? ` (compressed ${pct(ex.reduction.compressed)})` : '';
    const head = `${ex.status.toUpperCase().padEnd(4)} ${ex.name} [${ex.ecosystem}]`;
    if (ex.status === 'pass') lines.push(`${head}: ${pct(ex.reduction.uncompressed)}${extra} >= target ${ex.target}%; runtime image runs as ${ex.images.multi.run.user}`);
    else if (ex.reasons.length === 1) lines.push(`${head}: ${ex.reasons[0]}`);
    else lines.push(`${head}:`, ...ex.reasons.map((r) => `     - ${r}`));
    for (const e of ex.excerpts ?? []) lines.push(`     ${e.title}:`, ...e.text.split('\n').map((l) => `       | ${l}`));
    if (ex.rewrite?.matchesExpected === false) lines.push(`     note: the CLI's rewrite differs from ${ex.name}/Dockerfile.expected (see out/rewrites/${ex.name}.Dockerfile)`);
  }
  const used = Object.entries(result.standins).filter(([, st]) => st.id);
  if (used.length) {
    lines.push('', 'stand-ins (built from Debian 12 packages under the names the Dockerfiles use; not the real images):');
    const width = Math.max(...used.map(([ref]) => ref.length));
    for (const [ref, st] of used) lines.push(`  ${ref.padEnd(width)}  ${st.what}`);
  }
  const count = (s) => result.examples.filter((e) => e.status === s).length;
  lines.push('', `total ${result.totalSeconds.toFixed(0)} s`, `proof: ${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped`);
  return `${lines.join('\n')}\n`;
}

/** Writes proof.txt and proof.json to `outDir`. */
export function writeReport(outDir, result) {
  fs.mkdirSync(outDir, { recursive: true });
  const text = renderText(result);
  fs.writeFileSync(path.join(outDir, 'proof.txt'), text);
  fs.writeFileSync(path.join(outDir, 'proof.json'), `${JSON.stringify(result, null, 2)}\n`);
  return text;
}

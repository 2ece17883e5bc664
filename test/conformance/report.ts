/** Text rendering of the conformance results. */
import type { BuildkitReport, HadolintReport, HadolintResult, Tally, Verdict } from './conformance';
import { pct, rate, TARGETS } from './conformance';

function table(header: string[], rows: string[][], rightFrom: number): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i >= rightFrom ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const sum = (a: Tally, b: Tally): Tally => ({ passed: a.passed + b.passed, failed: a.failed + b.failed, byDesign: a.byDesign + b.byDesign, skipped: a.skipped + b.skipped });
const ratio = (t: Tally) => (t.passed + t.failed === 0 ? '-' : `${t.passed}/${t.passed + t.failed}`);

function caseLabel(r: HadolintResult): string {
  const c = r.case;
  return `${c.rule} ${c.expect}${c.count !== undefined ? `×${c.count}` : ''}${c.onbuild ? ' (ONBUILD)' : ''}  ${c.source}  “${c.test}”`;
}

function indent(text: string): string {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => `      | ${l}`)
    .join('\n');
}

export function renderHadolint(report: HadolintReport, verbose: boolean): string {
  const out: string[] = [];
  const all = report.results.length;
  const onbuild = report.results.filter((r) => r.case.onbuild).length;
  out.push(`hadolint: ${all} cases, ${onbuild} of them ONBUILD variants (linted from \`dockerfile_onbuild\`: our RUN rules also check \`ONBUILD RUN\` triggers).`);
  out.push('Fragments without FROM are linted as the body of one `FROM scratch` stage; hadolint appends "\\n" to every snippet, and so do we.');
  out.push('');
  const rows = report.rows.map((row) => {
    const t = sum(row.catch, row.pass);
    const cases = t.passed + t.failed + t.byDesign + t.skipped;
    const flag = rate(row.catch) < TARGETS.hadolintCatch || rate(row.pass) < TARGETS.hadolintPass ? ' !' : '';
    return [row.code, row.ids.join(', '), String(cases), String(t.passed), String(t.failed), String(t.byDesign), String(t.skipped), ratio(row.catch), ratio(row.pass) + flag];
  });
  out.push(table(['code', 'rule', 'cases', 'passed', 'failed', 'by design', 'skipped', 'catch', 'pass'], rows, 2));
  out.push('(catch/pass: passed of counted cases; differs-by-design and skipped cases are not counted; ! = below target)');

  const failed = report.results.filter((r) => r.status === 'failed');
  if (failed.length) {
    out.push('', `Failed (${failed.length}):`);
    for (const r of failed) {
      out.push(`  ${caseLabel(r)} -> ${r.findings.length} finding(s)${r.findings.length ? `: ${r.findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}`).join(', ')}` : ''}`);
      if (verbose) out.push(indent(r.text));
    }
  }
  const byDesign = report.results.filter((r) => r.status === 'by-design');
  if (byDesign.length) {
    out.push('', `Differs by design (${byDesign.length}):`);
    for (const r of byDesign) out.push(`  ${caseLabel(r)}\n      ${r.ids.join(', ')}: ${r.note}`);
  }
  const skipped = report.results.filter((r) => r.status === 'skipped');
  if (skipped.length) {
    const reasons = new Map<string, number>();
    for (const r of skipped) reasons.set(`${r.case.rule}: ${r.note}`, (reasons.get(`${r.case.rule}: ${r.note}`) ?? 0) + 1);
    out.push('', `Skipped (${skipped.length}):`);
    for (const [reason, n] of reasons) out.push(`  ${reason} (${n} case${n === 1 ? '' : 's'})`);
  }
  if (report.notImplemented.length) {
    const n = report.notImplemented.reduce((s, x) => s + x.cases, 0);
    out.push('', `Not implemented (${report.notImplemented.length} codes, ${n} cases, not counted): ${report.notImplemented.map((x) => `${/\s/.test(x.code) ? JSON.stringify(x.code) : x.code} (${x.cases})`).join(', ')}`);
  }
  const { catch: c, pass: p, onbuild: o } = report.totals;
  out.push('', `Totals: catch ${ratio(c)} (${pct(rate(c))}), pass ${ratio(p)} (${pct(rate(p))}); ONBUILD variants ${ratio(o)}; differs by design ${c.byDesign + p.byDesign}; skipped ${c.skipped + p.skipped}`);
  return out.join('\n');
}

export function renderBuildkit(report: BuildkitReport, verbose: boolean): string {
  const out: string[] = [];
  out.push(`BuildKit: ${report.totals.cases} cases (\`# check=\` directives apply; a BUILDKIT_DOCKERFILE_CHECK build argument replaces the file's directive).`);
  out.push('');
  const rows = report.rows.map((r) => [r.rule, r.ids.join(', '), String(r.expected), String(r.found), String(r.unexpected)]);
  out.push(table(['check', 'rule', 'expected', 'found', 'unexpected'], rows, 2));
  const missed = report.results.flatMap((r) => r.expected.filter((e) => !e.found).map((e) => ({ r, e })));
  if (missed.length) {
    out.push('', `Expected warnings not found (${missed.length}):`);
    for (const { r, e } of missed) {
      out.push(`  ${e.rule} line ${e.line}  ${r.case.source}`);
      if (verbose) out.push(indent(r.text));
    }
  }
  const noisy = report.results.filter((r) => r.unexpected.length);
  if (noisy.length) {
    out.push('', `Cases with unexpected warnings (${noisy.length}):`);
    for (const r of noisy) {
      out.push(`  ${r.case.source}: ${r.unexpected.map((f) => `${f.ruleId}@${f.range.start.line + 1}`).join(', ')}`);
      if (verbose) out.push(indent(r.text));
    }
  }
  if (report.notImplemented.length) {
    out.push('', `Not implemented (not counted): ${report.notImplemented.map((x) => `${x.rule} (${x.warnings})`).join(', ')}`);
  }
  const t = report.totals;
  out.push('', `Totals: expected warnings found ${t.found}/${t.expected}; cases without unexpected warnings ${t.clean}/${t.cases}`);
  return out.join('\n');
}

export function renderVerdicts(verdicts: Verdict[]): string {
  return verdicts.map((v) => `${v.ok ? 'ok  ' : 'FAIL'}  ${v.name}: ${v.detail} = ${pct(v.value)} (target ≥ ${pct(v.target)})`).join('\n');
}

/**
 * `npm run conformance`: our linter on hadolint's and BuildKit's test cases. Prints per-rule tables
 * and totals; exits 1 when a target is missed or a differs-by-design entry is not documented.
 * `--verbose` also prints the text of every failed case. Skips cleanly when the corpus is absent.
 */
import { loadShellParser } from '../../server/src/io/shell-wasm';
import { corpusDir, hasCases, readBuildkitCases, readHadolintCases } from './cases';
import { checkDifferences, runBuildkit, runHadolint, verdicts } from './conformance';
import { renderBuildkit, renderHadolint, renderVerdicts } from './report';

async function main(): Promise<number> {
  const dir = corpusDir();
  if (!hasCases(dir)) {
    console.log(`Conformance skipped: no case files in ${dir} (set DOCKERFILE_CORPUS to the corpus folder).`);
    return 0;
  }
  const verbose = process.argv.includes('--verbose');
  await loadShellParser();
  const hadolint = runHadolint(readHadolintCases(dir));
  const buildkit = runBuildkit(readBuildkitCases(dir));
  console.log(renderHadolint(hadolint, verbose));
  console.log(`\n${renderBuildkit(buildkit, verbose)}\n`);
  const results = verdicts(hadolint, buildkit);
  console.log(renderVerdicts(results));
  const problems = checkDifferences();
  for (const p of problems) console.log(`FAIL  ${p}`);
  return results.every((v) => v.ok) && problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);

/**
 * The in-host suite: runs inside the editor's extension host (code-server's, or VS Code's under
 * @vscode/test-electron) with the `run()` contract of `extensionTestsPath`. It resolves when every
 * check passed and throws otherwise; the report goes to $DFO_E2E_RESULTS as JSON.
 *
 * The workspace holds `quick-fixes/` (fixture) and `node-article/` (a copy of the example); checks
 * work on fresh copies under `.scratch/`. $DFO_E2E_EXPECTED is what the CLI reports and fixes there.
 * With a loopback registry ($DFO_E2E_REGISTRY) it also holds `pin/`, for the digest-pinning checks.
 */
import { checklist, summary, writeReport } from '../report';
import { commandChecks, activationChecks } from './extension';
import { diagnosticChecks, fixAllChecks, quickFixChecks } from './fixes';
import { loadExpectations } from './helpers';
import { pinChecks } from './pin';
import { snippetChecks } from './snippets';
import { splitChecks } from './split';

export async function run(): Promise<void> {
  const list = checklist('in-host', { log: (line) => console.log(`[in-host] ${line}`) });
  await activationChecks(list); // first: activation is timed before anything else triggers it
  const expectations = loadExpectations();
  for (const [folder, expected] of Object.entries(expectations)) {
    await diagnosticChecks(list, folder, expected);
    await quickFixChecks(list, folder, expected);
  }
  await fixAllChecks(list, 'quick-fixes', expectations['quick-fixes']);
  await splitChecks(list);
  await snippetChecks(list);
  await pinChecks(list); // registry lookups on (workspace settings) only while these run
  await commandChecks(list);

  const report = list.report();
  writeReport(process.env.DFO_E2E_RESULTS, report);
  console.log(`[in-host] ${summary(report)}`);
  if (report.failed > 0) throw new Error(summary(report));
}

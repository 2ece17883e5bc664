/**
 * `npm run test:e2e`: provisions what is missing, installs dockerfile-optimizer.vsix into a fresh
 * code-server, runs the in-host suite and the UI suite, and exits non-zero if any check failed.
 *
 * Env: DOCKERFILE_OPTIMIZER_SKIP_E2E=1 skips everything (loudly); DFO_E2E_VSIX tests another VSIX;
 * DFO_E2E_RESULTS moves the in-host report; DFO_E2E_KEEP=1 keeps the run folder (logs, workspaces)
 * even when everything passed. A loopback registry (docker-registry) runs alongside for the pinning
 * checks; its host and seeded digests reach the in-host suite as DFO_E2E_REGISTRY. See test/e2e/README.md.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createInstance, installExtension, startCodeServer, type Server } from './code-server';
import { folderExpectations, snapshotCli, writeInhostExpectations } from './expectations';
import { banner, elapsed, step } from './log';
import { cacheDir, provisionOrExplain, skipRequested } from './provision';
import { summary, type SuiteReport } from './report';
import { startE2eRegistry } from './registry';
import { runInhost } from './run-inhost';
import { runUi } from './ui/run-ui';
import { extensionId, fixturesDir, outDir, prepareInhostWorkspace, prepareUiWorkspace, repoRoot, suitePath, vsixPath } from './workspace';

function warnIfStale(vsix: string): void {
  const built = fs.statSync(vsix).mtimeMs;
  const newer = ['package.json', 'dist/extension.js', 'dist/server.js'].filter((f) => {
    const file = path.join(repoRoot, f);
    return fs.existsSync(file) && fs.statSync(file).mtimeMs > built + 1000;
  });
  if (newer.length) console.warn(`warning: ${newer.join(', ')} changed after ${path.basename(vsix)} was built; run \`npm run package\` to test the current code`);
}

/** A run folder under the cache. Of the kept folders of earlier (finished) runs, the newest three stay. */
function newRunDir(): string {
  const runs = path.join(cacheDir(), 'runs');
  fs.mkdirSync(runs, { recursive: true });
  const finished = fs.readdirSync(runs).filter((name) => {
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    try {
      return !(pid > 0 && process.kill(pid, 0));
    } catch {
      return true;
    }
  });
  const byAge = finished.map((name) => ({ name, time: fs.statSync(path.join(runs, name)).mtimeMs })).sort((a, b) => b.time - a.time);
  for (const { name } of byAge.slice(3)) fs.rmSync(path.join(runs, name), { recursive: true, force: true });
  return fs.mkdtempSync(path.join(runs, `${process.pid}-`));
}

async function suite(name: string, run: () => Promise<SuiteReport>): Promise<SuiteReport> {
  try {
    return await run();
  } catch (error) {
    console.log(`not ok - ${name} suite crashed: ${(error as Error).stack ?? error}`);
    return { suite: name, passed: 0, failed: 1, skipped: 0, checks: [{ name: `${name} suite ran`, ok: false, ms: 0, error: String(error) }], metrics: {} };
  }
}

async function main(): Promise<number> {
  if (skipRequested()) {
    banner(['END-TO-END TESTS SKIPPED', `DOCKERFILE_OPTIMIZER_SKIP_E2E=${process.env.DOCKERFILE_OPTIMIZER_SKIP_E2E} is set: nothing was tested in a real editor. Unset it to run them.`]);
    return 0;
  }
  const vsix = process.env.DFO_E2E_VSIX ? path.resolve(process.env.DFO_E2E_VSIX) : vsixPath;
  if (!fs.existsSync(vsix)) {
    console.error(`${vsix} is missing: run \`npm run package\` first`);
    return 1;
  }
  if (!process.env.DFO_E2E_VSIX) warnIfStale(vsix);

  const tools = provisionOrExplain('END-TO-END TESTS');
  if (!tools) return 1;

  const runDir = newRunDir();
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  step('loopback registry for the pinning checks (docker-registry, seeded)');
  const registry = await startE2eRegistry();
  if ('host' in registry.info) console.log(`registry at http://${registry.info.host}`);
  else banner(['NO LOOPBACK REGISTRY: THE PINNING CHECKS WILL FAIL', registry.info.unavailable]);

  let server: Server | undefined;
  const reports: SuiteReport[] = [];
  try {
    step(`run folder ${runDir}; expectations from the CLI (dist/cli.js)`);
    const wsInhost = prepareInhostWorkspace(path.join(runDir, 'ws-inhost'), 'host' in registry.info ? registry.info.host : undefined);
    const wsUi = prepareUiWorkspace(path.join(runDir, 'ws-ui'));
    const expectedFile = path.join(runDir, 'expected.json');
    // computed while the extension is installed and code-server starts
    const cliPath = snapshotCli(repoRoot, path.join(runDir, 'cli'));
    const expectations = Promise.all([
      writeInhostExpectations(cliPath, repoRoot, expectedFile),
      folderExpectations(cliPath, path.join(fixturesDir, 'ui-workspace')),
    ]);
    expectations.catch(() => undefined); // awaited below; avoid an unhandled rejection meanwhile

    const env = { DFO_E2E_EXPECTED: expectedFile, DFO_E2E_RESULTS: process.env.DFO_E2E_RESULTS || path.join(outDir, 'inhost-results.json'), ...registry.env };
    const instance = createInstance(tools.codeServer, runDir, env);
    step(`install ${path.relative(repoRoot, vsix)} into code-server`);
    const extensionPath = installExtension(instance, vsix, extensionId());
    Object.assign(instance.env, { DFO_E2E_EXTENSION_PATH: extensionPath });

    step('start code-server');
    server = await startCodeServer(instance, wsInhost);
    console.log(`code-server at ${server.base}, log ${server.log}`);
    const started = server;
    const [, uiExpected] = await expectations;

    step('in-host suite (runs inside the extension host)');
    const inhostConsole = path.join(runDir, 'inhost-console.log');
    reports.push(await suite('in-host', () =>
      runInhost(started, { folder: wsInhost, extensionPath, testsPath: suitePath, resultsFile: env.DFO_E2E_RESULTS, consoleLog: inhostConsole, failureShot: path.join(outDir, 'inhost-failure.png') }),
    ));

    step('UI suite (chromium drives the workbench)');
    const uiConsole = path.join(runDir, 'ui-console.log');
    reports.push(await suite('ui', () => runUi(started, { folder: wsUi, outDir, consoleLog: uiConsole, extensionPath, expected: uiExpected })));
  } finally {
    await server?.stop();
    await registry.stop();
  }

  const failed = reports.reduce((n, r) => n + r.failed + r.skipped, 0);
  step('summary');
  for (const r of reports) {
    console.log(summary(r));
    for (const c of r.checks.filter((c) => !c.ok)) console.log(`  ${c.skipped ? 'not run' : 'FAILED'}: ${c.name}${c.error && !c.skipped ? `\n    ${c.error.split('\n').slice(0, 12).join('\n    ')}` : ''}`);
    for (const [name, value] of Object.entries(r.metrics)) console.log(`  ${name}: ${value}`);
  }
  console.log(`e2e wall time ${elapsed()}; reports and screenshots in ${path.relative(process.cwd(), outDir) || outDir}`);
  if (failed === 0 && !process.env.DFO_E2E_KEEP) fs.rmSync(runDir, { recursive: true, force: true });
  else {
    fs.cpSync(outDir, path.join(runDir, 'out'), { recursive: true }); // the next run empties test/e2e/out
    console.log(`run folder kept: ${runDir} (code-server.log, *-console.log, user-data/logs/, out/)`);
  }
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

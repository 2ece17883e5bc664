/**
 * `npm run test:e2e:electron`: the in-host suite under @vscode/test-electron, for machines that can
 * download VS Code desktop builds (this project's CI cannot; there `npm run test:e2e` runs the same
 * suite inside code-server). As with code-server, the VSIX is installed into a fresh extensions dir and
 * `extensionDevelopmentPath` is the installed folder, so the code under test is what the VSIX contains.
 *
 * A loopback registry runs alongside for the pinning checks, as in `npm run test:e2e`.
 *
 * Env: DFO_E2E_VSCODE_VERSION (default 1.100.3, the VS Code of code-server 4.100.3), DFO_E2E_VSIX.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';
import { installedExtensionPath, writeUserSettings } from './code-server';
import { snapshotCli, writeInhostExpectations } from './expectations';
import { banner, step } from './log';
import { skipRequested } from './provision';
import { startE2eRegistry } from './registry';
import { summary, type SuiteReport } from './report';
import { extensionId, outDir, prepareInhostWorkspace, repoRoot, suitePath, vsixPath } from './workspace';

async function main(): Promise<number> {
  if (skipRequested()) {
    banner(['END-TO-END TESTS (ELECTRON) SKIPPED', 'DOCKERFILE_OPTIMIZER_SKIP_E2E is set: nothing was tested in a real editor.']);
    return 0;
  }
  const vsix = process.env.DFO_E2E_VSIX ? path.resolve(process.env.DFO_E2E_VSIX) : vsixPath;
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first`);
  const version = process.env.DFO_E2E_VSCODE_VERSION ?? '1.100.3';

  step(`download VS Code ${version} (@vscode/test-electron)`);
  let vscodeExecutablePath: string;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode(version);
  } catch (error) {
    throw new Error(`cannot get VS Code ${version}: ${error instanceof Error ? error.message : error}\n` +
      'Without access to update.code.visualstudio.com, run the same suite in code-server instead: npm run test:e2e');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfo-e2e-electron-'));
  const userDataDir = path.join(dir, 'user-data');
  const extensionsDir = path.join(dir, 'extensions');
  writeUserSettings(userDataDir);

  step(`install ${path.basename(vsix)}`);
  const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath);
  const ownDirs = cliArgs.filter((a) => !a.startsWith('--extensions-dir') && !a.startsWith('--user-data-dir'));
  const install = spawnSync(cli, [...ownDirs, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix], {
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (install.status !== 0) throw new Error(`installing ${vsix} failed:\n${install.stdout}${install.stderr}`);
  const extensionPath = installedExtensionPath(extensionsDir, extensionId());
  if (!extensionPath) throw new Error(`${extensionId()} was not installed into ${extensionsDir}`);

  step('loopback registry for the pinning checks (docker-registry, seeded)');
  const registry = await startE2eRegistry();
  if ('unavailable' in registry.info) banner(['NO LOOPBACK REGISTRY: THE PINNING CHECKS WILL FAIL', registry.info.unavailable]);
  const resultsFile = path.join(outDir, 'inhost-electron-results.json');
  let code: number;
  try {
    const workspace = prepareInhostWorkspace(path.join(dir, 'ws-inhost'), 'host' in registry.info ? registry.info.host : undefined);
    const expectedFile = path.join(dir, 'expected.json');
    await writeInhostExpectations(snapshotCli(repoRoot, path.join(dir, 'cli')), repoRoot, expectedFile);
    fs.mkdirSync(outDir, { recursive: true });
    fs.rmSync(resultsFile, { force: true });

    step('in-host suite');
    try {
      code = await runTests({
        vscodeExecutablePath,
        extensionDevelopmentPath: extensionPath,
        extensionTestsPath: suitePath,
        extensionTestsEnv: { DFO_E2E_EXPECTED: expectedFile, DFO_E2E_RESULTS: resultsFile, DFO_E2E_EXTENSION_PATH: extensionPath, ...registry.env },
        launchArgs: [workspace, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      });
    } catch (error) {
      console.error(`the in-host suite failed: ${error}`);
      code = 1;
    }
  } finally {
    await registry.stop();
  }
  if (fs.existsSync(resultsFile)) console.log(summary(JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteReport));
  fs.rmSync(dir, { recursive: true, force: true });
  return code;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);

/**
 * `npm run sandbox`: the e2e code-server with the freshly packaged VSIX installed and a copy of
 * `examples/` as its workspace, to try the extension by hand. Runs until Ctrl+C, then cleans up.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createInstance, installExtension, startCodeServer, stoppingOnSignal } from './code-server';
import { step } from './log';
import { cacheDir, provisionOrExplain } from './provision';
import { extensionId, repoRoot, vsixPath } from './workspace';

async function main(): Promise<void> {
  const tools = provisionOrExplain('THE SANDBOX');
  if (!tools) process.exit(1);
  const dir = path.join(cacheDir(), 'sandbox');
  fs.rmSync(dir, { recursive: true, force: true });
  const workspace = path.join(dir, 'examples');
  fs.cpSync(path.join(repoRoot, 'examples'), workspace, { recursive: true });
  const instance = createInstance(tools.codeServer, dir);
  step(`install ${path.relative(repoRoot, vsixPath)}`);
  installExtension(instance, vsixPath, extensionId());
  step('start code-server');
  const server = await startCodeServer(instance, workspace);
  console.log(
    [
      '',
      'Dockerfile Optimizer sandbox: code-server with the freshly packaged extension',
      `  open       ${server.url(workspace)}`,
      `  workspace  ${workspace} (a copy of examples/, made fresh on every start)`,
      `  log        ${server.log}`,
      'Ctrl+C stops it.',
      '',
    ].join('\n'),
  );
  const code = await server.exited;
  if (stoppingOnSignal()) return; // the signal handler exits once code-server is down
  console.error(`code-server exited on its own (${code}); see ${server.log}`);
  process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/**
 * One code-server instance on 127.0.0.1: a fresh user-data dir, the extension installed from a VSIX,
 * and cleanup of its whole process group however the script ends (pass, fail, Ctrl+C, SIGTERM).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

/** Settings that keep the workbench quiet and deterministic (no tips, no restored dirty buffers). */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'files.hotExit': 'off',
  // code-server's default is afterDelay (VS Code desktop's is off): edited documents would save themselves
  // a second later, racing the tests' own saves (and `editor.codeActionsOnSave` only runs on explicit ones)
  'files.autoSave': 'off',
  'editor.minimap.enabled': false,
  'editor.quickSuggestions': { other: true, comments: false, strings: true },
  'chat.disableAIFeatures': true,
  // code-server announces ports other programs open on the machine; keep those toasts off the screenshots
  'remote.autoForwardPorts': false,
};

export function writeUserSettings(userDataDir: string): void {
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  // DFO_E2E_TRACE=1: every LSP message in the extension's output log (user-data/logs/…/Dockerfile Optimizer.log).
  const settings = process.env.DFO_E2E_TRACE ? { ...USER_SETTINGS, 'dockerfileOptimizer.trace.server': 'verbose' } : USER_SETTINGS;
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}

/** The folder an installed extension was unpacked to, from the extensions dir's `extensions.json`. */
export function installedExtensionPath(extensionsDir: string, extensionId: string): string | undefined {
  const file = path.join(extensionsDir, 'extensions.json');
  if (!fs.existsSync(file)) return undefined;
  const registry = JSON.parse(fs.readFileSync(file, 'utf8')) as { identifier: { id: string }; location: { path: string } }[];
  return registry.find((e) => e.identifier.id.toLowerCase() === extensionId.toLowerCase())?.location.path;
}

export interface Instance {
  /** Everything code-server writes: home, user data, extensions, log. */
  dir: string;
  codeServer: string;
  userDataDir: string;
  extensionsDir: string;
  /** Environment for code-server: HOME and XDG dirs inside `dir`, plus what the tests read. */
  env: NodeJS.ProcessEnv;
}

export function createInstance(codeServer: string, dir: string, extraEnv: NodeJS.ProcessEnv = {}): Instance {
  const home = path.join(dir, 'home');
  const userDataDir = path.join(dir, 'user-data');
  const extensionsDir = path.join(dir, 'extensions');
  for (const d of [home, extensionsDir]) fs.mkdirSync(d, { recursive: true });
  writeUserSettings(userDataDir);
  // code-server writes ~/.config/code-server/config.yaml and ~/.local/share/code-server even for --version
  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    ...extraEnv,
  };
  return { dir, codeServer, userDataDir, extensionsDir, env };
}

/** Installs the VSIX and returns the folder it was unpacked to (used as `extensionDevelopmentPath`). */
export function installExtension(instance: Instance, vsix: string, extensionId: string): string {
  const args = ['--user-data-dir', instance.userDataDir, '--extensions-dir', instance.extensionsDir, '--install-extension', vsix];
  const result = spawnSync(instance.codeServer, args, { env: instance.env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed:\n${result.stdout}${result.stderr}`);
  const installed = installedExtensionPath(instance.extensionsDir, extensionId);
  if (!installed) throw new Error(`${extensionId} is not in ${instance.extensionsDir}/extensions.json after installing ${vsix}:\n${result.stdout}`);
  return installed;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const running = new Set<ChildProcess>();

function signalGroup(child: ChildProcess, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-child.pid!, signal);
    return true;
  } catch {
    return false; // the group is gone
  }
}

/** SIGTERM to the group, up to 10 s to exit (code-server takes 2-3 s), then SIGKILL to what is left. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (signalGroup(child, 'SIGTERM')) {
    const end = Date.now() + 10_000;
    while (Date.now() < end && signalGroup(child, 0)) await new Promise((r) => setTimeout(r, 100));
    signalGroup(child, 'SIGKILL');
  }
  running.delete(child); // only now: until here the 'exit' handler still SIGKILLs it if this script dies
}

let handlersInstalled = false;
let signalled = false;
/** Other things a signal stops along with code-server (by name, for the message). */
const alsoStop = new Map<() => Promise<void>, string>();

/**
 * Has a signal that ends the script (Ctrl+C, SIGTERM, SIGHUP) also run `stop` before it exits, as it
 * stops code-server; returns the function that unregisters it (call it once the thing is stopped).
 */
export function stopOnSignal(name: string, stop: () => Promise<void>): () => void {
  installExitHandlers();
  alsoStop.set(stop, name);
  return () => void alsoStop.delete(stop);
}

/** Whether a signal (Ctrl+C, SIGTERM, SIGHUP) is stopping code-server and this script. */
export function stoppingOnSignal(): boolean {
  return signalled;
}

function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // Last resort: 'exit' allows only synchronous work.
  process.on('exit', () => {
    for (const child of running) signalGroup(child, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      signalled = true;
      console.error(`\n${signal}: stopping ${['code-server', ...alsoStop.values()].join(', ')}`);
      const others = [...alsoStop.keys()].map((stop) => stop().catch(() => undefined));
      void Promise.all([...[...running].map(stopGroup), ...others]).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
}

export interface Server {
  /** http://127.0.0.1:PORT */
  base: string;
  /** host:port, which is also the workbench's remote authority (`vscode-remote://host:port/abs/path`). */
  authority: string;
  log: string;
  /** Workbench URL for a folder, with optional extra query parameters. */
  url(folder: string, query?: Record<string, string>): string;
  /** Settles when code-server's main process exits (with its exit code, or null after a signal). */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

async function healthy(base: string): Promise<boolean> {
  try {
    return (await fetch(`${base}/healthz`)).ok;
  } catch {
    return false;
  }
}

async function startOnce(instance: Instance, folder: string, port: number, log: string): Promise<Server | 'port-taken'> {
  const args = [
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override',
    '--user-data-dir', instance.userDataDir, '--extensions-dir', instance.extensionsDir, folder,
  ];
  const out = fs.openSync(log, 'a');
  // detached: its own process group, so stopping it also ends its helpers (a file watcher outlives the parent)
  const child = spawn(instance.codeServer, args, { detached: true, env: instance.env, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  running.add(child);
  let exited = false;
  const exitedPromise = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exitedPromise.then(() => (exited = true));
  const base = `http://127.0.0.1:${port}`;
  const server: Server = {
    base,
    authority: `127.0.0.1:${port}`,
    log,
    url: (f, query = {}) => `${base}/?${new URLSearchParams({ folder: f, ...query }).toString()}`,
    exited: exitedPromise,
    stop: () => stopGroup(child),
  };
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    if (await healthy(base)) return server;
    if (exited) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await stopGroup(child);
  const text = fs.readFileSync(log, 'utf8');
  if (/EADDRINUSE/.test(text)) return 'port-taken';
  throw new Error(`code-server did not come up on ${base}; its log (${log}):\n${text.split('\n').slice(-30).join('\n')}`);
}

/** Starts code-server on a free loopback port and waits for /healthz. */
export async function startCodeServer(instance: Instance, folder: string): Promise<Server> {
  installExitHandlers();
  const log = path.join(instance.dir, 'code-server.log');
  for (let attempt = 0; attempt < 3; attempt++) {
    const server = await startOnce(instance, folder, await freePort(), log);
    if (server !== 'port-taken') return server;
  }
  throw new Error('code-server: no free port after 3 attempts');
}

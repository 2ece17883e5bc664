/**
 * Runs a built image's own ENTRYPOINT/CMD (as its USER, in its WORKDIR) with `buildah run` (runc, host
 * network), and checks it answers: a server must answer HTTP on 127.0.0.1 on the port it opened; a program
 * must exit 0 with output. The container shares the host's network namespace, so its listening sockets, the
 * processes that own them and their uid are read from the host's /proc.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { killTree, start } from './proc.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Listening TCP sockets of the host: inode -> port. */
function listeningSockets() {
  const sockets = new Map();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length >= 10 && cols[3] === '0A') sockets.set(cols[9], parseInt(cols[1].split(':')[1], 16));
    }
  }
  return sockets;
}

/** The processes started from `root`: its descendants and the members of its session. */
function processTree(root) {
  const parents = new Map();
  const inSession = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(name), Number(fields[1]));
      if (Number(fields[3]) === root) inSession.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  const tree = new Set([root, ...inSession]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return [...tree];
}

function uidOf(pid) {
  try {
    const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('Uid:'));
    return Number(line.split(/\s+/)[2]); // effective uid
  } catch {
    return undefined;
  }
}

/** Listening sockets owned by `pids`: [{ pid, port, uid }]. */
function listenersOf(pids) {
  const sockets = listeningSockets();
  const found = [];
  for (const pid of pids) {
    let fds = [];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target = '';
      try {
        target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && sockets.has(inode)) found.push({ pid, port: sockets.get(inode), uid: uidOf(pid) });
    }
  }
  return found;
}

function httpGet(port, urlPath, timeoutMs = 3000) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        if (body.length < 65536) body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

export function portAnswers(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(500);
    socket.on('connect', () => (socket.destroy(), resolve(true)));
    socket.on('timeout', () => (socket.destroy(), resolve(false)));
    socket.on('error', () => resolve(false));
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The uid/name that USER (`name`, `uid`, `name:group`…) means in the image, from its /etc/passwd. */
async function resolveUser(buildah, ctr, spec) {
  const [user, group] = (spec ?? '').split(':');
  if (!user) return { uid: 0, gid: 0, name: 'root' };
  let passwd = '';
  try {
    const root = await buildah.mount(ctr);
    passwd = fs.readFileSync(path.join(root, 'etc', 'passwd'), 'utf8');
  } catch {
    // no /etc/passwd (a numeric USER still works)
  } finally {
    await buildah.umount(ctr);
  }
  const entries = passwd.split('\n').map((l) => l.split(':')).filter((f) => f.length >= 3);
  const entry = /^\d+$/.test(user) ? entries.find((f) => f[2] === user) : entries.find((f) => f[0] === user);
  const gid = /^\d+$/.test(group ?? '') ? Number(group) : entry ? Number(entry[3]) : undefined;
  if (/^\d+$/.test(user)) return { uid: Number(user), gid, name: entry?.[0] ?? user };
  return entry ? { uid: Number(entry[2]), gid, name: user } : { uid: undefined, name: user };
}

const describeUser = (uid, name) => (uid === undefined ? `${name} (unknown)` : name && name !== String(uid) ? `${name} (${uid})` : String(uid));

/**
 * Runs `ref` and checks it answers. Returns { ok, how, uid, user, detail, error }.
 * @param {{ expect?: { path?: string, output?: RegExp }, log: string, timeoutMs?: number }} options
 */
export async function runCheck(buildah, ref, { expect = {}, log, timeoutMs = 90_000 }) {
  const config = (await buildah.inspect(ref)).OCIv1?.config ?? {};
  const command = [...(config.Entrypoint ?? []), ...(config.Cmd ?? [])];
  if (!command.length) return { ok: false, error: 'the image has no ENTRYPOINT or CMD' };
  const exposed = Object.keys(config.ExposedPorts ?? {})
    .map((p) => /^(\d+)(?:\/tcp)?$/.exec(p)?.[1])
    .filter(Boolean)
    .map(Number);
  for (const p of exposed) {
    if (await portAnswers(p)) return { ok: false, error: `port ${p}, which the image exposes, is already in use on this machine` };
  }
  const port = exposed[0] ?? (await freePort());
  const ctr = await buildah.from(ref);
  try {
    const configured = await resolveUser(buildah, ctr, config.User);
    fs.writeFileSync(log, `$ buildah run ${ref} -- ${JSON.stringify(command)}  (PORT=${port}, USER=${config.User || 'root'})\n`);
    // The log is the container's stdout and stderr. Like runc, which hands the container's stdio to its
    // user, let that user own it: images that log to /dev/stdout (nginx) reopen it by path.
    if (configured.uid) fs.chownSync(log, configured.uid, configured.gid ?? configured.uid);
    const child = start('buildah', buildah.runArgs(ctr, { PORT: String(port) }, command), { log, env: buildah.env });
    let exit;
    child.on('exit', (code, signal) => (exit = { code, signal }));
    const deadline = Date.now() + timeoutMs;
    let answer;
    let lastError = '';
    let tree = [child.pid];
    while (!answer && !exit && Date.now() < deadline) {
      await sleep(250);
      tree = processTree(child.pid);
      const listeners = listenersOf(tree);
      const ports = [...new Set(listeners.map((l) => l.port))].sort((a, b) => (a === port ? -1 : b === port ? 1 : a - b));
      for (const p of ports) {
        try {
          const response = await httpGet(p, expect.path ?? '/');
          answer = { port: p, ...response, uids: [...new Set(listeners.filter((l) => l.port === p).map((l) => l.uid))] };
          break;
        } catch (error) {
          lastError = `${p}: ${error.message}`;
        }
      }
    }
    // one asset of an HTML page too (a static site whose files were not copied still serves index.html)
    if (answer && answer.status < 400 && /<html/i.test(answer.body)) {
      const asset = /(?:src|href)="(\/[^"]+\.(?:js|css))"/.exec(answer.body)?.[1];
      if (asset) {
        try {
          const r = await httpGet(answer.port, asset);
          answer.asset = { path: asset, status: r.status };
        } catch (error) {
          answer.asset = { path: asset, status: 0, error: error.message };
        }
      }
    }
    // stop it: the whole process group, then anything of the tree that left it
    killTree(child, 'SIGTERM');
    for (let i = 0; i < 40 && !exit; i++) await sleep(250);
    if (!exit) killTree(child, 'SIGKILL');
    for (const pid of tree) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    for (let i = 0; i < 20 && !exit; i++) await sleep(250);
    if (answer && (await portAnswers(answer.port))) {
      await sleep(2000);
      if (await portAnswers(answer.port)) return { ok: false, error: `port ${answer.port} still answers after the container was stopped` };
    }

    if (answer) {
      const uid = answer.uids[0];
      const user = describeUser(uid, uid === configured.uid ? configured.name : uid === 0 ? 'root' : undefined);
      const excerpt = answer.body.replace(/\s+/g, ' ').slice(0, 120);
      const detail = `HTTP ${answer.status} on :${answer.port}${expect.path ?? '/'}${answer.asset ? `, ${answer.asset.path} ${answer.asset.status}` : ''}: ${excerpt}`;
      if (answer.status >= 400) return { ok: false, how: 'http', uid, user, detail, error: `GET ${expect.path ?? '/'} answered ${answer.status}` };
      if (answer.asset && !(answer.asset.status >= 200 && answer.asset.status < 400)) {
        return { ok: false, how: 'http', uid, user, detail, error: `GET ${answer.asset.path} (from the page) answered ${answer.asset.status || answer.asset.error}` };
      }
      return { ok: true, how: 'http', uid, user, detail };
    }
    const output = fs.readFileSync(log, 'utf8').split('\n').slice(1).join('\n').trim();
    const user = describeUser(configured.uid, configured.name);
    if (exit) {
      const detail = `exited ${exit.code ?? exit.signal}: ${output.replace(/\s+/g, ' ').slice(0, 160)}`;
      if (exit.code !== 0) return { ok: false, how: 'exit', uid: configured.uid, user, detail, error: `it exited ${exit.code ?? exit.signal} without answering on any port: ${output.split('\n').slice(-3).join(' | ')}` };
      if (!output) return { ok: false, how: 'exit', uid: configured.uid, user, detail, error: 'it exited 0 without output and opened no port' };
      if (expect.output && !expect.output.test(output)) return { ok: false, how: 'exit', uid: configured.uid, user, detail, error: `its output does not match ${expect.output}` };
      return { ok: true, how: 'exit', uid: configured.uid, user, detail };
    }
    return {
      ok: false,
      uid: configured.uid,
      user,
      error: `no HTTP answer within ${timeoutMs / 1000} s${lastError ? ` (last try ${lastError})` : ' and no listening port'}; output: ${output.split('\n').slice(-3).join(' | ')}`,
    };
  } finally {
    await buildah.rm(ctr);
    if (fs.existsSync(log)) fs.chownSync(log, 0, 0);
  }
}

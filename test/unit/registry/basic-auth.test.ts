import { afterAll, beforeAll, expect, it } from 'vitest';
import { clientFactory, describeWithRegistry, ref, rejection } from '../../helpers/registry/clients';
import { makeDockerConfigDir, type DockerConfigDir } from '../../helpers/registry/docker-config';
import { startTestRegistry, type TestRegistry } from '../../helpers/registry/test-registry';

describeWithRegistry('htpasswd (Basic) auth and credentials from the Docker config', () => {
  let reg: TestRegistry;
  let cfg: DockerConfigDir;
  let savedPath: string | undefined;
  const clients = clientFactory();
  const errors: string[] = [];
  const fail = async (promise: Promise<unknown>) => {
    const error = await rejection(promise);
    errors.push(error.message, String(error.stack), JSON.stringify(error));
    return error;
  };
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const image = () => ref(`${reg.host}/library/node:18`);
  const withConfig = (config: object, options: Parameters<typeof clients.make>[0] = {}) => {
    cfg.write(config);
    return clients.make({ dockerConfigPath: cfg.configPath, ...options });
  };

  beforeAll(async () => {
    reg = await startTestRegistry({ auth: 'htpasswd' });
    cfg = makeDockerConfigDir();
    savedPath = process.env.PATH;
    process.env.PATH = `${cfg.binDir}:${process.env.PATH}`;
  }, 120_000);
  afterAll(async () => {
    process.env.PATH = savedPath;
    await clients.closeAll();
    await reg?.stop();
    cfg?.remove();
  });

  it('refuses anonymous access with a hint to sign in', async () => {
    const error = await fail(withConfig({}).resolveDigest(image()));
    expect(error).toEqual(expect.objectContaining({
      kind: 'auth',
      message: `Could not look up \`${reg.host}/library/node:18\` on ${reg.host}: the registry requires a sign-in and no credentials were found; sign in with \`docker login ${reg.host}\``,
    }));
  });

  it('uses `auths` with a base64 `auth` entry', async () => {
    const client = withConfig({ auths: { [reg.host]: { auth: b64(`${reg.user.username}:${reg.user.password}`) } } });
    expect(await client.resolveDigest(image())).toBe(reg.seeded['library/node:18'].digest);
    expect((await client.imageFacts(image())).platforms).toHaveLength(2);
  });

  it('uses `auths` with username and password, under an https:// key', async () => {
    const client = withConfig({ auths: { [`https://${reg.host}`]: { username: reg.user.username, password: reg.user.password } } });
    expect(await client.resolveDigest(image())).toBe(reg.seeded['library/node:18'].digest);
  });

  it('reports rejected credentials without repeating them', async () => {
    const error = await fail(withConfig({ auths: { [reg.host]: { auth: b64(`${reg.user.username}:wrong-password-123`) } } }).resolveDigest(image()));
    expect(error.kind).toBe('auth');
    expect(error.message).toBe(`Could not look up \`${reg.host}/library/node:18\` on ${reg.host}: the registry refused access to library/node with the credentials from the Docker config (HTTP 401)`);
    expect(error.message).not.toContain('wrong-password-123');
  });

  it('asks the credsStore helper, passing the registry host on stdin', async () => {
    cfg.helper('store', { username: reg.user.username, secret: reg.user.password });
    const client = withConfig({ credsStore: 'store', auths: { [reg.host]: {} } });
    expect(await client.resolveDigest(image())).toBe(reg.seeded['library/node:18'].digest);
    expect(cfg.calls('store')).toEqual([reg.host]);
    expect(clients.logs).toContain(`using credentials for ${reg.host} from docker-credential-store`);
  });

  it('prefers the per-host credHelpers entry over credsStore', async () => {
    cfg.helper('bad-store', { username: reg.user.username, secret: 'not-the-password' });
    cfg.helper('per-host', { username: reg.user.username, secret: reg.user.password });
    const client = withConfig({ credsStore: 'bad-store', credHelpers: { [reg.host]: 'per-host', 'other.example': 'bad-store' } });
    expect(await client.resolveDigest(image())).toBe(reg.seeded['library/node:18'].digest);
    expect(cfg.calls('bad-store')).toEqual([]);
    expect(cfg.calls('per-host')).toEqual([reg.host]);
  });

  it('falls back to `auths` when the helper has no credentials or fails', async () => {
    const auths = { [reg.host]: { auth: b64(`${reg.user.username}:${reg.user.password}`) } };
    cfg.helper('empty', 'not-found');
    expect(await withConfig({ credsStore: 'empty', auths }).resolveDigest(image())).toBe(reg.seeded['library/node:18'].digest);
    cfg.helper('broken', 'garbage');
    expect(await withConfig({ credsStore: 'broken', auths }).resolveDigest(image())).toBe(reg.seeded['library/node:18'].digest);
    expect(clients.logs).toContain(`docker-credential-broken failed for ${reg.host}: its output was not valid JSON; continuing without its credentials`);
  });

  it('runs no helper when credential helpers are disabled (untrusted workspace)', async () => {
    cfg.helper('untrusted', { username: reg.user.username, secret: reg.user.password });
    const client = withConfig({ credHelpers: { [reg.host]: 'untrusted' } }, { allowCredentialHelpers: false });
    expect((await fail(client.resolveDigest(image()))).kind).toBe('auth');
    expect(cfg.calls('untrusted')).toEqual([]);
    expect(clients.logs).toContain(`not running docker-credential-untrusted (credHelpers) for ${reg.host}: credential helpers are disabled`);
  });

  it('never runs a helper whose name is a path', async () => {
    const client = withConfig({ credsStore: '../../bin/sh' });
    expect((await fail(client.resolveDigest(image()))).kind).toBe('auth');
    expect(clients.logs).toContain(`docker-credential-../../bin/sh failed for ${reg.host}: the helper name is not valid; continuing without its credentials`);
  });

  it('stops a helper that hangs after 5 s', async () => {
    cfg.helper('hang', 'hang');
    const started = Date.now();
    const error = await fail(withConfig({ credsStore: 'hang' }).resolveDigest(image()));
    expect(error.kind).toBe('auth');
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_900);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(clients.logs).toContain(`docker-credential-hang failed for ${reg.host}: it did not answer within 5 s; continuing without its credentials`);
  }, 20_000);

  it('never puts credentials in logs or error messages', () => {
    const secrets = [reg.user.password, b64(`${reg.user.username}:${reg.user.password}`), 'wrong-password-123', 'not-the-password'];
    const text = [...clients.logs, ...errors].join('\n');
    expect(clients.logs.length).toBeGreaterThan(20);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});

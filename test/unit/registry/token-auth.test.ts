import { afterAll, beforeAll, expect, it } from 'vitest';
import { clientFactory, describeWithRegistry, ref, rejection } from '../../helpers/registry/clients';
import { makeDockerConfigDir, type DockerConfigDir } from '../../helpers/registry/docker-config';
import { startTestRegistry, type TestRegistry } from '../../helpers/registry/test-registry';

describeWithRegistry('Bearer token auth', () => {
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
  const withConfig = (config: object) => {
    cfg.write(config);
    return clients.make({ dockerConfigPath: cfg.configPath });
  };
  const tokenRequests = () => reg.token!.requests.filter((r) => r.path === '/token');

  beforeAll(async () => {
    reg = await startTestRegistry({ auth: 'token' });
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

  it('gets an anonymous token for a public image and reuses it', async () => {
    const client = withConfig({});
    const before = tokenRequests().length;
    expect(await client.resolveDigest(ref(`${reg.host}/library/node:18-alpine`))).toBe(reg.seeded['library/node:18-alpine'].digest);
    const facts = await client.imageFacts(ref(`${reg.host}/library/node:18-alpine`));
    expect(facts.platforms.map((p) => p.created)).toEqual(['2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z']);
    const used = tokenRequests().slice(before);
    expect(used).toEqual([{ method: 'GET', path: '/token', basicAuth: false }]);
  });

  it('refuses a private repository to anonymous users, naming the scope problem', async () => {
    const error = await fail(withConfig({}).resolveDigest(ref(`${reg.host}/private/app:1`)));
    expect(error).toEqual(expect.objectContaining({
      kind: 'auth',
      message: `Could not look up \`${reg.host}/private/app:1\` on ${reg.host}: the registry refused anonymous access to private/app (insufficient_scope): it is private or does not exist; sign in with \`docker login ${reg.host}\` if it is private`,
    }));
  });

  it('asks the token service with Basic credentials from `auths`', async () => {
    const before = tokenRequests().length;
    const client = withConfig({ auths: { [reg.host]: { auth: b64(`${reg.user.username}:${reg.user.password}`) } } });
    expect(await client.resolveDigest(ref(`${reg.host}/private/app:1`))).toBe(reg.seeded['private/app:1'].digest);
    expect(tokenRequests().slice(before)).toEqual([{ method: 'GET', path: '/token', basicAuth: true }]);
  });

  it('uses an identity token with the OAuth2 refresh-token grant', async () => {
    const before = tokenRequests().length;
    const client = withConfig({ auths: { [reg.host]: { auth: b64(`${reg.user.username}:`), identitytoken: reg.identityToken } } });
    expect(await client.resolveDigest(ref(`${reg.host}/private/app:1`))).toBe(reg.seeded['private/app:1'].digest);
    expect(tokenRequests().slice(before)).toEqual([{ method: 'POST', path: '/token', basicAuth: false, grant: 'refresh_token' }]);
  });

  it('treats a helper answer with user `<token>` as an identity token', async () => {
    cfg.helper('oauth', { username: '<token>', secret: reg.identityToken });
    const client = withConfig({ credHelpers: { [reg.host]: 'oauth' } });
    expect(await client.resolveDigest(ref(`${reg.host}/private/app:1`))).toBe(reg.seeded['private/app:1'].digest);
    expect(tokenRequests().at(-1)).toMatchObject({ method: 'POST', grant: 'refresh_token' });
  });

  it('reports credentials the token service rejects', async () => {
    const error = await fail(withConfig({ auths: { [reg.host]: { username: reg.user.username, password: 'bad-token-password' } } }).resolveDigest(ref(`${reg.host}/private/app:1`)));
    expect(error.kind).toBe('auth');
    const realm = new URL(reg.token!.realm).host;
    expect(error.message).toBe(`Could not look up \`${reg.host}/private/app:1\` on ${reg.host}: the token service ${realm} rejected the credentials from the Docker config (HTTP 401); sign in again with \`docker login ${reg.host}\``);
  });

  it('never puts passwords or tokens in logs or error messages', () => {
    const secrets = [reg.user.password, b64(`${reg.user.username}:${reg.user.password}`), reg.identityToken, 'bad-token-password', ...reg.token!.issued];
    const text = [...clients.logs, ...errors].join('\n');
    expect(clients.logs.length).toBeGreaterThan(10);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialStore, defaultDockerConfigPath, runCredentialHelper } from '../../../server/src/io/docker-credentials';
import { parseChallenges } from '../../../server/src/io/registry-auth';
import { makeDockerConfigDir, type DockerConfigDir } from '../../helpers/registry/docker-config';

describe('Docker config credentials', () => {
  let cfg: DockerConfigDir;
  const logs: string[] = [];
  const secrets: string[] = [];
  const store = (allowHelpers = true) =>
    createCredentialStore({ configPath: cfg.configPath, allowHelpers, log: (m) => logs.push(m), onSecret: (s) => secrets.push(s), now: Date.now, env: { PATH: `${cfg.binDir}:/usr/bin:/bin` } });
  const b64 = (s: string) => Buffer.from(s).toString('base64');

  beforeAll(() => {
    cfg = makeDockerConfigDir();
  });
  afterAll(() => cfg.remove());

  it('finds Docker Hub entries under any of its names', async () => {
    for (const key of ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io']) {
      cfg.write({ auths: { [key]: { auth: b64('hub-user:hub-pass') } } });
      expect(await store().get('docker.io')).toEqual({ kind: 'password', username: 'hub-user', password: 'hub-pass' });
    }
  });

  it('matches other registries by host, with or without scheme and path', async () => {
    cfg.write({ auths: { 'https://ghcr.io/v2/': { username: 'u', password: 'p1' }, 'registry.lan:5000': { auth: b64('u:p:with:colons') } } });
    expect(await store().get('ghcr.io')).toEqual({ kind: 'password', username: 'u', password: 'p1' });
    expect(await store().get('registry.lan:5000')).toEqual({ kind: 'password', username: 'u', password: 'p:with:colons' });
    expect(await store().get('registry.lan')).toBeUndefined();
    expect(await store().get('quay.io')).toBeUndefined();
  });

  it('prefers an identity token, and reports every secret for redaction', async () => {
    secrets.length = 0;
    cfg.write({ auths: { 'ghcr.io': { auth: b64('u:'), identitytoken: 'refresh-me' } } });
    expect(await store().get('ghcr.io')).toEqual({ kind: 'identity-token', token: 'refresh-me' });
    expect(secrets).toContain('refresh-me');
  });

  it('treats a missing or broken config as no credentials', async () => {
    cfg.write({});
    expect(await store().get('ghcr.io')).toBeUndefined();
    const broken = createCredentialStore({ configPath: `${cfg.dir}/nope.json`, allowHelpers: true, log: () => undefined, onSecret: () => undefined, now: Date.now });
    expect(await broken.get('ghcr.io')).toBeUndefined();
  });

  it('passes the Docker Hub server URL to helpers', async () => {
    cfg.helper('hub', { username: 'h', secret: 'hub-secret' });
    cfg.write({ credHelpers: { 'docker.io': 'hub' } });
    expect(await store().get('docker.io')).toEqual({ kind: 'password', username: 'h', password: 'hub-secret' });
    expect(cfg.calls('hub')).toEqual(['https://index.docker.io/v1/']);
  });

  it('runs helpers by name only', async () => {
    await expect(runCredentialHelper('x; rm -rf /', 'ghcr.io')).rejects.toThrow('the helper name is not valid');
    await expect(runCredentialHelper('does-not-exist-anywhere', 'ghcr.io', { env: { PATH: cfg.binDir } })).rejects.toThrow('the program was not found on PATH');
  });

  it('defaults to $DOCKER_CONFIG/config.json', () => {
    expect(defaultDockerConfigPath({ DOCKER_CONFIG: '/cfg' })).toBe('/cfg/config.json');
    expect(defaultDockerConfigPath({})).toMatch(/\.docker\/config\.json$/);
  });
});

describe('WWW-Authenticate', () => {
  it('parses Docker Hub Bearer challenges', () => {
    expect(parseChallenges('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/node:pull"')).toEqual([
      { scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/node:pull' } },
    ]);
  });

  it('parses several challenges, quoted commas and bare values', () => {
    expect(parseChallenges('Bearer realm="https://x/token",scope="repository:a:pull,push", Basic realm=reg')).toEqual([
      { scheme: 'bearer', params: { realm: 'https://x/token', scope: 'repository:a:pull,push' } },
      { scheme: 'basic', params: { realm: 'reg' } },
    ]);
    expect(parseChallenges('Bearer realm="r",error="insufficient_scope"')[0].params.error).toBe('insufficient_scope');
    expect(parseChallenges(null)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { apkSpec, aptSpec, gemSpec, npmSpec, pipSpec } from '../../../server/src/core/package-pins';

describe('package specs', () => {
  it('apt: `=version` pins; files are not packages; a release is not a version', () => {
    expect(aptSpec('curl')).toEqual({ name: 'curl', pinned: false });
    expect(aptSpec('curl=7.88.1-10')).toEqual({ name: 'curl', pinned: true });
    expect(aptSpec('curl=')).toEqual({ name: 'curl', pinned: false });
    expect(aptSpec('nginx/bookworm-backports')).toEqual({ name: 'nginx', pinned: false });
    expect(aptSpec('./x.deb')).toBeUndefined();
  });

  it('apk: `=`, `~`, `<`, `>` constraints pin', () => {
    expect(apkSpec('git~2.45')).toEqual({ name: 'git', pinned: true });
    expect(apkSpec('openssl>3')).toEqual({ name: 'openssl', pinned: true });
    expect(apkSpec('bash')).toEqual({ name: 'bash', pinned: false });
    expect(apkSpec('x-1.0-r0.apk')).toBeUndefined();
  });

  it('pip: specifiers, direct references and VCS revisions', () => {
    expect(pipSpec('flask==3.0.3')?.pinned).toBe(true);
    expect(pipSpec('uvicorn[standard]>=0.30')).toEqual({ name: 'uvicorn', pinned: true });
    expect(pipSpec('tool @ https://example.com/tool-1.0.tar.gz')?.pinned).toBe(true);
    expect(pipSpec('flask==')?.pinned).toBe(false);
    expect(pipSpec('git+https://github.com/a/b.git@v1#egg=b')?.pinned).toBe(true);
    expect(pipSpec('git+ssh://git@github.com/a/b.git#egg=b')?.pinned).toBe(false);
    expect(pipSpec('./pkg')).toBeUndefined();
    expect(pipSpec('https://example.com/x.zip')).toBeUndefined();
  });

  it('npm: versions, scopes, dist-tags and git refs', () => {
    expect(npmSpec('@scope/pkg@1.2.3')).toEqual({ name: '@scope/pkg', pinned: true });
    expect(npmSpec('@scope/pkg')).toEqual({ name: '@scope/pkg', pinned: false });
    expect(npmSpec('npm@latest')?.pinned).toBe(false);
    expect(npmSpec('acme/tool#v1')?.pinned).toBe(true);
    expect(npmSpec('git+ssh://git@github.com:a/b.git')?.pinned).toBe(false);
    expect(npmSpec('../lib')).toBeUndefined();
    expect(npmSpec('pkg-1.0.0.tgz')).toBeUndefined();
  });

  it('gem: `name:version`', () => {
    expect(gemSpec('rails:7.2.1')).toEqual({ name: 'rails', pinned: true });
    expect(gemSpec('rails')).toEqual({ name: 'rails', pinned: false });
    expect(gemSpec('./x.gem')).toBeUndefined();
  });
});

/** Test certificates made with openssl: a self-signed CA, server certificates it signs, and a token-signing key. */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface KeyPair {
  keyPath: string;
  certPath: string;
  certPem: string;
}

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function pair(dir: string, name: string): KeyPair {
  const certPath = join(dir, `${name}.crt`);
  return { keyPath: join(dir, `${name}.key`), certPath, certPem: readFileSync(certPath, 'utf8') };
}

/** A CA certificate valid for two days. */
export function makeCa(dir: string): KeyPair {
  openssl([
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=dockerfile-optimizer test CA',
    '-keyout', join(dir, 'ca.key'), '-out', join(dir, 'ca.crt'),
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  return pair(dir, 'ca');
}

/** A server certificate signed by `ca` for 127.0.0.1 and the given DNS names. */
export function makeServerCert(dir: string, ca: KeyPair, dnsNames: string[]): KeyPair {
  const csr = join(dir, 'server.csr');
  const ext = join(dir, 'server.ext');
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', join(dir, 'server.key'), '-out', csr]);
  const san = ['IP:127.0.0.1', ...dnsNames.map((n) => `DNS:${n}`)].join(',');
  writeFileSync(ext, `subjectAltName=${san}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`);
  openssl(['x509', '-req', '-in', csr, '-CA', ca.certPath, '-CAkey', ca.keyPath, '-CAcreateserial', '-days', '2', '-extfile', ext, '-out', join(dir, 'server.crt')]);
  return pair(dir, 'server');
}

/** A self-signed key pair whose certificate the registry trusts for token signatures (`rootcertbundle`). */
export function makeTokenSigner(dir: string): KeyPair {
  openssl([
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=dockerfile-optimizer token signer',
    '-keyout', join(dir, 'token-signer.key'), '-out', join(dir, 'token-signer.crt'),
  ]);
  return pair(dir, 'token-signer');
}

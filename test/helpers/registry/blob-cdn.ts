/**
 * A stand-in for the CDN that registries redirect blob downloads to: serves `/<repo>/blobs/<digest>`
 * by fetching it from the registry with the test's own credentials, and records the headers the
 * client sent, so a test can assert that `Authorization` never reached it.
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import { close, listen } from './listen';

export interface BlobCdn {
  url: string;
  requests: Array<{ path: string; headers: IncomingHttpHeaders }>;
  stop(): Promise<void>;
}

/** Starts the CDN in front of a plain-HTTP registry protected by Basic auth. */
export async function startBlobCdn(registryUrl: string, user: { username: string; password: string }): Promise<BlobCdn> {
  const requests: BlobCdn['requests'] = [];
  const basic = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;
  const server = http.createServer(async (req, res) => {
    requests.push({ path: req.url ?? '', headers: req.headers });
    const upstream = await fetch(new URL(`/v2${req.url}`, registryUrl), { headers: { authorization: basic } });
    const body = Buffer.from(await upstream.arrayBuffer());
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream', 'content-length': String(body.length) });
    res.end(body);
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, requests, stop: () => close(server) };
}

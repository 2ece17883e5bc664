/** Misbehaviours for the reverse proxy: what real registries, CDNs and middleboxes sometimes do. */
import type { IncomingMessage } from 'node:http';
import type { Handler } from './reverse-proxy';

export type Match = (req: IncomingMessage) => boolean;

/** Requests for manifests (HEAD and GET). */
export const manifests: Match = (req) => /\/manifests\//.test(req.url ?? '');
/** GET requests for manifests. */
export const manifestGets: Match = (req) => req.method === 'GET' && manifests(req);
/** GET requests for blobs (image configs). */
export const blobGets: Match = (req) => req.method === 'GET' && /\/blobs\/sha256:/.test(req.url ?? '');

/** Passes the answer through without `Docker-Content-Digest` (optional in the OCI spec). */
export const stripDigestHeader = (match: Match = manifests): Handler => async (req, _res, forward) => {
  if (!match(req)) return false;
  await forward({ dropHeaders: ['docker-content-digest'] });
  return true;
};

/** 429 Too Many Requests, with Docker Hub's rate-limit headers and an optional `Retry-After`. */
export const tooManyRequests = (match: Match, retryAfter?: string): Handler => (req, res) => {
  if (!match(req)) return false;
  res.writeHead(429, {
    'content-type': 'application/json',
    'ratelimit-limit': '100;w=21600',
    'ratelimit-remaining': '0;w=21600',
    ...(retryAfter !== undefined ? { 'retry-after': retryAfter } : {}),
  });
  res.end(JSON.stringify({ errors: [{ code: 'TOOMANYREQUESTS', message: 'You have reached your pull rate limit.' }] }));
  return true;
};

/** 500 Internal Server Error. */
export const serverError = (match: Match): Handler => (req, res) => {
  if (!match(req)) return false;
  res.writeHead(500, { 'content-type': 'text/plain' });
  res.end('internal error');
  return true;
};

/** Accepts the request and never answers (the proxy's `stop()` drops the connection). */
export const stall = (match: Match): Handler => (req) => match(req);

/** Sends the headers of a 200 with the full `Content-Length`, half the body, then drops the connection. */
export const truncatedBody = (match: Match, body: Buffer, contentType: string): Handler => (req, res) => {
  if (!match(req)) return false;
  res.writeHead(200, { 'content-type': contentType, 'content-length': String(body.length) });
  res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
  return true;
};

/** A 200 whose body is `bytes` long; chunked (no `Content-Length`) unless `declareLength`. */
export const oversizedBody = (match: Match, bytes: number, declareLength: boolean): Handler => (req, res) => {
  if (!match(req)) return false;
  res.writeHead(200, { 'content-type': 'application/vnd.oci.image.index.v1+json', ...(declareLength ? { 'content-length': String(bytes) } : {}) });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let sent = 0;
  const pump = () => {
    while (sent < bytes) {
      const part = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
      sent += part.length;
      if (!res.write(part)) return void res.once('drain', pump);
    }
    res.end();
  };
  res.on('error', () => undefined);
  res.on('close', () => {
    sent = bytes;
  });
  pump();
  return true;
};

/** Answers with a body the test chooses (for malformed JSON and wrong digests). */
export const fixedBody = (match: Match, status: number, body: string | Buffer, headers: Record<string, string>): Handler => (req, res) => {
  if (!match(req)) return false;
  res.writeHead(status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
};

/** Redirects to another origin (as registries do for blob downloads to a CDN). */
export const redirectTo = (match: Match, location: (req: IncomingMessage) => string, status = 307): Handler => (req, res) => {
  if (!match(req)) return false;
  res.writeHead(status, { location: location(req) });
  res.end();
  return true;
};

/**
 * A loopback reverse proxy in front of a plain-HTTP registry. It records every request and lets a
 * test change answers with handlers (see `faults.ts`); unhandled requests pass through unchanged.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { close, listen } from './listen';

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface ForwardOptions {
  /** Response headers to leave out (lower case). */
  dropHeaders?: string[];
}

export type Forward = (options?: ForwardOptions) => Promise<void>;

/** Returns true when it answered the request; `forward` passes it to the registry. */
export type Handler = (req: IncomingMessage, res: ServerResponse, forward: Forward) => boolean | Promise<boolean>;

export interface ReverseProxy {
  url: string;
  /** `127.0.0.1:<port>`, the registry part of image references that go through the proxy. */
  host: string;
  requests: SeenRequest[];
  /** Adds a handler, used at most `times` times (default: always). */
  use(handler: Handler, times?: number): void;
  /** Removes all handlers and forgets recorded requests. */
  reset(): void;
  stop(): Promise<void>;
}

/** Starts a proxy that forwards to `upstream` (an `http://` origin). */
export async function startReverseProxy(upstream: string): Promise<ReverseProxy> {
  const target = new URL(upstream);
  const requests: SeenRequest[] = [];
  let handlers: Array<{ handler: Handler; left: number }> = [];

  const forwarder = (req: IncomingMessage, res: ServerResponse): Forward => (options = {}) =>
    new Promise((resolve) => {
      const headers = { ...req.headers, host: target.host };
      const out = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (up) => {
        const drop = new Set(options.dropHeaders ?? []);
        const kept = Object.fromEntries(Object.entries(up.headers).filter(([k]) => !drop.has(k)));
        res.writeHead(up.statusCode ?? 502, kept);
        up.pipe(res);
        up.on('end', () => resolve());
      });
      out.on('error', () => {
        res.destroy();
        resolve();
      });
      req.pipe(out);
    });

  const server = http.createServer(async (req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    const forward = forwarder(req, res);
    for (const entry of handlers) {
      if (entry.left <= 0) continue;
      if (await entry.handler(req, res, forward)) {
        entry.left--;
        return;
      }
    }
    await forward();
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    use(handler, times = Infinity) {
      handlers.push({ handler, left: times });
    },
    reset() {
      handlers = [];
      requests.length = 0;
    },
    stop: () => close(server),
  };
}

/**
 * An HTTP forward proxy for HTTPS_PROXY tests: answers `CONNECT host:port` by tunnelling to a
 * loopback address the test maps that host to, so that names such as `registry-1.docker.io` reach
 * a local registry without DNS or network. Records every CONNECT target; unmapped hosts get 403.
 */
import http from 'node:http';
import net from 'node:net';
import { close, listen } from './listen';

export interface ForwardProxy {
  url: string;
  /** `host:port` of every CONNECT, in order. */
  connects: string[];
  /** `Proxy-Authorization` values seen. */
  proxyAuthorizations: string[];
  stop(): Promise<void>;
}

/** Starts the proxy; `routes` maps `host:port` (as the client asks) to `127.0.0.1:port`. */
export async function startForwardProxy(routes: Record<string, string>): Promise<ForwardProxy> {
  const connects: string[] = [];
  const proxyAuthorizations: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_req, res) => {
    res.writeHead(405);
    res.end('only CONNECT');
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = req.url ?? '';
    connects.push(target);
    if (req.headers['proxy-authorization']) proxyAuthorizations.push(String(req.headers['proxy-authorization']));
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    const route = routes[target];
    if (!route) {
      client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const [host, port] = route.split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    proxyAuthorizations,
    stop: async () => {
      for (const s of sockets) s.destroy();
      await close(server);
    },
  };
}

/**
 * A minimal load balancer for tests: each HTTP request, and each upgraded connection (WebSocket), goes to the next
 * upstream in turn. Bodies and responses are streamed (an SSE subscription stays open through it); X-Forwarded-For
 * is appended as a real proxy would. `served` records which upstream took each request.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';

export interface RoundRobinProxy {
  url: string;
  /** Per request, in arrival order: the upstream's index and the request's path. */
  served: { upstream: number; path: string }[];
  close(): Promise<void>;
}

export async function startRoundRobinProxy(upstreams: string[]): Promise<RoundRobinProxy> {
  const targets = upstreams.map((u) => new URL(u));
  const served: RoundRobinProxy['served'] = [];
  let next = 0;
  const pick = (path: string) => {
    const upstream = next++ % targets.length;
    served.push({ upstream, path });
    return targets[upstream]!;
  };
  const forwardedFor = (req: http.IncomingMessage) => {
    const prior = req.headers['x-forwarded-for'];
    return `${prior ? `${prior}, ` : ''}${req.socket.remoteAddress ?? ''}`;
  };

  const server = http.createServer((req, res) => {
    const target = pick(req.url ?? '/');
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, 'x-forwarded-for': forwardedFor(req) } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end('bad gateway');
      else res.destroy();
    });
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  // WebSocket and other upgrades: the handshake is replayed to the chosen upstream, then bytes flow both ways.
  server.on('upgrade', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = pick(req.url ?? '/');
    const upstream = net.connect(Number(target.port), target.hostname, () => {
      const headers = { ...req.headers, 'x-forwarded-for': forwardedFor(req) };
      const lines = Object.entries(headers).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => `${k}: ${x}`) : v === undefined ? [] : [`${k}: ${v}`]));
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

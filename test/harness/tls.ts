/**
 * Real hostnames, served locally: a self-signed certificate made at run time (never committed) and an HTTPS
 * server on 127.0.0.1 that answers by Host header + path + query (a page served with a query is served for
 * exactly that query; one served without, for any query). Chromium reaches it through
 * `--host-resolver-rules` (browser.ts), so the extension's real match patterns (`https://mail.google.com/*`,
 * `https://*.lightning.force.com/*`, …) decide whether the content script runs, exactly as in the field.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { freshTmpDir } from './paths.js';

export interface Certificate {
  key: string;
  cert: string;
  dir: string;
}

/**
 * `openssl req -x509` with every host the suite serves as a subjectAltName. Chromium runs with
 * `--ignore-certificate-errors`, so the names are for humans reading a failed run, not for trust.
 */
export function makeCertificate(hostnames: readonly string[]): Certificate {
  const dir = freshTmpDir('tls');
  const keyPath = path.join(dir, 'key.pem');
  const certPath = path.join(dir, 'cert.pem');
  const san = [...new Set(hostnames)].map((h) => `DNS:${h}`).join(',');
  execFileSync(
    'openssl',
    [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes',
      '-subj', '/CN=earshot-e2e',
      '-addext', `subjectAltName=${san},IP:127.0.0.1`,
      '-days', '2',
      '-keyout', keyPath,
      '-out', certPath,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), dir };
}

export interface Page {
  body: string | Buffer;
  contentType?: string;
}

/** One HTTPS server for every mapped hostname; pages are registered by full URL. */
export class FixtureServer {
  readonly #pages = new Map<string, Page>();
  readonly #server: https.Server;
  /** Requests seen, as `host + path` (to assert that a page was really fetched from this server). */
  readonly requests: string[] = [];

  private constructor(server: https.Server) {
    this.#server = server;
  }

  static async start(cert: Certificate): Promise<FixtureServer> {
    let self: FixtureServer | undefined;
    const server = https.createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
      if (!self) return void res.writeHead(503).end();
      const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      const url = req.url ?? '/';
      self.requests.push(host + url);
      // Parsed as `serve` parses its URL, so that both sides escape a query the same way.
      let parsed: URL | undefined;
      try {
        parsed = new URL(url, `https://${host}`);
      } catch {
        parsed = undefined;
      }
      const page =
        self.#pages.get(host + url) ??
        (parsed ? self.#pages.get(host + parsed.pathname + parsed.search) : undefined) ??
        self.#pages.get(host + (parsed?.pathname ?? url.replace(/\?.*$/, '')));
      if (!page) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end(`earshot-e2e: nothing at https://${host}${url}`);
        return;
      }
      res
        .writeHead(200, {
          'content-type': page.contentType ?? 'text/html; charset=utf-8',
          'cache-control': 'no-store',
        })
        .end(page.body);
    });
    self = new FixtureServer(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return self;
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  /**
   * Serve `page` at `url` (`https://mail.google.com/mail/u/0/`). The fragment is never sent by a browser, so it
   * is dropped; a query, when given, must match exactly, otherwise any query is accepted.
   */
  serve(url: string, page: Page | string): void {
    const u = new URL(url);
    this.#pages.set(u.hostname.toLowerCase() + u.pathname + u.search, typeof page === 'string' ? { body: page } : page);
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

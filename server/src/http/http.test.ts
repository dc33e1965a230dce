/** CORS, media types, the streamed body limit and security headers, over real HTTP. */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type HttpTestServer } from '../test-support/http-server.js';

let s: HttpTestServer;
beforeAll(async () => {
  s = await startHttpServer({ corsOrigins: ['https://dashboard.example'] });
});
afterAll(() => s.close());

const QUERY = JSON.stringify({ query: '{ __typename }' });
const post = (headers: Record<string, string>, body: string = QUERY) => fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

/** A raw request (chunked when asked), resolving to the status and headers. */
function raw(opts: { method?: string; path?: string; headers?: Record<string, string>; chunks?: Buffer[] }): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${s.url}${opts.path ?? '/graphql'}`, { method: opts.method ?? 'POST', headers: opts.headers ?? {} }, (res) => {
      let body = '';
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? resolve({ status: -1, headers: {}, body: err.code }) : reject(err)));
    (async () => {
      for (const c of opts.chunks ?? []) {
        if (!req.write(c)) await new Promise((r) => req.once('drain', r));
        if (req.destroyed) return;
      }
      req.end();
    })().catch(() => {});
  });
}

describe('CORS', () => {
  it('gives an evil origin no CORS headers on the preflight, and refuses its request', async () => {
    const pre = await fetch(`${s.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' } });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
    const res = await post({ origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const get = await fetch(`${s.url}/graphql?query=${encodeURIComponent('{__typename}')}`, { headers: { origin: 'null', accept: 'application/json' } });
    expect(get.status).toBe(403);
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows the extension and the configured origins, preflight and request', async () => {
    for (const origin of ['chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'moz-extension://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', 'https://dashboard.example']) {
      const pre = await fetch(`${s.url}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' } });
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe(origin);
      expect(pre.headers.get('access-control-allow-headers')).toContain('authorization');
      expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
      const res = await post({ origin });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    }
  });

  it('lets the server’s own origin (GraphiQL) and origin-less clients (curl, the extension’s worker) in', async () => {
    expect((await post({ origin: s.url })).status).toBe(200);
    expect((await post({ origin: `http://localhost:${s.port}` }, QUERY)).status).toBe(403); // Host says 127.0.0.1
    expect((await post({})).status).toBe(200);
  });

  it('refuses a DNS-rebound page (Origin and Host both name the attacker’s host)', async () => {
    const res = await raw({ headers: { 'content-type': 'application/json', origin: `http://evil.example:${s.port}`, host: `evil.example:${s.port}` }, chunks: [Buffer.from(QUERY)] });
    expect(res.status).toBe(403);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('media types', () => {
  it.each([
    ['application/x-www-form-urlencoded', `query=${encodeURIComponent('{__typename}')}`],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{__typename}"}\r\n--x--\r\n'],
    ['text/plain', QUERY],
    ['application/graphql', '{ __typename }'],
  ])('refuses a POST of %s with 415', async (type, body) => {
    const res = await fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': type }, body });
    expect(res.status).toBe(415);
  });

  it('accepts application/json with a charset', async () => {
    expect((await post({ 'content-type': 'application/json; charset=utf-8' })).status).toBe(200);
  });
});

describe('body limit', () => {
  const MB = 1024 * 1024;
  it('answers 413 to a chunked body past 8 MB, counted as it streams', async () => {
    const chunk = Buffer.alloc(MB, 0x20);
    const chunks = [Buffer.from('{"query":"{ __typename }","variables":{"x":"'), ...Array.from({ length: 16 }, () => chunk), Buffer.from('"}}')];
    const res = await raw({ headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', authorization: `Bearer ${s.adminToken}` }, chunks });
    expect([413, -1]).toContain(res.status);
    if (res.status === 413) expect(res.body).toContain('PAYLOAD_TOO_LARGE');
  });

  it('limits anonymous bodies to 64 KiB (only signIn needs no token), chunked or not', async () => {
    const big = Buffer.from(JSON.stringify({ query: '{ __typename }', variables: { x: 'y'.repeat(100_000) } }));
    for (const headers of [{ 'transfer-encoding': 'chunked' }, { 'content-length': String(big.length) }] as Record<string, string>[]) {
      const res = await raw({ headers: { 'content-type': 'application/json', ...headers }, chunks: [big] });
      expect([413, -1]).toContain(res.status);
    }
    const signedIn = await raw({ headers: { 'content-type': 'application/json', 'content-length': String(big.length), authorization: `Bearer ${s.adminToken}` }, chunks: [big] });
    expect(signedIn.status).toBe(200);
  });

  it('answers 413 to a declared Content-Length past 8 MB without reading it', async () => {
    const res = await raw({ headers: { 'content-type': 'application/json', 'content-length': String(20 * MB) }, chunks: [] });
    expect([413, -1]).toContain(res.status);
  });

  it('still runs a chunked body under the limit', async () => {
    const res = await raw({ headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, chunks: [Buffer.from(QUERY.slice(0, 5)), Buffer.from(QUERY.slice(5))] });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('security headers', () => {
  it('marks GraphQL answers nosniff and no-store, errors included', async () => {
    for (const res of [await post({}), await post({}, '{"query":"{ nope }"}'), await fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' })]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
    const health = await fetch(`${s.url}/healthz`);
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves GraphiQL (development) whole, offline: every URL in its markup and styles is inline or its own', async () => {
    const res = await fetch(`${s.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<script');
    expect(html).toContain('YogaGraphiQL.renderYogaGraphiQL');
    // The markup outside script and style bodies: every URL an element loads (src, href, srcset, poster, data).
    const markup = html.replace(/(<script[^>]*>)[\s\S]*?<\/script>/gi, '$1</script>').replace(/(<style[^>]*>)[\s\S]*?<\/style>/gi, '$1</style>');
    const urls = [...markup.matchAll(/\s(?:src|href|srcset|poster|data|action)\s*=\s*["']?([^\s"'>]+)/gi)].map((m) => m[1]!);
    const styleUrls = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)].flatMap((m) => [...m[1]!.matchAll(/url\(\s*["']?([^"')\s]+)/g)].map((u) => u[1]!));
    const foreign = [...urls, ...styleUrls].filter((u) => !/^(data|blob):/i.test(u) && new URL(u, `${s.url}/graphql`).origin !== s.url);
    expect(foreign).toEqual([]);
    expect(markup).not.toMatch(/<script[^>]*\bsrc=/i);
    expect(urls).not.toEqual([]); // the favicon, at least
    expect(styleUrls).not.toEqual([]); // the editor's fonts and icons
  });

  it('gives GraphiQL a CSP with its inline scripts by hash and no other origin', async () => {
    const res = await fetch(`${s.url}/graphql`, { headers: { accept: 'text/html' } });
    const csp = res.headers.get('content-security-policy')!;
    await res.arrayBuffer();
    expect(csp).toMatch(/script-src( 'sha256-[^']+')+(;|$)/);
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).not.toMatch(/https?:/);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

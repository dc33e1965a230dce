/**
 * HTTP-level defences as one yoga plugin, so they hold for the Node server and for `yoga.fetch` alike:
 * - a request carrying an `Origin` that is neither allowed (see cors.ts) nor this server's own is refused
 *   (403) before it runs, so a page elsewhere cannot even fire a query or mutation blind;
 * - a POST whose body is not `application/json` is refused (415): form-encoded, multipart and text/plain posts
 *   are the "simple requests" a browser sends cross-site without a preflight;
 * - security headers on every answer; GraphiQL's HTML page gets a Content-Security-Policy naming exactly the
 *   scripts it carries (hashes of its inline scripts) and no other origin (the page is served whole, offline).
 */
import { createHash } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { Config } from '../config.js';
import { isAllowedCorsOrigin, isSameOrigin } from './cors.js';

/** Headers every answer carries (also /healthz, outside yoga). */
export const BASE_SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** For answers that are data, never a page. */
const DATA_CSP = "default-src 'none'; frame-ancestors 'none'";

function refuse(status: number, code: string, message: string): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...BASE_SECURITY_HEADERS, 'cache-control': 'no-store', 'content-security-policy': DATA_CSP },
  });
}

/** `application/json`, with or without parameters (charset). */
export function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const type = value.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json';
}

/** The page is the same ~9 MB each time: comparing it is far cheaper than hashing it again. */
let lastCsp: { html: string; csp: string } | undefined;

/**
 * The CSP for an HTML page (GraphiQL's, self-contained): its inline scripts by hash and nothing from another
 * origin, so even a page that named a CDN could not load from it. Styles are inline (its editor sets style
 * attributes), images and fonts are data: URLs, the editor's workers run from blob: URLs the page makes.
 */
export function cspForHtml(html: string): string {
  if (lastCsp?.html === html) return lastCsp.csp;
  const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1] ?? '');
  const hashes = inlineScripts.map((body) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`);
  const csp = [
    "default-src 'none'",
    `script-src ${hashes.join(' ') || "'none'"}`,
    "style-src 'unsafe-inline'",
    "img-src 'self' data:",
    'font-src data:',
    "connect-src 'self'",
    'worker-src blob:',
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  lastCsp = { html, csp };
  return csp;
}

export function useHttpHardening(config: Pick<Config, 'corsOrigins'>): Plugin {
  return {
    onRequest({ request, endResponse }) {
      const origin = request.headers.get('origin');
      if (origin !== null && request.method !== 'OPTIONS' && !isAllowedCorsOrigin(config, origin) && !isSameOrigin(request, origin)) {
        endResponse(refuse(403, 'FORBIDDEN_ORIGIN', `Origin ${origin.slice(0, 200)} is not allowed`));
        return;
      }
      if (request.method === 'POST' && !isJsonContentType(request.headers.get('content-type'))) {
        endResponse(refuse(415, 'UNSUPPORTED_MEDIA_TYPE', 'POST bodies must be application/json'));
      }
    },
    async onResponse({ response }) {
      for (const [k, v] of Object.entries(BASE_SECURITY_HEADERS)) response.headers.set(k, v);
      const type = response.headers.get('content-type') ?? '';
      if (type.startsWith('text/html')) {
        response.headers.set('content-security-policy', cspForHtml(await response.clone().text()));
      } else {
        response.headers.set('content-security-policy', DATA_CSP);
        response.headers.set('cache-control', 'no-store');
      }
    },
  };
}

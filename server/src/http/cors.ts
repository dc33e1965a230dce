/**
 * Which browser origins may read Earshot's answers. Only the extension's own pages (chrome-extension://…,
 * moz-extension://…) and the origins listed in EARSHOT_CORS_ORIGINS get CORS headers; every other origin gets
 * none, so the browser keeps the response from the page. (Yoga reads `{ origin: [] }` as "any origin": the deny
 * answer must be `false`.)
 */
import type { Config } from '../config.js';

const EXTENSION_ORIGIN = /^(chrome|moz)-extension:\/\/[a-z0-9-]+$/i;

export function isAllowedCorsOrigin(config: Pick<Config, 'corsOrigins'>, origin: string | null | undefined): boolean {
  if (!origin) return false;
  // Any extension id: Firefox gives each install a random one. An extension with host permissions reaches the
  // server without CORS anyway, so refusing other extensions here would protect nothing.
  if (EXTENSION_ORIGIN.test(origin)) return true;
  return config.corsOrigins.includes(origin);
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The request's own origin on a loopback host (GraphiQL in development posts to the server that served it).
 * Only loopback: a page whose DNS name was rebound to this machine (Origin and Host both http://evil.example:4000)
 * would otherwise pass as "same origin". Other hosts serving GraphiQL go in EARSHOT_CORS_ORIGINS.
 */
export function isSameOrigin(request: Request, origin: string): boolean {
  try {
    const o = new URL(origin);
    const host = request.headers.get('host') ?? new URL(request.url).host;
    return (o.protocol === 'http:' || o.protocol === 'https:') && o.host === host && LOOPBACK.has(o.hostname);
  } catch {
    return false;
  }
}

/** Yoga's `cors` option: CORS headers for allowed origins, none (`false`) for everyone else. */
export function corsFor(config: Pick<Config, 'corsOrigins'>) {
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (!isAllowedCorsOrigin(config, origin)) return false as const;
    return {
      origin: origin as string,
      credentials: false,
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'authorization', 'accept'],
      maxAge: 600,
    };
  };
}

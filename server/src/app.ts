/**
 * The Earshot HTTP app: GraphQL at /graphql (GraphiQL outside production), GET /healthz. `createApp` builds it
 * on an open database without listening (tests call `app.yoga.fetch`); `main.ts`/the CLI listen.
 */
import http from 'node:http';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { createOidc, type OidcService } from './auth/oidc.js';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { Context } from './graphql/context.js';
import { useErrorCodes } from './graphql/error-codes.js';
import { useInputSanitiser } from './graphql/input-sanitiser.js';
import { useQueryGuard } from './graphql/query-guard.js';
import { schema } from './graphql/schema.js';
import { asRequestBody, BodyTooLarge, readBodyLimited, refuseTooLarge } from './http/body-limit.js';
import { corsFor } from './http/cors.js';
import { createOidcRoutes } from './http/oidc-routes.js';
import { BASE_SECURITY_HEADERS, useHttpHardening } from './http/security.js';
import { clientAddress } from './security/client-address.js';
import { createAppSecurity, type SecurityServerContext } from './security/request.js';
import { createServices, type Services } from './services/index.js';

/** Largest request body accepted (a ledger import batch of ~10k rows fits). */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** Without an Authorization header only signIn (and, outside production, introspection) can work: tiny bodies. */
export const MAX_ANONYMOUS_BODY_BYTES = 64 * 1024;

export interface App {
  yoga: YogaServerInstance<SecurityServerContext, Context>;
  services: Services;
  /** Single sign-on (EARSHOT_OIDC_*); null when not configured. */
  oidc: OidcService | null;
  handle: http.RequestListener;
}

export function createApp(db: Database, config: Config, services: Services = createServices(db.prisma)): App {
  const security = createAppSecurity(db, config, services);
  const oidc = config.oidc ? createOidc(config.oidc) : null;
  const oidcRoutes = createOidcRoutes({ config, prisma: db.prisma, oidc, limits: security.limits });
  const yoga = createYoga<SecurityServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: !config.production,
    landingPage: false,
    maskedErrors: true,
    cors: corsFor(config),
    // Rate limits first (every request counts, even one refused later), then the HTTP rules, the query's size
    // and cost, and the text check of every argument; last, a code on every error a client gets (graphql/error-codes.ts).
    plugins: [security.plugin, useHttpHardening(config), useQueryGuard(config), useInputSanitiser(), useErrorCodes()],
    context: async ({ request, clientAddress }) => ({
      prisma: db.prisma,
      viewer: await security.viewerOf(request),
      services,
      config,
      security: security.forRequest(clientAddress ?? null),
      oidc,
      requestOrigin: new URL(request.url).origin,
    }),
  });

  const healthHeaders = { ...BASE_SECURITY_HEADERS, 'cache-control': 'no-store' };
  const handle: http.RequestListener = async (req, res) => {
    if (req.url === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      try {
        await db.prisma.$queryRaw`SELECT 1`;
        res.writeHead(200, { ...healthHeaders, 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, database: db.kind }));
      } catch {
        res.writeHead(503, { ...healthHeaders, 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'database unreachable' }));
      }
      return;
    }
    if (req.url?.startsWith('/auth/oidc/') && (await oidcRoutes(req, res, clientAddress(req, config.trustProxy)))) return;
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') {
      // Counted as it streams, whatever the transfer encoding; yoga then reads the buffer, not the socket.
      const max = req.headers.authorization ? MAX_BODY_BYTES : MAX_ANONYMOUS_BODY_BYTES;
      try {
        (req as http.IncomingMessage & { body?: unknown }).body = asRequestBody(await readBodyLimited(req, max));
      } catch (err) {
        if (err instanceof BodyTooLarge) refuseTooLarge(res, max, BASE_SECURITY_HEADERS);
        else res.destroy();
        return;
      }
    }
    await yoga(req, res, { clientAddress: clientAddress(req, config.trustProxy) });
  };

  return { yoga, services, oidc, handle };
}

export function listen(app: App, host: string, port: number): Promise<http.Server> {
  const server = http.createServer(app.handle);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

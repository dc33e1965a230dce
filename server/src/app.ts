/**
 * The Earshot HTTP app: GraphQL at /graphql (GraphiQL outside production), GET /healthz. `createApp` builds it
 * on an open database without listening (tests call `app.yoga.fetch`); `main.ts`/the CLI listen.
 */
import http from 'node:http';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { Context } from './graphql/context.js';
import { queryLimitsRule } from './graphql/limits.js';
import { schema } from './graphql/schema.js';
import { clientAddress } from './security/client-address.js';
import { createAppSecurity, type SecurityServerContext } from './security/request.js';
import { createServices, type Services } from './services/index.js';

/** Largest request body accepted (a ledger import batch of ~10k rows fits). */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface App {
  yoga: YogaServerInstance<SecurityServerContext, Context>;
  services: Services;
  handle: http.RequestListener;
}

function corsOrigin(config: Pick<Config, 'corsOrigins'>, origin: string | null): boolean {
  if (!origin) return false;
  // The extension's own pages; its service worker needs no CORS (host permission), but the dashboard page does.
  if (/^(chrome|moz)-extension:\/\/[a-z0-9-]+$/i.test(origin)) return true;
  return config.corsOrigins.includes(origin);
}

const queryLimits: Plugin = {
  onValidate: ({ addValidationRule }) => addValidationRule(queryLimitsRule()),
};

export function createApp(db: Database, config: Config, services: Services = createServices(db.prisma)): App {
  const security = createAppSecurity(db, config, services);
  const yoga = createYoga<SecurityServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: !config.production,
    landingPage: false,
    maskedErrors: true,
    cors: (request) => {
      const origin = request.headers.get('origin');
      return corsOrigin(config, origin)
        ? { origin: origin!, credentials: false, methods: ['GET', 'POST'], allowedHeaders: ['content-type', 'authorization'] }
        : { origin: [] };
    },
    plugins: [queryLimits, security.plugin],
    context: async ({ request, clientAddress }) => ({
      prisma: db.prisma,
      viewer: await security.viewerOf(request),
      services,
      config,
      security: security.forRequest(clientAddress ?? null),
    }),
  });

  const handle: http.RequestListener = async (req, res) => {
    if (req.url === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      try {
        await db.prisma.$queryRaw`SELECT 1`;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, database: db.kind }));
      } catch {
        res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'database unreachable' }));
      }
      return;
    }
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > MAX_BODY_BYTES) {
      res.writeHead(413, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: `Request body over ${MAX_BODY_BYTES} bytes` }] }));
      return;
    }
    await yoga(req, res, { clientAddress: clientAddress(req, config.trustProxy) });
  };

  return { yoga, services, handle };
}

export function listen(app: App, host: string, port: number): Promise<http.Server> {
  const server = http.createServer(app.handle);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

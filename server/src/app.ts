/**
 * The Earshot HTTP app: GraphQL at /graphql (GraphiQL outside production), GET /healthz, /readyz and /metrics
 * (observability/endpoints.ts). `createApp` builds it on an open database without listening (tests call
 * `app.yoga.fetch`); `main.ts`/the CLI listen.
 *
 * GraphiQL works offline: its page comes whole from @graphql-yoga/render-graphiql (scripts, styles, editor
 * workers and fonts inline, ~9 MB), never from a CDN, so it also works behind a firewall and the page's CSP
 * names no other origin. The package loads on the first request for the page, so production never holds it.
 */
import http from 'node:http';
import { createYoga, type GraphiQLOptions, type YogaServerInstance } from 'graphql-yoga';
import { createOidc, type OidcService } from './auth/oidc.js';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { deliveryOf } from './events/delivery.js';
import type { Context } from './graphql/context.js';
import { useErrorCodes } from './graphql/error-codes.js';
import { useInputSanitiser } from './graphql/input-sanitiser.js';
import { useQueryGuard } from './graphql/query-guard.js';
import { schema } from './graphql/schema.js';
import { asRequestBody, BodyTooLarge, readBodyLimited, refuseTooLarge } from './http/body-limit.js';
import { corsFor } from './http/cors.js';
import { createOidcRoutes } from './http/oidc-routes.js';
import { BASE_SECURITY_HEADERS, useHttpHardening } from './http/security.js';
import { useOperationalEndpoints } from './observability/endpoints.js';
import { createObservability, type Observability } from './observability/index.js';
import { readinessCheck } from './observability/readiness.js';
import { REQUEST_ID_HEADER, requestIdFrom } from './observability/request-id.js';
import { requestObservability } from './observability/request-log.js';
import { yogaLogger } from './observability/yoga-logger.js';
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
  observability: Observability;
  /** Single sign-on (EARSHOT_OIDC_*); null when not configured. */
  oidc: OidcService | null;
  handle: http.RequestListener;
}

export interface AppOptions {
  /**
   * Logs and metrics; default: those of the services' delivery parts (one registry per server instance), else
   * a silent logger with metrics of its own.
   */
  observability?: Observability;
}

export function createApp(db: Database, config: Config, services: Services = createServices(db.prisma), options: AppOptions = {}): App {
  const delivery = deliveryOf(services.events);
  const observability = options.observability ?? delivery?.observability ?? createObservability();
  const { logger, metrics } = observability;
  const security = createAppSecurity(db, config, services, observability);
  const oidc = config.oidc ? createOidc(config.oidc) : null;
  const oidcRoutes = createOidcRoutes({ config, prisma: db.prisma, oidc, limits: security.limits, log: (message) => logger.warn(message) });
  const graphqlEndpoint = '/graphql';
  const requests = requestObservability({ logger, metrics, graphqlEndpoint, viewerOf: security.viewerOf });
  metrics.observeDbPool(
    db.pool
      ? { inUse: () => db.pool!.totalCount - db.pool!.idleCount, idle: () => db.pool!.idleCount, waiting: () => db.pool!.waitingCount, max: () => db.pool!.options.max ?? 10 }
      : // PGlite: one connection inside this process; Prisma's adapter queues queries on it, which no counter shows.
        { max: () => 1 },
  );
  const endpoints = useOperationalEndpoints({
    databaseKind: db.kind,
    readiness: readinessCheck(db, delivery, logger),
    metrics,
    metricsEnabled: config.metricsEnabled,
    metricsToken: config.metricsToken,
  });
  const yoga = createYoga<SecurityServerContext, Context>({
    schema,
    graphqlEndpoint,
    logging: yogaLogger(logger),
    graphiql: !config.production,
    renderGraphiQL: renderOfflineGraphiQL,
    landingPage: false,
    maskedErrors: true,
    // The body's size is enforced once, by `handle` below, before yoga sees the request (8 MB signed in, 64 KB
    // not; counted as it streams). yoga's own limit would wrap every body in a second stream pipeline and a new
    // Request: 8% of the server's CPU per sidebar lookup (BENCHMARKS.md). `yoga.fetch` (tests, in-process) has none.
    maxRequestBodySize: false,
    cors: corsFor(config),
    // The request's id and start time first, then the probes and /metrics (not rate-limited), rate limits (every
    // request counts, even one refused later), the HTTP rules, the query's size and cost, and the text check of
    // every argument; then a code on every error a client gets (graphql/error-codes.ts); last the log line and
    // metrics, which see those codes (observability/request-log.ts).
    plugins: [
      requests.first,
      endpoints,
      security.plugin,
      useHttpHardening(config),
      useQueryGuard(config),
      useInputSanitiser(),
      useErrorCodes(),
      requests.last,
    ],
    context: async ({ request, clientAddress }) => ({
      prisma: db.prisma,
      viewer: await security.viewerOf(request),
      services,
      config,
      security: security.forRequest(clientAddress ?? null),
      oidc,
      requestOrigin: new URL(request.url).origin,
      log: (message: string) => logger.warn(message),
    }),
  });

  const handle: http.RequestListener = async (req, res) => {
    // Which instance answered, for an operator behind a load balancer (off unless EARSHOT_INSTANCE_ID is set).
    if (config.instanceId) res.setHeader('x-earshot-instance', config.instanceId);
    if (req.url?.startsWith('/auth/oidc/') && (await oidcRoutes(req, res, clientAddress(req, config.trustProxy)))) return;
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') {
      // Counted as it streams, whatever the transfer encoding; yoga then reads the buffer, not the socket.
      const max = req.headers.authorization ? MAX_BODY_BYTES : MAX_ANONYMOUS_BODY_BYTES;
      try {
        (req as http.IncomingMessage & { body?: unknown }).body = asRequestBody(await readBodyLimited(req, max));
      } catch (err) {
        // Answered before yoga: its one log line is written here.
        const reqId = requestIdFrom(req.headers[REQUEST_ID_HEADER] as string | undefined);
        const line = { reqId, method: req.method, path: (req.url ?? '/').split('?')[0], outcome: 'error' };
        if (err instanceof BodyTooLarge) {
          refuseTooLarge(res, max, { ...BASE_SECURITY_HEADERS, [REQUEST_ID_HEADER]: reqId });
          logger.warn({ ...line, status: 413, errorCodes: ['PAYLOAD_TOO_LARGE'] }, 'request');
        } else {
          res.destroy();
          logger.warn({ ...line, err }, 'request body not read');
        }
        return;
      }
    }
    await yoga(req, res, { clientAddress: clientAddress(req, config.trustProxy) });
  };

  return { yoga, services, observability, oidc, handle };
}

/** The page for the same options is the same string: render it once, not ~9 MB per request. */
const graphiqlPages = new Map<string, Promise<string>>();
function renderOfflineGraphiQL(options: GraphiQLOptions = {}): Promise<string> {
  const key = JSON.stringify(options);
  let page = graphiqlPages.get(key);
  if (!page) {
    page = import('@graphql-yoga/render-graphiql').then(({ renderGraphiQL }) => renderGraphiQL(options));
    page.catch(() => graphiqlPages.delete(key));
    graphiqlPages.set(key, page);
  }
  return page;
}

export function listen(app: App, host: string, port: number): Promise<http.Server> {
  const server = http.createServer(app.handle);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

/**
 * The request-level security of one app: its rate limits (shared through the live channel's Redis when the
 * server has one), checked by a yoga plugin on each request *before* its body is parsed or validated — so
 * malformed or invalid queries count too — and, per request, the client address and the sign-in limits for the
 * GraphQL context. The bearer token is resolved once per request here and reused by the context.
 * app.ts registers it.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { authenticate, bearerFrom, type Viewer } from '../auth/tokens.js';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { deliveryOf } from '../events/delivery.js';
import type { Observability } from '../observability/index.js';
import { logOf } from '../observability/logger.js';
import type { Services } from '../services/index.js';
import { createRateLimits, type RateLimits, type SignInAttempt } from './rate-limits.js';

/** What the GraphQL context carries for this request. */
export interface RequestSecurity {
  /** The client address (see client-address.ts); null for in-process calls without a socket. */
  clientAddress: string | null;
  /** Takes a sign-in attempt for this e-mail (null: single sign-on, the address only) from this address; throws RATE_LIMITED while locked out. */
  signIn(email: string | null): Promise<SignInAttempt>;
}

/** What the HTTP layer passes yoga as server context (`yoga(req, res, { clientAddress })`). */
export interface SecurityServerContext {
  clientAddress?: string | null;
}

export interface AppSecurity {
  limits: RateLimits;
  /** The yoga plugin applying the request limits (429 + Retry-After before parsing). */
  plugin: Plugin<Record<string, unknown>, SecurityServerContext>;
  /** The request's viewer (its bearer token resolved once per request). */
  viewerOf(request: Request): Promise<Viewer | null>;
  forRequest(clientAddress: string | null): RequestSecurity;
}

export function createAppSecurity(db: Database, config: Config, services: Services, observability: Observability): AppSecurity {
  const channel = deliveryOf(services.events)?.channel;
  const limits = createRateLimits({
    config: config.rateLimits,
    prisma: db.prisma,
    log: logOf(observability.logger),
    onRefused: (limit) => observability.metrics.rateLimitRefusals.inc({ limit }),
    redis: channel?.commands ?? null,
    ...(channel ? { keyPrefix: channel.channelOf('') } : {}),
  });
  const viewers = new WeakMap<Request, Promise<Viewer | null>>();
  const viewerOf = (request: Request) => {
    let viewer = viewers.get(request);
    if (!viewer) {
      viewer = authenticate(db.prisma, bearerFrom(request.headers.get('authorization')));
      viewers.set(request, viewer);
    }
    return viewer;
  };
  return {
    limits,
    viewerOf,
    plugin: {
      async onRequest({ request, serverContext, endResponse, fetchAPI }) {
        const viewer = await viewerOf(request);
        try {
          await limits.request(viewer?.tokenId ?? null, serverContext.clientAddress ?? null);
        } catch (err) {
          if (!(err instanceof GraphQLError) || err.extensions.code !== 'RATE_LIMITED') throw err;
          const { http, ...extensions } = err.extensions as { http: { status: number; headers: Record<string, string> } };
          endResponse(
            new fetchAPI.Response(JSON.stringify({ errors: [{ message: err.message, extensions }] }), {
              status: http.status,
              headers: { 'content-type': 'application/json; charset=utf-8', ...http.headers },
            }),
          );
        }
      },
    },
    forRequest: (clientAddress) => ({ clientAddress, signIn: (email) => limits.signIn(email, clientAddress) }),
  };
}

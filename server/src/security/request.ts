/**
 * The request-level security of one app: its rate limits (shared through the live channel's Redis when the
 * server has one) and, per request, the client address and the limit checks. app.ts registers it.
 */
import type { Viewer } from '../auth/tokens.js';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { deliveryOf } from '../events/delivery.js';
import type { Services } from '../services/index.js';
import { createRateLimits, type RateLimits, type SignInAttempt } from './rate-limits.js';

/** What the GraphQL context carries for this request. */
export interface RequestSecurity {
  /** The client address (see client-address.ts); null for in-process calls without a socket. */
  clientAddress: string | null;
  /** Takes a sign-in attempt for this e-mail from this address; throws RATE_LIMITED while locked out. */
  signIn(email: string): Promise<SignInAttempt>;
}

/** What the HTTP layer passes yoga as server context (`yoga(req, res, { clientAddress })`). */
export interface SecurityServerContext {
  clientAddress?: string | null;
}

export interface AppSecurity {
  limits: RateLimits;
  /** Applies the request limits (throws RATE_LIMITED, HTTP 429) and returns the context's part. */
  forRequest(viewer: Viewer | null, clientAddress: string | null): Promise<RequestSecurity>;
}

export function createAppSecurity(db: Database, config: Config, services: Services): AppSecurity {
  const channel = deliveryOf(services.events)?.channel;
  const limits = createRateLimits({
    config: config.rateLimits,
    prisma: db.prisma,
    redis: channel?.commands ?? null,
    ...(channel ? { keyPrefix: channel.channelOf('') } : {}),
  });
  return {
    limits,
    async forRequest(viewer, clientAddress) {
      await limits.request(viewer?.tokenId ?? null, clientAddress);
      return { clientAddress, signIn: (email) => limits.signIn(email, clientAddress) };
    },
  };
}

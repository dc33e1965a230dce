/**
 * Open subscriptions end when their token stops being valid.
 *
 * 1. An "auth revoked" live event (`services.authRevoked({ userId?, tokenIds? })`), published on the same channel
 *    as the live events (in this process, or every instance through Redis): signOut publishes it, and so must
 *    anything else that revokes tokens or deactivates a user. A stream whose token or user it names completes.
 * 2. Before each event is delivered, the token is checked again in the database (not revoked, not expired, user
 *    active), so a token revoked by any other path (a direct database change, an event lost while Redis was
 *    away) never receives another event: its stream completes instead. A stream also completes when its token
 *    expires, and when its user's role or business unit is no longer what it was when the stream opened (an
 *    ADMIN's `updateUserRole`, or a single sign-on that mapped another role): events are resolved with the
 *    rights of the stream's start, so a demoted user must not receive one more. The client subscribes again and
 *    gets what its new rights allow.
 */
import { Repeater } from 'graphql-yoga';
import type { Viewer } from '../auth/tokens.js';
import type { Prisma } from '../db/client.js';
import { deliveryOf } from '../events/delivery.js';
import type { Services } from '../services/index.js';

/** Names the revoked tokens, or a user all of whose tokens stop working (deactivated). */
export interface AuthRevokedEvent {
  userId?: string;
  tokenIds?: string[];
}

export function namesViewer(event: AuthRevokedEvent, viewer: Pick<Viewer, 'userId' | 'tokenId'>): boolean {
  return (!!event.userId && event.userId === viewer.userId) || (event.tokenIds?.includes(viewer.tokenId) ?? false);
}

/**
 * The token's current state: null when revoked, expired, unknown, its user inactive, or (given `viewer`) the user's
 * role or business unit changed since `viewer` was read.
 */
export async function liveToken(
  prisma: Prisma,
  tokenId: string,
  now = new Date(),
  viewer?: Pick<Viewer, 'role' | 'businessUnit'>,
): Promise<{ expiresAt: Date | null } | null> {
  const row = await prisma.apiToken.findUnique({
    where: { id: tokenId },
    select: { revokedAt: true, expiresAt: true, user: { select: { active: true, role: true, businessUnit: true } } },
  });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now) || !row.user.active) return null;
  if (viewer && (row.user.role !== viewer.role || row.user.businessUnit !== viewer.businessUnit)) return null;
  return { expiresAt: row.expiresAt };
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/** `source`, completed as soon as the viewer's token is revoked, expires, or its user is deactivated. */
export function endWhenRevoked<T>(ctx: { prisma: Prisma; viewer: Viewer | null; services: Services }, source: AsyncIterable<T>): AsyncIterable<T> {
  const viewer = ctx.viewer;
  if (!viewer) return source;
  const revocations = deliveryOf(ctx.services.events)?.channel.pubsub;
  return new Repeater<T>(async (push, stop) => {
    const events = source[Symbol.asyncIterator]();
    const revoked = revocations?.subscribe('authRevoked');
    let expiry: NodeJS.Timeout | undefined;
    void stop.then(() => {
      clearTimeout(expiry);
      void revoked?.return?.();
      void events.return?.();
    });
    if (revoked) {
      void (async () => {
        for await (const event of revoked) {
          if (namesViewer(event, viewer)) return stop();
        }
      })().catch(() => stop());
    }
    const token = await liveToken(ctx.prisma, viewer.tokenId, new Date(), viewer);
    if (!token) return stop();
    if (token.expiresAt) {
      const left = token.expiresAt.getTime() - Date.now();
      // Longer than a timer can wait: the check before each event still ends it.
      if (left <= MAX_TIMER_MS) expiry = setTimeout(() => stop(), Math.max(0, left)).unref();
    }
    try {
      for (;;) {
        // stop() returns the source iterator, which ends this pending next().
        const next = await events.next();
        if (next.done) break;
        if (!(await liveToken(ctx.prisma, viewer.tokenId, new Date(), viewer))) break;
        await push(next.value);
      }
    } finally {
      stop();
    }
  });
}

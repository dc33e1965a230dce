/**
 * Caps on the live streams one token (`MAX_STREAMS_PER_TOKEN`) and one user, over all their tokens
 * (`MAX_STREAMS_PER_USER`), hold open on one server instance: a client that opens streams in a loop (or a token
 * shared by many scripts, or a user signing in again and again for new tokens) cannot hold thousands of
 * Redis-backed listeners and database re-checks on one instance. Counted per instance (per live channel), not across instances: behind a load
 * balancer a token may hold this many on each. The count is taken when a stream is opened and given back when it
 * ends (completed, revoked, or the client went away and the server returned the iterator).
 */
import { GraphQLError } from 'graphql';

export const MAX_STREAMS_PER_TOKEN = 10;
/** Enough for the extension in a few browsers, workspaces and scripts of one person; not for a loop of sign-ins. */
export const MAX_STREAMS_PER_USER = 20;

const open = new WeakMap<object, Map<string, number>>();

export function tooManyStreams(max: number, holder: 'token' | 'user' = 'token'): GraphQLError {
  const who = holder === 'token' ? 'This token already holds' : 'Your tokens together already hold';
  return new GraphQLError(`${who} ${max} live subscriptions on this server: close one first`, {
    extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', max },
  });
}

/** `make()`'s stream, counted against the user (all their tokens) and against the token itself. */
export function countedUserStream<T>(scope: object, viewer: { userId: string; tokenId: string }, make: () => AsyncIterable<T>): AsyncIterable<T> {
  return countedStream(scope, `user:${viewer.userId}`, () => countedStream(scope, viewer.tokenId, make), MAX_STREAMS_PER_USER, 'user');
}

/** Streams `tokenId` holds open on the instance whose channel is `scope` (tests). */
export function openStreams(scope: object, tokenId: string): number {
  return open.get(scope)?.get(tokenId) ?? 0;
}

/** Streams all of `userId`'s tokens hold open on the instance whose channel is `scope` (tests). */
export function openUserStreams(scope: object, userId: string): number {
  return open.get(scope)?.get(`user:${userId}`) ?? 0;
}

/**
 * `make()`'s stream, counted against `tokenId` on `scope`; throws TOO_MANY_SUBSCRIPTIONS (before `make` runs, so
 * nothing listens) when the token already holds `max`.
 */
export function countedStream<T>(
  scope: object,
  tokenId: string,
  make: () => AsyncIterable<T>,
  max = MAX_STREAMS_PER_TOKEN,
  holder: 'token' | 'user' = 'token',
): AsyncIterable<T> {
  let counts = open.get(scope);
  if (!counts) {
    counts = new Map();
    open.set(scope, counts);
  }
  const held = counts.get(tokenId) ?? 0;
  if (held >= max) throw tooManyStreams(max, holder);
  counts.set(tokenId, held + 1);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    const n = (counts.get(tokenId) ?? 1) - 1;
    if (n > 0) counts.set(tokenId, n);
    else counts.delete(tokenId);
  };
  let inner: AsyncIterator<T>;
  try {
    inner = make()[Symbol.asyncIterator]();
  } catch (err) {
    release();
    throw err;
  }
  const iterator: AsyncIterableIterator<T> = {
    async next() {
      try {
        const step = await inner.next();
        if (step.done) release();
        return step;
      } catch (err) {
        release();
        throw err;
      }
    },
    async return(value?: unknown) {
      release();
      return (await inner.return?.(value)) ?? { done: true, value: value as T };
    },
    async throw(err?: unknown) {
      release();
      if (inner.throw) return inner.throw(err);
      throw err;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

/**
 * The live-event channel behind GraphQL subscriptions: a yoga `createPubSub` with the topics `alertRaised` and
 * `accountUpdated:<accountId>`. With REDIS_URL it runs over Redis pub/sub (two ioredis connections: one
 * publishes, one subscribes), so an event raised on one instance reaches subscribers on every instance;
 * without, it stays in this process.
 */
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, type PubSub } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import type { AuthRevokedEvent } from '../security/revocation.js';
import type { AlertEvent } from '../services/index.js';
import { createRedisPair, type RedisPair } from './redis.js';

export interface AccountUpdatedEvent {
  accountId: string;
}

export type LiveTopics = {
  alertRaised: [AlertEvent];
  accountUpdated: [string, AccountUpdatedEvent];
  /** Tokens revoked or a user deactivated: open subscriptions of theirs end (security/revocation.ts). */
  authRevoked: [AuthRevokedEvent];
};

export type LivePubSub = PubSub<LiveTopics>;

export interface LiveChannel {
  pubsub: LivePubSub;
  mode: 'memory' | 'redis';
  /** Subscriptions held in this process on a topic (e.g. `alertRaised`, `accountUpdated:<id>`). */
  localListeners(topic: string): number;
  /** The Redis channel a topic travels on (tests wait for a remote subscriber with PUBSUB NUMSUB). */
  channelOf(topic: string): string;
  /** The Redis connection that publishes, for other shared state (rate limits); null in memory mode. */
  commands: Redis | null;
  /** Connects to Redis (nothing to do in memory). */
  connect(): Promise<void>;
  close(): Promise<void>;
}

export interface LiveChannelOptions {
  redisUrl?: string | undefined;
  /** Prefix of the Redis channel names, so several deployments (or test runs) can share one Redis. */
  channelPrefix?: string;
  onError?: (message: string, err: unknown) => void;
}

type Listener = EventListenerOrEventListenerObject;
interface MinimalTarget {
  addEventListener(type: string, listener: Listener | null): void;
  removeEventListener(type: string, listener: Listener | null): void;
  dispatchEvent(event: Event): boolean;
}

/** Counts listeners per topic and namespaces topics, around any event target. */
function namespaced(inner: MinimalTarget, prefix: string) {
  const counts = new Map<string, number>();
  const bump = (type: string, by: number) => {
    const n = (counts.get(type) ?? 0) + by;
    if (n > 0) counts.set(type, n);
    else counts.delete(type);
  };
  const target: MinimalTarget = {
    addEventListener(type, listener) {
      bump(type, 1);
      inner.addEventListener(prefix + type, listener);
    },
    removeEventListener(type, listener) {
      bump(type, -1);
      inner.removeEventListener(prefix + type, listener);
    },
    dispatchEvent(event) {
      return inner.dispatchEvent(new CustomEvent(prefix + event.type, { detail: (event as CustomEvent).detail }));
    },
  };
  return { target, listeners: (type: string) => counts.get(type) ?? 0 };
}

export function createLiveChannel(options: LiveChannelOptions = {}): LiveChannel {
  const prefix = options.channelPrefix ?? 'earshot:';
  let redis: RedisPair | null = null;
  let inner: MinimalTarget;
  if (options.redisUrl) {
    redis = createRedisPair(options.redisUrl, options.onError);
    inner = createRedisEventTarget({ publishClient: redis.publisher, subscribeClient: redis.subscriber }) as unknown as MinimalTarget;
  } else {
    inner = new EventTarget();
  }
  const { target, listeners } = namespaced(inner, prefix);
  return {
    pubsub: createPubSub<LiveTopics>({ eventTarget: target as never }),
    mode: redis ? 'redis' : 'memory',
    localListeners: listeners,
    channelOf: (topic) => prefix + topic,
    commands: redis?.publisher ?? null,
    connect: async () => {
      await redis?.connect();
    },
    close: async () => {
      await redis?.close();
    },
  };
}

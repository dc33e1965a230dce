/**
 * The two Redis connections live events need (a connection in subscriber mode cannot publish). The yoga Redis
 * event target fires PUBLISH/SUBSCRIBE without awaiting them; while Redis is unreachable those promises reject,
 * so they are wrapped here: a lost live event is logged, it never becomes an unhandled rejection that would
 * bring the server down. ioredis reconnects and re-subscribes by itself.
 */
import { Redis } from 'ioredis';

export interface RedisPair {
  publisher: Redis;
  subscriber: Redis;
  connect(): Promise<void>;
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 5_000;
const GUARDED = new Set(['publish', 'subscribe', 'unsubscribe']);

export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'redis://…';
  }
}

type OnError = (message: string, err: unknown) => void;

function guarded(client: Redis, onError: OnError): Redis {
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof prop !== 'string' || !GUARDED.has(prop) || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        return result.catch((err) => onError(`redis ${prop} failed`, err));
      };
    },
  });
}

async function connect(client: Redis, url: string): Promise<void> {
  // A command sent before start-up already made ioredis connect (lazyConnect connects on first use).
  if (client.status !== 'wait') return;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), CONNECT_TIMEOUT_MS);
      }),
    ]);
  } catch (err) {
    throw new Error(`Cannot connect to Redis at ${redactRedisUrl(url)}: ${(err as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

/** Two clients that connect on `connect()` (start-up fails fast when Redis is unreachable). */
export function createRedisPair(url: string, onError: OnError = (m, e) => console.error(`${m}: ${(e as Error)?.message ?? e}`)): RedisPair {
  const make = (name: string) => {
    const client = new Redis(url, { lazyConnect: true, connectionName: `earshot-${name}`, maxRetriesPerRequest: 3 });
    client.on('error', (err) => onError(`redis ${name} connection`, err));
    return client;
  };
  const publisher = make('publish');
  const subscriber = make('subscribe');
  return {
    publisher: guarded(publisher, onError),
    subscriber: guarded(subscriber, onError),
    async connect() {
      try {
        await connect(publisher, url);
        await connect(subscriber, url);
      } catch (err) {
        publisher.disconnect();
        subscriber.disconnect();
        throw err;
      }
    },
    async close() {
      await Promise.all(
        [publisher, subscriber].map(async (c) => {
          try {
            await c.quit();
          } catch {
            c.disconnect();
          }
        }),
      );
    },
  };
}

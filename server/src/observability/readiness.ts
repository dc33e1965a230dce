/**
 * /readyz: can this instance serve work right now? The database answers `SELECT 1`; Redis (when REDIS_URL is
 * set) answers PING; the job queue's pg-boss is started and reads its own tables. Each check has a deadline, so
 * a hung dependency makes the probe fail instead of hang. The answer names checks, never error details (the
 * probe is reachable by whoever reaches the server): those go to the log.
 */
import type { Database } from '../db/client.js';
import type { Delivery } from '../events/delivery.js';
import { QUEUES } from '../jobs/queues.js';
import type { Logger } from './logger.js';

export type CheckStatus = 'ok' | 'failing' | 'not configured';
export interface Readiness {
  ok: boolean;
  checks: Record<'database' | 'redis' | 'jobs', CheckStatus>;
  failing: string[];
}

export const CHECK_TIMEOUT_MS = 2_000;

async function within<T>(ms: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export function readinessCheck(db: Database, delivery: Delivery | undefined, logger: Logger, timeoutMs = CHECK_TIMEOUT_MS): () => Promise<Readiness> {
  const checks = {
    database: async () => {
      await db.prisma.$queryRaw`SELECT 1`;
    },
    redis: delivery?.channel.commands
      ? async () => {
          const redis = delivery.channel.commands!;
          // Not connected (refused, reconnecting): failing now, without queueing a PING behind the reconnects.
          if (redis.status !== 'ready') throw new Error(`connection ${redis.status}`);
          await redis.ping();
        }
      : null,
    jobs: delivery
      ? async () => {
          if (!delivery.running()) throw new Error('pg-boss is not started');
          if (!(await delivery.boss.getQueue(QUEUES.recomputeAccounts))) throw new Error(`queue ${QUEUES.recomputeAccounts} is missing`);
        }
      : null,
  };
  return async () => {
    const entries = await Promise.all(
      Object.entries(checks).map(async ([name, run]): Promise<[string, CheckStatus]> => {
        if (!run) return [name, 'not configured'];
        try {
          await within(timeoutMs, run);
          return [name, 'ok'];
        } catch (err) {
          logger.warn({ check: name, err }, 'readiness check failing');
          return [name, 'failing'];
        }
      }),
    );
    const failing = entries.filter(([, s]) => s === 'failing').map(([n]) => n);
    return { ok: failing.length === 0, checks: Object.fromEntries(entries) as Readiness['checks'], failing };
  };
}

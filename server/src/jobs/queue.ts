/** The services' JobQueue on pg-boss; `tx` enqueues in a Prisma transaction. */
import { fromPrisma, type PgBoss } from 'pg-boss';
import type { JobQueue } from '../services/index.js';

export function bossJobQueue(boss: PgBoss): JobQueue {
  return {
    send: (name, data, options = {}) =>
      boss.send(name, data, {
        ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
        ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
        // Inside the caller's Prisma transaction: stored on commit, gone on rollback (STACK.md; without this a
        // send inside a transaction blocks on PGlite).
        ...(options.tx ? { db: fromPrisma(options.tx) } : {}),
      }),
  };
}

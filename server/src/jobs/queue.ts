/** The services' JobQueue on pg-boss. */
import type { PgBoss } from 'pg-boss';
import type { JobQueue } from '../services/index.js';

export function bossJobQueue(boss: PgBoss): JobQueue {
  return {
    send: (name, data, options = {}) =>
      boss.send(name, data, {
        ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
        ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      }),
  };
}

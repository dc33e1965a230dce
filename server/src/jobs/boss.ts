/**
 * pg-boss on the database Prisma uses: PostgreSQL through its own small pool, or the embedded PGlite through
 * `fromPglite` on the very same instance (STACK.md: never over pglite-socket). Queues are created (or updated
 * to the current retry settings) at start. LISTEN/NOTIFY wakes workers as soon as a job is stored; polling stays
 * on as the floor and picks up retries whose backoff has passed.
 */
import { fromPglite, PgBoss } from 'pg-boss';
import type { Database } from '../db/client.js';
import type { Log } from '../events/log.js';
import { type QueueName, type QueueSettings, queueSettings } from './queues.js';

export interface BossOptions {
  /** PostgreSQL URL when the database is PostgreSQL (Database does not expose it). */
  databaseUrl?: string | undefined;
  /** Run schedules on this instance (default true). */
  schedule?: boolean;
  settings?: Record<QueueName, QueueSettings>;
  log: Log;
}

export function createBoss(db: Database, options: BossOptions): PgBoss {
  const common = {
    useListenNotify: true,
    schedule: options.schedule ?? true,
    // The registry heartbeat is one more write every 30 s on the single PGlite connection; nothing reads it.
    registerInstance: false,
  };
  let boss: PgBoss;
  if (db.kind === 'pglite') {
    if (!db.pglite) throw new Error('embedded database without its PGlite instance');
    boss = new PgBoss({ ...common, db: fromPglite(db.pglite), backend: 'pglite' });
  } else {
    if (!options.databaseUrl) throw new Error('pg-boss on PostgreSQL needs the database URL');
    boss = new PgBoss({ ...common, connectionString: options.databaseUrl, max: 4, application_name: 'earshot-jobs' });
  }
  // An EventEmitter 'error' without a listener would throw; pg-boss reports worker and maintenance errors here.
  boss.on('error', (err) => options.log('jobs', err));
  return boss;
}

export async function createQueues(boss: PgBoss, settings: Record<QueueName, QueueSettings> = queueSettings()): Promise<void> {
  for (const [name, s] of Object.entries(settings)) {
    const options = { retryLimit: s.retryLimit, retryDelay: s.retryDelay, retryBackoff: true, retryDelayMax: s.retryDelayMax, expireInSeconds: s.expireInSeconds, notify: true };
    await boss.createQueue(name, options);
    // createQueue leaves an existing queue as it is: bring it to the current settings.
    await boss.updateQueue(name, options);
  }
}

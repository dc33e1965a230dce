/**
 * Everything that carries work and events out of a request, wired once per server instance:
 * the job queue (pg-boss), its workers and daily schedule, the live-event channel (in memory or Redis) and the
 * EventBus on top. `createDelivery` is synchronous so the services can be built with its `events` and `jobs`;
 * `start(services)` connects and starts the workers, `stop()` drains and closes (graceful shutdown, tests).
 *
 * The GraphQL layer finds the live channel and the webhook URL policy of its own instance through
 * `deliveryOf(ctx.services.events)` — per instance, so two servers in one process stay separate.
 */
import type { PgBoss } from 'pg-boss';
import type { Database } from '../db/client.js';
import { createBoss, createQueues } from '../jobs/boss.js';
import { bossJobQueue } from '../jobs/queue.js';
import { type QueueName, type QueueSettings, queueSettings } from '../jobs/queues.js';
import { startWorkers } from '../jobs/workers.js';
import type { EventBus, JobQueue, Services } from '../services/index.js';
import { createObservability, type Observability } from '../observability/index.js';
import type { WebhookUrlPolicy } from '../webhooks/url-policy.js';
import { createEventBus } from './bus.js';
import { logOf } from '../observability/logger.js';
import { consoleLog, type Log } from './log.js';
import { createLiveChannel, type LiveChannel } from './pubsub.js';

export interface DeliveryOptions {
  /** The PostgreSQL URL when `db` is PostgreSQL (pg-boss opens its own small pool). */
  databaseUrl?: string | undefined;
  /** Live events across instances; unset: in this process only. */
  redisUrl?: string | undefined;
  channelPrefix?: string;
  webhookPolicy: WebhookUrlPolicy;
  /** Run workers and the daily schedule here (default true). */
  workers?: boolean;
  settings?: Record<QueueName, QueueSettings>;
  pollingIntervalSeconds?: number;
  /** Recompute jobs per fetch and recompute workers in this process (jobs/workers.ts recomputeWorkerOptions). */
  recomputeJobsPerFetch?: number;
  recomputeConcurrency?: number;
  webhookTimeoutMs?: number;
  /** How long stop() waits for running jobs. */
  stopTimeoutMs?: number;
  /** Where failures are reported (default: the observability's logger, else stderr). */
  log?: Log;
  /** Logs and metrics of this instance, shared with its app (default: silent logger, own metrics). */
  observability?: Observability;
}

export interface Delivery {
  events: EventBus;
  jobs: JobQueue;
  channel: LiveChannel;
  boss: PgBoss;
  webhookPolicy: WebhookUrlPolicy;
  observability: Observability;
  /** pg-boss is started (and not stopped): the readiness check's first question. */
  running(): boolean;
  start(services: Services): Promise<void>;
  stop(): Promise<void>;
}

const registry = new WeakMap<EventBus, Delivery>();

export function deliveryOf(events: EventBus): Delivery | undefined {
  return registry.get(events);
}

export function createDelivery(db: Database, options: DeliveryOptions): Delivery {
  const observability = options.observability ?? createObservability();
  const log = options.log ?? (options.observability ? logOf(observability.logger) : consoleLog);
  const settings = options.settings ?? queueSettings();
  const boss = createBoss(db, { databaseUrl: options.databaseUrl, schedule: options.workers !== false, settings, log });
  const channel = createLiveChannel({ redisUrl: options.redisUrl, ...(options.channelPrefix ? { channelPrefix: options.channelPrefix } : {}), onError: log });
  const events = createEventBus(db.prisma, channel, boss, log);
  let started = false;
  // Read at scrape time: pg-boss keeps per-queue counts (refreshed by its monitor), so this is one cheap query.
  observability.metrics.observeJobQueues(async () => (started ? new Map((await boss.getQueues()).map((q) => [q.name, q.queuedCount])) : new Map()));
  const delivery: Delivery = {
    events,
    jobs: bossJobQueue(boss),
    channel,
    boss,
    webhookPolicy: options.webhookPolicy,
    observability,
    running: () => started,
    async start(services) {
      await channel.connect();
      await boss.start();
      started = true;
      await createQueues(boss, settings);
      if (options.workers === false) return;
      await startWorkers(boss, {
        prisma: db.prisma,
        services,
        settings,
        webhookPolicy: options.webhookPolicy,
        embedded: db.kind === 'pglite',
        log,
        metrics: observability.metrics,
        ...(options.pollingIntervalSeconds ? { pollingIntervalSeconds: options.pollingIntervalSeconds } : {}),
        ...(options.webhookTimeoutMs ? { webhookTimeoutMs: options.webhookTimeoutMs } : {}),
        ...(options.recomputeJobsPerFetch ? { recomputeJobsPerFetch: options.recomputeJobsPerFetch } : {}),
        ...(options.recomputeConcurrency ? { recomputeConcurrency: options.recomputeConcurrency } : {}),
      });
    },
    async stop() {
      if (started) await boss.stop({ graceful: true, timeout: options.stopTimeoutMs ?? 10_000 });
      started = false;
      await channel.close();
    },
  };
  registry.set(events, delivery);
  return delivery;
}

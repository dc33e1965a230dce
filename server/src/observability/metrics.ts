/**
 * Prometheus metrics, one prom-client registry per server instance (never the global default one: tests and
 * several apps in one process keep their own counts). Gauges that describe shared state (pool, queue depth, live
 * subscriptions) are read when scraped (`collect`), through sources the app attaches with `observe*`.
 */
import { OPERATION_NAMES } from '@earshot/shared';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Distinct operation names kept as labels besides the extension's own (OPERATION_NAMES, always kept); later new
 * names count as `other`, so a client sending random names cannot blow up the number of series.
 */
export const MAX_OPERATION_LABELS = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** What the database's connection pool can tell; a reader left out is not reported (no sample rather than a misleading 0). */
export interface DbPoolSource {
  inUse?(): number;
  idle?(): number;
  waiting?(): number;
  max(): number;
}

export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'operation' | 'outcome'>;
  httpDuration: Histogram<'operation'>;
  jobFailures: Counter<'queue'>;
  webhookDeliveries: Counter<'outcome'>;
  rateLimitRefusals: Counter<'limit'>;
  /**
   * The label for a GraphQL operation name: an extension operation's name, or a well-formed name among the first
   * MAX_OPERATION_LABELS others that a signed-in caller sent (`signedIn`: anyone without a token could otherwise
   * take up those slots); else `other`; `anonymous` without a name.
   */
  operationLabel(name: string | null | undefined, signedIn?: boolean): string;
  observeDbPool(source: DbPoolSource): void;
  /** Jobs waiting per queue (pg-boss's counts). */
  observeJobQueues(depths: () => Promise<Map<string, number>>): void;
  /** GraphQL subscriptions open on this instance (counted by observability/request-log.ts). */
  liveSubscriptions: Gauge;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const known = new Set<string>(OPERATION_NAMES);
  let others = 0;
  let jobQueues: (() => Promise<Map<string, number>>) | null = null;

  new Gauge({
    name: 'earshot_job_queue_depth',
    help: 'Jobs waiting in a queue (ready, deferred for a retry or a start time), as pg-boss last counted them',
    labelNames: ['queue'],
    registers,
    async collect() {
      if (!jobQueues) return;
      this.reset();
      try {
        for (const [queue, depth] of await jobQueues()) this.set({ queue }, depth);
      } catch {
        // The scrape still answers; the readiness check names a job queue that cannot be reached.
      }
    },
  });

  return {
    registry,
    httpRequests: new Counter({ name: 'earshot_http_requests_total', help: 'GraphQL HTTP requests by operation and outcome (ok, an error code, or http_<status>)', labelNames: ['operation', 'outcome'], registers }),
    httpDuration: new Histogram({
      name: 'earshot_http_request_duration_seconds',
      help: 'GraphQL HTTP request duration until the response starts',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    jobFailures: new Counter({ name: 'earshot_job_failures_total', help: 'Job attempts that failed (each is retried with backoff until its queue gives up)', labelNames: ['queue'], registers }),
    webhookDeliveries: new Counter({
      name: 'earshot_webhook_deliveries_total',
      help: 'Webhook delivery attempts by outcome: delivered, retry (failed, another attempt follows), failed (no attempts left), skipped',
      labelNames: ['outcome'],
      registers,
    }),
    liveSubscriptions: new Gauge({ name: 'earshot_live_subscriptions', help: 'GraphQL subscriptions (live events over SSE) open on this instance', registers }),
    rateLimitRefusals: new Counter({ name: 'earshot_rate_limit_refusals_total', help: 'Requests and sign-in attempts refused by a rate limit', labelNames: ['limit'], registers }),
    operationLabel(name, signedIn = true) {
      if (!name) return 'anonymous';
      if (!OPERATION_NAME.test(name)) return 'other';
      if (known.has(name)) return name;
      if (!signedIn || others >= MAX_OPERATION_LABELS) return 'other';
      others += 1;
      known.add(name);
      return name;
    },
    observeDbPool(source) {
      // Two apps on one delivery (tests) share this registry: the pool is registered once.
      if (registry.getSingleMetric('earshot_db_pool_max')) return;
      const gauge = (name: string, help: string, read: (() => number) | undefined) => {
        if (!read) return;
        new Gauge({
          name,
          help,
          registers,
          collect() {
            this.set(read());
          },
        });
      };
      gauge('earshot_db_pool_in_use', 'Database connections lent out to a query or transaction', source.inUse?.bind(source));
      gauge('earshot_db_pool_idle', 'Open database connections waiting for work', source.idle?.bind(source));
      gauge('earshot_db_pool_waiting', 'Queries waiting for a free connection', source.waiting?.bind(source));
      gauge('earshot_db_pool_max', 'Most connections the pool opens (embedded PGlite: 1)', source.max.bind(source));
    },
    observeJobQueues: (depths) => {
      jobQueues = depths;
    },
  };
}

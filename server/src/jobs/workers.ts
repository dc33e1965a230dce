/**
 * The workers and the daily schedules. Handlers get one job at a time (batchSize 1), so a failure retries only
 * that job, except the recompute queue's, which takes several jobs per fetch and settles each on its own
 * (perJobResults). A handler that throws hands the job back to pg-boss, which retries it with the queue's backoff.
 */
import type { Job, JobWithMetadata, PgBoss } from 'pg-boss';
import type { Prisma } from '../db/client.js';
import { consoleLog, type Log } from '../events/log.js';
import { describeFailure, type Services } from '../services/index.js';
import type { Metrics } from '../observability/metrics.js';
import { DeliveryFailed, deliverWebhook } from '../webhooks/deliver.js';
import { pruneDeliveries } from '../webhooks/prune.js';
import type { WebhookUrlPolicy } from '../webhooks/url-policy.js';
import { schedulableMonths, scheduleReviews } from '../services/health-checks.js';
import { runIntelRequestsDaily } from '../services/intel-requests.js';
import { deliverVisitReportEmail } from '../services/visit-report-mail.js';
import {
  INTEL_REQUESTS_CRON,
  PRUNE_CRON,
  QUEUES,
  type QueueName,
  type QueueSettings,
  REEVALUATE_CRON,
  STALE_SWEEP_CRON,
  retryDelayWindow,
  SCHEDULE_REVIEWS_CRON,
  SCHEDULE_TZ,
  WEBHOOK_LOG_RETENTION_DAYS,
} from './queues.js';
import { sweepStaleAccounts } from './recompute.js';
import { reevaluateAll } from './reevaluate.js';

export interface WorkerOptions {
  prisma: Prisma;
  services: Services;
  settings: Record<QueueName, QueueSettings>;
  webhookPolicy: WebhookUrlPolicy;
  /** Embedded PGlite has one connection: running recomputes side by side gains nothing there. */
  embedded: boolean;
  /** Seconds between polls (retries are found by polling; new jobs wake workers at once). */
  pollingIntervalSeconds?: number;
  webhookTimeoutMs?: number;
  /** Where failed recomputes are reported (default: stderr). */
  log?: Log;
  /** Recompute jobs fetched (and recomputed together) at a time (default 4, i.e. up to 200 accounts; RECOMPUTE_JOBS_PER_FETCH). */
  recomputeJobsPerFetch?: number;
  /** Recompute workers side by side in this process (default 2 on PostgreSQL, 1 embedded; RECOMPUTE_CONCURRENCY). */
  recomputeConcurrency?: number;
  /** Counts failed attempts per queue and webhook outcomes (observability/metrics.ts). */
  metrics?: Pick<Metrics, 'jobFailures' | 'webhookDeliveries'>;
}

/** The recompute queue's fetch size and concurrency (see startWorkers). */
export function recomputeWorkerOptions(o: Pick<WorkerOptions, 'embedded' | 'recomputeJobsPerFetch' | 'recomputeConcurrency'>) {
  return {
    batchSize: Math.max(2, o.recomputeJobsPerFetch ?? 4),
    burstWhenBatchFull: true,
    localConcurrency: Math.max(1, o.recomputeConcurrency ?? (o.embedded ? 1 : 2)),
  };
}

interface RecomputeData {
  accountIds: string[];
  reason?: string;
}

export async function startWorkers(boss: PgBoss, o: WorkerOptions): Promise<void> {
  const poll = o.pollingIntervalSeconds ?? 2;
  const polling = { pollingIntervalSeconds: poll, notifyPollingIntervalSeconds: poll };
  const log = o.log ?? consoleLog;
  /** A handler whose throw (the job goes back to pg-boss for a retry) is counted as a failed attempt of its queue. */
  const counted =
    <J>(queue: QueueName, handler: (jobs: J) => Promise<void>) =>
    async (jobs: J) => {
      try {
        await handler(jobs);
      } catch (err) {
        o.metrics?.jobFailures.inc({ queue });
        throw err;
      }
    };

  // Recompute jobs are fetched several at a time and, while fetches come back full, fetched again at once
  // (burstWhenBatchFull): a backlog such as the daily re-evaluation drains as fast as the recomputes run, not one
  // job per polling interval. The fetched jobs' accounts are recomputed together (set-based reads, one write
  // transaction per chunk: services.recomputeAccounts); each job then completes or fails on its own accounts
  // (perJobResults), so a failure retries only the jobs holding a failed account.
  const recompute = recomputeWorkerOptions(o);
  await boss.work<RecomputeData, unknown, { perJobResults: true; batchSize: number; burstWhenBatchFull: boolean; localConcurrency: number }>(
    QUEUES.recomputeAccounts,
    { ...polling, ...recompute, perJobResults: true },
    async (jobs) => {
      const byReason = new Map<string, string[]>();
      const jobOf = new Map<string, string>();
      for (const job of jobs) {
        const reason = job.data.reason ?? 'job';
        byReason.set(reason, [...(byReason.get(reason) ?? []), ...(job.data.accountIds ?? [])]);
        for (const id of job.data.accountIds ?? []) if (!jobOf.has(id)) jobOf.set(id, job.id);
      }
      // One account failing does not hold up the others; each failure is logged (account id, no figures), and
      // the jobs holding it then fail so pg-boss retries them with the queue's backoff.
      const failed = new Map<string, unknown>();
      for (const [reason, ids] of byReason) {
        for (const [id, err] of await o.services.recomputeAccounts(ids, reason)) {
          failed.set(id, err);
          log(`recompute job ${jobOf.get(id)}: account ${id} (${reason}) failed`, describeFailure(err));
        }
      }
      return jobs.map((job) => {
        const ids = (job.data.accountIds ?? []).filter((id) => failed.has(id));
        if (ids.length) o.metrics?.jobFailures.inc({ queue: QUEUES.recomputeAccounts });
        return ids.length
          ? { id: job.id, status: 'failed' as const, output: { message: `recompute failed for ${ids.length} of ${job.data.accountIds.length} accounts: ${ids.join(', ')}` } }
          : { id: job.id, status: 'completed' as const };
      });
    },
  );

  const webhook = o.settings[QUEUES.deliverWebhook];
  const WEBHOOK_OUTCOMES = { DELIVERED: 'delivered', FAILED: 'failed', GONE: 'skipped', PENDING: 'retry' } as const;
  await boss.work(
    QUEUES.deliverWebhook,
    { ...polling, includeMetadata: true, localConcurrency: 4 },
    counted(QUEUES.deliverWebhook, async ([job]: JobWithMetadata<{ deliveryId: string }>[]) => {
      if (!job) return;
      const failedAttempt = job.retryCount + 1;
      const next = retryDelayWindow(webhook, failedAttempt);
      try {
        const status = await deliverWebhook(
          o.prisma,
          { deliveryId: job.data.deliveryId, final: job.retryCount >= job.retryLimit, retryNote: `attempt ${failedAttempt}; next in ${next.min}–${next.max} s` },
          { policy: o.webhookPolicy, ...(o.webhookTimeoutMs ? { timeoutMs: o.webhookTimeoutMs } : {}) },
        );
        o.metrics?.webhookDeliveries.inc({ outcome: WEBHOOK_OUTCOMES[status] });
      } catch (err) {
        // DeliveryFailed: the target refused or was unreachable and another attempt follows; anything else is ours.
        o.metrics?.webhookDeliveries.inc({ outcome: err instanceof DeliveryFailed ? 'retry' : 'error' });
        throw err;
      }
    }),
  );

  // Visit reports: one SMTP conversation per attempt; a throw hands the job back for a retry with backoff. Without
  // SMTP_URL (set since the job was queued, then removed) the job ends and the report stays QUEUED.
  const reportMail = o.settings[QUEUES.visitReportEmail];
  await boss.work(QUEUES.visitReportEmail, { ...polling, includeMetadata: true, localConcurrency: 2 }, counted(QUEUES.visitReportEmail, async ([job]: JobWithMetadata<{ reportId: string }>[]) => {
    if (!job || !o.services.mail) return;
    const failedAttempt = job.retryCount + 1;
    const next = retryDelayWindow(reportMail, failedAttempt);
    await deliverVisitReportEmail(o.prisma, o.services.mail, {
      reportId: job.data.reportId,
      final: job.retryCount >= job.retryLimit,
      retryNote: `attempt ${failedAttempt}; next in ${next.min}–${next.max} s`,
    });
  }));

  await boss.work(QUEUES.reevaluateAll, polling, counted(QUEUES.reevaluateAll, async ([job]: Job[]) => {
    if (job) await reevaluateAll(o.prisma, o.services);
  }));
  await boss.work(QUEUES.sweepStaleAccounts, polling, counted(QUEUES.sweepStaleAccounts, async ([job]: Job[]) => {
    if (job) await sweepStaleAccounts(o.prisma, o.services);
  }));
  await boss.work(QUEUES.pruneDeliveries, polling, counted(QUEUES.pruneDeliveries, async ([job]: Job[]) => {
    if (job) await pruneDeliveries(o.prisma, WEBHOOK_LOG_RETENTION_DAYS);
  }));
  // Reminders and expiry are idempotent for a given day (each waits reminderDays since the last): a retry or a
  // missed run caught up sends nothing twice.
  await boss.work(QUEUES.intelRequestsDaily, polling, counted(QUEUES.intelRequestsDaily, async ([job]: Job[]) => {
    if (job) await runIntelRequestsDaily(o.prisma);
  }));

  await boss.work<{ month?: string }>(QUEUES.scheduleReviews, polling, counted(QUEUES.scheduleReviews, async ([job]) => {
    if (!job) return;
    // Audited like a person's run (actor null: the system), with the count and any currency without a rate.
    // The current month (a month given, as by a test or a catch-up, must be the current or the next one).
    await scheduleReviews(o.prisma, null, job.data?.month ?? schedulableMonths()[0], 'job.month');
  }));

  // missed: 'once' — an embedded server that was off at 03:30 catches up when it starts again.
  await boss.schedule(QUEUES.reevaluateAll, REEVALUATE_CRON, {}, { tz: SCHEDULE_TZ, missed: 'once' });
  await boss.schedule(QUEUES.sweepStaleAccounts, STALE_SWEEP_CRON, {}, { tz: SCHEDULE_TZ });
  // At every start too: a process killed between an import's commit and its recompute (the CLI's, or a server's
  // without its jobs in the write) is caught up now, not at the next sweep.
  await boss.send(QUEUES.sweepStaleAccounts, {});
  await boss.schedule(QUEUES.pruneDeliveries, PRUNE_CRON, {}, { tz: SCHEDULE_TZ, missed: 'once' });
  await boss.schedule(QUEUES.intelRequestsDaily, INTEL_REQUESTS_CRON, {}, { tz: SCHEDULE_TZ, missed: 'once' });
  await boss.schedule(QUEUES.scheduleReviews, SCHEDULE_REVIEWS_CRON, {}, { tz: SCHEDULE_TZ, missed: 'once' });
}

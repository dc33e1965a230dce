/**
 * The background queues, their retry policies and the daily schedule. Retries back off exponentially
 * (pg-boss `retryBackoff`): after the n-th failed attempt the next one waits between
 * `retryDelay × 2^(n-1)` and `retryDelay × 2^n` seconds (random jitter), capped at `retryDelayMax`.
 */
export const QUEUES = {
  /** `{ accountIds: string[], reason: string }` — at most 50 ids, so each job stays short. */
  recomputeAccounts: 'recompute-accounts',
  /** `{ deliveryId: string }` — one POST of one WebhookDelivery. */
  deliverWebhook: 'deliver-webhook',
  /** `{}` — daily: aging and review dates move with time even when no data arrives. */
  reevaluateAll: 'reevaluate-all',
  /**
   * `{}` — every few minutes and at every start: recomputes the accounts whose credit status is older than their
   * ledger (jobs/recompute.ts sweepStaleAccounts), e.g. after `pnpm earshot import` died between commit and recompute.
   */
  sweepStaleAccounts: 'sweep-stale-accounts',
  /** `{}` — daily: drops finished webhook deliveries older than WEBHOOK_LOG_RETENTION_DAYS from the log. */
  pruneDeliveries: 'prune-webhook-deliveries',
  /** `{}` — daily: reminds the assignees of open intel requests and expires the stale ones (services/intel-requests.ts). */
  intelRequestsDaily: 'intel-requests-daily',
  /** `{ month?: 'YYYY-MM' }` — monthly, on the 1st: plans the month's health-check reviews (default: the current month). */
  scheduleReviews: 'schedule-reviews',
  /** `{ reportId: string }` — e-mails one internal visit report through SMTP_URL (services/visit-report-mail.ts). */
  visitReportEmail: 'visit-report-email',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface RetryPolicy {
  /** Retries after the first attempt (so attempts = retryLimit + 1). */
  retryLimit: number;
  /** Seconds; the base of the exponential backoff. */
  retryDelay: number;
  retryDelayMax: number;
}

export interface QueueSettings extends RetryPolicy {
  /** How long one attempt may run before pg-boss gives up on it (and retries). */
  expireInSeconds: number;
}

/**
 * Attempts per visit-report e-mail: with the default delays (30 s doubling, at most an hour apart) the last one
 * comes 2–3 hours after the first, long enough to ride out a mail server's restart or a short outage.
 */
export const VISIT_REPORT_MAX_ATTEMPTS = 9;

/** Attempts per webhook delivery; with the default delays the last one comes 30–60 minutes after the first. */
export const WEBHOOK_MAX_ATTEMPTS = 8;

export const REEVALUATE_CRON = '30 3 * * *';
/** Every 10 minutes: a stale credit status is repaired within minutes, not at the next daily re-evaluation. */
export const STALE_SWEEP_CRON = '*/10 * * * *';
export const PRUNE_CRON = '45 3 * * *';
/** Before the working day in Europe: the reminders are on the badge when people start. */
export const INTEL_REQUESTS_CRON = '0 5 * * *';
/** The 1st of every month, after the daily re-evaluation has brought review dates up to date. */
export const SCHEDULE_REVIEWS_CRON = '0 5 1 * *';
export const SCHEDULE_TZ = 'UTC';
export const WEBHOOK_LOG_RETENTION_DAYS = 30;
/** Ids enqueued per recompute job (the same chunk size as services.accountsChanged). */
export const RECOMPUTE_CHUNK = 50;

export interface QueueOverrides {
  webhookRetryDelay?: number;
  recomputeRetryDelay?: number;
  /** Tests: seconds before the first retry of a visit-report e-mail (default 30). */
  visitReportRetryDelay?: number;
  /** Tests: retries of a visit-report e-mail (default VISIT_REPORT_MAX_ATTEMPTS - 1). */
  visitReportRetryLimit?: number;
}

export function queueSettings(overrides: QueueOverrides = {}): Record<QueueName, QueueSettings> {
  return {
    [QUEUES.recomputeAccounts]: { retryLimit: 4, retryDelay: overrides.recomputeRetryDelay ?? 10, retryDelayMax: 600, expireInSeconds: 300 },
    [QUEUES.deliverWebhook]: { retryLimit: WEBHOOK_MAX_ATTEMPTS - 1, retryDelay: overrides.webhookRetryDelay ?? 15, retryDelayMax: 1800, expireInSeconds: 60 },
    [QUEUES.reevaluateAll]: { retryLimit: 2, retryDelay: 60, retryDelayMax: 600, expireInSeconds: 900 },
    [QUEUES.sweepStaleAccounts]: { retryLimit: 2, retryDelay: 30, retryDelayMax: 300, expireInSeconds: 300 },
    [QUEUES.pruneDeliveries]: { retryLimit: 2, retryDelay: 60, retryDelayMax: 600, expireInSeconds: 300 },
    [QUEUES.intelRequestsDaily]: { retryLimit: 2, retryDelay: 60, retryDelayMax: 600, expireInSeconds: 300 },
    // Idempotent (services/health-checks.ts): a retry plans only what the failed attempt did not.
    [QUEUES.scheduleReviews]: { retryLimit: 3, retryDelay: 60, retryDelayMax: 900, expireInSeconds: 600 },
    // One SMTP conversation (its timeouts: services/visit-report-mail.ts) fits well within expireInSeconds.
    [QUEUES.visitReportEmail]: {
      retryLimit: overrides.visitReportRetryLimit ?? VISIT_REPORT_MAX_ATTEMPTS - 1,
      retryDelay: overrides.visitReportRetryDelay ?? 30,
      retryDelayMax: 3600,
      expireInSeconds: 180,
    },
  };
}

/** The window, in seconds, in which pg-boss schedules the retry after the n-th failed attempt (n ≥ 1). */
export function retryDelayWindow(policy: Pick<RetryPolicy, 'retryDelay' | 'retryDelayMax'>, failedAttempt: number): { min: number; max: number } {
  const base = Math.max(policy.retryDelay, 1);
  const exponent = Math.min(16, Math.max(1, failedAttempt));
  const half = 2 ** exponent / 2;
  return { min: Math.min(policy.retryDelayMax, base * half), max: Math.min(policy.retryDelayMax, base * half * 2) };
}

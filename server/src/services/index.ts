/**
 * What mutations need besides the database, wired once at start (serve.ts) and per test (test-support).
 *
 * - `accountChanged` runs after a change to one account commits: it recomputes that account's payment
 *   behaviour, credit status and alerts from that account's rows only (services/credit.ts), then publishes.
 * - `accountsChanged` is the same for many accounts at once (a ledger import): it hands the work to the job
 *   queue when there is one, so the request that caused it is not held up.
 * - Mutations call `recomputeAfterCommit`, never `accountChanged` directly: the change is committed by then, so
 *   a recompute that throws must not turn it into an error (the client would retry and write it twice); it is
 *   logged and left to the job queue (a retry job when there is one; otherwise the next change or the daily
 *   re-evaluation).
 * - `events` publishes live events (GraphQL subscriptions; across instances with Redis) and webhooks.
 * - `jobs` enqueues background work (pg-boss on PostgreSQL or on the embedded PGlite).
 * - `mail` is the SMTP server for internal visit reports (SMTP_URL), null when not configured.
 */
import type { SmtpConfig } from '../config.js';
import type { Prisma } from '../db/client.js';
import { consoleLog, type Log } from '../events/log.js';
import { QUEUES } from '../jobs/queues.js';
import type { AuthRevokedEvent } from '../security/revocation.js';
import type { Prisma as P } from '../generated/prisma/client.js';
import { recomputeAccount, recomputeAccounts } from './credit.js';
import { type ReportingRates, sharedReportingRates } from './reporting-rates.js';
import type { AuthRevokedHook } from './users.js';

export interface AlertEvent {
  id: string;
  accountId: string;
  rule: string;
  severity: number;
  title: string;
  status: string;
}

export interface EventBus {
  alertRaised(alert: AlertEvent): Promise<void>;
  accountUpdated(accountId: string): Promise<void>;
  /** Ends open subscriptions of these tokens / this user, on every instance (security/revocation.ts). */
  authRevoked(event: AuthRevokedEvent): Promise<void>;
}

export interface JobQueue {
  /** Enqueue a job by name; resolves with its id once stored (with `tx`: stored when that transaction commits). */
  send(name: string, data: Record<string, unknown>, options?: { startAfterSeconds?: number; singletonKey?: string; tx?: P.TransactionClient }): Promise<string | null>;
}

export interface Services {
  /** `rates`: shared by a batch of recomputes (sharedReportingRates) so the rate table is read once per batch. */
  accountChanged(accountId: string, reason: string, rates?: () => Promise<ReportingRates>): Promise<void>;
  accountsChanged(accountIds: string[], reason: string): Promise<void>;
  /**
   * Recomputes these accounts now, set-based (services/credit.ts recomputeAccounts: a few queries and one write
   * transaction per chunk of accounts rather than a dozen queries per account); the job workers call it. Resolves
   * with the accounts that failed and why; never rejects. A services object whose `accountChanged` was replaced
   * (a test wrapping it) is recomputed through that `accountChanged`, one account at a time.
   */
  recomputeAccounts(accountIds: string[], reason: string): Promise<Map<string, unknown>>;
  events: EventBus;
  jobs: JobQueue | null;
  /**
   * Call after revoking tokens or deactivating a user (once the change is committed): open subscriptions of those
   * tokens / that user end at once, on every instance. Without it they still end at their next event.
   */
  authRevoked(event: AuthRevokedEvent): Promise<void>;
  /**
   * Called by the admin services after a commit that made credentials stop working (token revoked, user
   * deactivated, password reset ending sessions): publishes `authRevoked`, then runs any extra hook given to
   * createServices (tests record the calls).
   */
  onAuthRevoked: AuthRevokedHook;
  /** Where failed recomputes after a commit are reported (default: stderr). */
  log?: Log;
  /** Visit reports are e-mailed through this (services/visit-report-mail.ts); null or unset: stored only. */
  mail?: SmtpConfig | null;
}

export const NO_EVENTS: EventBus = {
  alertRaised: async () => {},
  accountUpdated: async () => {},
  authRevoked: async () => {},
};

export interface ServiceParts {
  events?: EventBus;
  jobs?: JobQueue | null;
  onAuthRevoked?: AuthRevokedHook;
  /** When to recompute (tests pin it); default now. */
  now?: () => Date;
  log?: Log;
  mail?: SmtpConfig | null;
  /** Accounts read and written together by recomputeAccounts (default 200; the embedded database: fewer, shorter transactions). */
  recomputeChunk?: number;
}

export function createServices(prisma: Prisma, parts: ServiceParts = {}): Services {
  const events = parts.events ?? NO_EVENTS;
  const jobs = parts.jobs ?? null;
  const now = parts.now ?? (() => new Date());
  const log = parts.log ?? consoleLog;
  const accountChanged = async (accountId: string, _reason: string, rates?: () => Promise<ReportingRates>) => {
    await recomputeAccount(prisma, accountId, { asOf: now(), events, ...(rates ? { rates } : {}) });
  };
  return {
    events,
    jobs,
    log,
    mail: parts.mail ?? null,
    // Ends the open subscriptions of revoked credentials (every instance), then any extra hook (tests).
    async onAuthRevoked(event) {
      await events.authRevoked(event);
      await parts.onAuthRevoked?.(event);
    },
    accountChanged,
    async recomputeAccounts(this: Services, accountIds, reason) {
      const ids = [...new Set(accountIds)];
      if (this && this.accountChanged !== accountChanged) {
        const failed = new Map<string, unknown>();
        const rates = sharedReportingRates(prisma);
        for (const id of ids) {
          try {
            await this.accountChanged(id, reason, rates);
          } catch (err) {
            failed.set(id, err);
          }
        }
        return failed;
      }
      return (await recomputeAccounts(prisma, ids, { asOf: now(), events, ...(parts.recomputeChunk ? { chunk: parts.recomputeChunk } : {}) })).failed;
    },
    authRevoked: (event) => events.authRevoked(event),
    async accountsChanged(accountIds, reason) {
      const ids = [...new Set(accountIds)];
      if (jobs) {
        // Chunks keep each job short (embedded mode: a long transaction would block other queries).
        for (let i = 0; i < ids.length; i += 50) await jobs.send('recompute-accounts', { accountIds: ids.slice(i, i + 50), reason });
        return;
      }
      // Without a queue (tests, the CLI) the changes are committed too: one account failing must not stop the others.
      const rates = sharedReportingRates(prisma);
      for (const id of ids) {
        try {
          await accountChanged(id, reason, rates);
        } catch (err) {
          log(`recompute of account ${id} (${reason}) failed; its credit status is stale until the next change`, describeFailure(err));
        }
      }
    },
  };
}

/**
 * What went wrong, without the figures: messages of the credit code may carry amounts ("Not an integer amount
 * of minor units: 10000000000000000"), which do not belong in a log. Digits become "#".
 */
export function describeFailure(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.replace(/\d[\d.,]*/g, '#');
}

/**
 * After a mutation on one account has committed: recompute it, and if that throws, log it (account id and
 * reason, no figures) and enqueue a retry when there is a job queue. Never throws: the write is done.
 */
export async function recomputeAfterCommit(services: Services, accountId: string, reason: string): Promise<void> {
  const log = services.log ?? consoleLog;
  try {
    await services.accountChanged(accountId, reason);
  } catch (err) {
    log(`recompute of account ${accountId} after ${reason} failed; the change is saved${services.jobs ? ', retrying in the background' : ''}`, describeFailure(err));
    if (!services.jobs) return;
    try {
      await services.jobs.send(QUEUES.recomputeAccounts, { accountIds: [accountId], reason });
    } catch (e) {
      log(`could not enqueue the recompute of account ${accountId}`, describeFailure(e));
    }
  }
}

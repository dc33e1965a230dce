/**
 * How many intel requests the viewer has to answer, shown as the global toolbar badge ("2", title "Earshot: 2
 * intel requests to answer"). Without the `alarms` permission the count is refreshed when the worker starts, on
 * sign-in, after an answer or a decline, whenever a page lists the requests, and on incoming messages at most
 * every `intervalMs` — so it is current whenever the user is working with Earshot.
 */
import { intelBadgeFor, showGlobalBadge } from './badge.js';
import type { FailureKind } from './graphql.js';

const RETRY_MS = 60_000;

export type CountOutcome = { ok: true; count: number } | { ok: false; kind: FailureKind };

export interface IntelCountOptions {
  /** Asks the server (a signed-out worker answers `unauthenticated` without a request). */
  count: () => Promise<CountOutcome>;
  /** @defaultValue `Date.now` */
  now?: () => number;
  /** Least time between refreshes triggered by messages. @defaultValue 300000 (5 min) */
  intervalMs?: number;
}

export class IntelRequestCount {
  private checkedAt = Number.NEGATIVE_INFINITY;
  private running: Promise<void> | null = null;
  private current = 0;
  private readonly now: () => number;
  private readonly intervalMs: number;

  constructor(private readonly options: IntelCountOptions) {
    this.now = options.now ?? Date.now;
    this.intervalMs = options.intervalMs ?? 300_000;
  }

  /** The last count shown. */
  get value(): number {
    return this.current;
  }

  /**
   * Asks the server again. `force` (sign-in, an answer sent): now, after any request already on its way;
   * otherwise at most every `intervalMs`.
   */
  async refresh(force = false): Promise<void> {
    if (!force && this.now() - this.checkedAt < this.intervalMs) return;
    if (this.running) {
      await this.running;
      if (!force) return;
    }
    this.checkedAt = this.now();
    this.running = this.ask().finally(() => {
      this.running = null;
    });
    await this.running;
  }

  /** A page just listed the requests: that total is the count. */
  async set(count: number): Promise<void> {
    this.checkedAt = this.now();
    await this.show(count);
  }

  /** Signed out: nothing to count, no badge. */
  async clear(): Promise<void> {
    await this.show(0);
  }

  private async ask(): Promise<void> {
    const outcome = await this.options.count().catch((): CountOutcome => ({ ok: false, kind: 'error' }));
    if (outcome.ok) await this.show(outcome.count);
    else if (outcome.kind === 'unauthenticated') await this.show(0);
    // Unreachable or failing: the last count stays up; messages ask again after a minute.
    else this.checkedAt = this.now() - this.intervalMs + RETRY_MS;
  }

  private async show(count: number): Promise<void> {
    this.current = count;
    await showGlobalBadge(intelBadgeFor(count));
  }
}

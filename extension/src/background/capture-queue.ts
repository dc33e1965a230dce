/**
 * Captures wait here until the server has them: signals a salesperson records, and notes taken during a customer
 * visit (`kind: 'visitNotes'`; a stored item without `kind` is a signal, as every item was before visits). The queue is an IndexedDB store
 * of the extension origin, so captures survive a browser restart or a crash of the worker mid-delivery.
 *
 * Delivered exactly once: each capture gets a client-generated idempotency key when queued, sent as
 * `idempotencyKey` with every attempt; the server creates one signal (or one visit note) per key, and an item leaves the queue only
 * after the server confirmed it. A lost answer, a second worker or a retry after a restart can therefore send
 * the same capture twice, and still make one signal.
 *
 * Retries: no `alarms` permission — a timer while the worker lives, plus a pass at every worker start and at
 * every message the worker receives (`kick`). Unreachable server / 5xx / unexpected GraphQL error: stays queued,
 * retried with exponential backoff. Refused as invalid (4xx, BAD_USER_INPUT): marked failed, kept visible, never
 * retried. Signed out: waits for the next sign-in of the user who queued it.
 */
import type { NotesFlag, PendingCapture, QueueDraft, QueueState } from '../lib/messages.js';
import type { FailureKind } from './graphql.js';
import { idbDelete, idbGet, idbGetAll, idbPut, STORES } from './idb.js';

interface QueueBookkeeping {
  /** Epoch ms before which no new attempt is made (backoff). */
  nextAttemptAt: number;
  /** Server and user the capture was made for: it is never delivered to another server or under another user. */
  serverUrl: string | null;
  userId: string | null;
}

/** What is stored: the public record plus the scheduling and ownership fields the queue needs. */
export type QueuedCapture = PendingCapture & QueueBookkeeping;

/** `flags`: what the server's guardrails found in delivered visit notes (signals have none). */
export type DeliveryResult = { ok: true; flags?: NotesFlag[] } | { ok: false; kind: FailureKind; message: string };

export interface CaptureQueueOptions {
  /** The extension origin's database (see idb.ts). */
  db: () => Promise<IDBDatabase>;
  /** Sends one capture to the server (`CreateSignal` or `PanelAddVisitNotes`, with its idempotency key). */
  deliver: (capture: QueuedCapture) => Promise<DeliveryResult>;
  /** Who would deliver now; a capture whose owner differs waits. */
  owner: () => Promise<{ serverUrl: string | null; userId: string | null }>;
  /** Called after every change of the stored queue (the worker broadcasts `broadcast/queue-changed`). */
  onChange?: () => void;
  /** Called after a capture was delivered (the worker refreshes the tabs showing that account). */
  onDelivered?: (capture: QueuedCapture) => void;
  /** @defaultValue `Date.now` */
  now?: () => number;
  /** Jitter source, so that many browsers coming back online do not retry in step. @defaultValue `Math.random` */
  random?: () => number;
  /** @defaultValue `crypto.randomUUID` */
  newKey?: () => string;
  /** First retry delay in ms; doubles per attempt. @defaultValue 5000 */
  baseDelayMs?: number;
  /** Longest delay between two attempts. @defaultValue 900000 (15 min) */
  maxDelayMs?: number;
}

export class CaptureQueue {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private rerun = false;
  private rerunForced = false;
  /** Server-wide backoff after network failures (in memory: a new worker starts with a forced pass anyway). */
  private blockedUntil = 0;
  private consecutiveFailures = 0;
  /** Items whose `submit` is waiting on the first pass, and the flags of those delivered in it. */
  private readonly submitting = new Set<string>();
  private readonly flagsOfDelivered = new Map<string, NotesFlag[]>();
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly newKey: () => string;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(private readonly options: CaptureQueueOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.newKey = options.newKey ?? (() => crypto.randomUUID());
    this.baseDelayMs = options.baseDelayMs ?? 5_000;
    this.maxDelayMs = options.maxDelayMs ?? 900_000;
  }

  /**
   * Queues the draft (durably), then tries to deliver at once. `delivered` tells whether it already left the queue;
   * `flags`, what the server flagged in it then.
   */
  async submit<D extends QueueDraft>(draft: D): Promise<{ queued: D & QueueState; delivered: boolean; flags: NotesFlag[] }> {
    const owner = await this.options.owner();
    const item = {
      ...draft,
      idempotencyKey: this.newKey(),
      queuedAt: new Date(this.now()).toISOString(),
      attempts: 0,
      nextAttemptAt: 0,
      serverUrl: owner.serverUrl,
      userId: owner.userId,
    } as QueuedCapture;
    await idbPut(await this.options.db(), STORES.captures, item);
    this.options.onChange?.();
    this.submitting.add(item.idempotencyKey);
    try {
      await this.flush({ force: true });
    } finally {
      this.submitting.delete(item.idempotencyKey);
    }
    const after = await idbGet<QueuedCapture>(await this.options.db(), STORES.captures, item.idempotencyKey);
    const flags = this.flagsOfDelivered.get(item.idempotencyKey) ?? [];
    this.flagsOfDelivered.delete(item.idempotencyKey);
    return { queued: toPublic(after ?? item) as unknown as D & QueueState, delivered: after === undefined, flags };
  }

  /** Everything still queued, oldest first, failed ones included. */
  async list(): Promise<PendingCapture[]> {
    return (await this.all()).map(toPublic);
  }

  async discard(idempotencyKey: string): Promise<void> {
    await idbDelete(await this.options.db(), STORES.captures, idempotencyKey);
    this.options.onChange?.();
  }

  /** Worker start: deliver whatever waited across the restart. */
  start(): Promise<void> {
    return this.flush({ force: true });
  }

  /** Any message reached the worker: a cheap chance to retry what is due (timers die with the worker). */
  kick(): Promise<void> {
    return this.flush({ force: false });
  }

  /** The user signed in (or the server is known to be back): try everything now, ignoring backoff. */
  retryNow(): Promise<void> {
    return this.flush({ force: true });
  }

  /** Resolves when no delivery pass is running (tests; the worker never waits on it). */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * One delivery pass at a time. A request arriving during a pass runs one more pass afterwards, so a capture
   * queued mid-pass is not left for the timer.
   */
  flush({ force }: { force: boolean }): Promise<void> {
    if (this.running) {
      this.rerun = true;
      this.rerunForced ||= force;
      return this.running;
    }
    this.running = (async () => {
      try {
        let nextForce = force;
        do {
          this.rerun = false;
          this.rerunForced = false;
          await this.pass(nextForce);
          nextForce = this.rerunForced;
        } while (this.rerun);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async pass(force: boolean): Promise<void> {
    this.stop();
    if (!force && this.now() < this.blockedUntil) return this.schedule();
    const owner = await this.options.owner();
    for (const item of await this.all()) {
      if (item.failedAt || !belongsTo(item, owner)) continue;
      if (!force && item.nextAttemptAt > this.now()) continue;
      const result = await this.attempt(item);
      if (result === 'signed-out') return; // the next sign-in runs retryNow()
      if (result === 'unreachable') break;
      if (result === 'delivered') force = true; // the server answers again: don't leave older items in backoff
    }
    await this.schedule();
  }

  private async attempt(item: QueuedCapture): Promise<'delivered' | 'kept' | 'unreachable' | 'signed-out'> {
    let result: DeliveryResult;
    try {
      result = await this.options.deliver(item);
    } catch (error) {
      result = { ok: false, kind: 'unreachable', message: error instanceof Error ? error.message : String(error) };
    }
    const db = await this.options.db();
    if (result.ok) {
      this.consecutiveFailures = 0;
      this.blockedUntil = 0;
      await idbDelete(db, STORES.captures, item.idempotencyKey);
      if (result.flags?.length && this.submitting.has(item.idempotencyKey)) this.flagsOfDelivered.set(item.idempotencyKey, result.flags);
      this.options.onChange?.();
      this.options.onDelivered?.(item);
      return 'delivered';
    }
    // Re-read: the user may have discarded it while the request was in flight.
    const current = await idbGet<QueuedCapture>(db, STORES.captures, item.idempotencyKey);
    if (result.kind === 'unauthenticated') {
      if (current) await idbPut(db, STORES.captures, { ...current, lastError: result.message });
      this.options.onChange?.();
      return 'signed-out';
    }
    if (!current) return 'kept';
    const attempts = current.attempts + 1;
    const now = this.now();
    let next: QueuedCapture;
    let outcome: 'kept' | 'unreachable' = 'kept';
    if (result.kind === 'rejected') {
      next = { ...current, attempts, lastError: result.message, failedAt: new Date(now).toISOString() };
    } else if (result.kind === 'unreachable' || result.kind === 'server') {
      // The whole server is away: back off the queue as a whole, not item by item.
      this.consecutiveFailures += 1;
      this.blockedUntil = now + this.delay(this.consecutiveFailures);
      next = { ...current, attempts, lastError: result.message, nextAttemptAt: this.blockedUntil };
      outcome = 'unreachable';
    } else {
      // A resolver failed on this capture: back off this one, the others may go through.
      next = { ...current, attempts, lastError: result.message, nextAttemptAt: now + this.delay(attempts) };
    }
    await idbPut(db, STORES.captures, next);
    this.options.onChange?.();
    return outcome;
  }

  /** Exponential backoff with ±20 % jitter: 5 s, 10 s, 20 s … capped at 15 min. */
  delay(attempts: number): number {
    const raw = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.max(0, attempts - 1));
    return Math.round(raw * (0.8 + 0.4 * this.random()));
  }

  /** Arms the timer for the earliest moment something deliverable is due (nothing while signed out). */
  private async schedule(): Promise<void> {
    const owner = await this.options.owner();
    const waiting = (await this.all()).filter((i) => !i.failedAt && belongsTo(i, owner));
    if (waiting.length === 0) return;
    const next = Math.max(this.blockedUntil, Math.min(...waiting.map((i) => i.nextAttemptAt)));
    this.stop();
    this.timer = setTimeout(
      () => {
        this.timer = null;
        void this.kick();
      },
      Math.max(1_000, next - this.now()),
    );
  }

  private async all(): Promise<QueuedCapture[]> {
    const items = await idbGetAll<QueuedCapture>(await this.options.db(), STORES.captures);
    return items.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt) || a.idempotencyKey.localeCompare(b.idempotencyKey));
  }
}

/** A capture queued while signed out (no owner) goes with the next signed-in user of any server. */
function belongsTo(item: QueuedCapture, owner: { serverUrl: string | null; userId: string | null }): boolean {
  if (!owner.userId) return false;
  if (item.userId === null) return true;
  return item.serverUrl === owner.serverUrl && item.userId === owner.userId;
}

function toPublic(item: QueuedCapture): PendingCapture {
  const { nextAttemptAt: _n, serverUrl: _s, userId: _u, ...rest } = item;
  return rest;
}

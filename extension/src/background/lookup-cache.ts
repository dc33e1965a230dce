/**
 * The worker's cache of lookups (stale-while-revalidate): the accounts a page context resolved to, per context
 * (`contextKey`: the identifiers the server matches on), kept `maxStaleMs` (10 minutes by default). An answer younger
 * than `freshMs` (30 s) is served as it is; an older one is served at once all the same, and the tab tracker looks
 * the context up again behind it (tabs.ts `lookup`). Beyond `maxStaleMs` nothing is served: the page waits for the
 * server, as on a first visit.
 *
 * Mirrored to `storage.session` (extension pages and the worker only, `SessionStore.lockDown`; gone when the browser
 * closes), so a worker stopped after 30 s idle still answers the next page at once. Nothing of it ever reaches a
 * host page: the content script only learns whether to mount.
 *
 * Per signed-in user: the cache belongs to one server and user (`owner`); another owner reads nothing, and sign-out,
 * another user signing in and another server forget it (`clear`, through `TabTracker.forgetData`). An account that
 * changed (a note, a signal, a dispute sent from here, or the server said so on the live stream: live.ts) drops every
 * answer naming it (`dropAccount`).
 *
 * Verified answers only are fresh: an answer is served as fresh only when it was written since `verifiedSince` — the
 * start of this worker, moved on each time the live stream (re)opens (`unverifiedBefore`). An answer a previous worker
 * kept, or one from before the stream was last down, may have missed a change: it is served, and looked up again.
 */
import { browser } from 'wxt/browser';
import type { AccountMatchData } from '../lib/messages.js';
import { serial } from './serial.js';

export interface CachedLookup {
  matches: AccountMatchData[];
  /** When the server answered (ms). */
  at: number;
  /** Younger than `freshMs`: no need to ask again. */
  fresh: boolean;
}

interface Stored {
  owner: string;
  /** Oldest first. */
  entries: [string, { at: number; matches: AccountMatchData[] }][];
}

const STORAGE_KEY = 'lookups';
export const MAX_CACHED_LOOKUPS = 100;
export const LOOKUP_FRESH_MS = 30_000;
export const LOOKUP_MAX_STALE_MS = 10 * 60_000;

export interface LookupCacheOptions {
  /** Who is signed in, to which server (null: nobody): the cached answers are theirs only. */
  owner: () => Promise<string | null>;
  now: () => number;
  /** @defaultValue 30000 */
  freshMs?: number;
  /** @defaultValue 600000 */
  maxStaleMs?: number;
  /** The accounts named by the cached answers may have changed (an answer kept, dropped, or all forgotten). */
  onChange?: () => void;
}

/** Taken when a request starts: its answer is kept only if nothing was cleared and the owner is the same. */
export interface LookupTicket {
  epoch: number;
  owner: string | null;
}

export class LookupCache {
  private loaded: Promise<Stored | null> | null = null;
  private epoch = 0;
  /** Read-modify-write steps one after another (two lookups answering at once must not lose one). */
  private readonly step = serial();
  private readonly freshMs: number;
  private readonly maxStaleMs: number;
  /** Answers written before this (ms) are never fresh: a change may have been missed (see above). */
  private verifiedSince: number;

  constructor(private readonly options: LookupCacheOptions) {
    this.freshMs = options.freshMs ?? LOOKUP_FRESH_MS;
    this.maxStaleMs = Math.max(this.freshMs, options.maxStaleMs ?? LOOKUP_MAX_STALE_MS);
    // A new worker: what an earlier one kept was not watched while no worker ran.
    this.verifiedSince = options.now();
  }

  /** Answers written before `at` may have missed a change (the live stream was down until then): never fresh. */
  unverifiedBefore(at: number): void {
    this.verifiedSince = Math.max(this.verifiedSince, at);
  }

  /** The accounts the current owner's answers name (within the staleness bound), newest answer first. */
  async accountIds(): Promise<string[]> {
    const [stored, owner] = await Promise.all([this.load(), this.options.owner()]);
    if (!stored || !owner || stored.owner !== owner) return [];
    const now = this.options.now();
    const live = stored.entries.filter(([, e]) => now - e.at >= 0 && now - e.at < this.maxStaleMs).reverse();
    return [...new Set(live.flatMap(([, e]) => e.matches.map((m) => m.account.id)))];
  }

  /** The cached answer for `key`, when there is one of the current owner within the staleness bound. */
  async get(key: string): Promise<CachedLookup | undefined> {
    const [stored, owner] = await Promise.all([this.load(), this.options.owner()]);
    if (!stored || !owner || stored.owner !== owner) return undefined;
    const entry = stored.entries.find(([k]) => k === key)?.[1];
    if (!entry) return undefined;
    const age = this.options.now() - entry.at;
    if (age < 0 || age >= this.maxStaleMs) return undefined;
    return { matches: entry.matches, at: entry.at, fresh: age < this.freshMs && entry.at >= this.verifiedSince };
  }

  async ticket(): Promise<LookupTicket> {
    const epoch = this.epoch;
    return { epoch, owner: await this.options.owner() };
  }

  /** Keeps the server's answer for `key`, unless the cache was cleared or the user changed since `ticket`. */
  async set(ticket: LookupTicket, key: string, matches: AccountMatchData[]): Promise<void> {
    const owner = ticket.owner;
    if (!owner || ticket.epoch !== this.epoch || owner !== (await this.options.owner())) return;
    await this.step(async () => {
      const stored = await this.load();
      if (ticket.epoch !== this.epoch) return; // cleared, or the account changed, meanwhile
      const kept = stored && stored.owner === owner ? stored.entries.filter(([k]) => k !== key) : [];
      const entry: [string, { at: number; matches: AccountMatchData[] }] = [key, { at: this.options.now(), matches }];
      await this.store({ owner, entries: [...kept, entry].slice(-MAX_CACHED_LOOKUPS) });
    });
  }

  /** The account changed on the server: no answer naming it is served again. */
  async dropAccount(accountId: string): Promise<void> {
    this.epoch++; // an answer on its way may be older than the change
    await this.step(async () => {
      const stored = await this.load();
      if (!stored) return;
      const entries = stored.entries.filter(([, e]) => !e.matches.some((m) => m.account.id === accountId));
      if (entries.length !== stored.entries.length) await this.store({ ...stored, entries });
    });
  }

  /** Sign-out, another user or server, the own domains changed: nothing cached stays. */
  async clear(): Promise<void> {
    this.epoch++;
    await this.step(async () => {
      this.loaded = Promise.resolve(null);
      await browser.storage.session.remove(STORAGE_KEY);
    });
    this.options.onChange?.();
  }

  private async store(next: Stored): Promise<void> {
    this.loaded = Promise.resolve(next);
    await browser.storage.session.set({ [STORAGE_KEY]: next });
    this.options.onChange?.();
  }

  private load(): Promise<Stored | null> {
    this.loaded ??= browser.storage.session.get(STORAGE_KEY).then((got) => (got[STORAGE_KEY] as Stored | undefined) ?? null);
    return this.loaded;
  }
}

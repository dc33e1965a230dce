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
 * changed (a note, a signal, a dispute sent from here) drops every answer naming it (`dropAccount`).
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

  constructor(private readonly options: LookupCacheOptions) {
    this.freshMs = options.freshMs ?? LOOKUP_FRESH_MS;
    this.maxStaleMs = Math.max(this.freshMs, options.maxStaleMs ?? LOOKUP_MAX_STALE_MS);
  }

  /** The cached answer for `key`, when there is one of the current owner within the staleness bound. */
  async get(key: string): Promise<CachedLookup | undefined> {
    const [stored, owner] = await Promise.all([this.load(), this.options.owner()]);
    if (!stored || !owner || stored.owner !== owner) return undefined;
    const entry = stored.entries.find(([k]) => k === key)?.[1];
    if (!entry) return undefined;
    const age = this.options.now() - entry.at;
    if (age < 0 || age >= this.maxStaleMs) return undefined;
    return { matches: entry.matches, at: entry.at, fresh: age < this.freshMs };
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
  }

  private async store(next: Stored): Promise<void> {
    this.loaded = Promise.resolve(next);
    await browser.storage.session.set({ [STORAGE_KEY]: next });
  }

  private load(): Promise<Stored | null> {
    this.loaded ??= browser.storage.session.get(STORAGE_KEY).then((got) => (got[STORAGE_KEY] as Stored | undefined) ?? null);
    return this.loaded;
  }
}

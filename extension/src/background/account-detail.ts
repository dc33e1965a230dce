/**
 * The panel's detail of the account on view (`PanelAccountDetail`: the latest signals and the credit detail), asked
 * through the worker (`account/detail`) so that it is remembered like the tab's state: the last answer per account,
 * at most `MAX_REMEMBERED` accounts (least recently used go first), mirrored to `storage.session` (extension pages
 * and the worker only; gone when the browser closes). While the server cannot be reached the last answer is given
 * again, marked stale with the time it was fetched.
 *
 * Per signed-in user: every remembered answer belongs to one server and user (`owner`); another owner reads
 * nothing, and sign-out, another user signing in and another server forget them all (`clear`).
 *
 * A lookup asks the detail of its first match at once (`prime`), beside its own requests: the panel showing that
 * account after the lookup takes that answer (once) instead of asking again, and a panel opened later while the
 * server is away has the detail to show even if it was closed while online.
 */
import { browser } from 'wxt/browser';
import type { AccountDetailAnswer } from '../lib/messages.js';
import type { OperationOutcome } from './graphql.js';
import type { OperationData } from './operation-types.js';

type Detail = NonNullable<OperationData['PanelAccountDetail']['account']>;

interface Remembered {
  detail: Detail | null;
  fetchedAt: string;
}

interface Stored {
  owner: string;
  /** Oldest first. */
  entries: [string, Remembered][];
}

const STORAGE_KEY = 'accountDetail';
export const MAX_REMEMBERED = 50;
/** A primed answer older than this is not taken: the panel asks again (and falls back on it if the server is away). */
export const PRIMED_MAX_MS = 60_000;

export interface AccountDetailsOptions {
  /** Who is signed in, to which server (null: nobody): the remembered answers are theirs only. */
  owner: () => Promise<string | null>;
  run: (id: string) => Promise<OperationOutcome<OperationData['PanelAccountDetail']>>;
  now: () => number;
}

export class AccountDetails {
  private loaded: Promise<Stored | null> | null = null;
  /** Bumped by `clear`: an answer to a request sent before it is not remembered. */
  private epoch = 0;
  /** Asked by a lookup and not yet taken by a panel. */
  private readonly primed = new Map<string, { at: number; answer: Promise<AccountDetailAnswer> }>();

  constructor(private readonly options: AccountDetailsOptions) {}

  /** The panel asks: the answer a lookup just asked for (once), else a new request. */
  ask(id: string): Promise<AccountDetailAnswer> {
    const primed = this.primed.get(id);
    this.primed.delete(id);
    if (!primed || this.options.now() - primed.at >= PRIMED_MAX_MS) return this.fetch(id);
    // A primed request that failed is no answer: ask again (the server may be back).
    return primed.answer.then((answer) => (answer.ok && !answer.stale ? answer : this.fetch(id)));
  }

  /** A lookup found `id` first: ask its detail now, for the panel that will show it. */
  prime(id: string): void {
    this.primed.delete(id);
    this.primed.set(id, { at: this.options.now(), answer: this.fetch(id) });
    // Bounded: a lookup primes one account; pages looked up with no panel open leave theirs until the next.
    if (this.primed.size > MAX_REMEMBERED) this.primed.delete(this.primed.keys().next().value as string);
  }

  /** The account changed on the server: a primed answer may be older than the change. */
  changed(id: string): void {
    this.primed.delete(id);
  }

  /** Sign-out, another user or another server: nothing remembered stays. */
  async clear(): Promise<void> {
    this.epoch++;
    this.primed.clear();
    this.loaded = Promise.resolve(null);
    await browser.storage.session.remove(STORAGE_KEY);
  }

  private async fetch(id: string): Promise<AccountDetailAnswer> {
    const epoch = this.epoch;
    const owner = await this.options.owner();
    const outcome = await this.options.run(id);
    if (outcome.ok) {
      const fetchedAt = new Date(this.options.now()).toISOString();
      const detail = outcome.data.account;
      if (owner && epoch === this.epoch && owner === (await this.options.owner())) await this.remember(epoch, owner, id, { detail, fetchedAt });
      return { ok: true, account: detail, fetchedAt };
    }
    if ((outcome.kind === 'unreachable' || outcome.kind === 'server') && owner && epoch === this.epoch) {
      const last = await this.recall(owner, id);
      if (last) return { ok: true, account: last.detail, fetchedAt: last.fetchedAt, stale: true, message: outcome.message };
    }
    return { ok: false, kind: outcome.kind, error: outcome.message };
  }

  private async recall(owner: string, id: string): Promise<Remembered | null> {
    const stored = await this.load();
    if (!stored || stored.owner !== owner) return null;
    return stored.entries.find(([key]) => key === id)?.[1] ?? null;
  }

  private async remember(epoch: number, owner: string, id: string, entry: Remembered): Promise<void> {
    const stored = await this.load();
    if (epoch !== this.epoch) return; // cleared meanwhile
    const kept = stored && stored.owner === owner ? stored.entries.filter(([key]) => key !== id) : [];
    const next: Stored = { owner, entries: [...kept, [id, entry] as [string, Remembered]].slice(-MAX_REMEMBERED) };
    this.loaded = Promise.resolve(next);
    await browser.storage.session.set({ [STORAGE_KEY]: next });
  }

  private load(): Promise<Stored | null> {
    this.loaded ??= browser.storage.session.get(STORAGE_KEY).then((got) => (got[STORAGE_KEY] as Stored | undefined) ?? null);
    return this.loaded;
  }
}

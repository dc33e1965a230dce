/**
 * What each tab shows: the page context its content script reported, the accounts it resolved to, and how the
 * last lookup went. Kept in memory and mirrored to `storage.session` (the worker is stopped after 30 s idle and
 * a panel asking afterwards must still get its tab's state). Forgotten when the tab closes or navigates.
 *
 * Lookups are deduplicated: identical contexts (same e-mails, domains, CRM record — in any tab) share one
 * in-flight request and a short cache. When the server is unreachable the last good answer for that context is
 * kept and shown with its `fetchedAt`.
 */
import type { PageContext } from '@earshot/shared';
import { browser } from 'wxt/browser';
import type { AccountMatchData, ConnectionState, SessionUser, Settings, TabState } from '../lib/messages.js';
import { badgeFor, showBadge } from './badge.js';
import type { FailureKind } from './graphql.js';
import { isSiteDisabled, siteKey } from './settings.js';

export type ResolveOutcome = { ok: true; matches: AccountMatchData[] } | { ok: false; kind: FailureKind; message: string };

export interface TabTrackerOptions {
  /** Runs `ResolveAccounts` for a context (a signed-out worker answers `unauthenticated` without a request). */
  resolve: (context: PageContext) => Promise<ResolveOutcome>;
  user: () => Promise<SessionUser | null>;
  onChange: (tabId: number) => void;
  /** @defaultValue `Date.now` */
  now?: () => number;
  /** How long a resolved context is served from cache. @defaultValue 30000 */
  cacheMs?: number;
}

interface TabRecord {
  context: PageContext | null;
  /** The frame whose report set `context` (webmail may report from a preview iframe). */
  frameId: number;
  /** The reporting document (`context/report`'s `pageId`); absent from older content scripts. */
  pageId?: string | undefined;
  /** The site is enabled: the content script mounts the toggle and the panel. */
  mounted: boolean;
  matches: AccountMatchData[];
  fetchedAt?: string | undefined;
  connection: ConnectionState;
  message?: string | undefined;
  loading: boolean;
}

const STORAGE_KEY = 'tabs';
const MAX_LAST_GOOD = 100;

/** Identical lookups: the identifiers the server matches on, order-insensitive; the URL is not part of it. */
export function contextKey(context: PageContext): string {
  const emails = [...new Set(context.emails.map((e) => e.trim().toLowerCase()))].sort();
  const domains = [...new Set(context.domains.map((d) => d.trim().toLowerCase()))].sort();
  const crm = context.crmRecord ? [context.crmRecord.system, context.crmRecord.objectType, context.crmRecord.recordId] : null;
  const linked = (context.linkedRecords ?? []).map((r) => [r.system, r.objectType, r.recordId]);
  return JSON.stringify([emails, domains, crm, linked]);
}

export class TabTracker {
  private records = new Map<number, TabRecord>();
  private restored: Promise<void> | null = null;
  private readonly cache = new Map<string, { at: number; matches: AccountMatchData[] }>();
  private readonly inflight = new Map<string, Promise<ResolveOutcome>>();
  /** Last successful answer per context, shown (marked stale) while the server is unreachable. */
  private readonly lastGood = new Map<string, { matches: AccountMatchData[]; fetchedAt: string }>();
  /** Bumped per tab on every report, so a slow lookup for an old page never overwrites a newer one. */
  private readonly generation = new Map<number, number>();
  private readonly now: () => number;
  private readonly cacheMs: number;

  constructor(private readonly options: TabTrackerOptions) {
    this.now = options.now ?? Date.now;
    this.cacheMs = options.cacheMs ?? 30_000;
  }

  /**
   * A content script's report. Answers at once (mount or not, panel open or not); the lookup runs after and
   * announces itself with `onChange`. `settled` resolves when it is done (tests, tab/refresh).
   */
  async report(
    tabId: number,
    frameId: number,
    context: PageContext | null,
    settings: Settings,
    pageId?: string,
  ): Promise<{ mount: boolean; panelOpen: boolean; settled: Promise<void> }> {
    await this.restore();
    const current = this.records.get(tabId);
    if (!context) {
      // Another frame of the tab (an ad, a compose iframe) finding nothing does not erase what the top found.
      if (current?.context && current.frameId !== frameId) return { mount: false, panelOpen: false, settled: Promise.resolve() };
      await this.set(tabId, { context: null, frameId, pageId, mounted: false, matches: [], connection: 'ok', loading: false });
      return { mount: false, panelOpen: false, settled: Promise.resolve() };
    }
    const mounted = !isSiteDisabled(settings, context.site, context.url);
    const panelOpen = mounted && settings.panelOpen[siteKey(context.site, context.url)] === true;
    const sameLookup = current?.context ? contextKey(current.context) === contextKey(context) : false;
    const keep = sameLookup && current ? { matches: current.matches, fetchedAt: current.fetchedAt } : { matches: [] };
    await this.set(tabId, {
      context,
      frameId,
      pageId,
      mounted,
      ...keep,
      connection: current?.connection ?? 'ok',
      loading: mounted,
    });
    if (!mounted) return { mount: false, panelOpen: false, settled: Promise.resolve() };
    return { mount: true, panelOpen, settled: this.lookup(tabId, false) };
  }

  async state(tabId: number | null): Promise<TabState> {
    await this.restore();
    const user = await this.options.user();
    const record = tabId === null ? undefined : this.records.get(tabId);
    if (!record?.context || !record.mounted) {
      return { connection: user ? 'ok' : 'signed-out', context: record?.context ?? null, matches: [], loading: false, user };
    }
    const state: TabState = {
      connection: user ? record.connection : 'signed-out',
      context: record.context,
      matches: user ? record.matches : [],
      loading: record.loading,
      user,
    };
    if (record.message && state.connection !== 'ok' && state.connection !== 'signed-out') state.message = record.message;
    if (user && record.fetchedAt) state.fetchedAt = record.fetchedAt;
    return state;
  }

  /** The URL of the page the tab's content script last reported (panel/remember keys generic sites by origin). */
  async contextUrl(tabId: number): Promise<string | undefined> {
    await this.restore();
    return this.records.get(tabId)?.context?.url;
  }

  /** Looks the tab's context up again, bypassing the cache, and answers once done. */
  async refresh(tabId: number | null): Promise<TabState> {
    await this.restore();
    if (tabId !== null && this.records.get(tabId)?.context) await this.lookup(tabId, true);
    return this.state(tabId);
  }

  /** Sign-in, sign-out, or data changed on the server: every tab with a context looks again. */
  async refreshAll(): Promise<void> {
    await this.restore();
    this.cache.clear();
    await Promise.all([...this.records.entries()].filter(([, r]) => r.context && r.mounted).map(([id]) => this.lookup(id, true)));
  }

  /**
   * The company's own domains changed: every tab's context is filtered again with `filter`. A tab where nobody is
   * left shows nobody (a colleague-only thread is no "Not a customer yet"); one whose context changed is looked up
   * again (a tab whose lookup is running gets its answer from that lookup, which filters again itself).
   */
  async refilter(filter: (context: PageContext) => Promise<PageContext | null>): Promise<void> {
    await this.restore();
    this.cache.clear();
    const lookups: Promise<void>[] = [];
    for (const [id, record] of [...this.records]) {
      if (!record.context) continue;
      const context = await filter(record.context);
      if (this.records.get(id) !== record) continue; // a newer report arrived meanwhile
      if (!context) {
        this.generation.set(id, (this.generation.get(id) ?? 0) + 1);
        await this.set(id, { ...record, context: null, mounted: false, matches: [], fetchedAt: undefined, message: undefined, loading: false });
        continue;
      }
      if (contextKey(context) === contextKey(record.context)) continue;
      await this.set(id, { ...record, context });
      if (record.mounted && !record.loading) lookups.push(this.lookup(id, true));
    }
    await Promise.all(lookups);
  }

  /** Drops cached answers mentioning `accountId` (a note or signal was added) and refreshes the tabs showing it. */
  async accountChanged(accountId: string): Promise<void> {
    await this.restore();
    this.cache.clear();
    const showing = [...this.records.entries()].filter(([, r]) => r.matches.some((m) => m.account.id === accountId));
    await Promise.all(showing.map(([id]) => this.lookup(id, true)));
  }

  /** Signed out: no credit data may remain on screen or in memory. */
  async forgetData(): Promise<void> {
    await this.restore();
    this.cache.clear();
    this.lastGood.clear();
    for (const [id, record] of this.records) {
      if (!record.context) continue;
      await this.set(id, { ...record, matches: [], fetchedAt: undefined, message: undefined, connection: 'signed-out', loading: false });
    }
  }

  async remove(tabId: number): Promise<void> {
    await this.restore();
    this.generation.set(tabId, (this.generation.get(tabId) ?? 0) + 1);
    if (this.records.delete(tabId)) await this.persist();
    this.generation.delete(tabId);
  }

  /**
   * The tab is loading something: a new document, or only a frame inside the page (a webmail's preview pane), which
   * `tabs.onUpdated` does not tell apart. `askPageId(frameId)` asks the frame that reported which document it is
   * (undefined when nothing answers: the document is gone, or the new page has no content script). The state is
   * kept only when the same document still answers; a newer report arriving meanwhile is never undone.
   */
  async verifyDocument(tabId: number, askPageId: (frameId: number) => Promise<string | undefined>): Promise<void> {
    await this.restore();
    const record = this.records.get(tabId);
    if (!record) return;
    const expected = record.pageId;
    const answer = expected === undefined ? undefined : await askPageId(record.frameId);
    const latest = this.records.get(tabId);
    if (!latest || latest.pageId !== expected) return; // closed, or another document reported while we asked
    if (expected !== undefined && answer === expected) return;
    await this.navigated(tabId);
  }

  /** The tab loads a new document: its old context no longer applies (the content script reports again). */
  async navigated(tabId: number): Promise<void> {
    await this.restore();
    if (!this.records.has(tabId)) return;
    this.generation.set(tabId, (this.generation.get(tabId) ?? 0) + 1);
    this.records.delete(tabId);
    await this.persist();
    await showBadge(tabId, null);
    this.options.onChange(tabId);
  }

  private async lookup(tabId: number, force: boolean): Promise<void> {
    const record = this.records.get(tabId);
    if (!record?.context) return;
    const context = record.context;
    const key = contextKey(context);
    const generation = (this.generation.get(tabId) ?? 0) + 1;
    this.generation.set(tabId, generation);
    if (!record.loading) await this.set(tabId, { ...record, loading: true });

    const outcome = await this.resolveCached(context, key, force);
    const latest = this.records.get(tabId);
    if (!latest || this.generation.get(tabId) !== generation) return; // a newer report or the tab closed

    if (outcome.ok) {
      const fetchedAt = new Date(this.now()).toISOString();
      this.rememberGood(key, outcome.matches, fetchedAt);
      await this.set(tabId, { ...latest, matches: outcome.matches, fetchedAt, connection: 'ok', message: undefined, loading: false });
      return;
    }
    if (outcome.kind === 'unauthenticated') {
      await this.set(tabId, { ...latest, matches: [], fetchedAt: undefined, connection: 'signed-out', message: undefined, loading: false });
      return;
    }
    const unreachable = outcome.kind === 'unreachable' || outcome.kind === 'server';
    const stale = this.lastGood.get(key) ?? (latest.fetchedAt ? { matches: latest.matches, fetchedAt: latest.fetchedAt } : undefined);
    await this.set(tabId, {
      ...latest,
      matches: stale?.matches ?? [],
      fetchedAt: stale?.fetchedAt,
      connection: unreachable ? 'unreachable' : 'error',
      message: outcome.message,
      loading: false,
    });
  }

  private resolveCached(context: PageContext, key: string, force: boolean): Promise<ResolveOutcome> {
    const cached = this.cache.get(key);
    if (!force && cached && this.now() - cached.at < this.cacheMs) return Promise.resolve({ ok: true, matches: cached.matches });
    const running = this.inflight.get(key);
    if (running) return running;
    const request = this.options
      .resolve(context)
      .catch((error): ResolveOutcome => ({ ok: false, kind: 'error', message: error instanceof Error ? error.message : String(error) }))
      .then((outcome) => {
        if (outcome.ok) this.cache.set(key, { at: this.now(), matches: outcome.matches });
        return outcome;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, request);
    return request;
  }

  private rememberGood(key: string, matches: AccountMatchData[], fetchedAt: string): void {
    this.lastGood.delete(key);
    this.lastGood.set(key, { matches, fetchedAt });
    if (this.lastGood.size > MAX_LAST_GOOD) this.lastGood.delete(this.lastGood.keys().next().value as string);
  }

  private async set(tabId: number, record: TabRecord): Promise<void> {
    const clean: TabRecord = { ...record };
    if (clean.fetchedAt === undefined) delete clean.fetchedAt;
    if (clean.message === undefined) delete clean.message;
    if (clean.pageId === undefined) delete clean.pageId;
    this.records.set(tabId, clean);
    await this.persist();
    const user = await this.options.user();
    const connection = user ? clean.connection : 'signed-out';
    await showBadge(tabId, clean.mounted ? badgeFor(connection, clean.context !== null, clean.matches) : null);
    this.options.onChange(tabId);
  }

  private async persist(): Promise<void> {
    await browser.storage.session.set({ [STORAGE_KEY]: Object.fromEntries(this.records) });
  }

  private restore(): Promise<void> {
    this.restored ??= (async () => {
      const stored = (await browser.storage.session.get(STORAGE_KEY))[STORAGE_KEY] as Record<string, TabRecord> | undefined;
      for (const [id, record] of Object.entries(stored ?? {})) {
        // A lookup that was running when the previous worker stopped never finished.
        if (!this.records.has(Number(id))) this.records.set(Number(id), { ...record, loading: false });
      }
    })();
    return this.restored;
  }
}

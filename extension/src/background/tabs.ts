/**
 * What each tab shows: the page context its content script reported (kept as reported: `context`), the context as
 * looked up (`shown`: the reported one through `view`, which leaves out the company's own people and adds the
 * record's remembered accounts, worked out again whenever either changes), the accounts it resolved to, and how the
 * last lookup went. Kept in memory and mirrored to `storage.session` (the worker is stopped after 30 s idle and
 * a panel asking afterwards must still get its tab's state). Forgotten when the tab closes or navigates.
 *
 * Lookups are deduplicated: identical contexts (same e-mails, domains, CRM record — in any tab) share one
 * in-flight request and a cache (lookup-cache.ts, stale-while-revalidate: a cached answer is shown at once, and one
 * older than 30 s is looked up again behind it). When the server is unreachable the last good answer for that
 * context is kept and shown with its `fetchedAt`.
 */
import type { PageContext } from '@earshot/shared';
import { browser } from 'wxt/browser';
import type { AccountMatchData, ConnectionState, SessionUser, Settings, TabState } from '../lib/messages.js';
import { badgeFor, showBadge } from './badge.js';
import { LookupCache } from './lookup-cache.js';
import { pageHint } from './record-links.js';
import { serial } from './serial.js';
import type { FailureKind } from './graphql.js';
import { isSiteDisabled, siteKey } from './settings.js';

export type ResolveOutcome = { ok: true; matches: AccountMatchData[] } | { ok: false; kind: FailureKind; message: string };

export interface TabTrackerOptions {
  /**
   * Runs `ResolveAccounts` for a reported context (a signed-out worker answers `unauthenticated` without a request).
   * `panelOpen()` says, when asked, whether a tab showing this context has its panel open (or opening): only then
   * is the first match's detail worth asking beside the lookup.
   */
  resolve: (context: PageContext, panelOpen: () => boolean) => Promise<ResolveOutcome>;
  /**
   * The reported context as it is looked up and shown (without the company's own people, with the record's
   * remembered accounts); null when nobody is left. @defaultValue the context itself
   */
  view?: (context: PageContext) => Promise<PageContext | null>;
  /**
   * A tab whose page was told not to mount (only the company's own people on it) now shows someone: its content
   * script is asked to report again, and mounts with the answer.
   */
  reportAgain?: (tabId: number, frameId: number) => void;
  user: () => Promise<SessionUser | null>;
  onChange: (tabId: number) => void;
  /** Who is signed in, to which server (null: nobody): cached lookups are theirs only (lookup-cache.ts). */
  owner: () => Promise<string | null>;
  /** @defaultValue `Date.now` */
  now?: () => number;
  /** How long a resolved context is served from cache without asking again. @defaultValue 30000 */
  cacheMs?: number;
  /** How long it is served at all (then looked up again behind it). @defaultValue 600000 */
  maxStaleMs?: number;
  /** The accounts of the cached answers may have changed (live.ts watches them). */
  onCachedAccountsChange?: () => void;
}

interface TabRecord {
  /** As the content script reported it. */
  context: PageContext | null;
  /** As looked up and shown (`view`); absent in records stored by an older worker (then `context`). */
  shown?: PageContext | null;
  /** The site is enabled for this page (absent in older records: then `mounted` says). */
  enabled?: boolean;
  /** The tab's top-level URL changed away from the reported page: nothing is shown until it is confirmed or replaced. */
  stale?: boolean;
  /** The frame whose report set `context` (webmail may report from a preview iframe). */
  frameId: number;
  /** The reporting document (`context/report`'s `pageId`); absent from older content scripts. */
  pageId?: string | undefined;
  /** The site is enabled: the content script mounts the toggle and the panel. */
  mounted: boolean;
  /** The panel is open in this tab (as the report answered, then as the content script says: `panelToggled`). */
  panelOpen?: boolean;
  /**
   * The page showed someone, and what was read of it (addresses, domains, URL, records) was forgotten at sign-out:
   * the badge still asks to sign in, and the content script is asked to report again at the next sign-in.
   */
  forgotten?: boolean;
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
  private readonly cache: LookupCache;
  private readonly inflight = new Map<string, Promise<ResolveOutcome>>();
  /** Last successful answer per context, shown (marked stale) while the server is unreachable. */
  private readonly lastGood = new Map<string, { matches: AccountMatchData[]; fetchedAt: string }>();
  /** Bumped per tab on every report, so a slow lookup for an old page never overwrites a newer one. */
  private readonly generation = new Map<number, number>();
  private readonly now: () => number;
  private readonly view: (context: PageContext) => Promise<PageContext | null>;
  /** Per tab: its badge and `onChange`, one after another (`announce`). */
  private readonly announcing = new Map<number, ReturnType<typeof serial>>();

  constructor(private readonly options: TabTrackerOptions) {
    this.now = options.now ?? Date.now;
    this.cache = new LookupCache({
      owner: options.owner,
      now: this.now,
      ...(options.cacheMs !== undefined ? { freshMs: options.cacheMs } : {}),
      ...(options.maxStaleMs !== undefined ? { maxStaleMs: options.maxStaleMs } : {}),
      ...(options.onCachedAccountsChange ? { onChange: options.onCachedAccountsChange } : {}),
    });
    this.view = options.view ?? (async (context) => context);
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
    const shown = context ? await this.view(context) : null;
    if (!shown) {
      // Another frame of the tab (an ad, a compose iframe) finding nothing does not erase what the top found.
      if (shownOf(current) && current?.frameId !== frameId) return { mount: false, panelOpen: false, settled: Promise.resolve() };
      // Only the company's own people: nothing to show, but the page is kept, in case the own domains change.
      const enabled = context ? !isSiteDisabled(settings, context.site, context.url) : false;
      await this.set(tabId, { context, shown: null, enabled, frameId, pageId, mounted: false, matches: [], connection: 'ok', loading: false });
      return { mount: false, panelOpen: false, settled: Promise.resolve() };
    }
    const reported = context as PageContext;
    const mounted = !isSiteDisabled(settings, reported.site, reported.url);
    const panelOpen = mounted && settings.panelOpen[siteKey(reported.site, reported.url)] === true;
    const before = shownOf(current);
    const sameLookup = before ? contextKey(before) === contextKey(shown) : false;
    const keep = sameLookup && current ? { matches: current.matches, fetchedAt: current.fetchedAt } : { matches: [] };
    // Kept (and mirrored) before the answer, so the panel this answer mounts finds it; the badge and the broadcast
    // follow the answer instead of delaying the mount (test/bench/time-to-level.ts).
    await this.store(tabId, {
      context: reported,
      shown,
      enabled: mounted,
      frameId,
      pageId,
      mounted,
      panelOpen,
      ...keep,
      connection: current?.connection ?? 'ok',
      loading: mounted,
    });
    const announced = this.announce(tabId);
    if (!mounted) {
      await announced;
      return { mount: false, panelOpen: false, settled: Promise.resolve() };
    }
    // The lookup beside the badge (each `set` announces the record as it is then, whichever finishes last). The
    // answer has gone already: a badge that could not be set does not fail it, nor leave a rejection unheard.
    const lookedUp = this.lookup(tabId, false);
    return { mount: true, panelOpen, settled: Promise.all([announced.catch(() => undefined), lookedUp]).then(() => undefined) };
  }

  async state(tabId: number | null): Promise<TabState> {
    await this.restore();
    const user = await this.options.user();
    const record = tabId === null ? undefined : this.records.get(tabId);
    const shown = shownOf(record);
    if (record?.stale) return { connection: user ? 'ok' : 'signed-out', context: null, matches: [], loading: true, user };
    if (!shown || !record?.mounted) {
      return { connection: user ? 'ok' : 'signed-out', context: shown, matches: [], loading: false, user };
    }
    const state: TabState = {
      connection: user ? record.connection : 'signed-out',
      context: shown,
      matches: user ? record.matches : [],
      loading: record.loading,
      user,
    };
    const hint = pageHint(shown);
    if (hint && state.matches.length === 0) state.hint = hint;
    if (record.message && state.connection !== 'ok' && state.connection !== 'signed-out') state.message = record.message;
    if (user && record.fetchedAt) state.fetchedAt = record.fetchedAt;
    return state;
  }

  /** The user opened or closed the tab's panel (`panel/remember`): a lookup running now asks the detail if open. */
  async panelToggled(tabId: number, open: boolean): Promise<void> {
    await this.restore();
    const record = this.records.get(tabId);
    if (!record || record.panelOpen === open) return;
    this.records.set(tabId, { ...record, panelOpen: open });
    await this.persist();
  }

  /** The URL of the page the tab's content script last reported (panel/remember keys generic sites by origin). */
  async contextUrl(tabId: number): Promise<string | undefined> {
    await this.restore();
    return this.records.get(tabId)?.context?.url;
  }

  /** Looks the tab's context up again, bypassing the cache, and answers once done. */
  async refresh(tabId: number | null): Promise<TabState> {
    await this.restore();
    if (tabId !== null && shownOf(this.records.get(tabId))) await this.lookup(tabId, true);
    return this.state(tabId);
  }

  /** Sign-in, sign-out, or data changed on the server: every tab with a context looks again. */
  async refreshAll(): Promise<void> {
    await this.restore();
    await this.cache.clear();
    // Pages whose context was forgotten at sign-out: their content scripts report again (and are looked up then).
    for (const [id, record] of [...this.records]) {
      if (!record.forgotten) continue;
      await this.set(id, { ...record, forgotten: false, connection: 'ok' });
      this.options.reportAgain?.(id, record.frameId);
    }
    await Promise.all([...this.records.entries()].filter(([, r]) => shownOf(r) && r.mounted).map(([id]) => this.lookup(id, true)));
  }

  /**
   * What `view` makes of the reported pages changed (the company's own domains, a record's remembered accounts):
   * every tab's reported context is viewed again — the reported one, so a domain an ADMIN removed from the own
   * domains shows its people again at once. A tab where nobody is left shows nobody (a colleague-only thread is no
   * "Not a customer yet"); one where somebody now is, on a page told not to mount, is asked to report again (and
   * mounts); one whose looked-up context changed is looked up again (a tab whose lookup is running gets its answer
   * from that lookup, which views again itself).
   */
  async review(): Promise<void> {
    await this.restore();
    await this.cache.clear();
    const lookups: Promise<void>[] = [];
    for (const [id, was] of [...this.records]) {
      if (!was.context) continue;
      const shown = await this.view(was.context);
      // A newer report arrived meanwhile: it has its own lookup. A lookup answering meanwhile changed only its matches.
      const record = this.records.get(id);
      if (!record || record.context !== was.context) continue;
      const before = shownOf(record);
      if (!shown) {
        if (!before) continue;
        this.generation.set(id, (this.generation.get(id) ?? 0) + 1);
        await this.set(id, { ...record, shown: null, mounted: false, matches: [], fetchedAt: undefined, message: undefined, loading: false });
        continue;
      }
      if (!before) {
        if (!record.enabled) continue;
        await this.set(id, { ...record, shown, mounted: true, matches: [], fetchedAt: undefined, message: undefined, loading: false });
        this.options.reportAgain?.(id, record.frameId);
        lookups.push(this.lookup(id, true));
        continue;
      }
      if (contextKey(shown) === contextKey(before)) continue;
      await this.set(id, { ...record, shown });
      if (record.mounted && !record.loading) lookups.push(this.lookup(id, true));
    }
    await Promise.all(lookups);
  }

  /** Drops cached answers mentioning `accountId` (a note or signal was added) and refreshes the tabs showing it. */
  async accountChanged(accountId: string): Promise<void> {
    await this.restore();
    await this.cache.dropAccount(accountId);
    const showing = [...this.records.entries()].filter(([, r]) => r.matches.some((m) => m.account.id === accountId));
    await Promise.all(showing.map(([id]) => this.lookup(id, true)));
  }

  /**
   * The accounts worth watching live (live.ts), most important first: those of tabs with an open panel, of the other
   * tabs showing something, then of the cached answers, newest first.
   */
  async watchedAccounts(): Promise<string[]> {
    await this.restore();
    const tabs = [...this.records.values()].filter((r) => r.mounted && !r.stale && shownOf(r));
    const open = tabs.filter((r) => r.panelOpen).flatMap((r) => r.matches.map((m) => m.account.id));
    const shown = tabs.flatMap((r) => r.matches.map((m) => m.account.id));
    return [...new Set([...open, ...shown, ...(await this.cache.accountIds())])];
  }

  /** Whether some tab shows its panel open on a page that matched an account. */
  async hasOpenPanel(): Promise<boolean> {
    await this.restore();
    return [...this.records.values()].some((r) => r.panelOpen && r.mounted && !r.stale && r.matches.length > 0);
  }

  /** The live stream is open (again) since `at`: cached answers from before it are looked up again when served. */
  liveSince(at: number): void {
    this.cache.unverifiedBefore(at);
  }

  /**
   * The live stream is back after a gap (live.ts `staleBefore`): every tab showing an account from an answer fetched
   * before `before` is looked up again, behind what it shows (open panels first), as when one of its accounts
   * changed — a change made while nothing watched would otherwise never reach a panel already open.
   */
  async revalidate(before: number): Promise<void> {
    await this.restore();
    const stale = [...this.records.entries()].filter(
      ([, r]) => r.mounted && !r.stale && !r.loading && shownOf(r) && r.matches.length > 0 && r.fetchedAt !== undefined && Date.parse(r.fetchedAt) < before,
    );
    stale.sort(([, a], [, b]) => Number(b.panelOpen === true) - Number(a.panelOpen === true));
    await Promise.all(stale.map(([id]) => this.lookup(id, false)));
  }

  /**
   * Signed out: no credit data may remain on screen or in memory, nor what was read of the pages (the addresses,
   * domains, URLs and records of their contexts, mirrored in `storage.session`). A tab keeps only which frame
   * reported, whether its panel is open and that it showed someone (`forgotten`: its badge asks to sign in); its
   * content script reports again at the next sign-in (`refreshAll`), or when its page changes.
   */
  async forgetData(): Promise<void> {
    await this.restore();
    await this.cache.clear();
    this.lastGood.clear();
    for (const [id, record] of [...this.records]) {
      if (!record.context && !shownOf(record)) continue;
      this.generation.set(id, (this.generation.get(id) ?? 0) + 1); // a lookup answering now is not shown
      await this.set(id, {
        frameId: record.frameId,
        pageId: record.pageId,
        context: null,
        shown: null,
        enabled: record.enabled ?? record.mounted,
        mounted: record.mounted,
        ...(record.panelOpen !== undefined ? { panelOpen: record.panelOpen } : {}),
        forgotten: shownOf(record) !== null && record.mounted,
        matches: [],
        connection: 'signed-out',
        loading: false,
      });
    }
  }

  async remove(tabId: number): Promise<void> {
    await this.restore();
    this.generation.set(tabId, (this.generation.get(tabId) ?? 0) + 1);
    if (this.records.delete(tabId)) await this.persist();
    this.generation.delete(tabId);
    this.announcing.delete(tabId);
  }

  /**
   * The tab is loading something: a new document, or only a frame inside the page (a webmail's preview pane), which
   * `tabs.onUpdated` does not tell apart by its `status`. It does by its `url`, set only when the tab's top-level
   * URL changed: then (unless only the fragment changed, which never replaces the document) the tab's state is
   * stale at once, shown as loading and without a badge, until a report replaces it or the reporting document,
   * asked again, is still there (a single-page app changed its URL; the content script reports its new page
   * anyway). Without a new URL, a frame loading inside the page changes nothing.
   * `askPageId(frameId)` asks the frame that reported which document it is (undefined when nothing answers: the
   * document is gone, or the new page has no content script). The state is kept only when the same document still
   * answers; a newer report arriving meanwhile is never undone. At `loading` the old document may still answer
   * during a real navigation: `complete` asks again, when only the new document can (`final`).
   */
  async verifyDocument(
    tabId: number,
    askPageId: (frameId: number) => Promise<string | undefined>,
    change: { url?: string | undefined; final?: boolean } = {},
  ): Promise<void> {
    await this.restore();
    let record = this.records.get(tabId);
    if (!record) return;
    if (change.url !== undefined && record.context && !record.stale && !sameDocumentUrl(record.context.url, change.url)) {
      record = { ...record, stale: true };
      await this.set(tabId, record);
    }
    const expected = record.pageId;
    const answer = expected === undefined ? undefined : await askPageId(record.frameId);
    const latest = this.records.get(tabId);
    if (!latest || latest.pageId !== expected) return; // closed, or another document reported while we asked
    if (expected !== undefined && answer === expected) {
      // Still the same document: after a URL change, only once the load is complete (a real navigation's old
      // document may answer while it unloads).
      if (latest.stale && change.final) await this.set(tabId, { ...latest, stale: false });
      return;
    }
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
    const shown = shownOf(record);
    if (!record?.context || !shown) return;
    const context = record.context;
    const key = contextKey(shown);
    const generation = (this.generation.get(tabId) ?? 0) + 1;
    this.generation.set(tabId, generation);
    // Stale-while-revalidate: a cached answer is shown at once; a fresh one is all, an older one is asked again.
    const cached = force ? undefined : await this.cache.get(key);
    if (this.generation.get(tabId) !== generation) return;
    const current = this.records.get(tabId);
    if (!current) return;
    if (cached) {
      const fetchedAt = new Date(cached.at).toISOString();
      await this.set(tabId, { ...current, matches: cached.matches, fetchedAt, connection: 'ok', message: undefined, loading: false });
      if (cached.fresh) return;
    } else if (!current.loading) await this.set(tabId, { ...current, loading: true });

    const outcome = await this.resolveShared(context, key);
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

  /** One request per context at a time, whichever tabs ask; its answer is cached. */
  private resolveShared(context: PageContext, key: string): Promise<ResolveOutcome> {
    const running = this.inflight.get(key);
    if (running) return running;
    const ticket = this.cache.ticket();
    const request = this.options
      .resolve(context, () => this.panelOpenFor(key))
      .catch((error): ResolveOutcome => ({ ok: false, kind: 'error', message: error instanceof Error ? error.message : String(error) }))
      .then(async (outcome) => {
        if (outcome.ok) await this.cache.set(await ticket, key, outcome.matches);
        return outcome;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, request);
    return request;
  }

  /** Whether a tab showing the context `key` has its panel open. */
  private panelOpenFor(key: string): boolean {
    for (const record of this.records.values()) {
      const shown = shownOf(record);
      if (record.panelOpen && record.mounted && !record.stale && shown && contextKey(shown) === key) return true;
    }
    return false;
  }

  private rememberGood(key: string, matches: AccountMatchData[], fetchedAt: string): void {
    this.lastGood.delete(key);
    this.lastGood.set(key, { matches, fetchedAt });
    if (this.lastGood.size > MAX_LAST_GOOD) this.lastGood.delete(this.lastGood.keys().next().value as string);
  }

  private async set(tabId: number, record: TabRecord): Promise<void> {
    await this.store(tabId, record);
    await this.announce(tabId);
  }

  /** Keeps the tab's record, in memory at once and mirrored to `storage.session`. */
  private async store(tabId: number, record: TabRecord): Promise<void> {
    const clean: TabRecord = { ...record };
    if (clean.fetchedAt === undefined) delete clean.fetchedAt;
    if (clean.message === undefined) delete clean.message;
    if (clean.pageId === undefined) delete clean.pageId;
    if (!clean.stale) delete clean.stale;
    if (!clean.forgotten) delete clean.forgotten;
    this.records.set(tabId, clean);
    await this.persist();
  }

  /**
   * The tab's badge from its record as it is when its turn comes, and `onChange`. One after another, so a report's
   * badge, now set after its answer beside the lookup, never lands after (and over) the lookup's.
   */
  private announce(tabId: number): Promise<void> {
    const queue = this.announcing.get(tabId) ?? serial();
    this.announcing.set(tabId, queue);
    return queue(async () => {
      const user = await this.options.user();
      const clean = this.records.get(tabId);
      if (!clean) {
        this.announcing.delete(tabId); // closed or navigated: `navigated` cleared its badge
        return;
      }
      const connection = user ? clean.connection : 'signed-out';
      const showsSomeone = shownOf(clean) != null || clean.forgotten === true;
      await showBadge(tabId, clean.mounted && !clean.stale ? badgeFor(connection, showsSomeone, clean.matches) : null);
      this.options.onChange(tabId);
    });
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

/** The context as looked up and shown (records stored by an older worker have only `context`, already filtered). */
function shownOf(record: TabRecord | undefined): PageContext | null {
  if (!record) return null;
  return record.shown === undefined ? record.context : record.shown;
}

/** Two URLs of one document: equal but for the fragment (a fragment change never loads another document). */
function sameDocumentUrl(a: string, b: string): boolean {
  return a.split('#')[0] === b.split('#')[0];
}

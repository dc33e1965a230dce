/**
 * The service worker, assembled: session, GraphQL gateway, tab tracker, capture queue, adapter health and custom
 * sites, with one handler per `Protocol` message. `createBackground()` takes the outside world (fetch, IndexedDB,
 * clock) as options so tests run it whole against WXT's fake browser.
 */
import type { OperationName, PageContext } from '@earshot/shared';
import { browser } from 'wxt/browser';
import type { Broadcast, ConnectionState, ContentCommand, PageIdAnswer, PageIdQuery, SessionUser } from '../lib/messages.js';
import { isBroadcast, type WireAnswer } from '../lib/send.js';
import { isLoopbackHost, normalizeServerUrl, normalizeSiteOrigin, originPattern } from '../lib/server-url.js';
import { AccountDetails } from './account-detail.js';
import { captureDelivery } from './capture-delivery.js';
import { CaptureQueue } from './capture-queue.js';
import { GraphqlGateway, type OperationOutcome } from './graphql.js';
import { AdapterHealth } from './health.js';
import { lazyDb } from './idb.js';
import { LiveUpdates, type LiveUpdatesOptions } from './live.js';
import { IntelRequestCount } from './intel-count.js';
import { oidcSignIn, signInFailureMessage } from './oidc-sign-in.js';
import type { OperationData, SignInPayload } from './operation-types.js';
import { OWN_DOMAINS_MAX_AGE_MS, OWN_DOMAINS_RECHECK_MS, OwnDomainsReader, withoutOwnCompany } from './own-company.js';
import { type Handlers, route, type Sender } from './router.js';
import { SessionStore } from './session.js';
import { readSettings, siteKey, writeSettings } from './settings.js';
import { disableSite, enableSite, reconcileSites } from './sites.js';
import { RecordLinks } from './record-links.js';
import { lookup } from './lookup.js';
import { forgetVisits } from '../ui/visits/remembered.js';
import { TabTracker } from './tabs.js';
import { listenWorkspaceMenu } from './workspace-menu.js';

export interface BackgroundOptions {
  /** @defaultValue `globalThis.fetch` */
  fetch?: typeof fetch;
  /** @defaultValue the worker's `indexedDB` */
  indexedDB?: IDBFactory;
  /** @defaultValue `"earshot"` */
  dbName?: string;
  /** @defaultValue `Date.now` */
  now?: () => number;
  /** Jitter for retry backoff. @defaultValue `Math.random` */
  random?: () => number;
  /** GraphQL request timeout. @defaultValue 15000 */
  timeoutMs?: number;
  /** `identity.launchWebAuthFlow` (tests pass the provider's answer). @defaultValue the browser's, interactive */
  launchWebAuthFlow?: (url: string) => Promise<string>;
  /** `identity.getRedirectURL()`. @defaultValue the browser's */
  redirectUrl?: () => string | null;
  /** Where failures of handlers and start-up steps are reported. @defaultValue `console.warn` */
  warn?: (message: string, error: unknown) => void;
  /** Timings of the live stream (live.ts; tests shorten them). */
  live?: Pick<LiveUpdatesOptions, 'debounceMs' | 'retryMinMs' | 'retryMaxMs' | 'idleMs' | 'coalesceMs'>;
}

const SEARCH_PAGE = 10;
/** At most one capture-queue retry pass per this many ms triggered by incoming messages. */
const KICK_INTERVAL_MS = 2_000;
/** Sites whose panel open/closed state is remembered. */
const MAX_REMEMBERED_PANELS = 200;
/** Operations after which the number of intel requests to answer changes. */
const INTEL_ANSWERS: ReadonlySet<OperationName> = new Set<OperationName>([
  'PanelAnswerIntelRequest',
  'PanelDeclineIntelRequest',
  'WorkspaceAnswerIntelRequest',
  'WorkspaceDeclineIntelRequest',
]);
/** How often opening a page (auth/status) re-checks the token with the server. */
const VERIFY_INTERVAL_MS = 60_000;

export type Background = ReturnType<typeof createBackground>;

export function createBackground(options: BackgroundOptions = {}) {
  const now = options.now ?? Date.now;
  const warn = options.warn ?? ((message: string, error: unknown) => console.warn(`[earshot] ${message}`, error));
  const db = lazyDb(options.indexedDB, options.dbName);
  const gateway = new GraphqlGateway({ ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
  const session = new SessionStore(db, now);
  const health = new AdapterHealth(now);
  /** Record → account links seen on record pages, for the pages of those records that show no account. */
  const links = new RecordLinks();
  let connection: ConnectionState = 'ok';
  let lastKick = Number.NEGATIVE_INFINITY;

  const broadcast = (message: Broadcast): void => {
    // No page open to listen is the normal case, not an error.
    browser.runtime.sendMessage(message).catch(() => undefined);
  };

  async function currentSession() {
    const settings = await readSettings();
    return session.current(settings.serverUrl);
  }

  async function currentUser(): Promise<SessionUser | null> {
    return (await currentSession())?.user ?? null;
  }

  /** 401 anywhere: forget the token and every credit figure, tell every page. */
  let signingOut: Promise<void> | null = null;
  function endSession(): Promise<void> {
    signingOut ??= (async () => {
      live.close();
      await session.clear();
      connection = 'signed-out';
      await links.clear();
      await details.clear();
      await tracker.forgetData();
      await forgetVisits();
      await intelCount.clear();
      broadcast({ type: 'broadcast/auth-changed' });
    })().finally(() => (signingOut = null));
    return signingOut;
  }

  /** Runs an operation with the current session; keeps `connection` and the signed-in state up to date. */
  async function run<N extends OperationName>(name: N, variables: Record<string, unknown>): Promise<OperationOutcome<OperationData[N]>> {
    const s = await currentSession();
    if (!s) return { ok: false, kind: 'unauthenticated', message: 'Signed out: sign in on the Earshot options page.' };
    const outcome = await gateway.run(s.serverUrl, s.token, name, variables);
    if (outcome.ok) connection = 'ok';
    else if (outcome.kind === 'unauthenticated') await endSession();
    else connection = outcome.kind === 'unreachable' || outcome.kind === 'server' ? 'unreachable' : 'error';
    return outcome;
  }

  /** For handlers whose response has no error field: a failure becomes a refused request with its message. */
  async function runOrThrow<N extends OperationName>(name: N, variables: Record<string, unknown>): Promise<OperationData[N]> {
    const outcome = await run(name, variables);
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.data;
  }

  /**
   * Reads the company's own domains from the server when they are older than `maxAgeMs` (`OWN_DOMAINS_MAX_AGE_MS`
   * by default; `OWN_DOMAINS_RECHECK_MS` after a lookup found nobody; 0: sign-in, the options page opening).
   * Kept in settings, so a stopped worker does not ask again at every start. A failure keeps what was known.
   * Answers whether the list changed. Concurrent callers share a read only when it is fresh enough for them (own-company.ts).
   */
  const ownDomains = new OwnDomainsReader({
    now,
    known: async () => {
      const settings = await readSettings();
      return { domains: settings.ownDomains, checkedAt: settings.ownDomainsCheckedAt };
    },
    store: async (domains, checkedAt) => {
      await writeSettings({ ownDomains: domains, ownDomainsCheckedAt: checkedAt });
    },
    read: async () => {
      if (!(await currentSession())) return 'signed-out';
      const outcome = await run('WorkspaceOwnDomains', {});
      return outcome.ok ? outcome.data.workspaceSettings.ownDomains : 'failed';
    },
  });
  const refreshOwnDomains = (maxAgeMs = OWN_DOMAINS_MAX_AGE_MS): Promise<boolean> => ownDomains.refresh(maxAgeMs);

  /** A page's context as looked up: without the company's own addresses and domains (own-company.ts). */
  async function withoutUs(context: PageContext): Promise<PageContext | null> {
    const [settings, user] = await Promise.all([readSettings(), currentUser()]);
    return withoutOwnCompany(context, { domains: settings.ownDomains, userEmail: user?.email });
  }

  /** A reported context as looked up: with its record's remembered accounts, without the company's own people. */
  async function view(reported: PageContext): Promise<PageContext | null> {
    return withoutUs(await links.withRemembered(reported));
  }

  /** The own domains changed: every tab's reported context is viewed again and looked up again (tabs.ts review). */
  const ownDomainsChanged = (): Promise<void> => tracker.review();

  /** Reads the own domains (at most `maxAgeMs` old) and, when they changed, filters every tab again. */
  async function checkOwnDomains(maxAgeMs?: number): Promise<boolean> {
    const changed = await refreshOwnDomains(maxAgeMs);
    if (changed) await ownDomainsChanged();
    return changed;
  }

  /** Whose cached answers these are (lookups, details): one user of one server. */
  async function owner(): Promise<string | null> {
    const s = await currentSession();
    return s ? JSON.stringify([s.serverUrl, s.user.id]) : null;
  }

  /**
   * One live stream for the accounts cached or shown (live.ts): a change on the server drops what is cached of the
   * account and the tabs showing it look it up again, as after a change made from here.
   */
  const live = new LiveUpdates({
    ...options.live,
    now,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.random ? { random: options.random } : {}),
    warn,
    session: async () => {
      const s = await currentSession();
      return s ? { serverUrl: s.serverUrl, token: s.token, owner: JSON.stringify([s.serverUrl, s.user.id]) } : null;
    },
    accounts: () => tracker.watchedAccounts(),
    onAccountChanged: (accountId) => {
      void accountChanged(accountId).catch((error) => warn('live update:', error));
      broadcast({ type: 'broadcast/account-changed', accountId });
    },
    // The stream is back after a gap: what open panels and badges show may have missed a change meanwhile.
    onConnected: (at, staleBefore) => {
      tracker.liveSince(at);
      if (staleBefore !== null) void tracker.revalidate(staleBefore).catch((error) => warn('live updates:', error));
    },
    // The server ended the session (signed out everywhere, revoked, expired): as a 401 on any other request, unless
    // the user signed in again meanwhile (another token).
    onUnauthenticated: (used) => {
      void (async () => {
        const s = await currentSession();
        if (s && s.token === used.token && s.serverUrl === used.serverUrl) await endSession();
      })().catch((error) => warn('live updates:', error));
    },
    // A panel open on a watched account: the worker stays up to hear its changes (any extension API call resets
    // Chrome's 30 s idle timer; the server pings every 12 s). No open panel: the worker may stop, the stream with it.
    onActivity: () => {
      void tracker
        .hasOpenPanel()
        .then((open) => (open ? browser.runtime.getPlatformInfo() : undefined))
        .catch(() => undefined);
    },
  });

  const tracker = new TabTracker({
    now,
    owner,
    user: currentUser,
    onChange: (tabId) => {
      broadcast({ type: 'broadcast/tab-changed', tabId });
      live.changed();
    },
    onCachedAccountsChange: () => live.changed(),
    view,
    reportAgain: (tabId, frameId) => {
      const command: ContentCommand = { type: 'content/report-again' };
      browser.tabs.sendMessage(tabId, command, { frameId }).catch(() => undefined);
    },
    resolve: lookup({
      run,
      view,
      recheckOwnDomains: () => refreshOwnDomains(OWN_DOMAINS_RECHECK_MS),
      ownDomainsChanged: () => void ownDomainsChanged().catch((error) => warn('own domains:', error)),
      prime: (id) => details.prime(id),
    }),
  });

  /** The panel's detail of the account on view, remembered per user for when the server is away (account-detail.ts). */
  const details = new AccountDetails({
    now,
    owner,
    run: (id) => run('PanelAccountDetail', { id }),
  });

  /** Something about `accountId` changed on the server: the tabs showing it look again; its primed detail is old. */
  function accountChanged(accountId: string): Promise<void> {
    details.changed(accountId);
    return tracker.accountChanged(accountId);
  }

  const intelCount = new IntelRequestCount({
    now,
    count: async () => {
      const outcome = await run('PopupIntelRequests', { first: 1 });
      return outcome.ok ? { ok: true, count: outcome.data.intelRequests.totalCount } : outcome;
    },
  });

  const queue = new CaptureQueue({
    db,
    now,
    ...(options.random ? { random: options.random } : {}),
    owner: async () => {
      const s = await currentSession();
      return { serverUrl: s?.serverUrl ?? null, userId: s?.user.id ?? null };
    },
    deliver: captureDelivery(run),
    onChange: () => broadcast({ type: 'broadcast/queue-changed' }),
    onDelivered: (capture) => {
      void accountChanged(capture.accountId);
      // The panel's visits and the workspace's visit page are not part of the tab's state: they refetch on this.
      if (capture.kind === 'visitNotes') broadcast({ type: 'broadcast/account-changed', accountId: capture.accountId });
    },
  });

  /** The options page and popup ask auth/status when they open: at most once a minute, ask the server too. */
  let verifiedAt = Number.NEGATIVE_INFINITY;
  async function verifySession(): Promise<void> {
    if (now() - verifiedAt < VERIFY_INTERVAL_MS) return;
    verifiedAt = now();
    const outcome = await run('Viewer', {});
    if (outcome.ok && !outcome.data.viewer) await endSession(); // the token no longer names a user
  }

  const forwardHealth = (): Promise<void> =>
    health.forward(async ({ site, pageType, missing, structure, url }) => {
      // ReportAdapterHealthInput takes the host, not the URL: the server groups by site, page type and host.
      const host = URL.canParse(url) ? new URL(url).host : '';
      if (!host) return true; // nothing the server could group it by: keep it local
      const outcome = await run('ReportAdapterHealth', { input: { site, pageType, missing, structure, host } });
      return outcome.ok;
    });

  async function tabOf(sender: Sender, requested: number | undefined): Promise<number | null> {
    if (sender.tab?.id !== undefined) return sender.tab.id; // the panel: the tab it is framed in
    if (requested !== undefined) return requested;
    return activeTabId();
  }

  async function activeTabId(): Promise<number | null> {
    try {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      return tab?.id ?? null;
    } catch {
      return null; // no window (all closed, or a devtools window focused)
    }
  }

  /** A new session, from any way of signing in: stored, the previous user's data forgotten, every page told. */
  async function establish(serverUrl: string, { token, expiresAt, user }: SignInPayload): Promise<void> {
    const previous = await session.current();
    if (previous && (previous.user.id !== user.id || previous.serverUrl !== serverUrl)) {
      live.close();
      await links.clear();
      await details.clear();
      await tracker.forgetData();
      await forgetVisits();
    }
    await session.save({ token, expiresAt: expiresAt ?? null, user, serverUrl });
    await writeSettings({ serverUrl });
    connection = 'ok';
    verifiedAt = now();
    // Before any lookup: the company's own domains are never looked up as a customer's.
    await refreshOwnDomains(0).catch((error) => warn('own domains:', error));
    broadcast({ type: 'broadcast/auth-changed' });
    void tracker.refreshAll();
    void intelCount.refresh(true);
    void queue.retryNow();
    void forwardHealth();
    live.changed();
  }

  /** Company sign-in (OpenID Connect): the browser's auth window, or the server's redirect for the workspace page. */
  const oidc = oidcSignIn({
    gateway,
    now,
    hasHostPermission,
    establish,
    launchWebAuthFlow: options.launchWebAuthFlow ?? ((url) => browser.identity.launchWebAuthFlow({ url, interactive: true }).then(redirectedOrFail)),
    redirectUrl: options.redirectUrl ?? (() => browser.identity?.getRedirectURL() ?? null),
  });

  const handlers: Handlers = {
    'context/report': async ({ context, health: report, pageId }, sender) => {
      const tabId = sender.tab?.id as number;
      if (report) {
        await health.record(report);
        void forwardHealth();
      }
      const settings = await readSettings();
      if (now() - settings.ownDomainsCheckedAt >= OWN_DOMAINS_MAX_AGE_MS) void checkOwnDomains().catch((error) => warn('own domains:', error));
      // Kept as reported: what is left out (the own company) or added (remembered accounts) is worked out at use.
      const reported = context ? cleanContext(context) : null;
      const learned = reported ? await links.remember(reported) : false;
      const { mount, panelOpen } = await tracker.report(tabId, sender.frameId ?? 0, reported, settings, pageId);
      // A record's account seen for the first time: its other pages open in other tabs (a related list) find it now.
      if (learned) void tracker.review().catch((error) => warn('record links:', error));
      return { mount, panelOpen };
    },

    'panel/remember': async ({ site, open }, sender) => {
      const pageUrl = (await tracker.contextUrl(sender.tab?.id as number)) ?? sender.url ?? '';
      const key = site.includes('://') ? site : siteKey(site, pageUrl);
      await writeSettings((s) => {
        // Most recent last; a content script cannot grow settings without bound by inventing site keys.
        const { [key]: _previous, ...others } = s.panelOpen;
        const kept = Object.entries(others).slice(-(MAX_REMEMBERED_PANELS - 1));
        return { panelOpen: { ...Object.fromEntries(kept), [key]: open } };
      });
      await tracker.panelToggled(sender.tab?.id as number, open);
      // The toggle frame in this tab shows open or closed (its label and aria-expanded); it is an extension page.
      broadcast({ type: 'broadcast/panel-toggled', tabId: sender.tab?.id as number, open });
      return { ok: true };
    },

    // The toggle frame's click: its own tab only (sender.tab, never a tab id it names), and only an extension page
    // may send it (router.ts). The content script flips the panel and reports it with panel/remember.
    'toggle/click': async (_req, sender) => {
      await toggleActivePanel({ id: sender.tab?.id as number });
      return { ok: true };
    },

    'panel/close': async (_req, sender) => {
      const command: ContentCommand = { type: 'content/close-panel' };
      await browser.tabs.sendMessage(sender.tab?.id as number, command, { frameId: 0 }).catch(() => undefined);
      return { ok: true };
    },

    'tab/state': async ({ tabId }, sender) => tracker.state(await tabOf(sender, tabId)),

    'tab/refresh': async ({ tabId }, sender) => tracker.refresh(await tabOf(sender, tabId)),

    'popup/state': async () => {
      const tabId = await activeTabId();
      return { ...(await tracker.state(tabId)), tabId };
    },

    'account/search': async ({ search }) => {
      const data = await runOrThrow('SearchAccounts', { search: search.trim(), first: SEARCH_PAGE });
      return { hits: data.accounts.edges.map((e) => e.node) };
    },

    'account/get': async ({ id }) => ({ account: (await runOrThrow('AccountCard', { id })).account }),

    'account/detail': async ({ id }) => details.ask(id),

    'account/create': async ({ name, domains, crmRecord }, sender) => {
      // The CRM record the user is on becomes the new account's link, so the page matches it at once.
      const input: Record<string, unknown> = { name: name.trim(), domains, ...(crmRecord ? { crmLinks: [crmRecord] } : {}) };
      const outcome = await run('CreateAccount', { input });
      if (!outcome.ok) return { ok: false, error: outcome.message };
      if (sender.tab?.id !== undefined) void tracker.refresh(sender.tab.id);
      return { ok: true, id: outcome.data.createAccount.account.id };
    },

    'account/addDomains': async ({ accountId, domains }, sender) => {
      // One request: the server adds what it can (together) and says of each domain what became of it.
      const outcome = await run('AddAccountDomains', { input: { accountId, domains: [...new Set(domains.map((d) => d.toLowerCase()))] } });
      if (!outcome.ok) return { ok: false, error: outcome.message };
      const { account, results } = outcome.data.addAccountDomains;
      // Everything went on the account: the page now matches it, so look it up again for this tab. After a refusal the
      // panel first shows what happened, and asks for the lookup itself when the user moves on.
      const clean = results.every((r) => r.outcome !== 'REFUSED');
      if (clean && sender.tab?.id !== undefined) void tracker.refresh(sender.tab.id);
      return { ok: true, name: account.name, results };
    },

    'capture/submit': async (draft) => {
      const { queued, delivered } = await queue.submit(draft);
      return { queued, delivered };
    },

    'visitNotes/submit': async (draft) => queue.submit({ kind: 'visitNotes', ...draft }),

    'capture/pending': async () => ({ pending: await queue.list() }),

    'capture/retry': async () => {
      await queue.retryNow();
      return { ok: true };
    },

    'capture/discard': async ({ idempotencyKey }) => {
      await queue.discard(idempotencyKey);
      return { ok: true };
    },

    'note/add': async ({ accountId, body, visibility }) => {
      const outcome = await run('AddNote', { input: { accountId, body, visibility } });
      if (!outcome.ok) return { ok: false, error: outcome.message };
      void accountChanged(accountId);
      return { ok: true };
    },

    'auth/status': async () => {
      const settings = await readSettings();
      const s = await session.current(settings.serverUrl);
      if (!s) return { user: null, serverUrl: settings.serverUrl, connection: 'signed-out' };
      // Answer at once from the stored session; check the token in the background (a 401 broadcasts auth-changed).
      void verifySession();
      return { user: s.user, serverUrl: settings.serverUrl, connection };
    },

    'auth/signIn': async ({ serverUrl, email, password }) => {
      const parsed = normalizeServerUrl(serverUrl);
      if (!parsed.ok) return { ok: false, error: parsed.error };
      const host = new URL(parsed.origin).hostname;
      if (!isLoopbackHost(host) && !(await hasHostPermission(parsed.origin))) {
        return { ok: false, error: `Earshot has no access to ${parsed.origin} yet. Click Sign in and allow access when the browser asks.` };
      }
      const outcome = await gateway.run(parsed.url, null, 'SignIn', { input: { email: email.trim(), password } });
      if (!outcome.ok) return { ok: false, error: signInError(outcome, parsed.url) };
      await establish(parsed.url, outcome.data.signIn);
      return { ok: true, user: outcome.data.signIn.user };
    },

    ...oidc,

    'auth/signOut': async () => {
      const s = await session.current();
      if (s) {
        // Best effort: the server forgets the token; locally it is gone either way.
        await gateway.run(s.serverUrl, s.token, 'SignOut', {}).catch(() => undefined);
      }
      await endSession();
      return { ok: true };
    },

    'settings/get': async () => readSettings(),

    'settings/set': async (patch) => {
      const clean = { ...patch };
      if (clean.serverUrl !== undefined) {
        const parsed = normalizeServerUrl(clean.serverUrl);
        if (!parsed.ok) throw new Error(parsed.error);
        clean.serverUrl = parsed.url;
      }
      if (clean.customSites) {
        clean.customSites = clean.customSites.map((o) => {
          const parsed = normalizeSiteOrigin(o);
          if (!parsed.ok) throw new Error(parsed.error);
          return parsed.origin;
        });
      }
      const before = await readSettings();
      const after = await writeSettings(clean);
      if (after.serverUrl !== before.serverUrl) {
        await links.clear(); // another server: another company's records, maybe
        await details.clear();
        await forgetVisits();
        // A token is only ever sent to the server that issued it.
        if (await session.current()) await endSession();
      }
      if (clean.customSites) await reconcileSites();
      return readSettings();
    },

    'sites/enable': async ({ origin }) => enableSite(origin),

    'sites/disable': async ({ origin }) => {
      await disableSite(origin);
      return { ok: true };
    },

    'health/list': async () => ({ entries: await health.list() }),

    // The options page shows the own domains: it asks for them fresh when it opens (an ADMIN may just have set them).
    'ownDomains/refresh': async () => {
      const changed = await checkOwnDomains(0);
      return { changed, settings: await readSettings() };
    },

    'op/run': async ({ operation, variables, accountId }) => {
      const outcome = await run(operation, variables);
      if (!outcome.ok) return { ok: false, kind: outcome.kind, error: outcome.message, ...(outcome.code ? { code: outcome.code } : {}) };
      // A change to an account: the panels and popups showing it fetch it again, and so does the workspace page.
      if (accountId) {
        void accountChanged(accountId);
        broadcast({ type: 'broadcast/account-changed', accountId });
      }
      // The toolbar badge counts the requests to answer: a list just fetched is the count; an answer changes it.
      if (operation === 'PopupIntelRequests') await intelCount.set((outcome.data as OperationData['PopupIntelRequests']).intelRequests.totalCount);
      else if (INTEL_ANSWERS.has(operation)) await intelCount.refresh(true);
      return { ok: true, data: outcome.data };
    },
  };

  const routerOptions = {
    extensionId: browser.runtime.id,
    extensionBaseUrl: browser.runtime.getURL('/'),
    handlers,
    onAccepted: () => {
      void intelCount.refresh();
      if (now() - lastKick < KICK_INTERVAL_MS) return;
      lastKick = now();
      void queue.kick();
    },
    onError: (type: string, error: unknown) => warn(`${type} failed:`, error),
  };

  /** Answers one message (also what tests call). null: not addressed to the worker. */
  function handle(message: unknown, sender: Sender): Promise<WireAnswer | null> {
    return route(routerOptions, message, sender);
  }

  async function toggleActivePanel(tab?: { id?: number }): Promise<void> {
    const tabId = tab?.id ?? (await activeTabId());
    if (tabId === null || tabId === undefined) return;
    const command: ContentCommand = { type: 'content/toggle-panel' };
    // No content script in that tab (not a supported site): nothing to toggle.
    // The top frame only: that is where the content script runs (allFrames: false) and the panel is mounted.
    await browser.tabs.sendMessage(tabId, command, { frameId: 0 }).catch(() => undefined);
  }

  /** Which document the tab's frame `frameId` holds now, by its content script's `pageId`; undefined if none answers. */
  async function askPageId(tabId: number, frameId: number): Promise<string | undefined> {
    const query: PageIdQuery = { type: 'content/page-id' };
    try {
      const answer = (await browser.tabs.sendMessage(tabId, query, { frameId })) as PageIdAnswer | undefined;
      return typeof answer?.pageId === 'string' ? answer.pageId : undefined;
    } catch {
      return undefined; // no content script there: the reporting document is gone
    }
  }

  /** Registers every listener. Called synchronously at worker start, as MV3 requires. */
  function listen(): void {
    browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
      if (isBroadcast(message)) return undefined;
      void handle(message, sender).then((answer) => {
        if (answer) sendResponse(answer);
      });
      return true; // answer asynchronously (Chrome needs this, not a returned promise)
    });
    browser.tabs.onRemoved.addListener((tabId) => void tracker.remove(tabId));
    // `status` changes for a frame loading inside the page too (a webmail's preview pane): the tracker asks the
    // reporting document whether it is still there (at 'loading' the old document may still answer during a real
    // navigation: 'complete' asks again, when only the new document can).
    // (The promise is returned for tests, which await the listeners; the browser ignores it.)
    // A top-level navigation also sets `change.url`: the tab's state is then stale at once (tabs.ts verifyDocument).
    browser.tabs.onUpdated.addListener((tabId, change) => {
      if (change.status !== 'loading' && change.status !== 'complete' && change.url === undefined) return undefined;
      return tracker
        .verifyDocument(tabId, (frameId) => askPageId(tabId, frameId), { url: change.url, final: change.status === 'complete' })
        .catch((error) => warn('tab update:', error));
    });
    browser.commands?.onCommand.addListener((command, tab) => {
      if (command === 'toggle-panel') void toggleActivePanel(tab);
    });
    // Listening makes Chrome start the worker with the browser, so captures queued before a restart go out.
    browser.runtime.onStartup.addListener(() => undefined);
    browser.permissions?.onRemoved?.addListener(() => void reconcileSites().catch(() => undefined));
    listenWorkspaceMenu();
  }

  /** Work for every worker start: lock storage down, restore custom sites, deliver what waited. */
  async function start(): Promise<void> {
    await session.lockDown();
    await reconcileSites().catch((error) => warn('custom sites:', error));
    await refreshOwnDomains().catch((error) => warn('own domains:', error));
    await queue.start().catch((error) => warn('capture queue:', error));
    await forwardHealth().catch(() => undefined);
    await intelCount.refresh(true);
    // The accounts an earlier worker cached are watched again (their answers are unverified until then: lookup-cache.ts).
    live.changed();
  }

  return { handle, listen, start, queue, tracker, session, intelCount, toggleActivePanel, live };
}

async function hasHostPermission(origin: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [originPattern(origin)] });
  } catch {
    return false;
  }
}

/** Identifiers only, cleaned: lower-cased, deduplicated, what `PageContextInput` takes. */
function cleanContext(context: PageContext): PageContext {
  const lower = (xs: string[]) => [...new Set(xs.map((x) => x.trim().toLowerCase()).filter(Boolean))];
  return { ...context, emails: lower(context.emails), domains: lower(context.domains) };
}

/** Chrome resolves with undefined when the window ends without a redirect (seen when it cannot load the page). */
function redirectedOrFail(url: string | undefined): string {
  if (!url) throw new Error('Authorization page could not be loaded.');
  return url;
}

function signInError(outcome: Extract<OperationOutcome<unknown>, { ok: false }>, serverUrl: string): string {
  const credentials = outcome.kind === 'unauthenticated' || (outcome.kind === 'rejected' && outcome.code !== undefined);
  if (credentials && outcome.code !== 'PASSWORD_SIGN_IN_DISABLED') {
    return /password|credential|e-?mail/i.test(outcome.message) ? outcome.message : 'Wrong e-mail or password.';
  }
  return signInFailureMessage(outcome, serverUrl);
}

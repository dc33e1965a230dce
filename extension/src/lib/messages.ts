/**
 * The only messages the service worker answers. Every sender is an Earshot content script or extension page
 * (the service worker checks `sender.id === browser.runtime.id` and rejects anything else); every request
 * is one of these typed operations, never a URL or a raw GraphQL document. Credit data flows only to
 * extension pages (panel, popup, options, dashboard), never to a content script.
 */
import type {
  AdapterHealthReport,
  GuardrailKind,
  OperationName,
  MatchedBy,
  NoteVisibility,
  PageContext,
  Role,
  Severity,
  SignalType,
} from '@earshot/shared';
import type { PageHint } from '../background/record-links.js';
import type { AccountCardData, AccountSearchHit, CreditDetailData } from './types.js';

export type { PageHint };

/** What became of one domain sent to `account/addDomains` (the server's AccountDomainResult). */
export interface AccountDomainResult {
  /** As stored (lower case), or as sent (shortened) when it is not a domain. */
  domain: string;
  outcome: 'ADDED' | 'ALREADY_ON_ACCOUNT' | 'REFUSED';
  /** Why it was refused: not a domain; one of the company's own; another account's; the account has 50 already. */
  refusal: 'INVALID' | 'OWN_DOMAIN' | 'OTHER_ACCOUNT' | 'ACCOUNT_FULL' | null;
  /** The account that has it (OTHER_ACCOUNT), when the viewer may read it; null otherwise. */
  otherAccount: { id: string; name: string } | null;
}

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
}

/** Why a company sign-in failed (background/oidc.ts; `refused`: the Earshot server said no, `other`: anything else). */
export type OidcFailureReason = 'cancelled' | 'provider' | 'state' | 'no-code' | 'unavailable' | 'refused' | 'other';

export type ConnectionState = 'ok' | 'signed-out' | 'unreachable' | 'error';

export interface AccountMatchData {
  matchedBy: MatchedBy;
  matchedValue: string;
  account: AccountCardData;
}

/** What the panel (and the popup) show for one tab. */
export interface TabState {
  connection: ConnectionState;
  /** Human-readable reason when connection is 'error' or 'unreachable'. */
  message?: string;
  context: PageContext | null;
  matches: AccountMatchData[];
  loading: boolean;
  user: SessionUser | null;
  /** ISO time the matches were fetched (stale data is shown, marked, when the server is unreachable). */
  fetchedAt?: string;
  /**
   * Why a CRM record page has no customer, when its shape says: a related list of an opportunity, a record showing
   * no account Earshot could read (background/record-links.ts `pageHint`). Only while nothing matched.
   */
  hint?: PageHint;
}

export interface CaptureDraft {
  /** Absent on signals queued before visit notes existed: an item without `kind` is a signal. */
  kind?: 'signal';
  accountId: string;
  accountName: string;
  type: SignalType;
  severity: Severity;
  note: string;
  observedAt: string;
  sourceUrl?: string;
}

/** Notes taken during a customer visit (seed 004), queued like a signal so they survive being offline. */
export interface VisitNotesDraft {
  kind: 'visitNotes';
  visitId: string;
  /** The visit's customer: the panels showing it refresh once the notes are delivered. */
  accountId: string;
  accountName: string;
  notes: string;
  /** When the notes were written (the client's clock; the server keeps it as the note's `takenAt`). */
  takenAt: string;
}

/** Anything the offline queue delivers. */
export type QueueDraft = CaptureDraft | VisitNotesDraft;

export interface QueueState {
  idempotencyKey: string;
  queuedAt: string;
  attempts: number;
  lastError?: string;
  /**
   * Set when the server refused the item as invalid (4xx, BAD_USER_INPUT): it is not retried, and stays listed
   * until the user discards it (`capture/discard`), so nothing a user wrote disappears silently.
   */
  failedAt?: string;
}

export type PendingSignal = CaptureDraft & QueueState;
export type PendingVisitNotes = VisitNotesDraft & QueueState;
/** A queued item as pages see it: a signal capture or visit notes. */
export type PendingCapture = PendingSignal | PendingVisitNotes;

/** A guardrail the server flagged in delivered visit notes (the seed's "don'ts"). */
export interface NotesFlag {
  kind: GuardrailKind;
  excerpt: string;
  reason: string;
}

export interface Settings {
  serverUrl: string;
  /** Sites (origins like `https://mail.example.org`) the user enabled for the generic adapter. */
  customSites: string[];
  /** Built-in adapters the user turned off (`gmail`, `salesforce`, …). */
  disabledSites: string[];
  /** Panel open/closed per site key (adapter name or origin). */
  panelOpen: Record<string, boolean>;
  panelSide: 'right' | 'left';
  /**
   * The company's own domains, read from the server (`workspaceSettings.ownDomains`, set by an ADMIN): addresses
   * and domains at them (or their sub-domains) are left out of every page before a lookup. Not settable by pages.
   */
  ownDomains: string[];
  /** When `ownDomains` was last read from the server (ms since the epoch; 0: never). */
  ownDomainsCheckedAt: number;
}

export interface HealthEntry extends AdapterHealthReport {
  count: number;
}

/** Request → response map. `send()` in lib/send.ts is typed from it. */
export interface Protocol {
  /** Content script: who is on this page (null when nothing recognised). Answer tells it whether to mount. */
  /**
   * `pageId` names the reporting document (one per page load): the worker asks the tab's top frame for it when the
   * tab starts loading, to tell a frame loading inside the page from the page itself being replaced.
   */
  'context/report': {
    req: { context: PageContext | null; health?: AdapterHealthReport; pageId?: string };
    res: { mount: boolean; panelOpen: boolean };
  };
  /** Content script: remember that the panel was opened or closed on this site. */
  'panel/remember': { req: { site: string; open: boolean }; res: { ok: true } };
  /**
   * The toggle frame (toggle.html, an extension page inside the tab): the user clicked it. The worker tells its own
   * tab's content script to open or close the panel; nothing about the customer goes back through the page.
   */
  'toggle/click': { req: Record<string, never>; res: { ok: true } };
  /**
   * The panel (panel.html, inside the tab): the user pressed Escape or its close button. The worker tells its own
   * tab's content script to close the panel, which puts focus back where it was on the page.
   */
  'panel/close': { req: Record<string, never>; res: { ok: true } };
  /** Panel / popup: state of the tab the sender lives in (panel) or of the given tab (popup). */
  'tab/state': { req: { tabId?: number }; res: TabState };
  'tab/refresh': { req: { tabId?: number }; res: TabState };
  /** Popup: the active tab's id and state. */
  'popup/state': { req: Record<string, never>; res: TabState & { tabId: number | null } };
  'account/search': { req: { search: string }; res: { hits: AccountSearchHit[] } };
  'account/get': { req: { id: string }; res: { account: AccountCardData | null } };
  /**
   * Panel: the account on view's latest signals and credit detail (`PanelAccountDetail`), remembered by the worker
   * per signed-in user (background/account-detail.ts): while the server cannot be reached, the last answer, `stale`.
   */
  'account/detail': { req: { id: string }; res: AccountDetailAnswer };
  'account/create': {
    req: { name: string; domains: string[]; crmRecord?: PageContext['crmRecord'] };
    res: { ok: true; id: string } | { ok: false; error: string };
  };
  /**
   * Panel, "Not a customer yet": link the page's company domains to an existing account (CREDIT and ADMIN; the
   * server refuses everyone else) in one `addAccountDomains`. Partial by design: what can be added is added, and
   * `results` says of each domain what became of it. `ok: false` only when the request itself was refused (not
   * allowed, no such account, signed out…): then nothing was written.
   */
  'account/addDomains': {
    req: { accountId: string; domains: string[] };
    res: { ok: true; name: string; results: AccountDomainResult[] } | { ok: false; error: string };
  };
  /** Queue a capture (signal) for delivery; resolves once queued, not once delivered. */
  'capture/submit': { req: CaptureDraft; res: { queued: PendingCapture; delivered: boolean } };
  /**
   * Queue visit notes for delivery (`addVisitNotes`, once per idempotency key); resolves once queued. `flags`: what
   * the guardrails found when they were delivered at once (none when queued for later).
   */
  'visitNotes/submit': {
    req: Omit<VisitNotesDraft, 'kind'>;
    res: { queued: PendingVisitNotes; delivered: boolean; flags: NotesFlag[] };
  };
  'capture/pending': { req: Record<string, never>; res: { pending: PendingCapture[] } };
  /** "Retry now": one delivery pass ignoring backoff (refused items stay refused). */
  'capture/retry': { req: Record<string, never>; res: { ok: true } };
  /** Remove a capture from the queue (a failed one the user has read, or one they no longer want sent). */
  'capture/discard': { req: { idempotencyKey: string }; res: { ok: true } };
  'note/add': {
    req: { accountId: string; body: string; visibility: NoteVisibility };
    res: { ok: true } | { ok: false; error: string };
  };
  'auth/status': { req: Record<string, never>; res: { user: SessionUser | null; serverUrl: string; connection: ConnectionState } };
  'auth/signIn': {
    req: { serverUrl: string; email: string; password: string };
    res: { ok: true; user: SessionUser } | { ok: false; error: string };
  };
  /**
   * Options and workspace pages: how the server at `serverUrl` lets people sign in (its public `signInMethods`).
   * `needsPermission`: a server that is not on this computer and that Earshot may not reach yet (the options page
   * asks for it on the user's click). `redirectUrl`: where the browser's sign-in window returns (administrators
   * register it with the company's identity provider).
   */
  'auth/methods': {
    req: { serverUrl: string };
    res:
      | { ok: true; serverUrl: string; password: boolean; oidc: { issuer: string } | null; redirectUrl: string | null }
      | { ok: false; error: string; needsPermission?: true };
  };
  /**
   * Options and workspace pages: company sign-in in the worker's auth window (identity.launchWebAuthFlow, PKCE). The page learns who
   * signed in, never a token. `reason` says why not (`cancelled` by the user, `provider` error, `refused` by Earshot…).
   */
  'auth/signInOidc': {
    req: { serverUrl: string };
    res: { ok: true; user: SessionUser } | { ok: false; error: string; reason: OidcFailureReason };
  };
  'auth/signOut': { req: Record<string, never>; res: { ok: true } };
  'settings/get': { req: Record<string, never>; res: Settings };
  'settings/set': { req: Partial<Settings>; res: Settings };
  /** Options page, after `permissions.request` succeeded on a user gesture: start injecting into that origin. */
  'sites/enable': { req: { origin: string }; res: { ok: true } | { ok: false; error: string } };
  'sites/disable': { req: { origin: string }; res: { ok: true } };
  'health/list': { req: Record<string, never>; res: { entries: HealthEntry[] } };
  /** Options page, on opening: read the company's own domains from the server again (it shows them). */
  'ownDomains/refresh': { req: Record<string, never>; res: { changed: boolean; settings: Settings } };
  /**
   * Extension pages: run one of the named operations of `PAGE_OPERATION_NAMES` (shared/src/operations.ts) with
   * the session's token — never a document, never for a content script. `accountId`: the account a mutation
   * changed, so the panels showing it refresh.
   */
  'op/run': { req: { operation: OperationName; variables: Record<string, unknown>; accountId?: string }; res: OpResult };
}

/**
 * The answer of `account/detail`: the detail (null: no such account, or not the user's to see) and when it was
 * fetched; `stale` with the reason when the server could not be reached and this is the last answer remembered.
 */
export type AccountDetailAnswer =
  | {
      ok: true;
      account: { id: string; signals: NonNullable<AccountCardData['signals']>; creditStatus: CreditDetailData | null } | null;
      fetchedAt: string;
      stale?: true;
      message?: string;
    }
  | { ok: false; kind: string; error: string };

/** The answer of `op/run`: the operation's `data`, or why not (`kind` as the gateway reports it; `code` the server's). */
export type OpResult = { ok: true; data: unknown } | { ok: false; kind: string; error: string; code?: string };

export type MessageType = keyof Protocol;
/**
 * On the wire the request is nested, not spread: `capture/submit`'s request has a `type` of its own (the signal
 * type), which a flat `{ type, ...req }` would overwrite.
 */
export type Message = { [K in MessageType]: { type: K; req: Protocol[K]['req'] } }[MessageType];
export type Response<K extends MessageType> = Protocol[K]['res'];

/** Service worker → extension pages (broadcast): something changed, re-ask for state. */
export type Broadcast =
  | { type: 'broadcast/tab-changed'; tabId: number }
  | { type: 'broadcast/queue-changed' }
  | { type: 'broadcast/auth-changed' }
  /** The panel in this tab was opened or closed (the toggle frame shows it: aria-expanded, its label). */
  | { type: 'broadcast/panel-toggled'; tabId: number; open: boolean }
  /** An extension page changed this account (`op/run` with `accountId`): pages showing it outside a tab refetch it. */
  | { type: 'broadcast/account-changed'; accountId: string };

/**
 * Service worker → content script (tabs.sendMessage): the keyboard command toggles the panel; `report-again` asks
 * for a fresh report even if nothing changed (a page told not to mount now shows someone: the own domains changed).
 */
export type ContentCommand = { type: 'content/toggle-panel' } | { type: 'content/close-panel' } | { type: 'content/report-again' };

/** Service worker → content script (tabs.sendMessage): which document are you? Answered `{ pageId }`. */
export type PageIdQuery = { type: 'content/page-id' };
export type PageIdAnswer = { pageId: string };

/**
 * Live invalidation of the worker's caches: one GraphQL subscription (`LiveAccountsUpdated`, the server's
 * `accountsUpdated(ids)`) over Server-Sent Events for every account the worker holds an answer of (the lookup cache)
 * or shows (the tabs' matches, open panels first), at most `MAX_LIVE_ACCOUNTS`. When one of them changes on the
 * server, `onAccountChanged` drops what is cached of it and the tabs showing it look it up again (service.ts).
 *
 * - One stream, whatever the number of accounts; opened again (debounced, `debounceMs`) only when the set of
 *   accounts, the user, the token or the server changes. Nobody signed in, or nothing to watch: no stream.
 * - The server away, restarting, or the stream ending (a deploy, a proxy's idle timeout): opened again after
 *   `retryMinMs` doubling to `retryMaxMs` (±20 % jitter); a stream that stayed open `STABLE_MS` starts over at the
 *   minimum. Nothing received for `idleMs` (the server pings every 12 s): the connection is taken for dead.
 * - Refused by the Earshot server itself — a GraphQL answer whose errors carry FORBIDDEN, BAD_USER_INPUT,
 *   GRAPHQL_VALIDATION_FAILED or UNAVAILABLE (live events off): tried again after `refusedRetryMs` (10 minutes), or
 *   at once when the set, the user, the token or the server changes. Anything else that is no stream — a 404 or an
 *   HTML page (a proxy's maintenance page), 5xx, 429, a body that is not GraphQL, no answer at all — is retried
 *   with the backoff above: it says nothing about the server that will answer next.
 * - UNAUTHENTICATED (the session was ended on the server: signed out everywhere, revoked, expired): the same as a
 *   401 on any other request, `onUnauthenticated` (service.ts signs out and forgets the data, unless the user
 *   signed in again meanwhile). Signing out or another user or server closes the stream at once (`close`).
 * - Every (re)opening calls `onConnected(at, staleBefore)`: changes before `at` may have been missed (the worker
 *   was stopped, the connection was down), so the lookup cache treats answers older than that as unverified
 *   (lookup-cache.ts). What is already on screen is not served again by itself: answers fetched before
 *   `staleBefore` are looked up again at once (service.ts). That is `at` when the stream opens after being down
 *   (a failure, a refusal, no stream), the start of this worker (or of its session: `close`) for its first
 *   stream — what an earlier worker showed went unwatched — and null when it only replaces an open stream for
 *   another set of accounts (no gap worth a lookup: the new accounts were just looked up).
 *
 * Only the worker holds the stream, with the token, to the server that issued it; no host page learns anything of it.
 * An MV3 worker is stopped after ~30 s without extension events, and an open fetch does not keep it alive: the
 * stream then ends with it, and the next worker opens it again when it starts (service.ts `start`). While a panel is
 * open, each chunk the stream receives (the server's pings, every 12 s) calls `onActivity`, which keeps the worker
 * up (service.ts: an extension API call resets Chrome's idle timer), so that panel keeps following changes.
 */
import { OPERATIONS } from '@earshot/shared';
import { graphqlEndpoint } from '../lib/server-url.js';
import { serial } from './serial.js';

/** The server's cap on one `accountsUpdated` stream (server/src/graphql/types/subscriptions.ts). */
export const MAX_LIVE_ACCOUNTS = 100;
/** A stream open this long was healthy: its next failure is retried after the minimum delay again. */
export const STABLE_MS = 30_000;

export interface LiveSession {
  serverUrl: string;
  token: string;
  /** Whose cached answers these are (service.ts `owner`). */
  owner: string;
}

export type LiveStatus = 'idle' | 'connecting' | 'open' | 'waiting' | 'refused';

export interface LiveUpdatesOptions {
  /** The current session (null: signed out). */
  session: () => Promise<LiveSession | null>;
  /** The accounts to watch, most important first (open panels, tabs, then cached answers, newest first). */
  accounts: () => Promise<string[]>;
  /** An account changed on the server. */
  onAccountChanged: (accountId: string) => void;
  /**
   * The stream is open (again) since `at`: a change before it may have been missed. `staleBefore`: answers shown
   * that were fetched before it should be looked up again now (null: none; see above).
   */
  onConnected?: (at: number, staleBefore: number | null) => void;
  /** The server said UNAUTHENTICATED to `session` (its token no longer valid): as a 401 on any other request. */
  onUnauthenticated?: (session: LiveSession) => void;
  /** The stream received something (an event, or the server's ping). */
  onActivity?: () => void;
  /** @defaultValue `globalThis.fetch` */
  fetch?: typeof fetch;
  /** @defaultValue `Date.now` */
  now?: () => number;
  /** @defaultValue `Math.random` */
  random?: () => number;
  /** @defaultValue 500 */
  debounceMs?: number;
  /** @defaultValue 1000 */
  retryMinMs?: number;
  /** @defaultValue 60000 */
  retryMaxMs?: number;
  /** @defaultValue 45000 */
  idleMs?: number;
  /** A stream refused by the server is asked again after this long (unless something changes first). @defaultValue 600000 */
  refusedRetryMs?: number;
  /** Events of one account within this many ms count once. @defaultValue 250 */
  coalesceMs?: number;
  warn?: (message: string, error?: unknown) => void;
}

/** GraphQL error codes after which the same stream would be refused again (UNAUTHENTICATED: the session is over). */
const REFUSED_CODES = new Set(['FORBIDDEN', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'UNAVAILABLE']);
/** A refused stream is asked again after this long. */
export const REFUSED_RETRY_MS = 10 * 60_000;

type Outcome = 'retry' | 'refused' | 'unauthenticated';

interface Target {
  session: LiveSession;
  ids: string[];
  key: string;
}

export class LiveUpdates {
  status: LiveStatus = 'idle';
  /** The accounts the open (or opening) stream watches. */
  watching: readonly string[] = [];
  /** Every retry delay chosen, in order (tests, diagnostics). */
  readonly retryDelays: number[] = [];
  private key: string | null = null;
  /** Bumped by `close`: a sync that read the session before it must not open a stream after it. */
  private closings = 0;
  private attempt = 0;
  /** A stream of this worker (since `close`) has been open: the next one replaces it, or follows a gap. */
  private everOpen = false;
  /** The last stream or attempt ended by itself (failed, ended, refused) or nothing was watched: a gap. */
  private lapsed = false;
  /** When this worker started, or was last closed: answers from before its first stream went unwatched. */
  private quietSince: number;
  private current: AbortController | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private debounceTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly step = serial();
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly options: LiveUpdatesOptions) {
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.quietSince = this.now();
  }

  /** The accounts, the session or the server may have changed: the stream follows, debounced. */
  changed(): void {
    clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => void this.sync().catch((error) => this.options.warn?.('live updates:', error)), this.options.debounceMs ?? 500);
  }

  /** Opens, keeps or replaces the stream for the current session and accounts (at once). */
  sync(retry = false): Promise<void> {
    return this.step(async () => {
      const closings = this.closings;
      const target = await this.target();
      if (closings !== this.closings) return;
      const key = target?.key ?? null;
      if (key === this.key && !retry) return; // the same stream: open, opening, waiting to retry, or refused
      if (key !== this.key) this.attempt = 0;
      this.stopStream();
      this.key = key;
      if (!target) {
        // Nothing to watch (nothing cached or shown, or signed out): the next stream is a first one again.
        this.status = 'idle';
        this.watching = [];
        this.everOpen = false;
        this.lapsed = false;
        this.quietSince = this.now();
        return;
      }
      this.watching = target.ids;
      void this.connect(target);
    });
  }

  /** Signed out, another user or server: no stream, at once. */
  close(): void {
    this.closings++;
    clearTimeout(this.debounceTimer);
    this.stopStream();
    this.key = null;
    this.attempt = 0;
    this.status = 'idle';
    this.watching = [];
    this.everOpen = false;
    this.lapsed = false;
    this.quietSince = this.now();
  }

  private async target(): Promise<Target | null> {
    const session = await this.options.session();
    if (!session) return null;
    const ids = [...new Set(await this.options.accounts())].slice(0, MAX_LIVE_ACCOUNTS).sort();
    if (!ids.length) return null;
    return { session, ids, key: JSON.stringify([session.serverUrl, session.owner, session.token, ids]) };
  }

  private stopStream(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.current?.abort();
    this.current = null;
  }

  private async connect({ session, ids, key }: Target): Promise<void> {
    const abort = new AbortController();
    this.current = abort;
    this.status = 'connecting';
    let openedAt: number | null = null;
    let outcome: Outcome = 'retry';
    try {
      const response = await this.fetchImpl(graphqlEndpoint(session.serverUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${session.token}` },
        body: JSON.stringify({ query: OPERATIONS.LiveAccountsUpdated, variables: { ids }, operationName: 'LiveAccountsUpdated' }),
        signal: abort.signal,
        credentials: 'omit',
      });
      if (this.current !== abort) return;
      if (!response.ok || !response.body || !(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
        outcome = await refusedAnswer(response);
      } else {
        openedAt = this.now();
        this.status = 'open';
        const staleBefore = this.lapsed ? openedAt : this.everOpen ? null : this.quietSince;
        this.everOpen = true;
        this.lapsed = false;
        this.options.onConnected?.(openedAt, staleBefore);
        outcome = await this.read(response.body, abort);
      }
    } catch (error) {
      if (abort.signal.aborted && this.current !== abort) return; // closed or replaced on purpose
      this.options.warn?.('live updates: stream failed', error);
    }
    if (this.current !== abort || this.key !== key) return;
    this.current = null;
    abort.abort();
    this.lapsed = true;
    if (outcome === 'unauthenticated') {
      this.status = 'refused';
      this.options.onUnauthenticated?.(session);
      return;
    }
    if (outcome === 'refused') {
      this.status = 'refused';
      const delay = this.options.refusedRetryMs ?? REFUSED_RETRY_MS;
      this.retryDelays.push(delay);
      this.retryTimer = setTimeout(() => void this.sync(true).catch((error) => this.options.warn?.('live updates:', error)), delay);
      return;
    }
    if (openedAt !== null && this.now() - openedAt >= STABLE_MS) this.attempt = 0;
    const max = this.options.retryMaxMs ?? 60_000;
    const base = Math.min(max, (this.options.retryMinMs ?? 1_000) * 2 ** this.attempt);
    const delay = Math.round(base * (0.8 + 0.4 * this.random()));
    this.attempt++;
    this.retryDelays.push(delay);
    this.status = 'waiting';
    this.retryTimer = setTimeout(() => void this.sync(true).catch((error) => this.options.warn?.('live updates:', error)), delay);
  }

  /** Reads the stream until it ends: 'refused' / 'unauthenticated' when its answer is a refusal, 'retry' otherwise. */
  private async read(body: ReadableStream<Uint8Array>, abort: AbortController): Promise<Outcome> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const idleMs = this.options.idleMs ?? 45_000;
    let idle: ReturnType<typeof setTimeout> | undefined;
    const awake = () => {
      clearTimeout(idle);
      idle = setTimeout(() => abort.abort(), idleMs);
    };
    const stop = () => void reader.cancel().catch(() => undefined);
    abort.signal.addEventListener('abort', stop);
    let buffer = '';
    try {
      awake();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'retry';
        awake();
        this.options.onActivity?.();
        buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const { event, data } = parseBlock(block);
          if (event === 'complete') return 'retry';
          // graphql-yoga sends events as `next`; a refusal as a plain `data:` (the default `message` event).
          if ((event !== 'next' && event !== 'message') || !data) continue;
          const outcome = this.onEvent(data);
          if (outcome !== 'ok') return outcome;
        }
      }
    } catch {
      return 'retry';
    } finally {
      clearTimeout(idle);
      abort.signal.removeEventListener('abort', stop);
    }
  }

  private onEvent(data: string): 'ok' | 'refused' | 'unauthenticated' {
    let payload: { data?: { accountsUpdated?: { id?: unknown } } | null; errors?: { extensions?: { code?: unknown } }[] };
    try {
      payload = JSON.parse(data);
    } catch {
      return 'ok';
    }
    const id = payload.data?.accountsUpdated?.id;
    if (typeof id === 'string' && id) {
      this.changedOnServer(id);
      return 'ok';
    }
    // An event with errors only: a refusal of the stream itself, or one account's (NOT_FOUND: removed), ignored.
    return refusalOf(payload.errors) ?? 'ok';
  }

  /** Several events of one account close together (a burst of recomputes) count once. */
  private changedOnServer(accountId: string): void {
    if (this.pending.has(accountId)) return;
    this.pending.set(
      accountId,
      setTimeout(() => {
        this.pending.delete(accountId);
        if (this.watching.includes(accountId)) this.options.onAccountChanged(accountId);
      }, this.options.coalesceMs ?? 250),
    );
  }
}

function parseBlock(block: string): { event: string; data: string } {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (!line || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return { event, data: data.join('\n') };
}

/** What GraphQL errors say of the stream: the session is over, a refusal to expect again, or nothing final (undefined). */
function refusalOf(errors: unknown): 'unauthenticated' | 'refused' | undefined {
  if (!Array.isArray(errors)) return undefined;
  const codes = errors.map((e) => (e as { extensions?: { code?: unknown } } | null)?.extensions?.code).filter((c): c is string => typeof c === 'string');
  if (codes.includes('UNAUTHENTICATED')) return 'unauthenticated';
  return codes.some((c) => REFUSED_CODES.has(c)) ? 'refused' : undefined;
}

/**
 * An answer that is no stream. Final only when the Earshot server itself refused it: a GraphQL answer (JSON with an
 * `errors` list) carrying a refusing code, or UNAUTHENTICATED. Anything else — 404/405, an HTML page (a proxy's,
 * a maintenance page), 5xx, 429, RATE_LIMITED, TOO_MANY_SUBSCRIPTIONS — is retried with the backoff.
 */
async function refusedAnswer(response: Response): Promise<Outcome> {
  const text = await response.text().catch(() => '');
  // graphql-yoga refuses a subscription asked as a stream in the stream's own format: `401 text/event-stream` with
  // one `data: {"errors":[…UNAUTHENTICATED…]}` (seen from this server for a revoked token); plain JSON otherwise.
  const bodies = (response.headers.get('content-type') ?? '').includes('text/event-stream')
    ? text
        .replace(/\r\n?/g, '\n')
        .split('\n\n')
        .map((block) => parseBlock(block).data)
        .filter(Boolean)
    : [text];
  for (const body of bodies) {
    let errors: unknown;
    try {
      errors = (JSON.parse(body) as { errors?: unknown } | null)?.errors;
    } catch {
      continue; // not GraphQL: a proxy's or a maintenance page, not the Earshot server's word
    }
    const refusal = refusalOf(errors);
    if (refusal) return refusal;
  }
  return 'retry';
}

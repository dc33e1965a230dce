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
 * - Refused (401, FORBIDDEN, BAD_USER_INPUT, a server without live events): not retried until the set, the user,
 *   the token or the server changes. Signing out or another user or server closes it at once (`close`).
 * - Every (re)opening calls `onConnected(at)`: changes before `at` may have been missed (the worker was stopped,
 *   the connection was down), so the lookup cache treats answers older than that as unverified (lookup-cache.ts).
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
  /** The stream is open (again) since `at`: a change before it may have been missed. */
  onConnected?: (at: number) => void;
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
  /** Events of one account within this many ms count once. @defaultValue 250 */
  coalesceMs?: number;
  warn?: (message: string, error?: unknown) => void;
}

/** GraphQL error codes after which the same stream would be refused again. */
const REFUSED_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'UNAVAILABLE']);

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
        this.status = 'idle';
        this.watching = [];
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
    let outcome: 'retry' | 'refused' = 'retry';
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
        this.options.onConnected?.(openedAt);
        outcome = await this.read(response.body, abort);
      }
    } catch (error) {
      if (abort.signal.aborted && this.current !== abort) return; // closed or replaced on purpose
      this.options.warn?.('live updates: stream failed', error);
    }
    if (this.current !== abort || this.key !== key) return;
    this.current = null;
    abort.abort();
    if (outcome === 'refused') {
      this.status = 'refused';
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

  /** Reads the stream until it ends: 'refused' when its only answer is a refusal, 'retry' otherwise. */
  private async read(body: ReadableStream<Uint8Array>, abort: AbortController): Promise<'retry' | 'refused'> {
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
          if (event !== 'next' || !data) continue;
          const outcome = this.onEvent(data);
          if (outcome === 'refused') return 'refused';
        }
      }
    } catch {
      return 'retry';
    } finally {
      clearTimeout(idle);
      abort.signal.removeEventListener('abort', stop);
    }
  }

  private onEvent(data: string): 'ok' | 'refused' {
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
    const codes = (payload.errors ?? []).map((e) => e.extensions?.code);
    return codes.some((c) => typeof c === 'string' && REFUSED_CODES.has(c)) ? 'refused' : 'ok';
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

/** An answer that is no stream: a refusal (401, 4xx, a refusing GraphQL code) or a failure worth retrying (5xx, 429). */
async function refusedAnswer(response: Response): Promise<'retry' | 'refused'> {
  if (response.status === 429 || response.status >= 500) return 'retry';
  const text = await response.text().catch(() => '');
  let codes: unknown[] = [];
  try {
    codes = ((JSON.parse(text) as { errors?: { extensions?: { code?: unknown } }[] }).errors ?? []).map((e) => e.extensions?.code);
  } catch {
    // not GraphQL: an HTML page (not an Earshot server), a proxy's answer
  }
  if (codes.includes('RATE_LIMITED') || codes.includes('TOO_MANY_SUBSCRIPTIONS')) return 'retry';
  return 'refused';
}

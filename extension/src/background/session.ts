/**
 * Where the session token lives. Decision (ARCHITECTURE.md "The token lives in the service worker"):
 * - the live copy in `storage.session` (in memory, survives the worker being stopped after 30 s idle, restricted
 *   to trusted extension contexts — never readable by a content script), plus a field in this worker's memory;
 * - a persisted copy in the extension origin's IndexedDB, so a browser restart does not sign the user out and the
 *   capture queue (which also survives restarts) can deliver without waiting for a sign-in. Host pages and
 *   content scripts cannot open the extension origin's IndexedDB. `storage.local` is NOT used: content scripts
 *   can read it.
 * The server's `expiresAt` is honoured on every read; sign-out or a 401 deletes both copies.
 */
import { browser } from 'wxt/browser';
import type { SessionUser } from '../lib/messages.js';
import { idbDelete, idbGet, idbPut, STORES } from './idb.js';

export interface StoredSession {
  token: string;
  /** ISO time after which the server no longer accepts the token (null: until signed out). */
  expiresAt: string | null;
  user: SessionUser;
  /** The normalised server URL the token was issued by; a token is never sent to another server. */
  serverUrl: string;
}

const SESSION_KEY = 'session';

export class SessionStore {
  /** The session as last loaded or set; replaced (not mutated) by save/clear so a slow restore cannot win. */
  private loaded: Promise<StoredSession | null> | null = null;
  /** Bumped by save/clear: a restore that started before must not write its stale copy back. */
  private epoch = 0;

  constructor(
    private readonly db: () => Promise<IDBDatabase>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Restricts `storage.session` to extension pages and the worker (Chrome's default; stated, not assumed). */
  async lockDown(): Promise<void> {
    const area = browser.storage.session as { setAccessLevel?: (o: { accessLevel: string }) => Promise<void> };
    try {
      await area.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
    } catch {
      // Firefox has no setAccessLevel: its storage.session is never exposed to content scripts.
    }
  }

  /** The current session for `serverUrl`, or null when signed out, expired, or issued by another server. */
  async current(serverUrl?: string): Promise<StoredSession | null> {
    this.loaded ??= this.restore();
    const s = await this.loaded;
    if (!s) return null;
    if (this.isExpired(s)) {
      await this.clear();
      return null;
    }
    if (serverUrl !== undefined && s.serverUrl !== serverUrl) return null;
    return s;
  }

  async save(session: StoredSession): Promise<void> {
    this.epoch += 1;
    this.loaded = Promise.resolve(session);
    await browser.storage.session.set({ [SESSION_KEY]: session });
    try {
      await idbPut(await this.db(), STORES.kv, session, SESSION_KEY);
    } catch {
      // Without IndexedDB (private window quota, storage pressure) the session lasts until the browser closes.
    }
  }

  async clear(): Promise<void> {
    this.epoch += 1;
    this.loaded = Promise.resolve(null);
    await browser.storage.session.remove(SESSION_KEY);
    try {
      await idbDelete(await this.db(), STORES.kv, SESSION_KEY);
    } catch {
      // Nothing persisted to delete.
    }
  }

  private async restore(): Promise<StoredSession | null> {
    const epoch = this.epoch;
    const live = (await browser.storage.session.get(SESSION_KEY))[SESSION_KEY] as StoredSession | undefined;
    if (isSession(live)) return live;
    let persisted: unknown;
    try {
      persisted = await idbGet(await this.db(), STORES.kv, SESSION_KEY);
    } catch {
      return null;
    }
    if (!isSession(persisted) || this.isExpired(persisted)) return null;
    if (epoch !== this.epoch) return null; // signed in or out meanwhile: that newer state stands
    await browser.storage.session.set({ [SESSION_KEY]: persisted });
    return persisted;
  }

  private isExpired(s: StoredSession): boolean {
    if (!s.expiresAt) return false;
    const at = Date.parse(s.expiresAt);
    return Number.isFinite(at) && at <= this.now();
  }
}

function isSession(v: unknown): v is StoredSession {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Partial<StoredSession>;
  return typeof s.token === 'string' && typeof s.serverUrl === 'string' && typeof s.user === 'object' && s.user !== null;
}

/**
 * The extension origin's IndexedDB, which no host page and no content script can open (a content script's
 * `indexedDB` is the page's). Holds what must survive a browser restart: the capture queue and the session.
 * A few promise wrappers instead of a library: the service worker bundle stays small.
 */

export const DB_NAME = 'earshot';
const DB_VERSION = 1;

export const STORES = {
  /** PendingCapture records, keyed by idempotencyKey. */
  captures: 'captures',
  /** Small key → value records (the persisted session). */
  kv: 'kv',
} as const;

export type StoreName = (typeof STORES)[keyof typeof STORES];

export function openEarshotDb(factory: IDBFactory = indexedDB, name = DB_NAME): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(STORES.captures)) db.createObjectStore(STORES.captures, { keyPath: 'idempotencyKey' });
      if (!db.objectStoreNames.contains(STORES.kv)) db.createObjectStore(STORES.kv);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another context upgrading the schema (a newer extension version): let it, reopen lazily next time.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
    request.onblocked = () => reject(new Error('IndexedDB open blocked by another Earshot context'));
  });
}

/** Runs `work` in one transaction and resolves with its result once the transaction has committed. */
export function inTransaction<T>(
  db: IDBDatabase,
  store: StoreName,
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T> | undefined,
): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode);
    let result: T | undefined;
    const request = work(tx.objectStore(store));
    if (request) request.onsuccess = () => (result = request.result);
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export async function idbGet<T>(db: IDBDatabase, store: StoreName, key: IDBValidKey): Promise<T | undefined> {
  return (await inTransaction<T>(db, store, 'readonly', (s) => s.get(key) as IDBRequest<T>)) ?? undefined;
}

export async function idbGetAll<T>(db: IDBDatabase, store: StoreName): Promise<T[]> {
  return (await inTransaction<T[]>(db, store, 'readonly', (s) => s.getAll() as IDBRequest<T[]>)) ?? [];
}

/** `key` only for stores without a keyPath. */
export async function idbPut(db: IDBDatabase, store: StoreName, value: unknown, key?: IDBValidKey): Promise<void> {
  await inTransaction(db, store, 'readwrite', (s) => (key === undefined ? s.put(value) : s.put(value, key)));
}

export async function idbDelete(db: IDBDatabase, store: StoreName, key: IDBValidKey): Promise<void> {
  await inTransaction(db, store, 'readwrite', (s) => s.delete(key));
}

/** A lazily opened database, reopened if the browser closed it (version change, storage pressure). */
export function lazyDb(factory?: IDBFactory, name?: string): () => Promise<IDBDatabase> {
  let pending: Promise<IDBDatabase> | null = null;
  return () => {
    if (!pending) {
      pending = openEarshotDb(factory, name).then((db) => {
        db.addEventListener('close', () => (pending = null));
        const onVersionChange = db.onversionchange;
        db.onversionchange = (ev) => {
          pending = null;
          onVersionChange?.call(db, ev);
        };
        return db;
      });
      pending.catch(() => (pending = null));
    }
    return pending;
  };
}

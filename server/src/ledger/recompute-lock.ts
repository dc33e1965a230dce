/**
 * The lock between a ledger file import and the recomputes that run beside it (transaction-scoped PostgreSQL advisory
 * lock; a fixed 64-bit key, the bytes of "earshotL").
 *
 * The file import writes its rows and recomputes the touched accounts' statuses in one transaction
 * (cli-import.ts), holding each status row it writes until the commit. A server recompute of one of those accounts
 * (a job, the nightly re-evaluation) that read the ledger before that commit would wait on the row and then write a
 * status of the ledger without the file, newer by its time stamp than the file's rows: stale, and not found stale.
 * So the import holds the lock exclusively for its whole transaction, and every recompute holds it shared from its
 * read of the ledger to its write: a recompute either finishes before the import starts writing (which then
 * recomputes the account again) or starts reading after the import committed. Recomputes do not wait for one
 * another. A recompute does not wait for the lock inside its transaction: it tries, and while an import holds it,
 * gives its connection back, asks for the lock alone now and then (`RECOMPUTE_LOCK_RETRY_MS`) and reads its chunk
 * again once it is free, so recomputes queued behind an import never take the pool's connections from the requests
 * that only read. On PGlite (one connection, one
 * transaction at a time) the lock is taken too, and never busy.
 */
export const LEDGER_RECOMPUTE_LOCK_KEY = 0x65617273686f744cn;

/** Taken by the file import, first thing in its write transaction. */
export const LOCK_FOR_IMPORT = `SELECT pg_advisory_xact_lock(${LEDGER_RECOMPUTE_LOCK_KEY}::bigint)`;
/** Tried by a recompute, first thing in the transaction that reads a chunk's ledgers and writes their statuses. */
export const TRY_LOCK_FOR_RECOMPUTE = `SELECT pg_try_advisory_xact_lock_shared(${LEDGER_RECOMPUTE_LOCK_KEY}::bigint) AS "locked"`;
/** Between a recompute's asks while an import holds the lock: from the first to the last, then the last. */
export const RECOMPUTE_LOCK_RETRY_MS = [25, 50, 100, 200, 250] as const;

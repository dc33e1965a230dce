/**
 * One transaction on one connection for bulk ledger work, with a way to load many rows at once:
 *
 * - PostgreSQL: a connection of the pool (Database.pool), `BEGIN … COMMIT`, rows streamed with
 *   `COPY … FROM STDIN (FORMAT csv)` (pg-copy-streams);
 * - PGlite: `pglite.transaction`, rows handed over as one CSV blob with `COPY … FROM '/dev/blob'`;
 * - either, with `copy: false` or for a handful of rows: multi-row `INSERT … VALUES` (1,000 rows a statement).
 *
 * Rows are text (or null) and go into staging tables whose columns are all text; the statements that move them
 * into the ledger cast them (write-bulk.ts). Nothing here builds SQL from row values: COPY carries them as data
 * and the INSERT fallback as parameters. Table and column names are the caller's constants.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { prismaOnPGliteTransaction, prismaOnPgConnection } from '../db/bound-client.js';
import type { StatementNamer } from '../db/statement-names.js';
import type { PrismaClient, Prisma as P } from '../generated/prisma/client.js';

export type Cell = string | null;

export interface BulkSql {
  readonly kind: 'postgres' | 'pglite';
  /** Whether copyRows uses COPY (else multi-row INSERT). */
  readonly copy: boolean;
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<{ rows: T[]; affected: number }>;
  /** Loads rows into a table (a staging table of text columns); returns how many. */
  copyRows(table: string, columns: readonly string[], rows: readonly (readonly Cell[])[]): Promise<number>;
  /**
   * Prisma on this transaction's connection (db/bound-client.ts), made on first use: what runs through it is part of
   * the transaction. It cannot open a transaction of its own.
   */
  prisma(): Promise<P.TransactionClient>;
}

export interface BulkDatabase {
  kind: 'postgres' | 'pglite';
  pool?: pg.Pool;
  pglite?: PGlite;
  /** The pool's statement namer (db/client.ts), for the Prisma client on the transaction's connection. */
  statementNames?: StatementNamer;
}

export interface BulkOptions {
  /** false: always multi-row INSERT (the fallback; tests use it). Default true: COPY. */
  copy?: boolean;
}

/** Below this many rows a multi-row INSERT is as quick as COPY and needs no CSV. */
const COPY_FROM_ROWS = 200;
const INSERT_ROWS = 1000;

/** One CSV record (RFC 4180 as PostgreSQL's COPY reads it): null → unquoted empty, text → always quoted. */
function csvLine(row: readonly Cell[]): string {
  let out = '';
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (i) out += ',';
    if (v === null || v === undefined) continue;
    out += v.includes('"') ? `"${v.replaceAll('"', '""')}"` : `"${v}"`;
  }
  return `${out}\n`;
}

function* csvChunks(rows: readonly (readonly Cell[])[], rowsPerChunk = 5000): Generator<string> {
  for (let i = 0; i < rows.length; i += rowsPerChunk) {
    let chunk = '';
    const end = Math.min(rows.length, i + rowsPerChunk);
    for (let r = i; r < end; r++) chunk += csvLine(rows[r]!);
    yield chunk;
  }
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function insertRows(
  query: BulkSql['query'],
  table: string,
  columns: readonly string[],
  rows: readonly (readonly Cell[])[],
): Promise<number> {
  const cols = columns.map(quoteIdent).join(', ');
  for (let i = 0; i < rows.length; i += INSERT_ROWS) {
    const part = rows.slice(i, i + INSERT_ROWS);
    const params: Cell[] = [];
    const tuples = part.map((row) => {
      const start = params.length;
      params.push(...row);
      return `(${row.map((_, c) => `$${start + c + 1}`).join(', ')})`;
    });
    await query(`INSERT INTO ${quoteIdent(table)} (${cols}) VALUES ${tuples.join(', ')}`, params);
  }
  return rows.length;
}

/** Runs `fn` in one transaction; it commits when `fn` resolves and rolls back when it throws. */
export async function bulkTransaction<T>(db: BulkDatabase, fn: (sql: BulkSql) => Promise<T>, options: BulkOptions = {}): Promise<T> {
  const useCopy = options.copy ?? true;
  if (db.kind === 'postgres') {
    if (!db.pool) throw new Error('bulk ledger work on PostgreSQL needs the connection pool');
    const client = await db.pool.connect();
    const query: BulkSql['query'] = async (text, params) => {
      const r = await client.query(text, params as unknown[] | undefined);
      return { rows: r.rows, affected: r.rowCount ?? 0 };
    };
    let bound: PrismaClient | undefined;
    const sql: BulkSql = {
      kind: 'postgres',
      copy: useCopy,
      query,
      prisma: async () => {
        bound ??= prismaOnPgConnection(client, db.statementNames);
        return bound;
      },
      async copyRows(table, columns, rows) {
        if (!rows.length) return 0;
        if (!useCopy || rows.length < COPY_FROM_ROWS) return insertRows(query, table, columns, rows);
        const stream = client.query(copyFrom(`COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN WITH (FORMAT csv)`));
        await pipeline(Readable.from(csvChunks(rows)), stream);
        return rows.length;
      },
    };
    let broken: unknown;
    try {
      await client.query('BEGIN');
      const value = await fn(sql);
      await client.query('COMMIT');
      return value;
    } catch (e) {
      try {
        await client.query('ROLLBACK');
      } catch (rollback) {
        broken = rollback;
      }
      throw e;
    } finally {
      await bound?.$disconnect().catch(() => {});
      // A connection whose rollback failed is in an unknown state: do not hand it back to the pool.
      client.release(broken instanceof Error ? broken : undefined);
    }
  }
  if (!db.pglite) throw new Error('bulk ledger work on PGlite needs the PGlite instance');
  let bound: PrismaClient | undefined;
  try {
    return await db.pglite.transaction(async (tx: Transaction) => {
      const query: BulkSql['query'] = async (text, params) => {
        const r = await tx.query(text, params as unknown[] | undefined);
        return { rows: r.rows as never[], affected: r.affectedRows ?? 0 };
      };
      const sql: BulkSql = {
        kind: 'pglite',
        copy: useCopy,
        query,
        prisma: async () => {
          bound ??= await prismaOnPGliteTransaction(tx);
          return bound;
        },
        async copyRows(table, columns, rows) {
          if (!rows.length) return 0;
          if (!useCopy || rows.length < COPY_FROM_ROWS) return insertRows(query, table, columns, rows);
          const blob = new Blob([...csvChunks(rows)], { type: 'text/csv' });
          await tx.query(`COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob });
          return rows.length;
        },
      };
      return fn(sql);
    });
  } finally {
    await bound?.$disconnect().catch(() => {});
  }
}

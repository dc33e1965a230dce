/**
 * Opens the database: the embedded PGlite (a directory, or in memory for tests) or PostgreSQL.
 * Prisma is the only way to the data; both go through a driver adapter, so no native engine is needed.
 */
import fs from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';
import { acquireDataDirLock, type DataDirLock } from './lock.js';
import { type StatementNamer, statementNamer } from './statement-names.js';

export type Prisma = PrismaClient;

export interface DatabaseTarget {
  /** postgresql://… ; when absent, PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory, or `memory://` for a throw-away database. */
  dataDir?: string | undefined;
  /** Who opens it (`serve`, `import`, …), recorded in the data directory's lock for anyone else to read. */
  command?: string;
  /** The admin socket the opener will listen on (serve), recorded in the lock. */
  socket?: string | null;
  /** PostgreSQL: name repeated statements so each connection plans them once (default true). */
  preparedStatements?: boolean;
  /** An idle PostgreSQL connection was lost (default: a line on stderr; the server logs it). */
  onPoolError?: (err: Error) => void;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  prisma: PrismaClient;
  /** The embedded engine, when kind is 'pglite' (the job queue shares it). */
  pglite?: PGlite;
  /** The connection pool, when kind is 'postgres' (bulk work that needs one connection: the ledger import's COPY). */
  pool?: pg.Pool;
  /** The names Prisma gives repeated statements on the pool's connections (PostgreSQL; none when preparedStatements is false). */
  statementNames?: StatementNamer;
  /** A description safe to print (no password). */
  describe: string;
  /** The data directory's lock (embedded database on disk): held until close(). */
  lock?: DataDirLock;
  close(): Promise<void>;
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgresql://…';
  }
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.databaseUrl) {
    const pool = new pg.Pool({ connectionString: target.databaseUrl, max: 10 });
    // An idle connection closed by the server (restart, failover, pg_terminate_backend) is dropped from the pool and
    // replaced on next use; without a listener, pg would throw it as an uncaught error and stop the process.
    pool.on('error', target.onPoolError ?? ((err) => console.error(`database: idle connection lost (${err.message}); it will be replaced`)));
    // Named statements: each connection plans a repeated statement once (db/statement-names.ts). Off with
    // preparedStatements: false (a pooler in transaction mode that cannot keep them, e.g. older PgBouncer).
    const names = target.preparedStatements === false ? undefined : statementNamer();
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool, names ? { statementNameGenerator: names as (q: { sql: string }) => string } : {}) });
    return {
      kind: 'postgres',
      prisma,
      pool,
      ...(names ? { statementNames: names } : {}),
      describe: `PostgreSQL ${redactUrl(target.databaseUrl)}`,
      async close() {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }
  const dataDir = target.dataDir ?? 'memory://';
  const inMemory = dataDir.startsWith('memory://');
  // One process per data directory (db/lock.ts); throws DatabaseLockedError naming the holder. PGlite does not
  // create parent directories (STACK.md): the lock creates the directory (owner only).
  const lock = inMemory ? undefined : acquireDataDirLock(dataDir, { command: target.command ?? 'earshot', socket: target.socket ?? null });
  let pglite: PGlite;
  // PGlite and its adapter are loaded only here: a server on PostgreSQL never loads them (issue 12, memory).
  const [{ PGlite: PGliteClass }, { PrismaPGlite }] = await Promise.all([import('@electric-sql/pglite'), import('pglite-prisma-adapter')]);
  try {
    if (!inMemory) fs.mkdirSync(dataDir, { recursive: true });
    pglite = await PGliteClass.create(dataDir);
  } catch (err) {
    lock?.release();
    throw err;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    kind: 'pglite',
    prisma,
    pglite,
    describe: inMemory ? 'embedded PGlite (in memory)' : `embedded PGlite in ${dataDir}`,
    ...(lock ? { lock } : {}),
    async close() {
      try {
        await prisma.$disconnect();
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}

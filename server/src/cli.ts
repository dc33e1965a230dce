/**
 * `pnpm earshot <command>`: run the server, manage migrations, seed demo data, administer users and tokens,
 * import the ledger. Exit codes: 0 ok, 1 failed, 2 bad arguments.
 *
 * The embedded database is opened by one process only (db/lock.ts). While a server runs on it, the commands that
 * need the database go through that server's admin socket (cli/admin-socket.ts) and print the same; on
 * PostgreSQL (DATABASE_URL) they work on the database directly.
 */
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { type Backend, DB_COMMANDS, type OpenDatabase, runDbCommand, TOKEN_HELP, USER_HELP } from './cli/commands.js';
import { BACKUP_HELP, restoreCommand } from './cli/backup.js';
import { type CliIO, processIO } from './cli/io.js';
import { runThroughServer } from './cli/remote.js';
import { type Config, loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { DatabaseLockedError, holderIsDead, readLock } from './db/lock.js';
import { applyMigrations, createMigration, requireMigrated } from './db/migrations.js';
import { createServices } from './services/index.js';

const HELP = `Usage: pnpm earshot <command> [options]

Commands:
  serve                          Apply pending migrations and start the server (demo data on a new embedded database,
                                 never with NODE_ENV=production)
  migrate                        Apply pending migrations (only migrate and serve do)
  migrate:status                 Show applied and pending migrations, changing nothing (exit 1 when not up to date)
  migrate:new <name>             Write a new migration from changes to prisma/schema.prisma
  seed [--demo] [--reset]        Rebuild the synthetic demo data (embedded database); on PostgreSQL needs --demo;
                                 --reset wipes ALL data first (needed when it holds more than demo data)
${USER_HELP}
${TOKEN_HELP}
  import <file.csv> [--kind invoices|payments] [--batch 2000] [--dry-run]
                                 Import an AR export (validated whole first; idempotent, re-run to resume; see import --help)
${BACKUP_HELP}

While the server runs on the embedded database, these commands go through it (its admin socket in the data
directory) and print the same; seed and migrations the server does not have yet need it stopped. On PostgreSQL,
commands other than migrate, migrate:status and serve refuse to run while migrations are pending (exit 1); on an
embedded data directory (no server running) they apply pending migrations first.
Passwords are never given on the command line: they are typed at a prompt or read from standard input.

Environment: DATABASE_URL (PostgreSQL; unset = embedded PGlite in EARSHOT_DATA_DIR, default ./data),
PORT, HOST, REDIS_URL, EARSHOT_DEMO_PASSWORD, EARSHOT_SEED_DEMO. See README "Configuration".`;

export { UsageError } from './cli/commands.js';

/** This process opens the database for the command (the embedded one is locked meanwhile). */
function directBackend(config: Config, io: CliIO): Backend {
  return {
    where: 'direct',
    config,
    async withDb(command, fn, opts = {}) {
      const db: OpenDatabase = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, preparedStatements: config.preparedStatements, command });
      try {
        // Only `migrate` (and `serve`) apply migrations; `migrate:status` only reads; every other command needs
        // the database migrated (db/migrations.ts requireMigrated: refused on PostgreSQL, applied on a data directory).
        const migrations = opts.migrations ?? 'require';
        if (migrations === 'apply') db.appliedMigrations = await applyMigrations({ databaseUrl: config.databaseUrl, pglite: db.pglite }, undefined, { onWait: (m) => io.err(`earshot: ${m}`) });
        else if (migrations === 'require') db.appliedMigrations = await requireMigrated(db, config.databaseUrl);
        return await fn(db, createServices(db.prisma));
      } finally {
        await db.close();
      }
    },
  };
}

async function runWithDatabase(argv: string[], io: CliIO, config: Config): Promise<number> {
  if (!config.databaseUrl) {
    const holder = readLock(config.dataDir);
    if (holder && !holderIsDead(holder)) {
      if (holder.socket) return runThroughServer(holder, argv, io);
      io.err(`earshot: ${new DatabaseLockedError(config.dataDir, holder).message}`);
      return 1;
    }
  }
  return (await runDbCommand(argv, io, directBackend(config, io))) ?? 2;
}

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [command, ...rest] = argv;
  const sub = rest[0];
  try {
    if (command && DB_COMMANDS.has(command)) return await runWithDatabase(argv, io, loadConfig());
    switch (command) {
      case 'serve':
        parseArgs({ args: rest, options: {} });
        // Loaded here only: the server (GraphQL schema, yoga, …) is a third of every other command's start-up.
        await (await import('./serve.js')).runServe(loadConfig());
        return 0;
      case 'restore':
        return await restoreCommand(rest, io, loadConfig());
      case 'migrate:new': {
        if (!sub || !/^[a-z0-9_]{1,60}$/.test(sub)) throw Object.assign(new Error('migrate:new needs a name of a-z, 0-9 and _, e.g. pnpm earshot migrate:new add_visits'), { usage: true });
        const folder = await createMigration(sub);
        io.out(folder ? `wrote prisma/migrations/${folder}/migration.sql` : 'schema.prisma has no changes: no migration written');
        return 0;
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(HELP);
        return command ? 0 : 2;
      default:
        throw Object.assign(new Error(`unknown command "${command}"`), { usage: true });
    }
  } catch (e) {
    if ((e as { usage?: boolean }).usage || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`earshot: ${(e as Error).message}\nRun "pnpm earshot help" for usage.`);
      return 2;
    }
    io.err(`earshot: ${(e as Error).message}`);
    return 1;
  }
}

/** Run as the program (`tsx src/cli.ts`, `node dist/cli.js`), not imported: argv[1] is this file, however spelled. */
function isMain(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(fs.realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isMain()) {
  // `pnpm earshot user list | head`: a reader that stops early is not a failure (Node would throw EPIPE).
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      process.exit(0);
    });
  }
  main(process.argv.slice(2)).then((code) => {
    // Every command but `serve` is done here. Exit now rather than waiting for timers the schema engine's
    // WebAssembly runtime leaves behind (about 10 s).
    if (code !== 0 || process.argv[2] !== 'serve') process.exit(code);
  });
}

/**
 * `pnpm earshot backup <file>` and `pnpm earshot restore <file>` for the embedded database (db/backup.ts). Backup
 * runs wherever the database is open: inside the running server (through its admin socket; the server writes the
 * file) or in this process. Restore never goes through a server: it refuses while one holds the directory.
 * On PostgreSQL both point to pg_dump / pg_restore.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import { restoreBackup, writeBackup } from '../db/backup.js';
import type { Backend } from './commands.js';
import type { CliIO } from './io.js';

export const BACKUP_HELP = `  backup <file> [--force]        Copy the embedded database into one file (owner-only), consistent while the server
                                 runs (requests wait during the copy); --force replaces an existing file
  restore <file> [--force]       Restore a backup into EARSHOT_DATA_DIR (the server stopped); --force moves an
                                 existing database aside to <dir>.before-restore-<time> first`;

const POSTGRES_HINT =
  'on PostgreSQL (DATABASE_URL) back up with pg_dump --format=custom and restore with pg_restore (README "Backup and restore")';

function fileArgument(args: string[], usage: string): { file: string; force: boolean } {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean' } } });
  if (positionals.length !== 1 || !positionals[0]!.trim()) throw Object.assign(new Error(`usage: ${usage}`), { usage: true });
  return { file: positionals[0]!, force: !!values.force };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const rows = (tables: Record<string, number>) => Object.values(tables).reduce((a, b) => a + b, 0);

export async function backupCommand(args: string[], io: CliIO, backend: Backend): Promise<number> {
  const { file, force } = fileArgument(args, 'pnpm earshot backup <file> [--force]');
  if (backend.config.databaseUrl) {
    io.err(`earshot: backup copies the embedded database; ${POSTGRES_HINT}`);
    return 1;
  }
  // Opening a directory without a database would create an empty one: nothing to back up.
  if (backend.where === 'direct' && !fs.existsSync(path.join(backend.config.dataDir, 'PG_VERSION'))) {
    io.err(`earshot: there is no embedded database in ${backend.config.dataDir} (EARSHOT_DATA_DIR) to back up`);
    return 1;
  }
  const target = path.resolve(io.cwd, file);
  const r = await backend.withDb('backup', (db) => writeBackup(db.pglite!, backend.config.dataDir, target, { force }), { migrations: 'read' });
  const n = Object.keys(r.header.tables).length;
  io.out(
    `backup of ${backend.config.dataDir} written to ${r.file} (${mb(r.bytes)}; ${rows(r.header.tables)} rows in ${n} tables; ` +
      `${r.header.migrations.length} migrations${backend.where === 'server' ? `; taken while the server (process ${backend.serverPid}) ran, its requests held for ${Math.round(r.heldMs)} ms` : ''})`,
  );
  return 0;
}

export async function restoreCommand(args: string[], io: CliIO, config: Config): Promise<number> {
  const { file, force } = fileArgument(args, 'pnpm earshot restore <file> [--force]');
  if (config.databaseUrl) {
    io.err(`earshot: restore writes an embedded data directory; ${POSTGRES_HINT}`);
    return 1;
  }
  const r = await restoreBackup(path.resolve(io.cwd, file), config.dataDir, { force });
  if (r.movedAside) io.out(`the previous contents of ${r.dataDir} are in ${r.movedAside} (remove it when the restored server works)`);
  io.out(
    `restored the backup of ${r.header.createdAt} into ${r.dataDir}: ${rows(r.header.tables)} rows in ${Object.keys(r.header.tables).length} tables, ` +
      `every count as in the backup. Start the server (it applies newer migrations, if any).`,
  );
  return 0;
}

/**
 * Backups of the embedded database: one file, a header line and a gzipped tar of the PGlite data directory.
 *
 *   EARSHOT-BACKUP 1 {"createdAt":…,"postgres":"18.6","migrations":[…],"tables":{"public.Account":12,…}}\n
 *   <gzip of a ustar archive of the data directory>
 *
 * Consistent while the server runs: the copy is taken inside a PGlite transaction, which holds the engine's
 * transaction lock, so no query, statement or other transaction of the server (Prisma, pg-boss) runs meanwhile; the
 * row counts in the header come from that same moment. PGlite writes through to the files (Emscripten's NODEFS), so
 * the files then are what a crash at that instant would leave, and opening the copy recovers from its WAL like
 * PostgreSQL after a crash. Not PGlite's own dumpDataDir(): it fails (EINVAL) on the server's admin socket, which
 * lives in the data directory (reproduced with PGlite 0.5.16).
 *
 * Restore writes a fresh directory beside the target, opens it, checks every table's row count against the header,
 * then renames it into place (the old contents, with --force, are moved aside, never deleted).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { acquireDataDirLock, holderIsDead, LOCK_FILE, readLock, SOCKET_FILE } from './lock.js';

export const BACKUP_MAGIC = 'EARSHOT-BACKUP';
export const BACKUP_VERSION = 1;
/** The header line is small (table names and counts); anything longer is not a backup of ours. */
const MAX_HEADER = 1024 * 1024;
/** Files of the data directory that are not the database: the lock and the admin socket (db/lock.ts). */
const NOT_DATA = new Set([LOCK_FILE, SOCKET_FILE]);

export interface BackupHeader {
  createdAt: string;
  /** PostgreSQL version of the PGlite that wrote it (its data directory format). */
  postgres: string;
  /** Applied migrations at backup time. */
  migrations: string[];
  /** Rows per table ("schema.table") at the moment of the copy. */
  tables: Record<string, number>;
}

export class BackupError extends Error {}

interface Entry {
  name: string;
  dir: boolean;
  mode: number;
  mtime: number;
  data: Buffer;
}

/** The data directory's files, read synchronously (the caller holds the database still). */
function readTree(root: string): Entry[] {
  const entries: Entry[] = [];
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(root, rel)).sort()) {
      if (!rel && NOT_DATA.has(name)) continue;
      const relPath = rel ? `${rel}/${name}` : name;
      const full = path.join(root, relPath);
      const st = fs.lstatSync(full);
      if (st.isDirectory()) {
        entries.push({ name: relPath, dir: true, mode: st.mode & 0o7777, mtime: st.mtimeMs, data: Buffer.alloc(0) });
        walk(relPath);
      } else if (st.isFile()) {
        entries.push({ name: relPath, dir: false, mode: st.mode & 0o7777, mtime: st.mtimeMs, data: fs.readFileSync(full) });
      }
      // Sockets, symlinks, FIFOs: PGlite creates none; nothing of the database is in them.
    }
  };
  walk('');
  return entries;
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** A ustar header block (names of a PGlite data directory are well under 100 bytes). */
function tarHeader(e: Entry): Buffer {
  const name = e.dir ? `${e.name}/` : e.name;
  if (Buffer.byteLength(name) > 100) throw new BackupError(`path too long for the backup archive: ${name}`);
  const h = Buffer.alloc(512);
  h.write(name, 0, 'utf8');
  h.write(octal(e.mode, 8), 100);
  h.write(octal(0, 8), 108);
  h.write(octal(0, 8), 116);
  h.write(octal(e.data.length, 12), 124);
  h.write(octal(Math.floor(e.mtime / 1000), 12), 136);
  h.write('        ', 148);
  h.write(e.dir ? '5' : '0', 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

function* tarBlocks(entries: Entry[]): Generator<Buffer> {
  for (const e of entries) {
    yield tarHeader(e);
    if (e.data.length) {
      yield e.data;
      const pad = (512 - (e.data.length % 512)) % 512;
      if (pad) yield Buffer.alloc(pad);
    }
  }
  yield Buffer.alloc(1024);
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Row counts of every table outside PostgreSQL's own schemas, and the applied migrations. */
async function inventory(tx: Pick<PGlite, 'query'>): Promise<Pick<BackupHeader, 'tables' | 'migrations' | 'postgres'>> {
  const tables: Record<string, number> = {};
  const list = await tx.query<{ schemaname: string; tablename: string }>(
    "SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2",
  );
  // One statement for all counts: the database is held still meanwhile.
  const counts = list.rows.length
    ? await tx.query<{ i: number; n: number }>(
        list.rows.map((t, i) => `SELECT ${i} AS i, count(*)::int AS n FROM ${quoteIdent(t.schemaname)}.${quoteIdent(t.tablename)}`).join(' UNION ALL '),
      )
    : { rows: [] };
  for (const r of counts.rows) {
    const t = list.rows[r.i]!;
    tables[`${t.schemaname}.${t.tablename}`] = r.n;
  }
  const migrations =
    'public._prisma_migrations' in tables
      ? (await tx.query<{ migration_name: string }>('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY 1')).rows.map((r) => r.migration_name)
      : [];
  const postgres = (await tx.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  return { tables, migrations, postgres };
}

export interface BackupResult {
  file: string;
  bytes: number;
  header: BackupHeader;
  /** How long the database was held still for the copy (requests waited at most this long). */
  heldMs: number;
}

/**
 * Writes a backup of the open embedded database in dataDir to file (owner-only, 0600: it holds credit data),
 * atomically: a temporary file beside it, renamed into place when complete. Refuses an existing file unless force.
 */
export async function writeBackup(pglite: PGlite, dataDir: string, file: string, { force = false } = {}): Promise<BackupResult> {
  if (!force && fs.existsSync(file)) throw new BackupError(`${file} exists: choose another name, or pass --force to replace it`);
  const dir = path.dirname(file);
  if (!fs.existsSync(dir)) throw new BackupError(`the folder ${dir} does not exist`);
  // Not inside the data directory: every later backup would hold the earlier ones, and a restore would bring them back.
  const realDir = fs.realpathSync(dir);
  const realData = fs.realpathSync(dataDir);
  if (realDir === realData || realDir.startsWith(`${realData}${path.sep}`)) {
    throw new BackupError(`${file} is inside the data directory ${dataDir}: write the backup somewhere else (and keep it off this machine)`);
  }
  // A checkpoint first: the copy then carries little WAL to replay when it is opened.
  await pglite.exec('CHECKPOINT');
  // The transaction holds PGlite's transaction lock: nothing else runs on the database until the copy is read.
  let heldMs = 0;
  const { header, entries } = await pglite.transaction(async (tx) => {
    const held = performance.now();
    const inv = await inventory(tx);
    const copy = { header: { createdAt: new Date().toISOString(), ...inv } satisfies BackupHeader, entries: readTree(dataDir) };
    heldMs = performance.now() - held;
    return copy;
  });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    const out = fs.createWriteStream(tmp, { mode: 0o600, flags: 'w' });
    out.write(`${BACKUP_MAGIC} ${BACKUP_VERSION} ${JSON.stringify(header)}\n`);
    await pipeline(tarBlocks(entries), zlib.createGzip(), out);
    fs.chmodSync(tmp, 0o600);
    const fd = fs.openSync(tmp, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  return { file, bytes: fs.statSync(file).size, header, heldMs };
}

/** The entry names of a ustar archive, or null when it is not one. */
function tarNames(tar: Buffer): string[] | null {
  const names: string[] = [];
  for (let at = 0; at + 512 <= tar.length; ) {
    const h = tar.subarray(at, at + 512);
    if (h.every((b) => b === 0)) return names;
    if (h.subarray(257, 262).toString('latin1') !== 'ustar') return null;
    const size = Number.parseInt(h.subarray(124, 136).toString('latin1').replace(/\0.*$/s, '').trim() || '0', 8);
    if (!Number.isSafeInteger(size) || size < 0) return null;
    const name = h.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    // Ours holds plain files and folders under relative names: a link, an absolute name, a `..` step or a ustar
    // prefix field is not from `pnpm earshot backup` and could reach outside the folder restored into.
    const type = String.fromCharCode(h[156] ?? 0);
    const prefix = h.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '');
    if (!['0', '\0', '5'].includes(type) || prefix || name.startsWith('/') || name.includes('\\') || name.split('/').includes('..')) {
      throw new BackupError(`the backup holds an entry a backup of ours never has (${JSON.stringify(name.slice(0, 100))}, type ${JSON.stringify(type)}): refused`);
    }
    names.push(name);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return null;
}

/** Reads and checks a backup file: our header, a version we know, a complete gzip stream holding a tar archive. */
export function readBackup(file: string): { header: BackupHeader; tar: Buffer } {
  let raw: Buffer;
  try {
    raw = fs.readFileSync(file);
  } catch (e) {
    throw new BackupError(`cannot read ${file}: ${(e as Error).message}`);
  }
  const nl = raw.subarray(0, MAX_HEADER).indexOf(0x0a);
  const line = nl > 0 ? raw.subarray(0, nl).toString('utf8') : '';
  const m = /^EARSHOT-BACKUP (\d+) (\{.*\})$/.exec(line);
  if (!m) throw new BackupError(`${file} is not an Earshot backup (made with pnpm earshot backup)`);
  if (Number(m[1]) !== BACKUP_VERSION) throw new BackupError(`${file} is an Earshot backup of format ${m[1]}; this version reads format ${BACKUP_VERSION}`);
  let header: BackupHeader;
  try {
    header = JSON.parse(m[2]!) as BackupHeader;
  } catch {
    throw new BackupError(`${file}: the backup's header is damaged`);
  }
  if (!header || typeof header.tables !== 'object' || !Array.isArray(header.migrations)) throw new BackupError(`${file}: the backup's header is damaged`);
  let tar: Buffer;
  try {
    // gunzip checks the stream's CRC and length: a truncated or altered file fails here.
    tar = zlib.gunzipSync(raw.subarray(nl + 1));
  } catch (e) {
    throw new BackupError(`${file} is damaged or incomplete (${(e as Error).message})`);
  }
  if (!tarNames(tar)?.includes('PG_VERSION')) throw new BackupError(`${file} does not hold an embedded database`);
  return { header, tar };
}

export interface RestoreResult {
  dataDir: string;
  header: BackupHeader;
  /** Where the directory's previous contents went (--force on a non-empty directory), or null. */
  movedAside: string | null;
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/**
 * Restores a backup into dataDir. Refuses while any process holds the directory (a server: stop it first), and a
 * directory with contents unless force (they are then moved to `<dataDir>.before-restore-<time>`).
 */
export async function restoreBackup(file: string, dataDir: string, { force = false } = {}): Promise<RestoreResult> {
  const { header, tar } = readBackup(file);
  const target = path.resolve(dataDir);
  const holder = readLock(target);
  if (holder && !holderIsDead(holder)) {
    throw new BackupError(
      `process ${holder.pid} (earshot ${holder.command}${holder.address ? `, serving ${holder.address}` : ''}) is using ${target}: ` +
        `${holder.command === 'serve' ? 'stop the server' : 'wait for it to finish'}, restore, then start the server again`,
    );
  }
  const existed = fs.existsSync(target);
  // Held for the whole restore: a server started meanwhile is refused instead of opening a half-restored directory.
  const lock = acquireDataDirLock(target, { command: 'restore' });
  const parent = path.dirname(target);
  let fresh: string | null = null;
  try {
    const contents = fs.readdirSync(target).filter((n) => n !== LOCK_FILE);
    if (contents.length && !force) {
      throw new BackupError(`${target} is not empty (an existing database?): restore into a new EARSHOT_DATA_DIR, or pass --force to move its contents aside`);
    }
    fresh = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.restore-`));
    fs.chmodSync(fresh, 0o700);
    let pglite: PGlite;
    try {
      pglite = await PGlite.create(fresh, { loadDataDir: new Blob([new Uint8Array(tar)], { type: 'application/x-tar' }) });
    } catch (e) {
      throw new BackupError(`the backup (PostgreSQL ${header.postgres}, made ${header.createdAt}) does not open with this version of Earshot: ${(e as Error).message}`);
    }
    try {
      const now = await inventory(pglite);
      const differ = Object.keys({ ...header.tables, ...now.tables }).filter((t) => header.tables[t] !== now.tables[t]);
      if (differ.length) throw new BackupError(`the restored copy does not match the backup's row counts (${differ.slice(0, 5).join(', ')}): nothing was changed`);
    } finally {
      await pglite.close();
    }
    // Ours in the new directory too, so the directory is never unlocked between the renames.
    fs.copyFileSync(lock.file, path.join(fresh, LOCK_FILE));
    let movedAside: string | null = null;
    if (contents.length) {
      movedAside = `${target}.before-restore-${stamp(new Date())}`;
      fs.renameSync(target, movedAside);
      fs.rmSync(path.join(movedAside, LOCK_FILE), { force: true });
    } else {
      fs.rmSync(path.join(target, LOCK_FILE), { force: true });
      fs.rmdirSync(target);
    }
    fs.renameSync(fresh, target);
    fresh = null;
    return { dataDir: target, header, movedAside };
  } catch (err) {
    if (fresh) fs.rmSync(fresh, { recursive: true, force: true });
    if (!existed && fs.existsSync(target) && fs.readdirSync(target).every((n) => n === LOCK_FILE)) {
      lock.release();
      fs.rmSync(target, { recursive: true, force: true });
    }
    throw err;
  } finally {
    lock.release();
  }
}

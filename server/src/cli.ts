/**
 * `pnpm earshot <command>`: run the server, manage migrations, seed demo data, create users and tokens.
 * Exit codes: 0 ok, 1 failed, 2 bad arguments.
 */
import { parseArgs } from 'node:util';
import { ROLES, TOKEN_SCOPES } from '@earshot/shared';
import { MIN_PASSWORD_LENGTH, hashPassword } from './auth/passwords.js';
import { isRole, issueToken, parseScopes } from './auth/tokens.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { applyMigrations, createMigration, migrationStatus } from './db/migrations.js';
import { runServe } from './serve.js';
import { runSeed } from './seed-command.js';

const HELP = `Usage: pnpm earshot <command> [options]

Commands:
  serve                          Apply pending migrations and start the server (demo data on a new embedded database)
  migrate                        Apply pending migrations
  migrate:status                 Show applied and pending migrations (exit 1 when not up to date)
  migrate:new <name>             Write a new migration from changes to prisma/schema.prisma
  seed [--demo] [--reset]        Rebuild the synthetic demo data (embedded database); on PostgreSQL needs --demo;
                                 --reset wipes ALL data first (needed when it holds more than demo data)
  user create --email <e> --role <${ROLES.join('|')}> [--name <n>] [--password <p>] [--business-unit <b>]
  import <file.csv> [--kind invoices|payments] [--batch 2000] [--dry-run]
                                 Import an AR export (validated whole first; idempotent, re-run to resume; see import --help)
  token create --email <e> [--scopes <s,…>] [--name <n>] [--days <n>]
                                 Create an API token; prints the token alone on the last line
                                 Scopes: ${TOKEN_SCOPES.join(', ')}

Environment: DATABASE_URL (PostgreSQL; unset = embedded PGlite in EARSHOT_DATA_DIR, default ./data),
PORT, HOST, REDIS_URL, EARSHOT_DEMO_PASSWORD, EARSHOT_SEED_DEMO. See README "Configuration".`;

export class UsageError extends Error {}

function requireOption(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || !v.trim()) throw new UsageError(`--${name} is required`);
  return v.trim();
}

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await applyMigrations({ databaseUrl: config.databaseUrl, pglite: db.pglite });
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function userCreate(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' }, 'business-unit': { type: 'string' } },
  });
  const email = requireOption(values, 'email').toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new UsageError(`--email "${email}" is not an e-mail address`);
  const role = requireOption(values, 'role').toUpperCase();
  if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  if (values.password !== undefined && values.password.length < MIN_PASSWORD_LENGTH) {
    throw new UsageError(`--password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  const name = values.name?.trim() || email.split('@')[0]!;
  await withDb(async (db) => {
    if (await db.prisma.user.findUnique({ where: { email } })) throw new UsageError(`a user with e-mail ${email} already exists`);
    const user = await db.prisma.user.create({
      data: {
        email,
        role,
        name,
        businessUnit: values['business-unit'] ?? null,
        passwordHash: values.password ? await hashPassword(values.password) : null,
      },
    });
    await db.prisma.auditEvent.create({ data: { action: 'user.create', entityType: 'User', entityId: user.id, data: { via: 'cli', role } } });
    console.log(`created ${role} user ${email} (${user.id})${values.password ? '' : ' without a password: API tokens only'}`);
  });
}

async function tokenCreate(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, scopes: { type: 'string' }, name: { type: 'string' }, days: { type: 'string' } } });
  const email = requireOption(values, 'email').toLowerCase();
  let scopes: ReturnType<typeof parseScopes>;
  try {
    scopes = parseScopes((values.scopes ?? 'accounts:read').split(',').map((s) => s.trim()).filter(Boolean));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const days = values.days === undefined ? null : Number(values.days);
  if (days !== null && (!Number.isInteger(days) || days < 1 || days > 3650)) throw new UsageError('--days must be a whole number from 1 to 3650');
  await withDb(async (db) => {
    const user = await db.prisma.user.findUnique({ where: { email } });
    if (!user) throw new UsageError(`no user with e-mail ${email} (create one with: pnpm earshot user create)`);
    const { token, id, expiresAt } = await issueToken(db.prisma, { userId: user.id, kind: 'API', scopes, name: values.name ?? null, ttlHours: days ? days * 24 : null });
    await db.prisma.auditEvent.create({ data: { actorId: user.id, action: 'token.create', entityType: 'ApiToken', entityId: id, data: { via: 'cli', scopes } } });
    console.error(`API token for ${email} (${user.role}), scopes ${scopes.join(',')}, ${expiresAt ? `expires ${expiresAt.toISOString()}` : 'no expiry'}.`);
    console.error('Shown once; store it now. Send it as: Authorization: Bearer <token>');
    console.log(token);
  });
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const sub = rest[0];
  try {
    switch (command) {
      case 'serve':
        await runServe(loadConfig());
        return 0;
      case 'migrate': {
        const config = loadConfig();
        const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
        try {
          const applied = await applyMigrations({ databaseUrl: config.databaseUrl, pglite: db.pglite });
          console.log(applied.length ? `applied ${applied.join(', ')} on ${db.describe}` : `no pending migrations on ${db.describe}`);
        } finally {
          await db.close();
        }
        return 0;
      }
      case 'migrate:status': {
        const config = loadConfig();
        const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
        try {
          const s = await migrationStatus({ databaseUrl: config.databaseUrl, pglite: db.pglite });
          console.log(`database: ${db.describe}`);
          for (const m of s.migrations) console.log(`  ${s.pending.includes(m) ? 'pending ' : s.failed.includes(m) ? 'FAILED  ' : 'applied '} ${m}${s.edited.includes(m) ? ' (edited after it was applied)' : ''}`);
          for (const m of s.unknownApplied) console.log(`  unknown  ${m} (applied by a newer Earshot)`);
          console.log(s.upToDate ? 'up to date' : `${s.pending.length} pending, ${s.failed.length} failed`);
          return s.upToDate ? 0 : 1;
        } finally {
          await db.close();
        }
      }
      case 'migrate:new': {
        if (!sub || !/^[a-z0-9_]{1,60}$/.test(sub)) throw new UsageError('migrate:new needs a name of a-z, 0-9 and _, e.g. pnpm earshot migrate:new add_visits');
        const folder = await createMigration(sub);
        console.log(folder ? `wrote prisma/migrations/${folder}/migration.sql` : 'schema.prisma has no changes: no migration written');
        return 0;
      }
      case 'seed': {
        const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean' }, reset: { type: 'boolean' } } });
        await runSeed(loadConfig(), { reset: !!values.reset, demo: !!values.demo });
        return 0;
      }
      case 'user':
        if (sub !== 'create') throw new UsageError('usage: pnpm earshot user create --email <e> --role <ROLE>');
        await userCreate(rest.slice(1));
        return 0;
      case 'import':
        return await (await import('./ledger/cli-import.js')).runImportCommand(rest);
      case 'token':
        if (sub !== 'create') throw new UsageError('usage: pnpm earshot token create --email <e> [--scopes …]');
        await tokenCreate(rest.slice(1));
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(HELP);
        return command ? 0 : 2;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { usage?: boolean }).usage || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`earshot: ${(e as Error).message}\nRun "pnpm earshot help" for usage.`);
      return 2;
    }
    console.error(`earshot: ${(e as Error).message}`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then((code) => {
    // Every command but `serve` is done here. Exit now rather than waiting for timers the schema engine's
    // WebAssembly runtime leaves behind (about 10 s).
    if (code !== 0 || process.argv[2] !== 'serve') process.exit(code);
  });
}

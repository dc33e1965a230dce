/**
 * The commands of `pnpm earshot` that work on the database, written against a CliIO and a Backend so they run
 * the same in the CLI's own process (database stopped, or PostgreSQL) and inside the running server (embedded
 * database in use: the CLI forwards them over the admin socket). Each returns its exit code:
 * 0 ok, 1 failed, 2 bad arguments.
 */
import { parseArgs } from 'node:util';
import { ROLES, TOKEN_SCOPES } from '@earshot/shared';
import { GraphQLError } from 'graphql';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { migrationStatus } from '../db/migrations.js';
import { runSeed } from '../seed-command.js';
import type { Services } from '../services/index.js';
import { createApiToken, DEFAULT_API_TOKEN_DAYS, listTokens, MAX_API_TOKEN_DAYS, revokeApiToken } from '../services/tokens.js';
import { createUser, deactivateUser, findUser, listUsers, reactivateUser, resetUserPassword } from '../services/users.js';
import { updateUserRole } from '../services/users.js';
import { backupCommand } from './backup.js';
import type { CliIO } from './io.js';

export class UsageError extends Error {}

/** An open database; `appliedMigrations`: what opening it just applied (direct only). */
export type OpenDatabase = Database & { appliedMigrations?: string[] };

export interface Backend {
  /** 'direct': this process opened the database; 'server': inside the running server, on its database. */
  where: 'direct' | 'server';
  config: Config;
  /**
   * Runs fn on an open database and its services. `migrations` (direct only; the server's database is migrated):
   * 'require' (default) a migrated database (db/migrations.ts requireMigrated), 'apply' applies pending ones
   * (migrate), 'read' leaves them alone (migrate:status).
   */
  withDb<T>(command: string, fn: (db: OpenDatabase, services: Services) => Promise<T>, opts?: { migrations?: 'require' | 'apply' | 'read' }): Promise<T>;
  /** Who runs the server, for messages (server only). */
  serverPid?: number;
}

export const USER_HELP = `  user list [--role <R>] [--inactive|--all]     Users (active ones unless told otherwise)
  user create --email <e> --role <${ROLES.join('|')}> [--name <n>] [--business-unit <b>] [--no-password]
                                 Prompts for a password (no echo), or reads one line of standard input;
                                 none (API tokens only) with --no-password or an empty line
  user set-role --email <e> --role <R>
  user deactivate --email <e>    Signs the user out everywhere: every session and API token stops working now
  user reactivate --email <e>    Lets them sign in again (their old tokens stay revoked)
  user reset-password --email <e>
                                 Prompts for the new password (or one line of standard input); ends their sessions`;

export const TOKEN_HELP = `  token list [--email <e>] [--all] [--sessions]
                                 API tokens (name, owner, scopes, created, last used, expiry); --all adds revoked
                                 and expired ones, --sessions sign-in sessions too
  token create --email <e> [--scopes <s,…>] [--name <n>] [--days <n>|never]
                                 Create an API token (expires in ${DEFAULT_API_TOKEN_DAYS} days unless --days; "never" only on request);
                                 prints the token alone on the last line. Scopes: ${TOKEN_SCOPES.join(', ')}
  token revoke <token id>        The id is the first column of token list`;

const PASSWORD_ON_COMMAND_LINE =
  'passwords are never given on the command line (shell history, process list): leave out --password; ' +
  'type it at the prompt, or pipe one line on standard input, e.g. printf \'%s\\n\' "$PASSWORD" | pnpm earshot …';

function refusePasswordOption(args: string[]): void {
  if (args.some((a) => a === '--password' || a.startsWith('--password='))) throw new UsageError(PASSWORD_ON_COMMAND_LINE);
}

function requireOption(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || !v.trim()) throw new UsageError(`--${name} is required`);
  return v.trim();
}

const EMAIL = { email: { type: 'string' } } as const;
const date = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') : '—');
const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Service validation errors name GraphQL input fields (`input.email: …`); on the command line, the option. */
function asUsage(e: unknown): unknown {
  if (e instanceof GraphQLError && e.extensions?.code === 'BAD_USER_INPUT') {
    return new UsageError(e.message.replace(/^input\.(\w+)/, (_m, f: string) => `--${kebab(f)}`));
  }
  if (e instanceof GraphQLError && e.extensions?.code === 'NOT_FOUND') return new UsageError(e.message);
  return e;
}

function table(io: CliIO, rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) io.out(r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  '));
}

async function user(args: string[], io: CliIO, backend: Backend): Promise<number> {
  const [sub, ...rest] = args;
  refusePasswordOption(rest);
  switch (sub) {
    case 'list': {
      const { values } = parseArgs({ args: rest, options: { role: { type: 'string' }, inactive: { type: 'boolean' }, all: { type: 'boolean' } } });
      const role = values.role?.toUpperCase();
      if (role && !(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      const users = await backend.withDb('user list', (db) =>
        listUsers(db.prisma, { role: role as never, active: values.all ? null : !values.inactive }),
      );
      if (!users.length) {
        io.err('no users match');
        return 0;
      }
      table(io, [
        ['EMAIL', 'ROLE', 'ACTIVE', 'PASSWORD', 'NAME', 'CREATED'],
        ...users.map((u) => [u.email, u.role, u.active ? 'yes' : 'no', u.passwordHash ? 'yes' : 'no', u.name, date(u.createdAt)]),
      ]);
      return 0;
    }
    case 'create': {
      const { values } = parseArgs({
        args: rest,
        options: { ...EMAIL, role: { type: 'string' }, name: { type: 'string' }, 'business-unit': { type: 'string' }, 'no-password': { type: 'boolean' } },
      });
      const email = requireOption(values, 'email');
      const role = requireOption(values, 'role');
      if (!(ROLES as readonly string[]).includes(role.toUpperCase())) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      const password = values['no-password'] ? null : await io.readSecret(`Password for ${email} (at least 10 characters; empty: none, API tokens only): `, { confirm: true });
      const created = await backend.withDb('user create', (db) =>
        createUser(db.prisma, null, { email, role, name: values.name ?? null, businessUnit: values['business-unit'] ?? null, password }),
      );
      io.out(`created ${created.role} user ${created.email} (${created.id})${created.passwordHash ? '' : ' without a password: API tokens only'}`);
      return 0;
    }
    case 'set-role': {
      const { values } = parseArgs({ args: rest, options: { ...EMAIL, role: { type: 'string' } } });
      const email = requireOption(values, 'email');
      const role = requireOption(values, 'role').toUpperCase();
      if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      const updated = await backend.withDb('user set-role', async (db) => updateUserRole(db.prisma, null, (await findUser(db.prisma, { email })).id, role));
      io.out(`${updated.email} is now ${updated.role}`);
      return 0;
    }
    case 'deactivate': {
      const { values } = parseArgs({ args: rest, options: EMAIL });
      const email = requireOption(values, 'email');
      const { user: u, revokedTokenCount } = await backend.withDb('user deactivate', async (db, services) =>
        deactivateUser(db.prisma, null, (await findUser(db.prisma, { email })).id, services),
      );
      io.out(`deactivated ${u.email}; revoked ${revokedTokenCount} token${revokedTokenCount === 1 ? '' : 's'} (sessions and API tokens)`);
      return 0;
    }
    case 'reactivate': {
      const { values } = parseArgs({ args: rest, options: EMAIL });
      const email = requireOption(values, 'email');
      const u = await backend.withDb('user reactivate', async (db) => reactivateUser(db.prisma, null, (await findUser(db.prisma, { email })).id));
      io.out(`reactivated ${u.email}: they can sign in again; issue new API tokens if needed (old ones stay revoked)`);
      return 0;
    }
    case 'reset-password': {
      const { values } = parseArgs({ args: rest, options: EMAIL });
      const email = requireOption(values, 'email');
      const { user: u, revokedSessionCount } = await backend.withDb('user reset-password', async (db, services) => {
        // The user must exist before anyone types a password.
        const target = await findUser(db.prisma, { email });
        const password = await io.readSecret(`New password for ${target.email} (at least 10 characters): `, { confirm: true });
        if (!password) throw new UsageError('no password given (type it at the prompt, or pipe one line on standard input)');
        return resetUserPassword(db.prisma, null, target.id, password, services);
      });
      io.out(`password of ${u.email} changed; ended ${revokedSessionCount} session${revokedSessionCount === 1 ? '' : 's'}`);
      return 0;
    }
    default:
      throw new UsageError(`usage:\n${USER_HELP}`);
  }
}

async function token(args: string[], io: CliIO, backend: Backend): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'list': {
      const { values } = parseArgs({ args: rest, options: { ...EMAIL, all: { type: 'boolean' }, sessions: { type: 'boolean' } } });
      const rows = await backend.withDb('token list', async (db) => {
        const userId = values.email ? (await findUser(db.prisma, { email: values.email })).id : null;
        return listTokens(db.prisma, { userId, kind: values.sessions ? null : 'API', includeInactive: !!values.all });
      });
      if (!rows.length) {
        io.err('no tokens match');
        return 0;
      }
      const now = new Date();
      const state = (t: (typeof rows)[number]) =>
        t.revokedAt ? `revoked ${date(t.revokedAt)}` : t.expiresAt && t.expiresAt <= now ? 'expired' : 'active';
      table(io, [
        ['ID', 'KIND', 'NAME', 'OWNER', 'SCOPES', 'CREATED', 'LAST USED', 'EXPIRES', 'STATE'],
        ...rows.map((t) => [t.id, t.kind, t.name ?? '—', t.user.email, t.kind === 'SESSION' ? '(role)' : t.scopes.join(','), date(t.createdAt), date(t.lastUsedAt), t.expiresAt ? date(t.expiresAt) : 'never', state(t)]),
      ]);
      return 0;
    }
    case 'create': {
      const { values } = parseArgs({ args: rest, options: { ...EMAIL, scopes: { type: 'string' }, name: { type: 'string' }, days: { type: 'string' } } });
      const email = requireOption(values, 'email');
      const scopes = (values.scopes ?? 'accounts:read')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const unknown = scopes.filter((s) => !(TOKEN_SCOPES as readonly string[]).includes(s));
      if (unknown.length) throw new UsageError(`Unknown scope(s): ${unknown.join(', ')}. Known: ${TOKEN_SCOPES.join(', ')}`);
      const never = values.days?.trim().toLowerCase() === 'never';
      const days = values.days === undefined || never ? null : Number(values.days);
      if (days !== null && (!Number.isInteger(days) || days < 1 || days > MAX_API_TOKEN_DAYS)) {
        throw new UsageError(`--days must be a whole number from 1 to ${MAX_API_TOKEN_DAYS}, or "never" (default ${DEFAULT_API_TOKEN_DAYS})`);
      }
      const issued = await backend.withDb('token create', async (db) =>
        createApiToken(db.prisma, null, { userId: (await findUser(db.prisma, { email })).id, scopes, name: values.name ?? null, expiresInDays: days, neverExpires: never }),
      );
      io.err(`API token ${issued.id} for ${issued.user.email} (${issued.user.role}), scopes ${scopes.join(',')}, ${issued.expiresAt ? `expires ${issued.expiresAt.toISOString()}` : 'never expires'}.`);
      io.err('Shown once; store it now. Send it as: Authorization: Bearer <token>');
      io.out(issued.token);
      return 0;
    }
    case 'revoke': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
      if (positionals.length !== 1) throw new UsageError('usage: pnpm earshot token revoke <token id> (see pnpm earshot token list)');
      const id = positionals[0]!;
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw new UsageError(`"${id}" is not a token id (see the first column of pnpm earshot token list)`);
      const t = await backend.withDb('token revoke', (db, services) => revokeApiToken(db.prisma, null, id, services));
      io.out(`revoked ${t.kind === 'API' ? 'API token' : 'session'} ${t.id}${t.name ? ` (${t.name})` : ''}`);
      return 0;
    }
    default:
      throw new UsageError(`usage:\n${TOKEN_HELP}`);
  }
}

async function migrate(io: CliIO, backend: Backend): Promise<number> {
  return backend.withDb('migrate', async (db) => {
    if (backend.where === 'server') {
      // The server applied its migrations when it started; applying newer ones under it would change tables its
      // running code does not know. Report, or ask for a restart (serve applies them on start).
      const s = await migrationStatus({ pglite: db.pglite });
      if (!s.upToDate) {
        io.err(
          `earshot: ${s.pending.length} pending migration(s) (${s.pending.join(', ')}), but the server (process ${backend.serverPid}) is running on ${db.describe}. ` +
            'Restart it to apply them (serve applies pending migrations on start), or stop it and run pnpm earshot migrate.',
        );
        return 1;
      }
    }
    // Direct: withDb applied pending migrations already; say which.
    const applied = db.appliedMigrations ?? [];
    io.out(applied.length ? `applied ${applied.join(', ')} on ${db.describe}` : `no pending migrations on ${db.describe}`);
    return 0;
  }, { migrations: 'apply' });
}

async function migrateStatus(io: CliIO, backend: Backend): Promise<number> {
  return backend.withDb('migrate:status', async (db) => {
    const s = await migrationStatus({ databaseUrl: backend.config.databaseUrl, pglite: db.pglite });
    io.out(`database: ${db.describe}`);
    for (const m of s.migrations) io.out(`  ${s.pending.includes(m) ? 'pending ' : s.failed.includes(m) ? 'FAILED  ' : 'applied '} ${m}${s.edited.includes(m) ? ' (edited after it was applied)' : ''}`);
    for (const m of s.unknownApplied) io.out(`  unknown  ${m} (applied by a newer Earshot)`);
    io.out(s.upToDate ? 'up to date' : `${s.pending.length} pending, ${s.failed.length} failed`);
    return s.upToDate ? 0 : 1;
  }, { migrations: 'read' });
}

/** Commands that need the database. Returns null for a command it does not know. */
export async function runDbCommand(argv: string[], io: CliIO, backend: Backend): Promise<number | null> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'user':
        return await user(rest, io, backend);
      case 'token':
        return await token(rest, io, backend);
      case 'import':
        return await (await import('../ledger/cli-import.js')).runImportCommand(rest, io, backend);
      case 'migrate':
        return await migrate(io, backend);
      case 'migrate:status':
        return await migrateStatus(io, backend);
      case 'backup':
        return await backupCommand(rest, io, backend);
      case 'seed': {
        const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean' }, reset: { type: 'boolean' } } });
        if (backend.where === 'server') {
          io.err(
            `earshot: seed rebuilds the whole database (users, sessions, jobs included) and cannot run under the running server ` +
              `(process ${backend.serverPid}). Stop the server, run the seed, start it again.`,
          );
          return 1;
        }
        await runSeed(backend.config, { reset: !!values.reset, demo: !!values.demo }, io);
        return 0;
      }
      default:
        return null;
    }
  } catch (err) {
    const e = asUsage(err);
    if (e instanceof UsageError || (e as { usage?: boolean }).usage || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`earshot: ${(e as Error).message}\nRun "pnpm earshot help" for usage.`);
      return 2;
    }
    if ((e as { exitCode?: number }).exitCode) return (e as { exitCode: number }).exitCode;
    io.err(`earshot: ${(e as Error).message}`);
    return 1;
  }
}

export const DB_COMMANDS = new Set(['user', 'token', 'import', 'migrate', 'migrate:status', 'seed', 'backup']);

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from './auth/passwords.js';
import { authenticate } from './auth/tokens.js';
import { main } from './cli.js';
import { openDatabase } from './db/client.js';
import { captureIO } from './test-support/cli.js';

describe('pnpm earshot (CLI, embedded database, server stopped)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earshot-cli-'));
  const saved = { ...process.env };
  const io = captureIO();
  const out = () => io.stdout.join('\n');
  const err = () => io.stderr.join('\n');

  beforeAll(() => {
    process.env.EARSHOT_DATA_DIR = dir;
    delete process.env.DATABASE_URL;
  });
  afterAll(() => {
    process.env = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = async (argv: string[], secrets: (string | null)[] = []) => {
    io.reset();
    io.secrets = [...secrets];
    return main(argv, io);
  };
  const withDb = async <T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>) => {
    const db = await openDatabase({ dataDir: dir });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  };

  it('prints usage, and exits 2 on a missing or unknown command', async () => {
    expect(await run(['help'])).toBe(0);
    expect(out()).toMatch(/token create --email/);
    expect(out()).toMatch(/user deactivate --email/);
    expect(await run([])).toBe(2);
    expect(await run(['frobnicate'])).toBe(2);
    expect(err()).toMatch(/unknown command "frobnicate"/);
  });

  it.each([
    [['user', 'create', '--role', 'SALES', '--no-password'], /--email is required/],
    [['user', 'create', '--email', 'x@y.example', '--role', 'BOSS'], /--role must be one of ADMIN, CREDIT, SALES, VIEWER/],
    [['user', 'create', '--email', 'x@y.example', '--role', 'SALES', '--colour', 'red'], /Unknown option '--colour'/],
    [['user', 'create', '--email', 'x@y.example', '--role', 'SALES', '--password', 'long-enough-secret'], /never given on the command line[\s\S]*standard input/],
    [['user', 'reset-password', '--email', 'x@y.example', '--password=long-enough-secret'], /never given on the command line/],
    [['user', 'frobnicate'], /user list/],
    [['token', 'create', '--email', 'x@y.example', '--scopes', 'accounts:read,world:domination'], /Unknown scope\(s\): world:domination/],
    [['token', 'create', '--email', 'x@y.example', '--days', '0'], /--days must be a whole number from 1 to 3650, or "never"/],
    [['token', 'revoke', 'esk_abc'], /is not a token id/],
    [['migrate:new', 'Bad Name'], /migrate:new needs a name/],
  ])('rejects %j with exit code 2 and a clear message', async (argv, message) => {
    expect(await run(argv)).toBe(2);
    expect(err()).toMatch(message);
  });

  it('creates users (password from the prompt / standard input, or none) and API tokens that expire in a year by default', async () => {
    expect(await run(['user', 'create', '--email', 'Feed@Erp.Example', '--role', 'credit', '--name', 'ERP feed'], [null])).toBe(0);
    expect(out()).toMatch(/created CREDIT user feed@erp.example .* without a password: API tokens only/);
    expect(await run(['user', 'create', '--email', 'feed@erp.example', '--role', 'CREDIT'], [null])).toBe(2);
    expect(err()).toMatch(/--email: a user with e-mail feed@erp.example already exists/);
    expect(await run(['user', 'create', '--email', 'ann@erp.example', '--role', 'SALES'], ['short'])).toBe(2);
    expect(err()).toMatch(/--password: must be at least 10 characters/);
    expect(await run(['user', 'create', '--email', 'ann@erp.example', '--role', 'ADMIN'], ['a-long-password'])).toBe(0);
    expect(io.prompts[0]).toMatch(/Password for ann@erp.example/);
    expect(await withDb(async (db) => verifyPassword('a-long-password', (await db.prisma.user.findUniqueOrThrow({ where: { email: 'ann@erp.example' } })).passwordHash!))).toBe(true);

    expect(await run(['token', 'create', '--email', 'feed@erp.example', '--scopes', 'ledger:write,accounts:read', '--name', 'nightly'])).toBe(0);
    const token = io.stdout.at(-1)!;
    expect(token).toMatch(/^esk_[A-Za-z0-9_-]{43}$/);
    const expires = new Date(/expires (\S+)\./.exec(err())![1]!);
    expect(Math.round((expires.getTime() - Date.now()) / 86_400_000)).toBe(365);
    expect(await run(['token', 'create', '--email', 'feed@erp.example', '--days', 'never', '--name', 'forever'])).toBe(0);
    expect(err()).toMatch(/never expires/);
    await withDb(async (db) => {
      const viewer = await authenticate(db.prisma, token);
      expect(viewer).toMatchObject({ email: 'feed@erp.example', role: 'CREDIT', tokenKind: 'API' });
      expect([...(viewer?.scopes ?? [])].sort()).toEqual(['accounts:read', 'ledger:write']);
    });
  }, 300_000);

  it('lists users and tokens, changes roles, resets passwords, deactivates (revoking every token) and reactivates', async () => {
    expect(await run(['user', 'list'])).toBe(0);
    expect(out()).toMatch(/^EMAIL\s+ROLE\s+ACTIVE/);
    expect(out()).toMatch(/feed@erp.example\s+CREDIT\s+yes\s+no\s+ERP feed/);
    expect(await run(['token', 'list', '--email', 'feed@erp.example'])).toBe(0);
    expect(out()).toMatch(/nightly\s+feed@erp.example\s+ledger:write,accounts:read/);
    expect(out()).toMatch(/forever\s+feed@erp.example\s+accounts:read\s+.*never\s+active/);
    const id = /^([0-9a-f-]{36})\s+API\s+forever/m.exec(out())![1]!;
    expect(await run(['token', 'revoke', id])).toBe(0);
    expect(out()).toMatch(/revoked API token .* \(forever\)/);
    expect(await run(['token', 'list'])).toBe(0);
    expect(out()).not.toMatch(/forever/);
    expect(await run(['token', 'list', '--all'])).toBe(0);
    expect(out()).toMatch(/forever.*revoked/);

    expect(await run(['user', 'set-role', '--email', 'feed@erp.example', '--role', 'viewer'])).toBe(0);
    expect(out()).toMatch(/feed@erp.example is now VIEWER/);
    expect(await run(['user', 'set-role', '--email', 'ann@erp.example', '--role', 'SALES'])).toBe(2);
    expect(err()).toMatch(/last active ADMIN/);

    expect(await run(['user', 'reset-password', '--email', 'feed@erp.example'], ['new-password-123'])).toBe(0);
    expect(out()).toMatch(/password of feed@erp.example changed; ended 0 sessions/);
    expect(await run(['user', 'reset-password', '--email', 'nobody@erp.example'], ['new-password-123'])).toBe(2);
    expect(err()).toMatch(/User nobody@erp.example not found/);

    expect(await run(['user', 'deactivate', '--email', 'feed@erp.example'])).toBe(0);
    expect(out()).toMatch(/deactivated feed@erp.example; revoked 1 token/);
    await withDb(async (db) => {
      const tokens = await db.prisma.apiToken.findMany({ where: { user: { email: 'feed@erp.example' } } });
      expect(tokens.every((t) => t.revokedAt)).toBe(true);
      const audit = await db.prisma.auditEvent.findMany({ where: { action: { startsWith: 'user.' } }, orderBy: { createdAt: 'asc' } });
      expect(audit.map((a) => a.action)).toEqual(['user.create', 'user.create', 'user.setRole', 'user.resetPassword', 'user.deactivate']);
    });
    expect(await run(['user', 'list'])).toBe(0);
    expect(out()).not.toMatch(/feed@erp.example/);
    expect(await run(['user', 'list', '--inactive'])).toBe(0);
    expect(out()).toMatch(/feed@erp.example\s+VIEWER\s+no/);
    expect(await run(['user', 'reactivate', '--email', 'feed@erp.example'])).toBe(0);
    expect(out()).toMatch(/reactivated feed@erp.example/);
  }, 300_000);

  it('reports migration status', async () => {
    expect(await run(['migrate'])).toBe(0);
    expect(out()).toMatch(/no pending migrations/);
    expect(await run(['migrate:status'])).toBe(0);
    expect(out()).toMatch(/applied {2}\d{14}_init[\s\S]*up to date/);
  }, 120_000);
});

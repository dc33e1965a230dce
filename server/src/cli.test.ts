import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { authenticate } from './auth/tokens.js';
import { main } from './cli.js';
import { openDatabase } from './db/client.js';

describe('pnpm earshot (CLI)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earshot-cli-'));
  const saved = { ...process.env };
  let out: string[] = [];
  let err: string[] = [];

  beforeAll(() => {
    process.env.EARSHOT_DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  });
  afterAll(() => {
    process.env = saved;
    vi.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = async (...argv: string[]) => {
    out = [];
    err = [];
    return main(argv);
  };

  it('prints usage, and exits 2 on a missing or unknown command', async () => {
    expect(await run('help')).toBe(0);
    expect(out.join('\n')).toMatch(/token create --email/);
    expect(await run()).toBe(2);
    expect(await run('frobnicate')).toBe(2);
    expect(err.join('\n')).toMatch(/unknown command "frobnicate"/);
  });

  it.each([
    [['user', 'create', '--role', 'SALES'], /--email is required/],
    [['user', 'create', '--email', 'x@y.example', '--role', 'BOSS'], /--role must be one of ADMIN, CREDIT, SALES, VIEWER/],
    [['user', 'create', '--email', 'x@y.example', '--role', 'SALES', '--password', 'short'], /at least 10 characters/],
    [['user', 'create', '--email', 'x@y.example', '--role', 'SALES', '--colour', 'red'], /Unknown option '--colour'/],
    [['token', 'create', '--email', 'nobody@y.example'], /no user with e-mail nobody@y.example/],
    [['token', 'create', '--email', 'x@y.example', '--scopes', 'accounts:read,world:domination'], /Unknown scope\(s\): world:domination/],
    [['token', 'create', '--email', 'x@y.example', '--days', '0'], /--days must be a whole number/],
    [['migrate:new', 'Bad Name'], /migrate:new needs a name/],
  ])('rejects %j with exit code 2 and a clear message', async (argv, message) => {
    expect(await run(...argv)).toBe(2);
    expect(err.join('\n')).toMatch(message);
  });

  it('creates a user and an API token that authenticates with its scopes; the token is alone on the last line', async () => {
    expect(await run('user', 'create', '--email', 'Feed@Erp.Example', '--role', 'credit', '--name', 'ERP feed')).toBe(0);
    expect(out.join('\n')).toMatch(/created CREDIT user feed@erp.example/);
    expect(await run('user', 'create', '--email', 'feed@erp.example', '--role', 'CREDIT')).toBe(2);
    expect(await run('token', 'create', '--email', 'feed@erp.example', '--scopes', 'ledger:write,accounts:read', '--name', 'nightly')).toBe(0);
    const token = out.at(-1)!;
    expect(token).toMatch(/^esk_[A-Za-z0-9_-]{43}$/);
    const db = await openDatabase({ dataDir: dir });
    try {
      const viewer = await authenticate(db.prisma, token);
      expect(viewer).toMatchObject({ email: 'feed@erp.example', role: 'CREDIT', tokenKind: 'API' });
      expect([...(viewer?.scopes ?? [])].sort()).toEqual(['accounts:read', 'ledger:write']);
    } finally {
      await db.close();
    }
  });

  it('reports migration status', async () => {
    expect(await run('migrate')).toBe(0);
    expect(out.join('\n')).toMatch(/no pending migrations/);
    expect(await run('migrate:status')).toBe(0);
    expect(out.join('\n')).toMatch(/applied {2}\d{14}_init[\s\S]*up to date/);
  });
});

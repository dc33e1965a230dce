/**
 * The admin socket's protocol in one process (fast): the server side on an in-memory database, the CLI side
 * through runThroughServer with a recorded terminal. server-cli.test.ts does the same with real processes.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../auth/passwords.js';
import { loadConfig } from '../config.js';
import type { LockHolder } from '../db/lock.js';
import { createServices } from '../services/index.js';
import type { AuthRevokedEvent } from '../services/users.js';
import { captureIO } from '../test-support/cli.js';
import { createTestDatabase, type TestDatabase } from '../test-support/databases.js';
import { type AdminSocket, startAdminSocket } from './admin-socket.js';
import { runThroughServer } from './remote.js';

describe('admin socket (CLI through the running server)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earshot-sock-'));
  const socketPath = path.join(dir, 'earshot.sock');
  const revoked: AuthRevokedEvent[] = [];
  let db: TestDatabase;
  let socket: AdminSocket;
  const holder: LockHolder = { pid: process.pid, host: os.hostname(), command: 'serve', socket: socketPath, address: null, startedAt: '', procStart: null };
  const run = async (argv: string[], opts: { secrets?: (string | null)[]; cwd?: string } = {}) => {
    const io = captureIO(opts);
    const code = await runThroughServer(holder, argv, io);
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n'), prompts: io.prompts };
  };

  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    const services = createServices(db.prisma, { onAuthRevoked: (e) => void revoked.push(e) });
    socket = await startAdminSocket(socketPath, db, services, { ...loadConfig({}), dataDir: dir, databaseUrl: undefined });
  }, 120_000);
  afterAll(async () => {
    await socket?.close();
    await db?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is owner-only', () => {
    expect(fs.statSync(socketPath).mode & 0o777).toBe(0o600);
  });

  it('runs commands on the server’s database, relaying the password prompt to the CLI’s terminal and the exit code back', async () => {
    const created = await run(['user', 'create', '--email', 'kim@corp.example', '--role', 'ADMIN'], { secrets: ['kims-password-1'] });
    expect(created).toMatchObject({ code: 0, prompts: [expect.stringMatching(/Password for kim@corp.example/)] });
    expect(created.out).toMatch(/created ADMIN user kim@corp.example/);
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: 'kim@corp.example' } });
    expect(await verifyPassword('kims-password-1', user.passwordHash!)).toBe(true);

    expect(await run(['user', 'create', '--email', 'kim@corp.example', '--role', 'ADMIN'], { secrets: [null] })).toMatchObject({ code: 2 });
    const token = await run(['token', 'create', '--email', 'kim@corp.example', '--days', '30']);
    expect(token.code).toBe(0);
    expect(token.out).toMatch(/^esk_/);
    expect(token.err).toMatch(/expires/);
    const id = /API token (\S+) for/.exec(token.err)![1]!;
    expect(await run(['token', 'revoke', id])).toMatchObject({ code: 0 });
    expect(revoked).toEqual([{ tokenIds: [id], reason: 'token.revoke' }]);
    expect(await run(['user', 'deactivate', '--email', 'kim@corp.example'])).toMatchObject({ code: 2, err: expect.stringMatching(/last active ADMIN/) });
  });

  it('answers migrate like a stopped server when up to date; refuses seed, with the reason', async () => {
    const migrate = await run(['migrate']);
    expect(migrate).toMatchObject({ code: 0, out: 'no pending migrations on embedded PGlite (in memory)' });
    const seed = await run(['seed']);
    expect(seed.code).toBe(1);
    expect(seed.err).toMatch(/seed rebuilds the whole database .* cannot run under the running server/);
  }, 120_000);

  it('resolves an import path against the CLI’s folder', async () => {
    const r = await run(['import', 'nope.csv'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err).toContain(`looked for ${path.join(dir, 'nope.csv')}`);
  });

  it('refuses malformed requests and commands it does not run', async () => {
    const raw = (payload: string) =>
      new Promise<string>((resolve) => {
        let got = '';
        const c = net.createConnection(socketPath, () => c.write(payload));
        c.on('data', (d) => (got += d));
        c.on('close', () => resolve(got));
      });
    expect(await raw('not json\n')).toMatch(/"code":2/);
    expect(await raw(`${JSON.stringify({ t: 'run', argv: ['serve'], cwd: '/' })}\n`)).toMatch(/does not run \\"serve\\"[\s\S]*"code":2/);
    expect(await raw(`${JSON.stringify({ t: 'run', argv: [1], cwd: '/' })}\n`)).toMatch(/malformed request/);
  });
});

import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../test-support/databases.js';

describe.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL connection pool', () => {
  it('survives the server closing its idle connections, and reconnects', async () => {
    const db = await createTestDatabase('postgres');
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await db.prisma.account.count()).toBe(0);
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      const killed = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
        new URL(db.url!).pathname.slice(1),
      ]);
      await admin.end();
      expect(killed.rowCount).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 200));
      expect(logged.mock.calls.some((c) => String(c[0]).includes('idle connection lost'))).toBe(true);
      expect(await db.prisma.account.count()).toBe(0);
    } finally {
      logged.mockRestore();
      await db.drop();
    }
  });
});

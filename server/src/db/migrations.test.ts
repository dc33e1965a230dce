import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DB_KINDS } from '../test-support/databases.js';
import { applyMigrations, loadMigrations, MIGRATIONS_DIR, migrationStatus } from './migrations.js';

describe('migrations', () => {
  it('are Prisma-format folders with a lockfile', () => {
    const list = loadMigrations();
    expect(list.lockfile.content).toContain('provider = "postgresql"');
    expect(list.migrationDirectories.length).toBeGreaterThanOrEqual(2);
    for (const m of list.migrationDirectories) {
      expect(m.path).toMatch(/^\d{14}_[a-z0-9_]+$/);
      expect(m.migrationFile.content.tag).toBe('ok');
    }
  });

  it.each(DB_KINDS)('apply on %s, report status, and a second run applies nothing', async (kind) => {
    const db = await createTestDatabase(kind);
    try {
      const target = kind === 'pglite' ? { pglite: db.pglite } : { databaseUrl: db.url };
      const status = await migrationStatus(target);
      expect(status).toMatchObject({ pending: [], failed: [], upToDate: true });
      expect(await applyMigrations(target)).toEqual([]);
      const rows = await db.prisma.$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`;
      expect(rows.map((r) => r.migration_name)).toEqual(loadMigrations().migrationDirectories.map((m) => m.path));
      expect(rows.every((r) => r.finished_at)).toBe(true);
    } finally {
      await db.drop();
    }
  });

  describe('a failing migration on the embedded database', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earshot-mig-'));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('fails loudly and is not recorded as applied', async () => {
      for (const f of fs.readdirSync(MIGRATIONS_DIR)) fs.cpSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f), { recursive: true });
      fs.mkdirSync(path.join(dir, '29990101000000_broken'));
      fs.writeFileSync(path.join(dir, '29990101000000_broken', 'migration.sql'), 'ALTER TABLE "NoSuchTable" ADD COLUMN "x" TEXT;');
      const pglite = await PGlite.create('memory://');
      try {
        await expect(applyMigrations({ pglite }, dir)).rejects.toThrow(/NoSuchTable/);
        const status = await migrationStatus({ pglite }, dir);
        expect(status.upToDate).toBe(false);
        expect([...status.failed, ...status.pending]).toContain('29990101000000_broken');
      } finally {
        await pglite.close();
      }
    });
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ALERT_RULES } from '@earshot/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { applyMigrations } from './db/migrations.js';
import { runSeed, seedIfNew } from './seed-command.js';
import { NO_EVENTS } from './services/index.js';

describe('pnpm earshot seed (embedded)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earshot-seed-'));
  const config = { ...loadConfig({}), dataDir: dir, databaseUrl: undefined, demoPassword: 'demo-password-1' };
  let db: Awaited<ReturnType<typeof openDatabase>>;

  beforeAll(async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    await runSeed(config, { reset: false, demo: false });
    db = await openDatabase({ dataDir: dir });
  });
  afterAll(async () => {
    await db?.close();
    vi.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('scores every account, with a spread of risk levels', async () => {
    const accounts = await db.prisma.account.count();
    expect(accounts).toBeGreaterThanOrEqual(40);
    expect(await db.prisma.accountMetrics.count()).toBe(accounts);
    const levels = await db.prisma.accountMetrics.groupBy({ by: ['riskLevel'], _count: true });
    expect(levels.map((l) => l.riskLevel).sort()).toEqual(['CRITICAL', 'HIGH', 'LOW', 'MODERATE']);
  });

  it('shows every alert type', async () => {
    const rules = await db.prisma.alert.groupBy({ by: ['rule'], _count: true });
    expect(rules.map((r) => r.rule).sort()).toEqual([...ALERT_RULES].sort());
  });

  it('rebuilds demo data on request, and refuses to wipe data that is not demo data without --reset', async () => {
    await db.close();
    await runSeed(config, { reset: false, demo: false });
    db = await openDatabase({ dataDir: dir });
    expect(await db.prisma.user.count({ where: { email: 'credit@demo.earshot.test' } })).toBe(1);
    await db.prisma.user.create({ data: { email: 'real.person@yourco.example', name: 'Real Person', role: 'CREDIT' } });
    await db.close();
    await expect(runSeed(config, { reset: false, demo: false })).rejects.toThrow(/add --reset to wipe ALL/);
    await expect(runSeed({ ...config, databaseUrl: 'postgresql://x@127.0.0.1:1/x' }, { reset: false, demo: false })).rejects.toThrow(/pnpm earshot seed --demo/);
    db = await openDatabase({ dataDir: dir });
  });
});

describe('serve on a new embedded database', () => {
  it('never seeds demo users with NODE_ENV=production, and does otherwise', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const db = await openDatabase({ dataDir: 'memory://' });
    try {
      await applyMigrations({ pglite: db.pglite });
      const config = { ...loadConfig({ NODE_ENV: 'production' }), dataDir: 'memory://', databaseUrl: undefined };
      expect(config.production && config.seedDemo).toBe(true);
      await seedIfNew(db, config, { events: NO_EVENTS });
      expect(await db.prisma.user.count()).toBe(0);
      expect(await db.prisma.account.count()).toBe(0);
      expect(log.mock.calls.flat().join('\n')).toMatch(/NODE_ENV=production: no demo data/);
      await seedIfNew(db, { ...config, production: false }, { events: NO_EVENTS });
      expect(await db.prisma.user.count()).toBeGreaterThan(0);
    } finally {
      log.mockRestore();
      await db.close();
    }
  }, 120_000);
});

/**
 * Issue 7, as a real crash: a server process is killed with SIGKILL right after an import commits. The account's
 * status must catch up as soon as a server starts again — not 5 minutes later, not never.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVER_ROOT } from '../config.js';
import { type Database, openDatabase } from '../db/client.js';
import { applyMigrations } from '../db/migrations.js';
import { createDelivery } from '../events/delivery.js';
import { createServices } from '../services/index.js';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../test-support/databases.js';
import { collectingLog, waitFor } from '../test-support/delivery.js';
import { queueSettings } from './queues.js';

const TSX = path.join(SERVER_ROOT, 'node_modules', '.bin', 'tsx');

/** Runs the child; true when it died of SIGKILL (tsx reports its child's SIGKILL as exit code 137). */
function runAndKill(target: object, accountExternalId: string): Promise<{ killed: boolean; output: string }> {
  return new Promise((resolve) => {
    execFile(TSX, ['src/test-support/import-then-die.ts', JSON.stringify(target), accountExternalId], { cwd: SERVER_ROOT, timeout: 120_000 }, (error, stdout, stderr) => {
      const e = error as { signal?: NodeJS.Signals; code?: number } | null;
      resolve({ killed: e?.signal === 'SIGKILL' || e?.code === 137, output: `${stdout}\n${stderr}` });
    });
  });
}

describe.each(DB_KINDS)('a server killed right after an import commits, on %s', (kind) => {
  let tmp: string | undefined;
  let pg: TestDatabase | undefined;
  const open: Database[] = [];
  afterAll(async () => {
    for (const db of open) await db.close();
    await pg?.drop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('leaves the recompute job behind, and the next start runs it', async () => {
    let target: { dataDir: string } | { databaseUrl: string };
    if (kind === 'pglite') {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'earshot-kill-'));
      target = { dataDir: path.join(tmp, 'data') };
      const db = await openDatabase(target);
      await applyMigrations({ pglite: db.pglite });
      await db.prisma.account.create({ data: { name: 'Killed Ltd', externalId: 'KILL-1', currency: 'EUR' } });
      await db.close(); // one process per data directory: the child opens it next
    } else {
      pg = await createTestDatabase('postgres');
      target = { databaseUrl: pg.url! };
      await pg.prisma.account.create({ data: { name: 'Killed Ltd', externalId: 'KILL-1', currency: 'EUR' } });
    }

    const child = await runAndKill(target, 'KILL-1');
    expect(child.killed, child.output).toBe(true);

    const db = kind === 'pglite' ? await openDatabase(target) : pg!;
    if (kind === 'pglite') open.push(db);
    const account = await db.prisma.account.findUniqueOrThrow({ where: { externalId: 'KILL-1' } });
    expect(await db.prisma.invoice.count({ where: { accountId: account.id } })).toBe(1);
    expect(await db.prisma.accountMetrics.findUnique({ where: { accountId: account.id } })).toBeNull();

    // The next start of the server: its workers find the job the killed process committed with the rows.
    const delivery = createDelivery(db, {
      databaseUrl: 'databaseUrl' in target ? target.databaseUrl : undefined,
      webhookPolicy: { blockPrivateTargets: true },
      settings: queueSettings({ recomputeRetryDelay: 1, webhookRetryDelay: 1 }),
      pollingIntervalSeconds: 0.5,
      stopTimeoutMs: 2_000,
      log: collectingLog(),
    });
    await delivery.start(createServices(db.prisma, { events: delivery.events, jobs: delivery.jobs }));
    try {
      const m = await waitFor('status recomputed', () => db.prisma.accountMetrics.findUnique({ where: { accountId: account.id } }), 20_000);
      expect(m.exposure.toFixed(2)).toBe('321.00');
    } finally {
      await delivery.stop();
    }
  }, 150_000);
});

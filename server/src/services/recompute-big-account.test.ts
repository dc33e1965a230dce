/**
 * An account with more invoices than one statement can carry parameters for (PostgreSQL takes at most 65,535; the
 * outstanding-amount write sends 3 per invoice): its status is computed and every invoice's outstanding written.
 * Before, the chunk's write was refused ("bind message has … parameter formats"), retried account by account,
 * and such an account never got a status (the lookup benchmark's 30,000-invoice accounts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../test-support/databases.js';
import { recomputeAccounts } from './credit.js';

const INVOICES = 25_000; // 75,000 parameters in one statement, and more than two of INVOICES_PER_STATEMENT

describe.each(DB_KINDS)('recomputing an account with %s invoices on %s'.replace('%s', String(INVOICES)), (kind) => {
  let db: TestDatabase;
  let accountId: string;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const account = await db.prisma.account.create({ data: { name: 'Big Ledger Ltd', externalId: 'BIG-1', currency: 'EUR', creditLimit: '100000.00' } });
    accountId = account.id;
    await db.prisma.$executeRaw`
      INSERT INTO "Invoice" ("id", "externalId", "accountId", "number", "currency", "amount", "issuedAt", "dueAt", "updatedAt")
      SELECT 'big-inv-' || g, 'BIG-INV-' || g, ${accountId}, 'B' || g, 'EUR', 100.00, DATE '2026-01-01' + (g % 300), DATE '2026-01-31' + (g % 300), now()
      FROM generate_series(1, ${INVOICES}::int) AS g`;
  }, 120_000);
  afterAll(async () => {
    await db?.drop();
  });

  it('writes its status and every invoice’s outstanding in statements of at most INVOICES_PER_STATEMENT invoices', { timeout: 300_000 }, async () => {
    
    const { results, failed } = await recomputeAccounts(db.prisma, [accountId], { asOf: new Date('2026-12-01T12:00:00Z') });
    expect([...failed.values()]).toEqual([]);
    expect(results.has(accountId)).toBe(true);
    const metrics = await db.prisma.accountMetrics.findUnique({ where: { accountId } });
    expect(metrics).not.toBeNull();
    expect(metrics?.exposure.toString()).toBe(String(INVOICES * 100));
    const unwritten = await db.prisma.invoice.count({ where: { accountId, OR: [{ outstanding: null }, { outstanding: { not: '100' } }] } });
    expect(unwritten).toBe(0);
  });
});
